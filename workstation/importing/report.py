"""The rejected rows as an Excel file the user fixes the data from.

Written with openpyxl's write-only mode. Every value from the imported file is written as
text: a cell like `=HYPERLINK(...)` or `=cmd|...` from a hostile file stays a visible
string and is never a formula Excel would run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from workstation.importing.plan import RowError

ENGLISH_MESSAGES = {
    "required": "required, but empty",
    "too_long": "longer than {max} characters",
    "invalid_phone": "not a valid phone number",
    "invalid_email": "not a valid e-mail address",
    "unknown_kind": "unknown customer kind (company or person, 公司 or 个人)",
    "unknown_tier": "unknown tier (VIP, key or standard; 重点, 普通)",
    "bad_date": "not a date (2026-03-01, 2026/3/1, 2026年3月1日 or 20260301)",
    "in_future": "the install date is in the future",
    "before_install": "the warranty ends before the install date",
    "unknown_model": "unknown product model",
    "model_differs": "the serial number is registered with another model",
    "duplicate_serial": "the serial number appears already in row {row}",
    "serial_of_other_customer": "the serial number belongs to another customer ({customer})",
    "unknown_customer": "no such customer in the database",
    "unknown_contract": "no such contract",
    "contract_of_other_customer": "the contract belongs to another customer",
    "phone_of_other_customer": "the phone number belongs to another customer ({customer})",
    "phones_of_two_customers": "the phone numbers belong to two different customers",
    "conflict": "row {row} says otherwise for the same record",
}
ENGLISH_HEADERS = ("Row", "Column", "Value in the file", "Problem")


def english_message(error: RowError) -> str:
    template = ENGLISH_MESSAGES.get(error.code, error.code)
    return template.format_map(dict(error.params))


def write_error_report(
    path: Path,
    errors: Iterable[RowError],
    describe: Callable[[RowError], str] = english_message,
    headers: Sequence[str] = ENGLISH_HEADERS,
    sheet_title: str = "Errors",
) -> int:
    """Write the errors, one a line, to `path` (.xlsx); the number of lines written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    sheet.append(list(headers))
    written = 0
    for error in errors:
        cells = []
        for value in (error.column, error.value, describe(error)):
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"  # a string even when it starts with "=": never a formula
            cells.append(cell)
        sheet.append([error.row, *cells])
        written += 1
    workbook.save(path)
    return written
