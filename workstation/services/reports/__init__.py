"""The reports area: which reports there are, a preview of one, and its export to Excel.

`preview_report` gives the first rows of a report's first sheet for the screen;
`export_report` writes the whole workbook (a summary sheet first, then the detail sheets)
with progress and cancel. Both check Permission.EXPORT_REPORTS here, in the service.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workstation.export.columns import Column, ColumnKind
from workstation.export.workbook import CancelToken, Progress, StreamingWorkbook
from workstation.permissions import Permission, require
from workstation.services.reports.base import (
    ReportContent,
    ReportDefinition,
    ReportRequest,
    ReportSource,
    SummaryTable,
)
from workstation.services.reports.kpi_reports import build_failures, build_monthly_summary
from workstation.services.reports.people_reports import build_engineers, build_satisfaction
from workstation.services.reports.ticket_reports import (
    build_customer,
    build_sla_breaches,
    build_tickets,
)

if TYPE_CHECKING:
    from workstation.db import Database
    from workstation.services.auth import SignedInUser
    from workstation.services.options import QueueOption, RegionOption

PREVIEW_ROWS = 200

REPORTS: tuple[ReportDefinition, ...] = (
    ReportDefinition("monthly-summary", "report.monthly_summary", build_monthly_summary),
    ReportDefinition("tickets", "report.tickets", build_tickets),
    ReportDefinition("sla-breaches", "report.sla_breaches", build_sla_breaches),
    ReportDefinition("failures", "report.failures", build_failures),
    ReportDefinition("engineers", "report.engineers", build_engineers),
    ReportDefinition("customer", "report.customer", build_customer, needs_customer=True),
    ReportDefinition("satisfaction", "report.satisfaction", build_satisfaction),
)


class UnknownReport(ValueError):
    def __init__(self, name: str) -> None:
        super().__init__(f"no report {name!r} (known: {', '.join(report_names())})")
        self.name = name


class CustomerRequired(ValueError):
    """The customer report was asked for without a customer."""


def report_names() -> tuple[str, ...]:
    return tuple(report.name for report in REPORTS)


def report_definition(name: str) -> ReportDefinition:
    for report in REPORTS:
        if report.name == name:
            return report
    raise UnknownReport(name)


@dataclass(frozen=True)
class ReportPreview:
    """The first rows of the report's first sheet, and how many there are in all."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]
    total: int
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


def _check(user: SignedInUser, definition: ReportDefinition, request: ReportRequest) -> None:
    require(user.role, Permission.EXPORT_REPORTS)
    if definition.needs_customer and request.customer_id is None:
        raise CustomerRequired(definition.name)


def preview_report(
    db: Database,
    user: SignedInUser,
    name: str,
    request: ReportRequest,
    limit: int = PREVIEW_ROWS,
) -> ReportPreview:
    definition = report_definition(name)
    _check(user, definition, request)
    with db.session() as session:
        content = definition.build(ReportSource(session, db, user), request)
        for sheet in content.sheets[1:]:
            _close(sheet.rows)
        if content.preview_summary and content.summary is not None:
            _close(content.sheets[0].rows)
            table = content.summary
            return ReportPreview(
                content.title, table.columns, table.rows[:limit], len(table.rows), content.notes
            )
        first = content.sheets[0]
        rows = tuple(tuple(row) for row in itertools.islice(first.rows, limit))
        _close(first.rows)
        return ReportPreview(content.title, first.columns, rows, first.count, content.notes)


def default_file_name(name: str, request: ReportRequest) -> str:
    period = request.period
    customer = f"_customer-{request.customer_id}" if request.customer_id is not None else ""
    return f"{name}{customer}_{period.start.isoformat()}_{period.end.isoformat()}.xlsx"


