"""Words for a ticket's workflow: the buttons that move it, its timeline and SLA steps,
and the refusals of the ticket services (translated)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication

from ui.call_form import resolution_name, severity_name, urgency_name
from ui.customer_dialogs import field_error_text
from ui.local_time import local_text
from ui.visit_words import result_name
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


def _deadline_name(deadline: object) -> str:
    if deadline == "response":
        return QCoreApplication.translate("TicketWords", "Response deadline")
    return QCoreApplication.translate("TicketWords", "Resolution deadline")


def _with_text(line: str, text: object) -> str:
    """`line` followed by what someone typed (a note, a reason, comments), when there is one."""
    typed = str(text or "").strip()
    if not typed:
        return line
    return QCoreApplication.translate("TicketWords", "{line}: {text}").format(line=line, text=typed)


def _edited_text(changes: Any) -> str:
    """Which fields an edit changed; short ones with their old and new values."""
    parts = []
    for name, values in dict(changes or {}).items():
        label = field_label(str(name))
        if name in ("severity", "urgency", "error_code") and isinstance(values, list | tuple):
            old, new = [*values, None, None][:2]
            label = QCoreApplication.translate("TicketWords", "{field} {old} → {new}").format(
                field=label, old=value_text(str(name), old), new=value_text(str(name), new)
            )
        parts.append(label)
    return QCoreApplication.translate("TicketWords", "Details edited: {fields}").format(
        fields=" · ".join(parts)
    )


def _instant(value: object) -> str:
    if not value:
        return ""
    try:
        return local_text(datetime.fromisoformat(str(value)))
    except ValueError:
        return str(value)


def event_text(kind: str, details: dict[str, Any]) -> str:
    """One line of the ticket's timeline, in words, from what the services store in
    `TicketEvent.details` (ticket_work, sla_watch, follow_ups, intake, claims)."""
    d = details
    match kind:
        case "created":
            if d.get("complaint_of"):
                line = QCoreApplication.translate(
                    "TicketWords", "Complaint about {number} logged"
                ).format(number=d["complaint_of"])
            else:
                line = QCoreApplication.translate("TicketWords", "Ticket logged")
            if d.get("priority"):
                line += " " + QCoreApplication.translate("TicketWords", "({priority})").format(
                    priority=d["priority"]
                )
            if d.get("repeat_of"):
                line += " · " + QCoreApplication.translate(
                    "TicketWords", "repeat of {number}"
                ).format(number=d["repeat_of"])
            return line
        case "assigned":
            if d.get("taken"):
                return QCoreApplication.translate("TicketWords", "Taken from the queue")
            if d.get("from_assignee_id"):
                return QCoreApplication.translate("TicketWords", "Reassigned to {name}").format(
                    name=d.get("assignee", "") or "—"
                )
            return QCoreApplication.translate("TicketWords", "Assigned to {name}").format(
                name=d.get("assignee", "") or "—"
            )
        case "status_changed":
            line = QCoreApplication.translate("TicketWords", "Status: {old} → {new}").format(
                old=ticket_status_name(str(d.get("from", ""))),
                new=ticket_status_name(str(d.get("to", ""))),
            )
            if d.get("first_response"):
                line += " " + QCoreApplication.translate("TicketWords", "(first response)")
            return _with_text(line, d.get("note"))
        case "resolved":
            if d.get("first_call"):
                return QCoreApplication.translate(
                    "TicketWords", "Resolved on the first call: {type}"
                ).format(type=resolution_name(str(d.get("resolution_type", ""))))
            return QCoreApplication.translate("TicketWords", "Resolved: {type}").format(
                type=resolution_name(str(d.get("resolution_type", "")))
            )
        case "closed":
            return QCoreApplication.translate("TicketWords", "Closed")
        case "reopened":
            reason = str(d.get("reason", "") or d.get("note", ""))
            if reason == "follow_up":
                return QCoreApplication.translate(
                    "TicketWords", "Reopened after the follow-up call"
                )
            return _with_text(QCoreApplication.translate("TicketWords", "Reopened"), reason)
        case "sla_paused":
            return QCoreApplication.translate("TicketWords", "SLA clock paused ({reason})").format(
                reason=pause_reason_text(str(d.get("reason", "")))
            )
        case "sla_resumed":
            minutes = d.get("paused_minutes")
            if isinstance(minutes, int | float) and minutes > 0:
                return QCoreApplication.translate(
                    "TicketWords", "SLA clock resumed after {time} of working time"
                ).format(time=duration_text(float(minutes)))
            return QCoreApplication.translate("TicketWords", "SLA clock resumed")
        case "priority_changed":
            return _with_text(
                QCoreApplication.translate("TicketWords", "Priority {old} → {new}").format(
                    old=d.get("priority_before", ""), new=d.get("priority_after", "")
                ),
                d.get("reason"),
            )
        case "sla_plan_changed":
            return _with_text(
                QCoreApplication.translate("TicketWords", "SLA plan {old} → {new}").format(
                    old=d.get("plan_before", "") or "—", new=d.get("plan_after", "") or "—"
                ),
                d.get("reason"),
            )
        case "escalated":
            line = (
                QCoreApplication.translate("TicketWords", "Escalated to {queue}").format(
                    queue=d["to_queue"]
                )
                if d.get("to_queue")
                else QCoreApplication.translate("TicketWords", "Escalated to second line")
            )
            return _with_text(line, d.get("reason"))
        case "escalated_to_supervisor":
            return QCoreApplication.translate("TicketWords", "Breach escalated to the supervisors")
        case "sla_at_risk" | "sla_breached":
            which = _deadline_name(d.get("deadline"))
            due = _instant(d.get("due_at"))
            if kind == "sla_at_risk":
                if due:
                    return QCoreApplication.translate(
                        "TicketWords", "{deadline} at risk (due {time})"
                    ).format(deadline=which, time=due)
                return QCoreApplication.translate("TicketWords", "{deadline} at risk").format(
                    deadline=which
                )
            if due:
                return QCoreApplication.translate(
                    "TicketWords", "{deadline} breached (was due {time})"
                ).format(deadline=which, time=due)
            return QCoreApplication.translate("TicketWords", "{deadline} breached").format(
                deadline=which
            )
        case "edited":
            return _edited_text(d.get("changes"))
        case "follow_up":
            fixed = d.get("confirmed_fixed")
            line = QCoreApplication.translate(
                "TicketWords", "Follow-up call: satisfaction {score}/5"
            ).format(score=d.get("satisfaction", ""))
            if fixed is True:
                line += ", " + QCoreApplication.translate("TicketWords", "fix confirmed")
            elif fixed is False:
                line += ", " + QCoreApplication.translate("TicketWords", "the fault is back")
            return _with_text(line, d.get("comments"))
        case "follow_up_attempt":
            return _with_text(
                QCoreApplication.translate("TicketWords", "Follow-up call: customer not reached"),
                d.get("comments"),
            )
        case "complaint_opened":
            return QCoreApplication.translate("TicketWords", "Complaint {number} opened").format(
                number=d.get("complaint", "")
            )
        case "call_added":
            return _with_text(
                QCoreApplication.translate("TicketWords", "The customer called again"),
                d.get("note"),
            )
        case "note":
            return QCoreApplication.translate("TicketWords", "Note: {text}").format(
                text=d.get("text", "")
            )
        case "visit_completed":
            line = QCoreApplication.translate(
                "TicketWords", "Visit {visit} by {engineer}: {result}, total {total}"
            ).format(
                visit=d.get("visit", ""),
                engineer=d.get("engineer", "") or "—",
                result=result_name(str(d.get("result", ""))),
                total=d.get("total_cost", ""),
            )
            if d.get("new_serial"):
                line += " · " + QCoreApplication.translate(
                    "TicketWords", "new unit {serial}"
                ).format(serial=d["new_serial"])
            if d.get("confirmed_by"):
                line += " · " + QCoreApplication.translate(
                    "TicketWords", "confirmed by {name}"
                ).format(name=d["confirmed_by"])
            return line
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
    """The sentence for a ticket service's field error (the shared ones as every form says
    them)."""
    p = dict(error.params)
    match error.code:
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
        case "no_second_line":
            return QCoreApplication.translate(
                "TicketWords", "There is no second-line queue to escalate to."
            )
    return field_error_text(error)
