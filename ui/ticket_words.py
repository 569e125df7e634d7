"""Words for a ticket's workflow: the buttons that move it, its timeline and SLA steps,
and the refusals of the ticket services (translated)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.call_form import resolution_name, severity_name, urgency_name
from ui.local_time import local_text
from ui.vocabulary import ticket_status_name
from workstation.outcomes import FieldError


def move_label(from_status: str, to_status: str) -> str:
    """The button that moves a ticket from one status to the next."""
    match to_status:
        case "assigned":
            return QCoreApplication.translate("TicketWords", "Assign…")
        case "in_progress":
            if from_status in ("waiting_customer", "waiting_parts"):
                return QCoreApplication.translate("TicketWords", "Resume work")
            return QCoreApplication.translate("TicketWords", "Start work")
        case "waiting_customer":
            return QCoreApplication.translate("TicketWords", "Wait for customer")
        case "waiting_parts":
            return QCoreApplication.translate("TicketWords", "Wait for parts")
        case "resolved":
            return QCoreApplication.translate("TicketWords", "Resolve…")
        case "closed":
            return QCoreApplication.translate("TicketWords", "Close")
        case "reopened":
            return QCoreApplication.translate("TicketWords", "Reopen…")
    return ticket_status_name(to_status)


def duration_text(minutes: float) -> str:
    """Working or clock minutes as "3 h 05 min", "45 min", "2 d 4 h"."""
    total = round(abs(minutes))
    days, rest = divmod(total, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return QCoreApplication.translate("TicketWords", "{d} d {h} h").format(d=days, h=hours)
    if hours:
        return QCoreApplication.translate("TicketWords", "{h} h {m:02d} min").format(
            h=hours, m=mins
        )
    return QCoreApplication.translate("TicketWords", "{m} min").format(m=mins)


def time_left_text(left: timedelta) -> str:
    """Time left to a deadline; overdue shows as "overdue 35 min"."""
    minutes = left.total_seconds() / 60
    if minutes < 0:
        return QCoreApplication.translate("TicketWords", "overdue {time}").format(
            time=duration_text(minutes)
        )
    return QCoreApplication.translate("TicketWords", "{time} left").format(
        time=duration_text(minutes)
    )


def priority_text(code: str) -> str:
    return code


def sla_step_text(kind: str, deadline: str = "") -> str:
    """One step of the SLA timeline."""
    which = (
        QCoreApplication.translate("TicketWords", "response")
        if deadline == "response"
        else QCoreApplication.translate("TicketWords", "resolution")
    )
    match kind:
        case "clock_started":
            return QCoreApplication.translate("TicketWords", "Clock started")
        case "paused":
            return QCoreApplication.translate("TicketWords", "Clock paused")
        case "resumed":
            return QCoreApplication.translate("TicketWords", "Clock resumed")
        case "priority_changed":
            return QCoreApplication.translate("TicketWords", "Priority changed")
        case "plan_changed":
            return QCoreApplication.translate("TicketWords", "SLA plan changed")
        case "first_response":
            return QCoreApplication.translate("TicketWords", "First response")
        case "at_risk":
            return QCoreApplication.translate("TicketWords", "At risk ({deadline})").format(
                deadline=which
            )
        case "breached":
            return QCoreApplication.translate("TicketWords", "Breached ({deadline})").format(
                deadline=which
            )
        case "resolved":
            return QCoreApplication.translate("TicketWords", "Resolved")
        case "reopened":
            return QCoreApplication.translate("TicketWords", "Reopened")
    return kind


def pause_reason_text(reason: str) -> str:
    match reason:
        case "waiting_customer":
            return QCoreApplication.translate("TicketWords", "waiting for the customer")
        case "resolved":
            return QCoreApplication.translate("TicketWords", "resolved until reopened")
    return reason


def event_text(kind: str, details: dict[str, Any]) -> str:
    """One line of the ticket's timeline, in words."""
    d = details
    match kind:
        case "created":
            return QCoreApplication.translate("TicketWords", "Ticket logged ({priority})").format(
                priority=d.get("priority", "")
            )
        case "assigned":
            if d.get("taken"):
                return QCoreApplication.translate("TicketWords", "Taken from the queue")
            return QCoreApplication.translate("TicketWords", "Assigned to {name}").format(
                name=d.get("assignee", "") or "—"
            )
        case "status_changed":
            return QCoreApplication.translate("TicketWords", "Status: {old} → {new}").format(
                old=ticket_status_name(str(d.get("from", ""))),
                new=ticket_status_name(str(d.get("to", ""))),
            )
        case "resolved":
            return QCoreApplication.translate("TicketWords", "Resolved: {type}").format(
                type=resolution_name(str(d.get("resolution_type", "")))
            )
        case "closed":
            return QCoreApplication.translate("TicketWords", "Closed")
        case "reopened":
            return QCoreApplication.translate("TicketWords", "Reopened: {reason}").format(
                reason=d.get("reason", "") or d.get("note", "")
            )
        case "sla_paused":
            return QCoreApplication.translate("TicketWords", "SLA clock paused ({reason})").format(
                reason=pause_reason_text(str(d.get("reason", "")))
            )
        case "sla_resumed":
            return QCoreApplication.translate("TicketWords", "SLA clock resumed")
        case "priority_changed":
            return QCoreApplication.translate(
                "TicketWords", "Priority {old} → {new}: {reason}"
            ).format(
                old=d.get("priority_before", ""),
                new=d.get("priority_after", ""),
                reason=d.get("reason", ""),
            )
        case "sla_plan_changed":
            return QCoreApplication.translate("TicketWords", "SLA plan changed: {reason}").format(
                reason=d.get("reason", "")
            )
        case "escalated":
            return QCoreApplication.translate(
                "TicketWords", "Escalated to second line: {reason}"
            ).format(reason=d.get("reason", ""))
        case "escalated_to_supervisor":
            return QCoreApplication.translate("TicketWords", "Breach escalated to the supervisors")
        case "sla_at_risk":
            return QCoreApplication.translate("TicketWords", "SLA at risk")
        case "sla_breached":
            return QCoreApplication.translate("TicketWords", "SLA breached")
        case "edited":
            return QCoreApplication.translate("TicketWords", "Details edited: {fields}").format(
                fields=", ".join(field_label(str(f)) for f in d.get("changes", {}))
            )
        case "follow_up":
            return QCoreApplication.translate(
                "TicketWords", "Follow-up call: satisfaction {score}/5"
            ).format(score=d.get("satisfaction", ""))
        case "follow_up_attempt":
            return QCoreApplication.translate("TicketWords", "Follow-up call: customer not reached")
        case "complaint_opened":
            return QCoreApplication.translate("TicketWords", "Complaint {number} opened").format(
                number=d.get("complaint", "")
            )
        case "note":
            return QCoreApplication.translate("TicketWords", "Note: {text}").format(
                text=d.get("text", "")
            )
    return kind


