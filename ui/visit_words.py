"""Words of visits shared by the screens: kinds, statuses, results of the service sheet,
the sentences for the sheet's field errors, absences and working days, the scheduling
problems (visit_rules codes) and the visit lines of a ticket's timeline (context
"VisitWords")."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.customer_dialogs import field_error_text
from ui.local_time import local_text, to_qdatetime
from ui.vocabulary import ticket_status_name
from workstation.outcomes import FieldError


def kind_name(kind: str) -> str:
    names = {
        "repair": QCoreApplication.translate("VisitWords", "Repair"),
        "installation": QCoreApplication.translate("VisitWords", "Installation"),
        "preventive_maintenance": QCoreApplication.translate(
            "VisitWords", "Preventive maintenance"
        ),
        "inspection": QCoreApplication.translate("VisitWords", "Inspection"),
        "training": QCoreApplication.translate("VisitWords", "Training"),
    }
    return names.get(kind, kind)


def visit_status_name(status: str) -> str:
    names = {
        "unscheduled": QCoreApplication.translate("VisitWords", "To schedule"),
        "booked": QCoreApplication.translate("VisitWords", "Booked"),
        "completed": QCoreApplication.translate("VisitWords", "Completed"),
        "cancelled": QCoreApplication.translate("VisitWords", "Cancelled"),
    }
    return names.get(status, status)


def result_name(result: str) -> str:
    names = {
        "fixed": QCoreApplication.translate("VisitWords", "Fixed"),
        "another_visit": QCoreApplication.translate("VisitWords", "Another visit needed"),
        "unit_replaced": QCoreApplication.translate("VisitWords", "Unit replaced"),
        "no_fault_found": QCoreApplication.translate("VisitWords", "No fault found"),
        "customer_misuse": QCoreApplication.translate("VisitWords", "Customer misuse"),
    }
    return names.get(result, result)


def sheet_error_text(error: FieldError) -> str:
    """The sentence under a field of the sheet for the service's code."""
    p = dict(error.params)
    match error.code:
        case "not_after_arrival":
            return QCoreApplication.translate("VisitWords", "Departure must be after arrival.")
        case "too_long_on_site":
            return QCoreApplication.translate(
                "VisitWords",
                "More than {hours} hours on site: check the dates (longer work is several visits).",
            ).format(hours=p.get("hours", ""))
        case "in_future":
            return QCoreApplication.translate("VisitWords", "This time is in the future.")
        case "negative":
            return QCoreApplication.translate("VisitWords", "Cannot be negative.")
        case "too_large":
            return QCoreApplication.translate("VisitWords", "At most {max}.").format(
                max=p.get("max", "")
            )
        case "too_precise":
            return QCoreApplication.translate(
                "VisitWords", "At most {decimals} decimal place."
            ).format(decimals=p.get("decimals", ""))
        case "not_a_number":
            return QCoreApplication.translate("VisitWords", "Not a number.")
        case "not_replaced":
            return QCoreApplication.translate(
                "VisitWords", "Only for a visit whose result is “Unit replaced”."
            )
        case "no_device":
            return QCoreApplication.translate("VisitWords", "This visit has no device to replace.")
        case "device_changed":
            return QCoreApplication.translate(
                "VisitWords", "The device was changed on another desk: open the visit again."
            )
        case "not_active":
            return QCoreApplication.translate(
                "VisitWords", "The device was already replaced or retired."
            )
        case "not_booked":
            return QCoreApplication.translate(
                "VisitWords", "The visit is not booked yet: there is no sheet to record."
            )
        case "cancelled":
            return QCoreApplication.translate("VisitWords", "The visit was cancelled.")
        case "already_completed":
            return QCoreApplication.translate(
                "VisitWords", "The sheet of this visit was already recorded."
            )
    return field_error_text(error)


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
            needed = p.get("needed_minutes", "")
            left = str(max(int(p.get("available_minutes", "0") or 0), 0))
            if p.get("direction") == "to":
                return QCoreApplication.translate(
                    "VisitWords",
                    "Too little time to drive on to the next visit ({customer}, about {km} km):"
                    " {needed} min needed, {left} min left.",
                ).format(
                    customer=p.get("customer", ""), km=p.get("km", ""), needed=needed, left=left
                )
            return QCoreApplication.translate(
                "VisitWords",
                "Too little time to drive from the previous visit ({customer}, about {km} km):"
                " {needed} min needed, {left} min left.",
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
                "VisitWords", "This visit cannot be moved (status: {status})."
            ).format(status=visit_status_name(p.get("status", "")))
        case "not_cancellable":
            return QCoreApplication.translate(
                "VisitWords", "This visit cannot be cancelled (status: {status})."
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
    what = kind_name(str(d.get("kind", "")))
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
