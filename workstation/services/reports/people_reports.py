"""Reports about people: follow-up satisfaction (what customers said) and engineer
performance (what the tickets say of their assignees)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from workstation.export.columns import ColumnKind
from workstation.models import FollowUp, FollowUpStatus, Ticket, TicketEvent, User
from workstation.models.tickets import OPEN_STATUSES, SlaFlag
from workstation.services.kpi_filters import filtered, within
from workstation.services.reports.base import (
    Chart,
    ReportContent,
    ReportRequest,
    ReportSource,
    Sheet,
    SummaryTable,
    column,
    count,
    stream,
)
from workstation.services.reports.ticket_reports import (
    follow_up_columns,
    follow_up_rows,
    follow_up_select,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

K = ColumnKind


def build_satisfaction(source: ReportSource, request: ReportRequest) -> ReportContent:
    session = source.session
    """Every follow-up answered in the period, and how the scores spread (1 to 5)."""
    stmt = follow_up_select(request)
    answers = Sheet(
        "follow_ups",
        request.w("sheet.follow_ups"),
        follow_up_columns(request),
        follow_up_rows(request, stream(session, stmt)),
        count(session, stmt),
    )
    scored = (
        select(FollowUp.satisfaction, func.count())
        .select_from(FollowUp)
        .join(Ticket, Ticket.id == FollowUp.ticket_id)
        .where(
            within(FollowUp.done_at, request.period),
            FollowUp.status == FollowUpStatus.DONE.value,
            FollowUp.satisfaction.is_not(None),
        )
        .group_by(FollowUp.satisfaction)
    )
    by_score: dict[int, int] = {
        int(score or 0): int(n) for score, n in session.execute(filtered(scored, request.filter))
    }
    total = sum(by_score.values())
    spread = tuple(
        (score, by_score.get(score, 0), by_score.get(score, 0) / total if total else None)
        for score in range(1, 6)
    )
    scores = Sheet(
        "scores",
        request.w("sheet.scores"),
        (
            column(request, "score", K.INTEGER),
            column(request, "answers", K.INTEGER),
            column(request, "share", K.PERCENT),
        ),
        spread,
        len(spread),
    )
    average = sum(s * n for s, n in by_score.items()) / total if total else None
    summary = SummaryTable(
        (column(request, "kpi"), column(request, "this_period", K.DECIMAL)),
        (
            (request.w("col.answers"), total),
            (request.w("col.satisfaction"), round(average, 2) if average is not None else None),
        ),
    )
    chart = Chart("scores", "score", ("answers",), request.w("sheet.scores"), bar=True)
    return ReportContent(request.w("report.satisfaction"), (), (answers, scores), summary, (chart,))


def build_engineers(source: ReportSource, request: ReportRequest) -> ReportContent:
    session = source.session
    """Per assignee: tickets reported in the period, resolved in it (mean and longest time
    to resolve, on first call, late), reopened, and open now. Visits and parts are not in
    the schema yet (issue 5): the summary says so instead of showing a number."""
    low, high = request.period.bounds()
    resolved_in = (Ticket.resolved_at >= low) & (Ticket.resolved_at < high)
    reported_in = (Ticket.reported_at >= low) & (Ticket.reported_at < high)
    seconds = _seconds(session, Ticket.reported_at, Ticket.resolved_at)
    per_ticket = filtered(
        select(
            Ticket.assignee_id.label("user_id"),
            func.sum(case((reported_in, 1), else_=0)).label("reported"),
            func.sum(case((resolved_in, 1), else_=0)).label("resolved"),
            func.avg(case((resolved_in, seconds))).label("mean_s"),
            func.max(case((resolved_in, seconds))).label("max_s"),
            func.sum(case((resolved_in & Ticket.resolved_on_first_call, 1), else_=0)).label(
                "first_call"
            ),
            func.sum(
                case(
                    (
                        resolved_in
                        & (Ticket.resolution_sla_flag == SlaFlag.BREACHED.value),
                        1,
                    ),
                    else_=0,
                )
            ).label("breached"),
            func.sum(case((Ticket.status.in_([s.value for s in OPEN_STATUSES]), 1), else_=0))
            .label("open_now"),
        ).where(Ticket.assignee_id.is_not(None), reported_in | resolved_in
                | Ticket.status.in_([s.value for s in OPEN_STATUSES])),
        request.filter,
    ).group_by(Ticket.assignee_id).subquery()  # fmt: skip
    reopens = filtered(
        select(Ticket.assignee_id.label("user_id"), func.count().label("n"))
        .select_from(TicketEvent)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(TicketEvent.kind == "reopened", within(TicketEvent.at, request.period))
        .group_by(Ticket.assignee_id),
        request.filter,
    ).subquery()
    engineer = aliased(User)
    stmt = (
        select(
            engineer.display_name,
            engineer.role,
            per_ticket.c.reported,
            per_ticket.c.resolved,
            per_ticket.c.mean_s,
            per_ticket.c.max_s,
            per_ticket.c.first_call,
            per_ticket.c.breached,
            func.coalesce(reopens.c.n, 0),
            per_ticket.c.open_now,
        )
        .select_from(per_ticket)
        .join(engineer, engineer.id == per_ticket.c.user_id)
        .outerjoin(reopens, reopens.c.user_id == per_ticket.c.user_id)
        .order_by(per_ticket.c.resolved.desc(), engineer.display_name)
    )
    word = request.codes().get
    rows = tuple(
        (
            name,
            word(role, role),
            int(reported or 0),
            int(resolved or 0),
            _hours(mean_s),
            _hours(max_s),
            int(first_call or 0),
            int(breached or 0),
            int(reopened or 0),
            int(open_now or 0),
        )
        for name, role, reported, resolved, mean_s, max_s, first_call, breached, reopened, open_now
        in session.execute(stmt)
    )  # fmt: skip
    c = request
    columns = (
        column(c, "engineer", K.USER_TEXT),
        column(c, "role"),
        column(c, "assigned", K.INTEGER),
        column(c, "resolved", K.INTEGER),
        column(c, "mean_resolution", K.HOURS),
        column(c, "max_resolution", K.HOURS),
        column(c, "first_call_count", K.INTEGER),
        column(c, "breached", K.INTEGER),
        column(c, "reopened", K.INTEGER),
        column(c, "open_now", K.INTEGER),
    )
    sheet = Sheet("engineers", request.w("sheet.engineers"), columns, rows, len(rows))
    chart = Chart("engineers", "engineer", ("resolved",), request.w("col.resolved"), bar=True)
    return ReportContent(
        request.w("report.engineers"),
        (),
        (sheet,),
        charts=(chart,),
        notes=(request.w("note.engineers"),),
    )


def _seconds(session: Session, start: Any, end: Any) -> Any:
    """Seconds from `start` to `end` in SQL on either back end."""
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(end) - func.julianday(start)) * 86400.0
    return func.extract("epoch", end - start)


def _hours(seconds: Any) -> float | None:
    return None if seconds is None else round(float(seconds) / 3600, 2)
