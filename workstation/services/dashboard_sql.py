"""The dashboard's SQL expressions on both back ends: local days and hours, response minutes,
response-time buckets, whether a resolution met its deadline, the joins of a rollup row's
dimensions, and statements built once.

Days and hours are the service centre's local ones. PostgreSQL converts with `timezone()`;
SQLite shifts by the zone's UTC offset at `now` (exact for zones without daylight saving,
such as Asia/Shanghai).
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Date,
    Integer,
    Select,
    case,
    cast,
    func,
)

from workstation.models import Customer, ProductModel, Queue, Ticket

_Statement = Select[*tuple[Any, ...]]
_T = TypeVar("_T")

# Response-time histogram buckets (minutes): (below this many minutes, bucket width).
BUCKETS: tuple[tuple[int | None, int], ...] = ((60, 1), (480, 10), (2880, 60), (None, 360))


@dataclass(frozen=True)
class Clock:
    """The centre's zone on one back end: local days as UTC instants and as SQL."""

    backend: str
    zone: ZoneInfo
    offset_minutes: int  # the zone's UTC offset at `now` (SQLite's shift)

    @classmethod
    def of(cls, backend: str, zone_name: str, now: datetime) -> Clock:
        zone = ZoneInfo(zone_name)
        offset = now.astimezone(zone).utcoffset() or timedelta()
        return cls(backend, zone, int(offset.total_seconds() // 60))

    def local_day(self, instant: datetime) -> date:
        return instant.astimezone(self.zone).date()

    def day_start(self, day: date) -> datetime:
        """The UTC instant a local day begins."""
        return datetime.combine(day, time(), self.zone).astimezone(UTC)

    def day_sql(self, column: Any) -> ColumnElement[Any]:
        if self.backend == "sqlite":
            return func.date(column, f"{self.offset_minutes:+d} minutes")
        return cast(func.timezone(self.zone.key, column), Date)

    def hour_sql(self, column: Any) -> ColumnElement[int]:
        if self.backend == "sqlite":
            return cast(func.strftime("%H", column, f"{self.offset_minutes:+d} minutes"), Integer)
        return cast(func.extract("hour", func.timezone(self.zone.key, column)), Integer)

    def minutes_between(self, start: Any, end: Any) -> ColumnElement[int]:
        """Whole minutes from `start` to `end` (seconds rounded, then truncated to minutes)."""
        seconds: ColumnElement[Any]
        if self.backend == "sqlite":
            seconds = (func.julianday(end) - func.julianday(start)) * 86400
        else:
            seconds = func.extract("epoch", end - start)
        whole: ColumnElement[int] = cast(func.round(seconds), Integer)
        return whole // 60


def as_date(value: Any) -> date:
    """A day as SQLite (text) or PostgreSQL (date) returns it."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def response_bucket(clock: Clock) -> ColumnElement[int]:
    """The histogram bucket (its lower bound in minutes) of a ticket's first response time;
    -1 for a ticket with no first response yet."""
    minutes = clock.minutes_between(Ticket.reported_at, Ticket.first_response_at)
    whens: list[tuple[ColumnElement[bool], ColumnElement[int] | int]] = [
        (Ticket.first_response_at.is_(None), -1),
        (minutes < 0, 0),
    ]
    last_width = 1
    for below, width in BUCKETS:
        bucket = minutes if width == 1 else (minutes // width) * width
        if below is None:
            last_width = width
            break
        whens.append((minutes < below, bucket))
    return case(*whens, else_=(minutes // last_width) * last_width)


def bucket_of(minutes: int) -> int:
    """The same bucket in Python (tests and legends)."""
    for below, width in BUCKETS:
        if below is None or minutes < below:
            return max(minutes, 0) // width * width
    raise AssertionError("the last bucket is open")


def resolution_met() -> ColumnElement[int]:
    """1 a ticket was resolved at or before its resolution deadline, else 0 (as the KPI
    service counts resolution compliance: tickets resolved in the period with a deadline)."""
    return case((Ticket.resolved_at <= Ticket.resolution_due_at, 1), else_=0)


def region_of_ticket() -> ColumnElement[int | None]:
    """A ticket's region: its queue's, else its customer's (as the queue counts it)."""
    return func.coalesce(Queue.region_id, Customer.region_id)


def joined_all(statement: _Statement) -> _Statement:
    """`statement` over tickets joined to every dimension a rollup row carries."""
    return (
        statement.select_from(Ticket)
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(Queue, Queue.id == Ticket.queue_id)
        .outerjoin(ProductModel, ProductModel.id == Ticket.product_model_id)
    )


_STATEMENTS: dict[tuple[Any, ...], Any] = {}


def cached(key: tuple[Any, ...], build: Callable[[], _T]) -> _T:
    """A statement built once per key: building one costs more than running it at small
    scale (SQLAlchemy then finds its compiled form by the statement's cache key)."""
    statement = _STATEMENTS.get(key)
    if statement is None:
        statement = _STATEMENTS[key] = build()
    return typing.cast(_T, statement)
