"""Typed report columns: how each kind of value is written and shown in Excel.

A column says what its values are (date, instant, whole number, decimal, percent, hours,
text, or text a user typed) so the writer can give every cell a real Excel type and a
number format instead of text. Instants are stored in UTC and shown in the centre's local
time (Excel has no time zones).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

CENTRE_ZONE = ZoneInfo("Asia/Shanghai")


class ColumnKind(StrEnum):
    DATE = "date"
    DATETIME = "datetime"
    INTEGER = "integer"
    DECIMAL = "decimal"
    PERCENT = "percent"
    HOURS = "hours"
    TEXT = "text"
    # Typed by a user (names, descriptions, comments): never written as a formula.
    USER_TEXT = "user_text"
    # Each value is a (kind, value) pair: a KPI table mixing counts, hours and rates.
    BY_ROW = "by_row"


NUMBER_FORMATS: dict[ColumnKind, str] = {
    ColumnKind.DATE: "yyyy-mm-dd",
    ColumnKind.DATETIME: "yyyy-mm-dd hh:mm",
    ColumnKind.INTEGER: "#,##0",
    ColumnKind.DECIMAL: "#,##0.00",
    ColumnKind.PERCENT: "0.0%",
    ColumnKind.HOURS: "#,##0.0",
    ColumnKind.TEXT: "General",
    ColumnKind.USER_TEXT: "General",
    ColumnKind.BY_ROW: "General",
}

DEFAULT_WIDTHS: dict[ColumnKind, float] = {
    ColumnKind.DATE: 11,
    ColumnKind.DATETIME: 17,
    ColumnKind.INTEGER: 10,
    ColumnKind.DECIMAL: 12,
    ColumnKind.PERCENT: 9,
    ColumnKind.HOURS: 10,
    ColumnKind.TEXT: 14,
    ColumnKind.USER_TEXT: 30,
    ColumnKind.BY_ROW: 14,
}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: a stable key, its heading, its kind and width (characters)."""

    key: str
    title: str
    kind: ColumnKind = ColumnKind.TEXT
    width: float | None = None

    @property
    def number_format(self) -> str:
        return NUMBER_FORMATS[self.kind]

    @property
    def display_width(self) -> float:
        if self.width is not None:
            return self.width
        # Headings in Chinese take two columns per character.
        heading = sum(2 if ord(ch) > 0x2E80 else 1 for ch in self.title) + 2
        return max(DEFAULT_WIDTHS[self.kind], min(heading, 40))


def local_naive(moment: datetime, zone: tzinfo = CENTRE_ZONE) -> datetime:
    """An instant as the centre's wall-clock time without a zone (what Excel can store)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def as_date(value: date | datetime, zone: tzinfo = CENTRE_ZONE) -> date:
    """A date column's value: an instant becomes its local calendar day."""
    if isinstance(value, datetime):
        return local_naive(value, zone).date()
    return value
