"""Instants as the desk shows them: in the desk's local time zone, in its locale's short form."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTimeZone


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime as a QDateTime in the desk's local time."""
    stamp = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.utc())
    return stamp.toLocalTime()


def local_text(moment: datetime | None) -> str:
    """E.g. "2026/11/23 14:05" (the locale decides the order); "" for None."""
    if moment is None:
        return ""
    return QLocale().toString(to_qdatetime(moment), QLocale.FormatType.ShortFormat)


def date_text(day: date | None) -> str:
    if day is None:
        return ""
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)
