"""Words for visits and engineers: kinds, statuses, absences, working days, the scheduling
problems (visit_rules codes) and the visit lines of a ticket's timeline (translated)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.customer_dialogs import field_error_text
from ui.local_time import local_text, to_qdatetime
from ui.ticket_words import duration_text
from ui.vocabulary import ticket_status_name
from workstation.outcomes import FieldError


def visit_kind_name(kind: str) -> str:
    match kind:
        case "repair":
            return QCoreApplication.translate("VisitWords", "Repair")
        case "installation":
            return QCoreApplication.translate("VisitWords", "Installation and commissioning")
        case "preventive_maintenance":
            return QCoreApplication.translate("VisitWords", "Preventive maintenance")
        case "inspection":
            return QCoreApplication.translate("VisitWords", "Inspection")
        case "training":
            return QCoreApplication.translate("VisitWords", "Customer staff training")
    return kind


def visit_status_name(status: str) -> str:
    match status:
        case "unscheduled":
            return QCoreApplication.translate("VisitWords", "to schedule")
        case "booked":
            return QCoreApplication.translate("VisitWords", "booked")
        case "completed":
            return QCoreApplication.translate("VisitWords", "completed")
        case "cancelled":
            return QCoreApplication.translate("VisitWords", "cancelled")
    return status


def absence_kind_name(kind: str) -> str:
    match kind:
        case "leave":
            return QCoreApplication.translate("VisitWords", "Leave")
        case "training":
            return QCoreApplication.translate("VisitWords", "Training")
        case "sick":
            return QCoreApplication.translate("VisitWords", "Sick")
        case "other":
            return QCoreApplication.translate("VisitWords", "Other")
    return kind


def weekday_name(iso_day: int) -> str:
    """Short weekday name, 1 = Monday."""
    names = (
        QCoreApplication.translate("VisitWords", "Mon"),
        QCoreApplication.translate("VisitWords", "Tue"),
        QCoreApplication.translate("VisitWords", "Wed"),
        QCoreApplication.translate("VisitWords", "Thu"),
        QCoreApplication.translate("VisitWords", "Fri"),
        QCoreApplication.translate("VisitWords", "Sat"),
        QCoreApplication.translate("VisitWords", "Sun"),
    )
    return names[iso_day - 1] if 1 <= iso_day <= 7 else str(iso_day)


def work_days_text(days: str) -> str:
    """ "12345" → "Mon Tue Wed Thu Fri"."""
    return " ".join(weekday_name(int(d)) for d in days if d.isdigit())


def minute_text(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def span_text(starts_at: datetime | None, ends_at: datetime | None) -> str:
    """ "2026-06-01 09:00–11:00" (the end's day too when it is another day)."""
    if starts_at is None:
        return ""
    start = local_text(starts_at)
    if ends_at is None:
        return start
    end = local_text(ends_at)
    if end[:10] == start[:10]:
        end = end[11:]
    return f"{start}–{end}"


def _instant(value: object) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


def weekday_of(moment: datetime) -> str:
    return weekday_name(to_qdatetime(moment).date().dayOfWeek())


def visit_problem_text(error: FieldError) -> str:
    """The sentence for a scheduling problem or a refusal of the visit services."""
    p = dict(error.params)
    match error.code:
        case "overlap":
            if p.get("starts_at"):
                return QCoreApplication.translate(
                    "VisitWords", "Already booked then: {customer}, {time}."
                ).format(
                    customer=p.get("customer", ""),
                    time=span_text(_instant(p.get("starts_at")), _instant(p.get("ends_at"))),
                )
            return QCoreApplication.translate(
                "VisitWords", "Another desk has just booked the engineer then."
            )
        case "outside_hours":
            return QCoreApplication.translate(
                "VisitWords", "Outside the engineer's working hours ({start}–{end})."
            ).format(start=p.get("work_start", ""), end=p.get("work_end", ""))
        case "not_working_day":
            return QCoreApplication.translate(
                "VisitWords", "Not one of the engineer's working days ({days})."
            ).format(days=work_days_text(p.get("work_days", "")))
        case "absence":
            return QCoreApplication.translate(
                "VisitWords", "The engineer is away then ({kind}, {time})."
            ).format(
                kind=absence_kind_name(p.get("kind", "")),
                time=span_text(_instant(p.get("starts_at")), _instant(p.get("ends_at"))),
            )
        case "travel_time":
            needed = duration_text(float(p.get("needed_minutes", "0") or 0))
            left = duration_text(max(float(p.get("available_minutes", "0") or 0), 0.0))
            if p.get("direction") == "to":
                return QCoreApplication.translate(
                    "VisitWords",
                    "Too little time to drive on to the next visit ({customer}, about {km} km):"
                    " {needed} needed, {left} left.",
                ).format(
                    customer=p.get("customer", ""), km=p.get("km", ""), needed=needed, left=left
                )
            return QCoreApplication.translate(
                "VisitWords",
                "Too little time to drive from the previous visit ({customer}, about {km} km):"
                " {needed} needed, {left} left.",
            ).format(customer=p.get("customer", ""), km=p.get("km", ""), needed=needed, left=left)
        case "past":
            return QCoreApplication.translate("VisitWords", "This time has already passed.")
        case "bad_range":
            return QCoreApplication.translate(
                "VisitWords", "A visit must end after it starts and last at most a day."
            )
        case "not_engineer":
            return QCoreApplication.translate("VisitWords", "This user is not an engineer.")
        case "inactive":
            return QCoreApplication.translate("VisitWords", "This engineer is deactivated.")
        case "not_found":
            return QCoreApplication.translate("VisitWords", "No such engineer.")
        case "not_open":
            return QCoreApplication.translate(
                "VisitWords", "The ticket is {status}: reopen it before booking a visit."
            ).format(status=ticket_status_name(p.get("status", "")))
        case "not_movable":
            return QCoreApplication.translate(
                "VisitWords", "This visit is {status}: it cannot be moved."
            ).format(status=visit_status_name(p.get("status", "")))
        case "not_cancellable":
            return QCoreApplication.translate(
                "VisitWords", "This visit is {status}: it cannot be cancelled."
            ).format(status=visit_status_name(p.get("status", "")))
        case "not_this_customer":
            return QCoreApplication.translate("VisitWords", "This belongs to another customer.")
        case "end_before_start":
            return QCoreApplication.translate("VisitWords", "It must end after it starts.")
    return field_error_text(error)


def visit_event_text(kind: str, details: dict[str, Any]) -> str:
    """A visit's line on the ticket's timeline (scheduling's TicketEvent details)."""
    d = details
    when = span_text(_instant(d.get("starts_at")), _instant(d.get("ends_at")))
    what = visit_kind_name(str(d.get("kind", "")))
    engineer = str(d.get("engineer", "") or "—")
    match kind:
        case "visit_booked":
            line = QCoreApplication.translate(
                "VisitWords", "Visit booked: {engineer}, {time} ({kind})"
            ).format(engineer=engineer, time=when, kind=what)
            if d.get("late"):
                line += " · " + QCoreApplication.translate(
                    "VisitWords", "after the due date {date}"
                ).format(date=d.get("due_on", ""))
            return line
        case "visit_moved":
            before = span_text(_instant(d.get("from_starts_at")), _instant(d.get("from_ends_at")))
            who_before = str(d.get("from_engineer", "") or "—")
            return QCoreApplication.translate(
                "VisitWords", "Visit moved: {old_engineer}, {old_time} → {engineer}, {time}"
            ).format(old_engineer=who_before, old_time=before, engineer=engineer, time=when)
        case "visit_cancelled":
            line = QCoreApplication.translate(
                "VisitWords", "Visit cancelled: {engineer}, {time}"
            ).format(engineer=engineer, time=when)
            reason = str(d.get("reason", "") or "").strip()
            if reason:
                line = QCoreApplication.translate("VisitWords", "{line}: {reason}").format(
                    line=line, reason=reason
                )
            return line
    return kind
