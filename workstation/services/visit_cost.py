"""What a service visit costs: labour time, distance travelled, an urgency surcharge.

Pure arithmetic on Decimal (no database): the service sheet stores what it returns, and the
visit window previews it live with the same function. Each part is rounded to cents (half
up) and the total is the sum of the rounded parts, so the printed lines add up.

- labour: minutes on site (departure − arrival) × the hourly rate / 60;
- distance: kilometres travelled, there and back, × the rate per km;
- surcharge: added once when the visit is urgent (`is_urgent`).

The rates are the centre settings labour_rate_per_hour, distance_rate_per_km and
urgency_surcharge (services/centre_settings.py), in the centre's currency.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
MINUTES_PER_HOUR = Decimal(60)

# When a visit is urgent (it carries the urgency surcharge): the customer said "urgent" on
# the call (intake.URGENCIES: low, normal, high, urgent; "high" is a wish, not the top
# level), or the centre handles it at the top priority P1 (ticket_detail.PRIORITIES), be it
# the ticket's priority or the visit's own when it was booked with one.
URGENT_URGENCIES = frozenset({"urgent"})
URGENT_PRIORITIES = frozenset({"P1"})


@dataclass(frozen=True)
class Rates:
    """The centre's cost rates in force."""

    labour_per_hour: Decimal
    distance_per_km: Decimal
    urgency_surcharge: Decimal


@dataclass(frozen=True)
class VisitCost:
    """The parts of a visit's cost, each in cents, and their sum."""

    labour_minutes: int
    labour: Decimal
    distance: Decimal
    surcharge: Decimal
    total: Decimal


def is_urgent(urgency: str, *priorities: str) -> bool:
    """Whether the surcharge applies: the customer's urgency, or any of the priorities given
    (the ticket's, the visit's) is the top one."""
    return urgency in URGENT_URGENCIES or any(p in URGENT_PRIORITIES for p in priorities)


def labour_minutes(arrived_at: datetime, departed_at: datetime) -> int:
    """Whole minutes on site, a half minute rounded up; 0 when departure is not after arrival."""
    seconds = (departed_at - arrived_at).total_seconds()
    if seconds <= 0:
        return 0
    return int((Decimal(str(seconds)) / 60).quantize(Decimal(1), ROUND_HALF_UP))


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP)


def visit_cost(minutes: int, travel_km: Decimal, urgent: bool, rates: Rates) -> VisitCost:
    """The cost of `minutes` on site, `travel_km` travelled, surcharge if `urgent`."""
    if minutes < 0 or travel_km < 0:
        raise ValueError("minutes and kilometres cannot be negative")
    labour = cents(Decimal(minutes) * rates.labour_per_hour / MINUTES_PER_HOUR)
    distance = cents(travel_km * rates.distance_per_km)
    surcharge = cents(rates.urgency_surcharge) if urgent else cents(Decimal(0))
    return VisitCost(minutes, labour, distance, surcharge, labour + distance + surcharge)
