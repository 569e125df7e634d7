"""Instants as the desk shows them: in the desk's local time zone, as year-month-day.

One unambiguous form everywhere (cards, history, the form, drafts): "2026-11-23 14:05" reads
the same to a Chinese and an international centre, where "11/03" does not.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDateTime, QTimeZone


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime as a QDateTime in the desk's local time."""
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.utc())
    return stamp.toLocalTime()


def local_text(moment: datetime | None) -> str:
    """E.g. "2026-11-23 14:05"; "" for None."""
    if moment is None:
        return ""
    return to_qdatetime(moment).toString("yyyy-MM-dd HH:mm")


def date_text(day: date | None) -> str:
    """E.g. "2026-11-23"; "" for None."""
    return day.isoformat() if day is not None else ""
