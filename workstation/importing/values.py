"""Cell values as the import stores them: dates written the usual Chinese and ISO ways."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from workstation.importing.sources import Cell, cell_text

# 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日 (and a time after any of them).
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 20260301
_EXCEL_EPOCH = date(1899, 12, 30)
# Serial day numbers of Excel cells not formatted as dates (1954 … 2119).
_SERIAL_RANGE = (20_000, 80_000)


class BadDate(ValueError):
    """Not a date in a format the import reads."""


def parse_date(value: Cell) -> date | None:
    """The date in a cell; None for an empty cell; BadDate otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        text = cell_text(value)
    else:
        text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    match = _DATE.match(text) or _COMPACT.match(text)
    if match is None:
        raise BadDate(text)
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError as error:
        raise BadDate(text) from error


def clean_text(value: Cell) -> str:
    """A text cell without surrounding blanks; inner runs of blanks and line breaks as one."""
    text = cell_text(value)
    return " ".join(text.split()) if text else ""
