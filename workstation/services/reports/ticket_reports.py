"""Reports made of ticket rows: the detail list, SLA breaches with their reasons, and the
one-customer report (its tickets, calls and follow-ups in the period)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from workstation.export.columns import Column, ColumnKind
from workstation.models import (
    Call,
    Customer,
    Equipment,
    FollowUp,
    ProductModel,
    Queue,
    Region,
    SlaPause,
    SymptomCategory,
    Ticket,
    TicketEvent,
    User,
)
from workstation.models.tickets import SlaFlag
from workstation.services.kpi_filters import filtered, within
from workstation.services.reports.base import (
    ReportContent,
    ReportRequest,
    ReportSource,
    Sheet,
    column,
    count,
    hours_between,
    stream,
    yes_no,
)

if TYPE_CHECKING:
    from sqlalchemy import Select
    from sqlalchemy.orm import Session

K = ColumnKind


def ticket_columns(request: ReportRequest) -> tuple[Column, ...]:
    """The detail list's columns (also the benchmark's)."""
    c = request
    return (
        column(c, "number"),
        column(c, "reported_at", K.DATETIME),
        column(c, "channel"),
        column(c, "kind"),
        column(c, "customer", K.USER_TEXT),
        column(c, "tier"),
        column(c, "region"),
        column(c, "model"),
        column(c, "serial"),
        column(c, "category"),
        column(c, "error_code"),
        column(c, "severity"),
        column(c, "priority"),
        column(c, "status"),
        column(c, "queue"),
        column(c, "assignee", K.USER_TEXT),
        column(c, "response_due", K.DATETIME),
        column(c, "first_response", K.DATETIME),
        column(c, "resolution_due", K.DATETIME),
        column(c, "resolved_at", K.DATETIME),
        column(c, "response_hours", K.HOURS),
        column(c, "resolution_hours", K.HOURS),
        column(c, "response_flag"),
        column(c, "resolution_flag"),
        column(c, "first_call"),
        column(c, "description", K.USER_TEXT),
    )


def _ticket_select(request: ReportRequest) -> Select:
    queue = aliased(Queue)
    region = aliased(Region)
    assignee = aliased(User)
    symptom_name = SymptomCategory.name_zh if request.language == "zh" else SymptomCategory.name_en
    stmt = (
        select(
            Ticket.number,
            Ticket.reported_at,
            Ticket.channel,
            Ticket.kind,
            Customer.name,
            Customer.tier,
            region.code,
            ProductModel.code,
            Equipment.serial_number,
            symptom_name,
            Ticket.error_code,
            Ticket.severity,
            Ticket.priority,
            Ticket.status,
            queue.code,
            assignee.display_name,
            Ticket.response_due_at,
            Ticket.first_response_at,
            Ticket.resolution_due_at,
            Ticket.resolved_at,
            Ticket.response_sla_flag,
            Ticket.resolution_sla_flag,
            Ticket.resolved_on_first_call,
            Ticket.description,
        )
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(queue, queue.id == Ticket.queue_id)
        .outerjoin(region, region.id == func.coalesce(queue.region_id, Customer.region_id))
        .outerjoin(ProductModel, ProductModel.id == Ticket.product_model_id)
        .outerjoin(Equipment, Equipment.id == Ticket.equipment_id)
        .outerjoin(SymptomCategory, SymptomCategory.id == Ticket.symptom_category_id)
        .outerjoin(assignee, assignee.id == Ticket.assignee_id)
        .where(within(Ticket.reported_at, request.period))
        .order_by(Ticket.reported_at, Ticket.id)
    )
    stmt = filtered(stmt, request.filter)
    if request.customer_id is not None:
        stmt = stmt.where(Ticket.customer_id == request.customer_id)
    return stmt


def _ticket_rows(
    request: ReportRequest, raw: Iterator[tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    yes, no = request.w("yes"), request.w("no")
    codes = request.codes()
    word = codes.get
    for r in raw:
        reported, first, resolved = r[1], r[17], r[19]
        yield (
            r[0], reported, word(r[2], r[2]), word(r[3], r[3]), r[4], word(r[5], r[5]),
            *r[6:11], word(r[11], r[11]), r[12], word(r[13], r[13]), *r[14:20],
            hours_between(reported, first), hours_between(reported, resolved),
            word(r[20], r[20]), word(r[21], r[21]), yes if r[22] else no, r[23],
        )  # fmt: skip


def ticket_sheet(session: Session, request: ReportRequest) -> Sheet:
    stmt = _ticket_select(request)
    return Sheet(
        "tickets",
        request.w("sheet.tickets"),
        ticket_columns(request),
        _ticket_rows(request, stream(session, stmt)),
        count(session, stmt),
    )


def build_tickets(source: ReportSource, request: ReportRequest) -> ReportContent:
    session = source.session
    sheet = ticket_sheet(session, request)
    return ReportContent(request.w("report.tickets"), (), (sheet,))


# --- SLA breaches ---------------------------------------------------------------------------


def _breach_columns(request: ReportRequest) -> tuple[Column, ...]:
    c = request
    return (
        column(c, "number"),
        column(c, "reported_at", K.DATETIME),
        column(c, "customer", K.USER_TEXT),
        column(c, "priority"),
        column(c, "status"),
        column(c, "queue"),
        column(c, "assignee", K.USER_TEXT),
        column(c, "deadline"),
        column(c, "flag"),
        column(c, "due_at", K.DATETIME),
        column(c, "met_at", K.DATETIME),
        column(c, "hours_late", K.HOURS),
        column(c, "escalations", K.INTEGER),
        column(c, "escalation_reason", K.USER_TEXT),
        column(c, "pauses", K.INTEGER),
        column(c, "paused_hours", K.HOURS),
        column(c, "pause_reasons"),
        column(c, "root_cause", K.USER_TEXT),
    )


def _breach_select(request: ReportRequest) -> Select:
    """Tickets whose deadline fell in the period and was flagged at risk or breached, or was
    missed (met late) without a flag; one row per ticket, response and resolution side by
    side (split into rows in Python)."""
    queue = aliased(Queue)
    assignee = aliased(User)
    escalations = (
        select(
            TicketEvent.ticket_id, func.count().label("n"), func.max(TicketEvent.id).label("last")
        )
        .where(TicketEvent.kind == "escalated")
        .group_by(TicketEvent.ticket_id)
        .subquery()
    )
    last_escalation = aliased(TicketEvent)
    flagged = [SlaFlag.AT_RISK.value, SlaFlag.BREACHED.value]
    response_late = or_(
        Ticket.response_sla_flag.in_(flagged), Ticket.first_response_at > Ticket.response_due_at
    )
    resolution_late = or_(
        Ticket.resolution_sla_flag.in_(flagged), Ticket.resolved_at > Ticket.resolution_due_at
    )
    stmt = (
        select(
            Ticket.id,
            Ticket.number,
            Ticket.reported_at,
            Customer.name,
            Ticket.priority,
            Ticket.status,
            queue.code,
            assignee.display_name,
            Ticket.response_sla_flag,
            Ticket.response_due_at,
            Ticket.first_response_at,
            Ticket.resolution_sla_flag,
            Ticket.resolution_due_at,
            Ticket.resolved_at,
            func.coalesce(escalations.c.n, 0),
            last_escalation.details,
            Ticket.root_cause,
        )
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(queue, queue.id == Ticket.queue_id)
        .outerjoin(assignee, assignee.id == Ticket.assignee_id)
        .outerjoin(escalations, escalations.c.ticket_id == Ticket.id)
        .outerjoin(last_escalation, last_escalation.id == escalations.c.last)
        .where(
            or_(
                and_(within(Ticket.response_due_at, request.period), response_late),
                and_(within(Ticket.resolution_due_at, request.period), resolution_late),
            )
        )
        .order_by(Ticket.resolution_due_at, Ticket.id)
    )
    return filtered(stmt, request.filter)


def _pauses(session: Session, ticket_ids: list[int]) -> dict[int, tuple[int, float, str]]:
    """Per ticket: number of pauses, hours paused (closed pauses), their reasons."""
    if not ticket_ids:
        return {}
    found: dict[int, list[Any]] = {}
    rows = session.execute(
        select(SlaPause.ticket_id, SlaPause.started_at, SlaPause.ended_at, SlaPause.reason)
        .where(SlaPause.ticket_id.in_(ticket_ids))
        .order_by(SlaPause.ticket_id, SlaPause.started_at)
    )
    for ticket_id, started, ended, reason in rows:
        entry = found.setdefault(ticket_id, [0, 0.0, []])
        entry[0] += 1
        entry[1] += hours_between(started, ended) or 0.0
        if reason not in entry[2]:
            entry[2].append(reason)
    return {k: (n, round(h, 2), ", ".join(reasons)) for k, (n, h, reasons) in found.items()}


def _breach_rows(
    session: Session, request: ReportRequest, raw: Iterator[tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    period_low, period_high = request.period.bounds()
    batch: list[tuple[Any, ...]] = []

    def flush() -> Iterator[tuple[Any, ...]]:
        pauses = _pauses(session, [r[0] for r in batch])
        for r in batch:
            n_pauses, paused, reasons = pauses.get(r[0], (0, 0.0, ""))
            details = r[15] or {}
            word = request.codes().get
            reason = str(details.get("reason", "")) if isinstance(details, dict) else ""
            for deadline, flag, due, met in (
                ("response", r[8], r[9], r[10]),
                ("resolution", r[11], r[12], r[13]),
            ):
                if due is None or not (period_low <= due < period_high):
                    continue
                late = met is not None and met > due
                if not flag and not late:
                    continue
                shown_flag = flag or SlaFlag.BREACHED.value
                hours_late = hours_between(due, met) if late else None
                yield (
                    r[1], r[2], r[3], r[4], word(r[5], r[5]), r[6], r[7],
                    word(deadline, deadline), word(shown_flag, shown_flag), due, met, hours_late,
                    r[14], reason, n_pauses, paused, reasons, r[16],
                )  # fmt: skip
        batch.clear()

    for row in raw:
        batch.append(row)
        if len(batch) >= 500:
            yield from flush()
    yield from flush()


def build_sla_breaches(source: ReportSource, request: ReportRequest) -> ReportContent:
    session = source.session
    stmt = _breach_select(request)
    # Rows are read whole before the pauses of a batch are asked for: one cursor at a time.
    raw = iter(session.execute(stmt).all())
    sheet = Sheet(
        "breaches",
        request.w("sheet.breaches"),
        _breach_columns(request),
        _breach_rows(session, request, raw),
        count(session, stmt),
    )
    return ReportContent(request.w("report.sla_breaches"), (), (sheet,))


# --- one customer ---------------------------------------------------------------------------


def _call_sheet(session: Session, request: ReportRequest) -> Sheet:
    agent = aliased(User)
    c = request
    columns = (
        column(c, "started_at", K.DATETIME),
        column(c, "direction"),
        column(c, "channel"),
        column(c, "phone", K.USER_TEXT),
        column(c, "caller", K.USER_TEXT),
        column(c, "agent", K.USER_TEXT),
        column(c, "minutes", K.DECIMAL),
        column(c, "number"),
        column(c, "wrap_up"),
        column(c, "notes", K.USER_TEXT),
    )
    stmt = (
        select(
            Call.started_at,
            Call.direction,
            Call.channel,
            Call.phone,
            Call.caller_name,
            agent.display_name,
            Call.ended_at,
            Ticket.number,
            Call.wrap_up_code,
            Call.notes,
        )
        .outerjoin(agent, agent.id == Call.agent_id)
        .outerjoin(Ticket, Ticket.id == Call.ticket_id)
        .where(Call.customer_id == request.customer_id, within(Call.started_at, request.period))
        .order_by(Call.started_at, Call.id)
    )

    def rows() -> Iterator[tuple[Any, ...]]:
        word = request.codes().get
        for r in stream(session, stmt):
            minutes = None if r[6] is None else round((r[6] - r[0]).total_seconds() / 60, 1)
            yield (r[0], word(r[1], r[1]), word(r[2], r[2]), *r[3:6], minutes, *r[7:])

    return Sheet("calls", request.w("sheet.calls"), columns, rows(), count(session, stmt))


def follow_up_columns(request: ReportRequest) -> tuple[Column, ...]:
    c = request
    return (
        column(c, "number"),
        column(c, "customer", K.USER_TEXT),
        column(c, "due", K.DATETIME),
        column(c, "done_at", K.DATETIME),
        column(c, "status"),
        column(c, "reached"),
        column(c, "fixed"),
        column(c, "satisfaction", K.INTEGER),
        column(c, "outcome"),
        column(c, "done_by", K.USER_TEXT),
        column(c, "comments", K.USER_TEXT),
    )


def follow_up_select(request: ReportRequest) -> Select:
    """Follow-ups answered (or cancelled) in the period, of the filter's tickets."""
    done_by = aliased(User)
    stmt = (
        select(
            Ticket.number,
            Customer.name,
            FollowUp.due_at,
            FollowUp.done_at,
            FollowUp.status,
            FollowUp.reached,
            FollowUp.confirmed_fixed,
            FollowUp.satisfaction,
            FollowUp.outcome,
            done_by.display_name,
            FollowUp.comments,
        )
        .select_from(FollowUp)
        .join(Ticket, Ticket.id == FollowUp.ticket_id)
        .join(Customer, Customer.id == Ticket.customer_id)
        .outerjoin(done_by, done_by.id == FollowUp.done_by_id)
        .where(within(FollowUp.done_at, request.period))
        .order_by(FollowUp.done_at, FollowUp.id)
    )
    stmt = filtered(stmt, request.filter)
    if request.customer_id is not None:
        stmt = stmt.where(Ticket.customer_id == request.customer_id)
    return stmt


def follow_up_rows(
    request: ReportRequest, raw: Iterator[tuple[Any, ...]]
) -> Iterator[tuple[Any, ...]]:
    word = request.codes().get
    for r in raw:
        yield (
            *r[:4], word(r[4], r[4]), yes_no(request, r[5]), yes_no(request, r[6]), r[7],
            word(r[8], r[8]), *r[9:],
        )  # fmt: skip


def build_customer(source: ReportSource, request: ReportRequest) -> ReportContent:
    session = source.session
    if request.customer_id is None:
        raise ValueError("the customer report needs a customer")
    customer = session.get(Customer, request.customer_id)
    name = customer.name if customer is not None else str(request.customer_id)
    tickets = ticket_sheet(session, request)
    calls = _call_sheet(session, request)
    follow_stmt = follow_up_select(request)
    follow_ups = Sheet(
        "follow_ups",
        request.w("sheet.follow_ups"),
        follow_up_columns(request),
        follow_up_rows(request, stream(session, follow_stmt)),
        count(session, follow_stmt),
    )
    return ReportContent(
        request.w("report.customer"),
        ((request.w("line.customer"), name),),
        (tickets, calls, follow_ups),
    )
