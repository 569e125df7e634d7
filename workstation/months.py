"""Calendar-month arithmetic: whole months clamped to the month's end, and the due dates of a
series repeating every n months (maintenance plans, warranties). Pure: no database, no Qt."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def nth_due_date(first_due_on: date, interval_months: int, k: int) -> date:
    """The k-th due date (k = 0 is the first), counted from the first one and clamped to the
    month's end: 31 Jan every month gives 28 (29) Feb, 31 Mar, 30 Apr, …"""
    return add_months(first_due_on, k * interval_months)


def due_dates(first_due_on: date, interval_months: int, start: date, end: date) -> list[date]:
    """The series' due dates from `start` to `end`, both included, in order."""
    if interval_months < 1:
        raise ValueError("interval_months must be at least 1")
    if end < first_due_on or end < start:
        return []
    months = (start.year - first_due_on.year) * 12 + start.month - first_due_on.month
    k = max(0, months // interval_months - 1)  # one step early: clamping never skips a date
    found = []
    while (day := nth_due_date(first_due_on, interval_months, k)) <= end:
        if day >= start:
            found.append(day)
        k += 1
    return found


def next_due_date(first_due_on: date, interval_months: int, on_or_after: date) -> date:
    """The first due date on or after `on_or_after`."""
    start = max(on_or_after, first_due_on)
    found = due_dates(first_due_on, interval_months, start, add_months(start, interval_months))
    return found[0]


def upcoming_due_dates(
    first_due_on: date, interval_months: int, today: date, count: int = 4
) -> tuple[date, ...]:
    """The next `count` due dates from `today` on (a form's preview)."""
    start = max(today, first_due_on)
    found = due_dates(
        first_due_on, interval_months, start, add_months(start, interval_months * count)
    )
    return tuple(found[:count])
