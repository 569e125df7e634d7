"""Reports on the KPI service (workstation/services/kpis.py): the monthly service summary
(every KPI of the period beside the previous period's and the change, plus the daily trend
as a native chart) and failures by model, symptom category and error code (feedback to R&D).

The KPI figures are the KPI service's own (one definition of each KPI everywhere: the
dashboard, these workbooks, ui/kpi_help.py); this module only lays them out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from workstation.export.columns import ColumnKind, local_naive
from workstation.models import Ticket
from workstation.services.kpi_filters import Period, filtered, within
from workstation.services.kpis import (
    FailureRow,
    KpiSummary,
    failures_by_error_code,
    failures_by_model,
    failures_by_symptom,
    kpi_summary,
)
from workstation.services.reports.base import (
    Chart,
    ReportContent,
    ReportRequest,
    ReportSource,
    Sheet,
    SummaryTable,
    column,
    stream,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

K = ColumnKind
# Rows of a failures sheet (the KPI service's top-N); a workbook can take many more than a
# dashboard shows.
FAILURE_ROWS = 1000
# Bars a failures chart shows (the most frequent); the sheet has them all.
CHART_TOP = 15


@dataclass(frozen=True)
class KpiLine:
    """One KPI of the summary: its field of KpiSummary and how its value is shown."""

    field: str
    kind: ColumnKind


KPI_LINES: tuple[KpiLine, ...] = (
    KpiLine("tickets_reported", K.INTEGER),
    KpiLine("faults_reported", K.INTEGER),
    KpiLine("first_call_resolution_rate", K.PERCENT),
    KpiLine("responded", K.INTEGER),
    KpiLine("mean_response_working_hours", K.HOURS),
    KpiLine("median_response_working_hours", K.HOURS),
    KpiLine("mean_response_clock_hours", K.HOURS),
    KpiLine("response_compliance", K.PERCENT),
    KpiLine("resolved", K.INTEGER),
    KpiLine("mean_resolution_working_hours", K.HOURS),
    KpiLine("median_resolution_working_hours", K.HOURS),
    KpiLine("mean_resolution_clock_hours", K.HOURS),
    KpiLine("resolution_compliance", K.PERCENT),
    KpiLine("reopen_rate", K.PERCENT),
    KpiLine("backlog", K.INTEGER),
    KpiLine("backlog_mean_age_hours", K.HOURS),
    KpiLine("follow_ups_scored", K.INTEGER),
    KpiLine("satisfaction_average", K.DECIMAL),
    KpiLine("satisfied_share", K.PERCENT),
    KpiLine("repeat_faults", K.INTEGER),
    KpiLine("repeat_fault_rate", K.PERCENT),
)


def kpi_rows(
    request: ReportRequest, now: KpiSummary, before: KpiSummary
) -> tuple[tuple[Any, ...], ...]:
    """KPI, this period, the previous period, the change (same unit; rates in points)."""
    rows = []
    for line in KPI_LINES:
        current, previous = getattr(now, line.field), getattr(before, line.field)
        change = None if current is None or previous is None else current - previous
        rows.append(
            (
                request.w(f"kpi.{line.field}"),
                (line.kind, current),
                (line.kind, previous),
                (line.kind, change),
            )
        )
    return tuple(rows)


def previous_of(period: Period) -> Period:
    """What a period is compared with: the calendar month before a calendar month (October
    with September, not with the 31 days from 31 August), else the equal stretch before."""
    month = Period.month(period.start.year, period.start.month)
    if period == month:
        before = period.start - timedelta(days=1)
        return Period.month(before.year, before.month)
    return period.previous()


def build_monthly_summary(source: ReportSource, request: ReportRequest) -> ReportContent:
    period = request.period
    previous = previous_of(period)
    now = kpi_summary(source.db, source.user, period, request.filter)
    before = kpi_summary(source.db, source.user, previous, request.filter)
    summary = SummaryTable(
        (
            column(request, "kpi"),
            column(request, "this_period", K.BY_ROW),
            column(request, "previous", K.BY_ROW),
            column(request, "change", K.BY_ROW),
        ),
        kpi_rows(request, now, before),
    )
    days = _daily(source.session, request)
    daily = Sheet(
        "daily",
        request.w("sheet.daily"),
        (
            column(request, "day", K.DATE),
            column(request, "reported", K.INTEGER),
            column(request, "resolved", K.INTEGER),
            column(request, "breaches", K.INTEGER),
            column(request, "reported_before", K.INTEGER),
        ),
        days,
        len(days),
    )
    lines = (
        (
            request.w("line.previous"),
            f"{previous.start.isoformat()} – {previous.end.isoformat()}",
        ),
    )
    charts = (
        Chart(
            "daily",
            "day",
            ("reported", "resolved", "reported_before"),
            request.w("sheet.daily"),
        ),
    )
    return ReportContent(
        request.w("report.monthly_summary"), lines, (daily,), summary, charts, preview_summary=True
    )


def _daily(session: Session, request: ReportRequest) -> tuple[tuple[Any, ...], ...]:
    """Per local day of the period: tickets reported, resolved, resolution deadlines breached;
    and those reported on the same day of the previous period (the trend's comparison)."""
    period = request.period
    previous = previous_of(period)

    def per_day(moment_column: Any, *where: Any, of: Any = period) -> Counter[date]:
        stmt = filtered(
            select(moment_column).select_from(Ticket).where(within(moment_column, of), *where),
            request.filter,
        )
        return Counter(local_naive(row[0]).date() for row in stream(session, stmt))

    reported = per_day(Ticket.reported_at)
    resolved = per_day(Ticket.resolved_at)
    breached = per_day(Ticket.resolution_due_at, Ticket.resolution_sla_flag == "breached")
    reported_before = per_day(Ticket.reported_at, of=previous)
    rows = []
    for offset in range(period.days):
        day = period.start + timedelta(days=offset)
        before = previous.start + timedelta(days=offset)
        rows.append((day, reported[day], resolved[day], breached[day], reported_before[before]))
    return tuple(rows)


# --- failures -------------------------------------------------------------------------------

Breakdown = Callable[..., tuple[FailureRow, ...]]


def _failure_sheet(
    source: ReportSource, request: ReportRequest, key: str, breakdown: Breakdown
) -> Sheet:
    rows = breakdown(source.db, source.user, request.period, request.filter, limit=FAILURE_ROWS)
    zh = request.language == "zh"
    return Sheet(
        key,
        request.w(f"sheet.{key}"),
        (
            column(request, "key"),
            column(request, "name", K.USER_TEXT),
            column(request, "faults", K.INTEGER),
            column(request, "share", K.PERCENT),
        ),
        tuple((r.key, r.name_zh if zh else r.name, r.faults, r.share) for r in rows),
        len(rows),
    )


def build_failures(source: ReportSource, request: ReportRequest) -> ReportContent:
    sheets = (
        _failure_sheet(source, request, "by_model", failures_by_model),
        _failure_sheet(source, request, "by_category", failures_by_symptom),
        _failure_sheet(source, request, "by_error_code", failures_by_error_code),
    )
    charts = tuple(
        Chart(sheet.key, "key", ("faults",), sheet.title, bar=True, top=CHART_TOP)
        for sheet in sheets
        if sheet.count
    )
    return ReportContent(request.w("report.failures"), (), sheets, charts=charts)