def export_report(
    db: Database,
    user: SignedInUser,
    name: str,
    request: ReportRequest,
    target: Path,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    now: datetime | None = None,
) -> ExportResult:
    """Write the report to `target` (.xlsx): complete, or not at all (cancel, failure)."""
    definition = report_definition(name)
    _check(user, definition, request)
    written_at = now or datetime.now(UTC)
    with db.session() as session:
        content = definition.build(ReportSource(session, db, user), request)
        lines = _summary_lines(session, content, request, user, written_at)
        total = sum(sheet.count for sheet in content.sheets)
        with StreamingWorkbook(
            target, progress=progress, cancel=cancel, expected_rows=total
        ) as book:
            summary = content.summary or _row_counts(content, request)
            book.expect_more(len(summary.rows))
            ranges = {}
            for sheet in content.sheets:
                ranges[sheet.key] = book.add_table(sheet.title, sheet.columns, sheet.rows)
            summary_title = request.w("sheet.summary")
            written = book.add_table(
                summary_title,
                summary.columns,
                summary.rows,
                heading=(content.title, *(f"{k}: {v}" for k, v in lines), *content.notes, ""),
                autofilter=False,
            )
            book.workbook.move_sheet(written.sheet, offset=-len(content.sheets))
            anchor_col = len(summary.columns) + 2
            for index, chart in enumerate(content.charts):
                data = ranges[chart.sheet_key]
                if chart.top is not None:
                    data = replace(
                        data, last_row=min(data.last_row, data.first_row + chart.top - 1)
                    )
                book.add_line_chart(
                    written.sheet,
                    data,
                    chart.x_key,
                    chart.y_keys,
                    title=chart.title,
                    anchor=f"{_letter(anchor_col)}{2 + index * 17}",
                    bar=chart.bar,
                )
            book.commit()
        rows = sum(r.rows for r in ranges.values())
    return ExportResult(target, rows)


def _row_counts(content: ReportContent, request: ReportRequest) -> SummaryTable:
    """The summary of a report without KPIs: each sheet and its number of rows."""
    return SummaryTable(
        (
            Column("sheet", request.w("col.name"), width=30),
            Column("rows", request.w("line.rows"), ColumnKind.INTEGER),
        ),
        tuple((sheet.title, sheet.count) for sheet in content.sheets),
    )


def _summary_lines(
    session: Any,
    content: ReportContent,
    request: ReportRequest,
    user: SignedInUser,
    written_at: datetime,
) -> tuple[tuple[str, str], ...]:
    from workstation.export.columns import local_naive

    period = request.period
    return (
        (request.w("line.period"), f"{period.start.isoformat()} – {period.end.isoformat()}"),
        *content.lines,
        (request.w("line.filters"), describe_filter(session, request)),
        (request.w("line.generated"), local_naive(written_at).strftime("%Y-%m-%d %H:%M")),
        (request.w("line.by"), user.display_name),
    )


def describe_filter(session: Any, request: ReportRequest) -> str:
    """The filter in words: codes of the regions and queues, product kinds, tiers."""
    from sqlalchemy import select

    from workstation.models import Queue, Region

    flt = request.filter
    parts: list[str] = []
    if flt.region_ids:
        codes = session.scalars(select(Region.code).where(Region.id.in_(flt.region_ids))).all()
        parts.append(f"{request.w('filter.region')} {', '.join(sorted(codes))}")
    if flt.queue_ids:
        codes = session.scalars(select(Queue.code).where(Queue.id.in_(flt.queue_ids))).all()
        parts.append(f"{request.w('filter.queue')} {', '.join(sorted(codes))}")
    if flt.product_categories:
        parts.append(f"{request.w('filter.product')} {', '.join(flt.product_categories)}")
    if flt.tiers:
        parts.append(f"{request.w('filter.tier')} {', '.join(flt.tiers)}")
    return "; ".join(parts) if parts else request.w("line.no_filter")


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _close(rows: Sequence[Any] | Any) -> None:
    close = getattr(rows, "close", None)
    if close is not None:
        close()


@dataclass(frozen=True)
class ProductKindChoice:
    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class ReportChoices:
    """What the reports screen offers in its filter lists."""

    regions: tuple[RegionOption, ...]
    queues: tuple[QueueOption, ...]
    product_kinds: tuple[ProductKindChoice, ...]
    tiers: tuple[str, ...]


def report_choices(db: Database, user: SignedInUser) -> ReportChoices:
    from workstation.models.customers import Tier
    from workstation.services.options import queue_options, region_options
    from workstation.services.reference import product_kinds

    require(user.role, Permission.EXPORT_REPORTS)
    with db.session() as session:
        regions, queues = region_options(session), queue_options(session)
    kinds = tuple(ProductKindChoice(k.code, k.name_en, k.name_zh) for k in product_kinds())
    return ReportChoices(regions, queues, kinds, tuple(tier.value for tier in Tier))


def customer_for_report(db: Database, user: SignedInUser, text: str) -> tuple[int, str]:
    """The customer the screen's "customer" field names (id or phone): id and name."""
    from workstation.models import Customer
    from workstation.services.reports.scheduled import find_customer

    require(user.role, Permission.EXPORT_REPORTS)
    customer_id = find_customer(db, text.strip())
    with db.session() as session:
        customer = session.get(Customer, customer_id)
        return customer_id, customer.name if customer is not None else ""
