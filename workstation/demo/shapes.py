"""The statistical shape of the service desk's work: when calls come, how long things take.

Distributions are precomputed as tables drawn from with one `random()`
each (a quantile table stands in for `lognormvariate`), which is several
times cheaper per ticket and still deterministic for a seed.
"""

from __future__ import annotations

import math
from statistics import NormalDist

from workstation.models import Channel

TABLE_SIZE = 4096

# Relative volume of new tickets by local hour: peaks 9–11 and 14–16.
HOUR_WEIGHTS = (
    2, 1, 1, 1, 1, 2, 4, 10, 40, 90, 100, 80, 40, 60, 90, 90, 80, 50, 25, 15, 12, 10, 6, 3,
)  # fmt: skip
# Monday … Sunday.
WEEKDAY_WEIGHTS = (1.15, 1.05, 1.0, 1.0, 0.95, 0.35, 0.25)
HOLIDAY_WEIGHT = 0.3
MAKE_UP_DAY_WEIGHT = 0.85
# Ticket volume grows with the installed base over the two years.
GROWTH_OVER_WINDOW = 0.3

CHANNEL_WEIGHTS = (
    (Channel.PHONE.value, 60),
    (Channel.WECHAT.value, 15),
    (Channel.EMAIL.value, 12),
    (Channel.WEB.value, 8),
    (Channel.WALK_IN.value, 5),
)
AFTER_HOURS_CHANNELS = (
    (Channel.PHONE.value, 25),
    (Channel.WECHAT.value, 30),
    (Channel.EMAIL.value, 25),
    (Channel.WEB.value, 20),
)
URGENCY = {
    "critical": (("urgent", 6), ("high", 4)),
    "major": (("high", 5), ("normal", 5)),
    "minor": (("normal", 8), ("low", 2)),
}


def lognormal_table(median: float, sigma: float, cap: float) -> list[float]:
    """Quantiles of a log-normal distribution, capped, in TABLE_SIZE steps."""
    normal = NormalDist()
    mu = math.log(median)
    return [
        min(cap, math.exp(mu + sigma * normal.inv_cdf((i + 0.5) / TABLE_SIZE)))
        for i in range(TABLE_SIZE)
    ]


# Fraction of the SLA target actually used: a share above 1.0 is a breach.
# Response: median 30 % of the target, ~8 % late. Resolution: median 40 %, ~8 % late.
RESPONSE_FACTOR = lognormal_table(0.30, 0.85, 4.0)
RESOLUTION_FACTOR = lognormal_table(0.40, 0.65, 4.0)
# Hours between the fault starting and the call.
FAULT_LEAD_HOURS = lognormal_table(3.0, 1.2, 96.0)
# Minutes of a call.
INTAKE_CALL_MINUTES = lognormal_table(4.0, 0.5, 30.0)
FIRST_CALL_FIX_MINUTES = lognormal_table(11.0, 0.45, 45.0)
# Days from resolution to closure (customer confirms, follow-up call).
CLOSE_DAYS = lognormal_table(1.0, 0.8, 14.0)