def field_label(field: str) -> str:
    """A ticket field's name where a conflict or an error names it."""
    names = {
        "description": QCoreApplication.translate("TicketWords", "Description"),
        "error_code": QCoreApplication.translate("TicketWords", "Error code"),
        "symptom_category_id": QCoreApplication.translate("TicketWords", "Symptom"),
        "severity": QCoreApplication.translate("TicketWords", "Severity"),
        "urgency": QCoreApplication.translate("TicketWords", "Urgency"),
        "resolution_type": QCoreApplication.translate("TicketWords", "Resolution"),
        "root_cause": QCoreApplication.translate("TicketWords", "Root cause"),
        "solution": QCoreApplication.translate("TicketWords", "Solution"),
        "status": QCoreApplication.translate("TicketWords", "Status"),
        "assignee_id": QCoreApplication.translate("TicketWords", "Assignee"),
        "queue_id": QCoreApplication.translate("TicketWords", "Queue"),
        "priority": QCoreApplication.translate("TicketWords", "Priority"),
        "sla_plan_id": QCoreApplication.translate("TicketWords", "SLA plan"),
        "reason": QCoreApplication.translate("TicketWords", "Reason"),
        "note": QCoreApplication.translate("TicketWords", "Reason"),
    }
    return names.get(field, field)


def value_text(field: str, value: Any) -> str:
    """A field's value as a person reads it (for the conflict list)."""
    if value is None or value == "":
        return QCoreApplication.translate("TicketWords", "(empty)")
    match field:
        case "status":
            return ticket_status_name(str(value))
        case "severity":
            return severity_name(str(value))
        case "urgency":
            return urgency_name(str(value))
        case "resolution_type":
            return resolution_name(str(value))
    if isinstance(value, datetime):
        return local_text(value)
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def ticket_error_text(error: FieldError) -> str:
    """The sentence for a ticket service's field error."""
    p = dict(error.params)
    match error.code:
        case "required":
            return QCoreApplication.translate("TicketWords", "Required.")
        case "unknown":
            return QCoreApplication.translate("TicketWords", "Choose one of the list.")
        case "too_long":
            return QCoreApplication.translate(
                "TicketWords", "Too long: at most {max} characters."
            ).format(max=p.get("max", ""))
        case "not_open":
            return QCoreApplication.translate(
                "TicketWords", "The ticket is {status}: it cannot be changed this way."
            ).format(status=ticket_status_name(p.get("status", "")))
        case "inactive":
            return QCoreApplication.translate("TicketWords", "This user is deactivated.")
        case "may_not_work_tickets":
            return QCoreApplication.translate(
                "TicketWords", "This user's role does not work tickets."
            )
        case "not_found":
            return QCoreApplication.translate("TicketWords", "No such user.")
    return QCoreApplication.translate("TicketWords", "This value cannot be saved.")
