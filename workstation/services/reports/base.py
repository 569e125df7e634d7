"""What a report is: its sheets (typed columns over rows streamed from the database), a few
summary lines, charts; and the request it answers (period, filter, customer, language).

A report builds its content inside one read session; sheet rows are generators that stream
plain tuples in partitions (yield_per: a server-side cursor on PostgreSQL), so the workbook
writer never holds more than a partition. The same content gives the screen's preview
(first rows of the first sheet) and the export.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workstation.export.columns import Column, ColumnKind
from workstation.services.kpi_filters import NO_FILTER, KpiFilter, Period
from workstation.services.reports.words import code_words, word

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session

    from workstation.db import Database
    from workstation.services.auth import SignedInUser

# Rows fetched from the database at a time while streaming.
PARTITION = 2000


@dataclass(frozen=True)
class ReportRequest:
    """What the user chose: the local days, the ticket filter, the customer (customer report
    only) and the language the workbook is written in."""

    period: Period
    filter: KpiFilter = NO_FILTER
    customer_id: int | None = None
    language: str = "en"

    def w(self, key: str) -> str:
        return word(key, self.language)

    def codes(self) -> dict[str, str]:
        """Stored codes (status, severity, …) to words in the request's language."""
        return code_words(self.language)


@dataclass(frozen=True)
class Sheet:
    """One detail sheet: typed columns and the rows (a one-shot iterator of tuples)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: Iterable[Sequence[Any]]
    count: int


@dataclass(frozen=True)
class Chart:
    """A native chart on the summary sheet over a sheet's columns."""

    sheet_key: str
    x_key: str
    y_keys: tuple[str, ...]
    title: str
    bar: bool = False
    # Only the first `top` rows (a sheet sorted most first), when set.
    top: int | None = None


@dataclass(frozen=True)
class SummaryTable:
    """A small table on the summary sheet (KPIs with their trend, totals)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class ReportContent:
    title: str
    lines: tuple[tuple[str, str], ...]
    sheets: tuple[Sheet, ...]
    summary: SummaryTable | None = None
    charts: tuple[Chart, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    # The preview shows the summary table (the KPIs) rather than the first sheet.
    preview_summary: bool = False


@dataclass(frozen=True)
class ReportSource:
    """What a report reads from: the open read session, and the database and user for the
    KPI service (which opens its own sessions and checks its own permission)."""

    session: Session
    db: Database
    user: SignedInUser


Builder = Callable[[ReportSource, ReportRequest], ReportContent]


@dataclass(frozen=True)
class ReportDefinition:
    name: str
    title_key: str
    build: Builder
    needs_customer: bool = False

    def title(self, language: str) -> str:
        return word(self.title_key, language)


def column(request: ReportRequest, key: str, kind: ColumnKind = ColumnKind.TEXT) -> Column:
    """A column whose heading is the word `col.<key>` in the request's language."""
    return Column(key, request.w(f"col.{key}"), kind)


def stream(session: Session, stmt: Select) -> Iterator[tuple[Any, ...]]:
    """The statement's rows as plain tuples, fetched a partition at a time."""
    result = session.execute(stmt, execution_options={"yield_per": PARTITION})
    for partition in result.partitions():
        for row in partition:
            yield tuple(row)


def count(session: Session, stmt: Select) -> int:
    from sqlalchemy import func, select

    found = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    return int(found or 0)


def hours_between(start: Any, end: Any) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 3600, 2)


def yes_no(request: ReportRequest, value: bool | None) -> str | None:
    if value is None:
        return None
    return request.w("yes" if value else "no")
