"""Rows of an .xlsx sheet (openpyxl read-only, streamed) or of a .csv file.

CSV files come as Excel saves them: UTF-8 with or without a BOM, or on a Chinese Windows the
ANSI code page GBK; GB18030 is read for the latter (GBK is a subset of it). Cells keep what
the reader gives (text; numbers, dates and datetimes from Excel cells): values.py reads them.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SNIFF_BYTES = 4 * 1024 * 1024
CSV_SUFFIXES = (".csv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")

Cell = Any
Row = tuple[Cell, ...]


class SourceError(Exception):
    """The file cannot be read as a table (missing, not a spreadsheet, no such sheet)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Preview:
    """What the wizard shows before anything is checked: sheets, header and the first rows."""

    sheets: tuple[str, ...]
    sheet: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    encoding: str  # the CSV encoding read ("" for a workbook)


def is_csv(path: Path) -> bool:
    return path.suffix.lower() in CSV_SUFFIXES


def detect_encoding(path: Path) -> str:
    """ "utf-8-sig" (a BOM), "utf-8", or "gb18030" when the bytes are not UTF-8."""
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
        if head.startswith(codecs.BOM_UTF8):
            return "utf-8-sig"
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return "utf-16"
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            decoder.decode(head, final=len(head) < SNIFF_BYTES)
            for chunk in iter(lambda: handle.read(SNIFF_BYTES), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


class Source:
    """One table of a file: its header and its data rows, read as they are iterated.

    `total` is the number of data rows when the file says so cheaply (a sheet's dimension),
    else an estimate; `position` counts the rows handed out so far.
    """

    def __init__(self, path: Path, sheet: str | None = None) -> None:
        self.path = path
        if not path.is_file():
            raise SourceError("not_found", str(path))
        self.encoding = ""
        self.sheets: tuple[str, ...] = ()
        self.sheet = ""
        self._workbook: Any = None
        if is_csv(path):
            self.encoding = detect_encoding(path)
            self._text: Any = path.open(encoding=self.encoding, newline="")
            first = self._text.readline()
            self._text.seek(0)
            self._rows: Iterator[Row] = (
                tuple(r) for r in csv.reader(self._text, delimiter=_delimiter(first))
            )
            self.total = max(0, _count_lines(path) - 1)
        elif path.suffix.lower() in XLSX_SUFFIXES:
            self._rows = self._open_sheet(sheet)
        else:
            raise SourceError("unsupported", path.suffix)
        header = next(self._rows, None)
        self.headers: tuple[str, ...] = tuple(
            "" if c is None else str(c).strip() for c in (header or ())
        )
        self.position = 0

    def _open_sheet(self, sheet: str | None) -> Iterator[Row]:
        import zipfile

        from openpyxl import load_workbook

        try:
            self._workbook = load_workbook(self.path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
            raise SourceError("unreadable", str(error)) from error
        self.sheets = tuple(self._workbook.sheetnames)
        name = sheet or self.sheets[0]
        if name not in self.sheets:
            self._workbook.close()
            raise SourceError("no_sheet", name)
        self.sheet = name
        worksheet = self._workbook[name]
        self.total = max(0, (worksheet.max_row or 1) - 1)
        return worksheet.iter_rows(values_only=True)

    def __iter__(self) -> Iterator[Row]:
        """Data rows (the header excluded); wholly blank rows are skipped but counted."""
        for row in self._rows:
            self.position += 1
            yield row

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None
        if is_csv(self.path):
            self._text.close()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _count_lines(path: Path) -> int:
    """Lines of the file (a quoted cell may hold a line break: an estimate, for progress)."""
    lines = 0
    last = b"\n"
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            lines += block.count(b"\n")
            last = block[-1:]
    return lines + (0 if last == b"\n" else 1)


def cell_text(value: Cell) -> str:
    """A cell as the text a person sees (numbers without a trailing ".0")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def preview(path: Path, sheet: str | None = None, rows: int = 20) -> Preview:
    """Sheets, header and the first `rows` data rows as text."""
    with Source(path, sheet) as source:
        first: list[tuple[str, ...]] = []
        for row in source:
            if len(first) >= rows:
                break
            first.append(tuple(cell_text(c) for c in row))
        return Preview(source.sheets, source.sheet, source.headers, tuple(first), source.encoding)
