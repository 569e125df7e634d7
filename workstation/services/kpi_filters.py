"""The shared vocabulary of the dashboard, the reports and the KPIs: a period and a filter.

A `Period` is a run of the centre's local days (CENTRE_TIMEZONE), both ends included, so a
supervisor's "1 to 30 November" means the same tickets on every screen and in every
report; `bounds()` turns it into the half-open UTC range the database compares with, and
`previous()` gives the period of equal length just before it (for trends).

A `KpiFilter` narrows tickets by region, queue, product kind and customer tier; an empty
tuple means "all". `filtered()` adds the joins and clauses it needs to any SELECT over
tickets, so every KPI and every report filters the same way. `filtered_bound()` and
`within_bound()` do the same with bound parameters, for a statement built once per
`FilterShape` and run with `filter_params()` and `period_params()` (what the dashboard
refreshes every few seconds should not rebuild its SQL each time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, ColumnElement, Select, bindparam, func
from sqlalchemy.orm import aliased

from workstation.models import Customer, ProductModel, Queue, Ticket
from workstation.models.base import UTCDateTime
from workstation.services.intake import CENTRE_TIMEZONE

SelectT = TypeVar("SelectT", bound=Select)


@dataclass(frozen=True)
class Period:
    """Local days `start` to `end` of the centre, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period must not end before it starts: {self.start}-{self.end}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self) -> tuple[datetime, datetime]:
        """The UTC instants of the first day's local midnight and the day after the last."""
        zone = ZoneInfo(CENTRE_TIMEZONE)
        low = datetime.combine(self.start, time(0), tzinfo=zone)
        high = datetime.combine(self.end + timedelta(days=1), time(0), tzinfo=zone)
        return low.astimezone(UTC), high.astimezone(UTC)

    def previous(self) -> Period:
        """The period of the same number of days that ends the day before this one starts."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """A calendar month."""
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return cls(first, following - timedelta(days=1))


@dataclass(frozen=True)
class KpiFilter:
    """Which tickets count; each empty tuple means no restriction on that attribute.

    region_ids: the ticket's region (its queue's, else its customer's: as in the queue).
    queue_ids: the queue the ticket is in. product_categories: the product kind of the
    ticket's model (ProductModel.category; a ticket without a model is then left out).
    tiers: the customer's service tier (vip, key, standard).
    """

    region_ids: tuple[int, ...] = ()
    queue_ids: tuple[int, ...] = ()
    product_categories: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.region_ids or self.queue_ids or self.product_categories or self.tiers)


NO_FILTER = KpiFilter()

# The bound parameters of `filtered_bound` / `within_bound`: a statement built once per
# filter shape is run with these values (`filter_params`, `period_params`).
PERIOD_LOW, PERIOD_HIGH = "period_low", "period_high"
_FILTER_PARAMS = ("region_ids", "queue_ids", "product_categories", "tiers")


@dataclass(frozen=True)
class FilterShape:
    """Which of the filter's restrictions are in use: what a statement's form depends on."""

    regions: bool
    queues: bool
    categories: bool
    tiers: bool

    @classmethod
    def of(cls, flt: KpiFilter) -> FilterShape:
        return cls(
            bool(flt.region_ids), bool(flt.queue_ids), bool(flt.product_categories), bool(flt.tiers)
        )


def filter_params(flt: KpiFilter) -> dict[str, list[Any]]:
    """The values of a statement made by `filtered_bound` for this filter."""
    return {name: list(getattr(flt, name)) for name in _FILTER_PARAMS if getattr(flt, name)}


def period_params(period: Period) -> dict[str, datetime]:
    """The values of `within_bound` for this period."""
    low, high = period.bounds()
    return {PERIOD_LOW: low, PERIOD_HIGH: high}


def filtered(stmt: SelectT, flt: KpiFilter) -> SelectT:
    """`stmt` (a SELECT over Ticket) narrowed by `flt`, with the joins the filter needs.

    The joined tables are aliased, so a statement that joins Customer or ProductModel for
    its own columns is not confused by the filter's joins.
    """
    return _narrow(
        stmt, flt.region_ids or None, flt.queue_ids or None, flt.product_categories or None,
        flt.tiers or None,
    )  # fmt: skip


def filtered_bound(stmt: SelectT, shape: FilterShape) -> SelectT:
    """Like `filtered`, with the values as bound parameters (`filter_params`): a statement
    built once per shape serves every filter of that shape."""

    def bound(used: bool, name: str) -> BindParameter[Any] | None:
        return bindparam(name, expanding=True) if used else None

    return _narrow(
        stmt,
        bound(shape.regions, "region_ids"),
        bound(shape.queues, "queue_ids"),
        bound(shape.categories, "product_categories"),
        bound(shape.tiers, "tiers"),
    )


def _narrow(stmt: SelectT, regions: Any, queues: Any, categories: Any, tiers: Any) -> SelectT:
    """The joins and clauses of a filter; each argument is None (no restriction) or what the
    column must be IN (values, or an expanding bound parameter)."""
    customer = aliased(Customer, name="filter_customer")
    queue = aliased(Queue, name="filter_queue")
    model = aliased(ProductModel, name="filter_model")
    if regions is not None or tiers is not None:
        stmt = stmt.join(customer, customer.id == Ticket.customer_id)
    if regions is not None:
        stmt = stmt.outerjoin(queue, queue.id == Ticket.queue_id)
        region: ColumnElement[int | None] = func.coalesce(queue.region_id, customer.region_id)
        stmt = stmt.where(region.in_(regions))
    if tiers is not None:
        stmt = stmt.where(customer.tier.in_(tiers))
    if queues is not None:
        stmt = stmt.where(Ticket.queue_id.in_(queues))
    if categories is not None:
        stmt = stmt.join(model, model.id == Ticket.product_model_id).where(
            model.category.in_(categories)
        )
    return stmt


def within(column: Any, period: Period) -> ColumnElement[bool]:
    """`column` falls on one of the period's local days."""
    low, high = period.bounds()
    return (column >= low) & (column < high)


def within_bound(column: Any) -> ColumnElement[bool]:
    """`column` falls in the period given at execution (`period_params`)."""
    low = bindparam(PERIOD_LOW, type_=UTCDateTime())
    high = bindparam(PERIOD_HIGH, type_=UTCDateTime())
    return (column >= low) & (column < high)
