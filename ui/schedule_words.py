"""The schedule's words: absence kinds, why a visit is late, and the tooltips of the board's
blocks, absences and engineers (in the centre's local time). Kinds and statuses of visits
are the shared ones (ui/visit_words.py)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication

from ui.visit_words import kind_name, visit_status_name
from workstation.services.schedule_board import (
    AbsenceBar,
    BoardEngineer,
    LateReason,
    UnscheduledVisit,
    VisitBlock,
)


def absence_name(kind: str) -> str:
    match kind:
        case "leave":
            return QCoreApplication.translate("ScheduleWords", "Leave")
        case "training":
            return QCoreApplication.translate("ScheduleWords", "Course")
        case "sick":
            return QCoreApplication.translate("ScheduleWords", "Sick")
    return QCoreApplication.translate("ScheduleWords", "Away")


def clock_text(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


def stamp_text(moment: datetime, zone: tzinfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def span_text(starts: datetime, ends: datetime, zone: tzinfo) -> str:
    """E.g. "2026-11-23 09:00–11:00", or both stamps when it ends on another day."""
    first, last = starts.astimezone(zone), ends.astimezone(zone)
    if first.date() == last.date():
        return f"{stamp_text(starts, zone)}–{clock_text(ends, zone)}"
    return f"{stamp_text(starts, zone)} – {stamp_text(ends, zone)}"


def device_text(model_code: str, model_name: str, serial: str) -> str:
    """E.g. "LJ-5200 激光打印机 · SN-123"; what there is of it."""
    model = " ".join(part for part in (model_code, model_name) if part)
    return " · ".join(part for part in (model, serial) if part)


def late_text(reason: LateReason, block: VisitBlock, zone: tzinfo) -> str:
    if reason is LateReason.AFTER_DELIVERY:
        day = block.delivery_date or block.due_on
        return QCoreApplication.translate(
            "ScheduleWords", "Late: booked after the delivery date {day}."
        ).format(day=day.isoformat() if day else "")
    deadline = block.resolution_due_at
    return QCoreApplication.translate(
        "ScheduleWords", "Late: ends after the ticket's resolution deadline {deadline}."
    ).format(deadline=stamp_text(deadline, zone) if deadline else "")


def block_tip(block: VisitBlock, engineer: str, zone: tzinfo) -> str:
    """Everything about a visit, one fact a line."""
    lines = [
        QCoreApplication.translate("ScheduleWords", "{kind} ({status})").format(
            kind=kind_name(block.kind), status=visit_status_name(block.status)
        ),
        span_text(block.starts_at, block.ends_at, zone),
        QCoreApplication.translate("ScheduleWords", "Engineer: {name}").format(name=engineer),
        QCoreApplication.translate("ScheduleWords", "Customer: {name}").format(
            name=block.customer_name
        ),
    ]
    site = " · ".join(part for part in (block.site_name, block.site_city) if part)
    if site:
        lines.append(QCoreApplication.translate("ScheduleWords", "Site: {site}").format(site=site))
    device = device_text(block.model_code, block.model_name, block.serial)
    if device:
        lines.append(
            QCoreApplication.translate("ScheduleWords", "Device: {device}").format(device=device)
        )
    if block.priority:
        lines.append(
            QCoreApplication.translate("ScheduleWords", "Priority: {priority}").format(
                priority=block.priority
            )
        )
    if block.ticket_number:
        lines.append(
            QCoreApplication.translate("ScheduleWords", "Ticket: {number}").format(
                number=block.ticket_number
            )
        )
    if block.due_on is not None:
        lines.append(
            QCoreApplication.translate("ScheduleWords", "Due: {day}").format(
                day=block.due_on.isoformat()
            )
        )
    lines.extend(late_text(reason, block, zone) for reason in block.late_reasons)
    return "\n".join(lines)


def absence_tip(absence: AbsenceBar, zone: tzinfo) -> str:
    lines = [absence_name(absence.kind), span_text(absence.starts_at, absence.ends_at, zone)]
    if absence.note:
        lines.append(absence.note)
    return "\n".join(lines)


def hours_text(engineer: BoardEngineer) -> str:
    """E.g. "08:30–17:30"."""
    start, end = engineer.work_start_minute, engineer.work_end_minute
    return f"{start // 60:02d}:{start % 60:02d}–{end // 60:02d}:{end % 60:02d}"


def engineer_tip(engineer: BoardEngineer) -> str:
    lines = [engineer.name]
    if engineer.region_name:
        lines.append(
            QCoreApplication.translate("ScheduleWords", "Region: {region}").format(
                region=engineer.region_name
            )
        )
    if engineer.base_city:
        lines.append(
            QCoreApplication.translate("ScheduleWords", "Base: {city}").format(
                city=engineer.base_city
            )
        )
    lines.append(
        QCoreApplication.translate("ScheduleWords", "Works {hours} on {days}").format(
            hours=hours_text(engineer), days=weekdays_text(engineer.work_days)
        )
    )
    if engineer.skills:
        lines.append(
            QCoreApplication.translate("ScheduleWords", "Skills: {skills}").format(
                skills=", ".join(engineer.skills)
            )
        )
    if not engineer.active:
        lines.append(QCoreApplication.translate("ScheduleWords", "No longer active."))
    return "\n".join(lines)


def weekdays_text(days: str) -> str:
    """ISO weekday digits as short day names, e.g. "Mon Tue Wed Thu Fri"."""
    names = (
        QCoreApplication.translate("ScheduleWords", "Mon"),
        QCoreApplication.translate("ScheduleWords", "Tue"),
        QCoreApplication.translate("ScheduleWords", "Wed"),
        QCoreApplication.translate("ScheduleWords", "Thu"),
        QCoreApplication.translate("ScheduleWords", "Fri"),
        QCoreApplication.translate("ScheduleWords", "Sat"),
        QCoreApplication.translate("ScheduleWords", "Sun"),
    )
    return " ".join(names[int(d) - 1] for d in sorted(set(days)) if d in "1234567")


def unscheduled_tip(visit: UnscheduledVisit) -> str:
    lines = [
        kind_name(visit.kind),
        QCoreApplication.translate("ScheduleWords", "Customer: {name}").format(
            name=visit.customer_name
        ),
    ]
    device = device_text(visit.model_code, visit.model_name, visit.serial)
    if device:
        lines.append(
            QCoreApplication.translate("ScheduleWords", "Device: {device}").format(device=device)
        )
    if visit.due_on is not None:
        lines.append(
            QCoreApplication.translate("ScheduleWords", "Due: {day}").format(
                day=visit.due_on.isoformat()
            )
        )
    if visit.overdue:
        lines.append(QCoreApplication.translate("ScheduleWords", "Overdue."))
    lines.append(
        QCoreApplication.translate(
            "ScheduleWords", "Drag it onto an engineer's row to book it ({minutes} min)."
        ).format(minutes=visit.duration_minutes)
    )
    return "\n".join(lines)
