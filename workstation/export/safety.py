"""Text that came from a user is written as text, never as a formula, and never breaks the file.

openpyxl turns any string starting with "=" into a formula. Excel itself treats "+", "-"
and "@" (and a leading tab or carriage return hiding one) as the start of a formula when such
text is typed or re-entered, and so does a CSV round trip. So a user-typed value that starts
with one of them is written as an explicit string cell with Excel's "quote prefix" style
(what Excel stores when someone types a leading apostrophe): shown as typed, kept as text
when edited. Characters XML cannot carry (control characters) are dropped, and text past
Excel's cell limit is cut.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_CELL_LIMIT = 32_767
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")


def clean_text(value: str) -> str:
    """Text XML can carry and a cell can hold."""
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    if len(value) > EXCEL_CELL_LIMIT:
        value = value[:EXCEL_CELL_LIMIT]
    return value


def looks_like_formula(value: str) -> bool:
    """Whether Excel (or openpyxl) could take this text for a formula."""
    return value.startswith(FORMULA_STARTS)
