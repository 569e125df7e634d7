"""The cost of a visit: labour time × rate, distance × rate, the urgency surcharge, in cents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from workstation.services.visit_cost import (
    Rates,
    VisitCost,
    is_urgent,
    labour_minutes,
    visit_cost,
)

DEFAULT = Rates(Decimal("150.00"), Decimal("2.00"), Decimal("200.00"))
ODD = Rates(Decimal("99.99"), Decimal("2.35"), Decimal("88.88"))
FREE = Rates(Decimal(0), Decimal(0), Decimal(0))
D = Decimal


@pytest.mark.parametrize(
    ("minutes", "km", "urgent", "rates", "expected"),
    [
        # 1.5 hours at 150 an hour, nothing travelled.
        (90, D(0), False, DEFAULT, VisitCost(90, D("225.00"), D("0.00"), D("0.00"), D("225.00"))),
        # One minute is a sixtieth of the hourly rate.
        (1, D(0), False, DEFAULT, VisitCost(1, D("2.50"), D("0.00"), D("0.00"), D("2.50"))),
        # 12.5 km there and back at 2 a km; the surcharge once for an urgent visit.
        (
            60,
            D("12.5"),
            True,
            DEFAULT,
            VisitCost(60, D("150.00"), D("25.00"), D("200.00"), D("375.00")),
        ),
        # Cents round half up per part: 7 × 99.99 / 60 = 11.6655 → 11.67; 0.1 × 2.35 = 0.235
        # → 0.24; the total is the sum of the rounded parts.
        (7, D("0.1"), True, ODD, VisitCost(7, D("11.67"), D("0.24"), D("88.88"), D("100.79"))),
        # Rates of zero cost nothing; an urgent visit then has no surcharge either.
        (480, D("300"), True, FREE, VisitCost(480, D("0.00"), D("0.00"), D("0.00"), D("0.00"))),
        # A long day far away: 8 h and 1999.9 km.
        (
            480,
            D("1999.9"),
            False,
            DEFAULT,
            VisitCost(480, D("1200.00"), D("3999.80"), D("0.00"), D("5199.80")),
        ),
        # Nothing at all.
        (0, D(0), False, DEFAULT, VisitCost(0, D("0.00"), D("0.00"), D("0.00"), D("0.00"))),
    ],
)
def test_cost_table(
    minutes: int, km: Decimal, urgent: bool, rates: Rates, expected: VisitCost
) -> None:
    cost = visit_cost(minutes, km, urgent, rates)
    assert cost == expected
    assert cost.total == cost.labour + cost.distance + cost.surcharge
    assert all(part.as_tuple().exponent == -2 for part in (cost.labour, cost.total))


def test_negative_time_or_distance_is_a_bug() -> None:
    with pytest.raises(ValueError):
        visit_cost(-1, D(0), False, DEFAULT)
    with pytest.raises(ValueError):
        visit_cost(10, D("-0.1"), False, DEFAULT)


ARRIVED = datetime(2026, 4, 1, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("stay", "minutes"),
    [
        (timedelta(minutes=90), 90),
        (timedelta(minutes=89, seconds=29), 89),
        (timedelta(minutes=89, seconds=30), 90),  # half a minute rounds up
        (timedelta(seconds=20), 0),
        (timedelta(0), 0),
        (timedelta(minutes=-5), 0),  # departure before arrival: no time (validation refuses)
    ],
)
def test_labour_minutes_on_site(stay: timedelta, minutes: int) -> None:
    assert labour_minutes(ARRIVED, ARRIVED + stay) == minutes


@pytest.mark.parametrize(
    ("urgency", "priorities", "urgent"),
    [
        ("urgent", ("P3",), True),  # the customer asked for it
        ("high", ("P2",), False),  # "high" is a wish, not the top level
        ("normal", ("P1",), True),  # the ticket is top priority
        ("", ("", "P1"), True),  # no ticket; the visit was booked as P1
        ("low", ("P4", ""), False),
        ("", (), False),
    ],
)
def test_when_a_visit_is_urgent(urgency: str, priorities: tuple[str, ...], urgent: bool) -> None:
    assert is_urgent(urgency, *priorities) is urgent
