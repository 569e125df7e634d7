"""The streaming workbook writer on its own: typed cells, formula-safe text, charts, progress,
cancel in the middle of a sheet (no file, no temporary file), failures."""

from __future__ import annotations

import glob
import tempfile
import threading
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from workstation.export.columns import Column, ColumnKind
from workstation.export.workbook import ExportCancelled, ExportFailed, StreamingWorkbook

K = ColumnKind
COLUMNS = (
    Column("number", "Ticket"),
    Column("at", "Reported", K.DATETIME),
    Column("day", "Day", K.DATE),
    Column("n", "Count", K.INTEGER),
    Column("money", "Amount", K.DECIMAL),
    Column("rate", "Rate", K.PERCENT),
    Column("hours", "Hours", K.HOURS),
    Column("text", "描述", K.USER_TEXT),
)
DANGEROUS = ("=1+2", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("x")')


def _row(i: int, text: str = "屏幕不亮") -> tuple[object, ...]:
    return (
        f"SR-{i:06d}",
        datetime(2026, 11, 3, 1, 15, tzinfo=UTC),  # 09:15 in Beijing
        date(2026, 11, 3),
        i,
        Decimal("12.50"),
        0.25,
        1.5,
        text,
    )


def test_cells_are_typed_with_formats(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    with StreamingWorkbook(target) as book:
        table = book.add_table("Tickets", COLUMNS, [_row(1), _row(2, "")], heading=("Title",))
        book.commit()
    assert (table.header_row, table.first_row, table.last_row) == (2, 3, 4)
    sheet = openpyxl.load_workbook(target)["Tickets"]
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == "A2:H4"
    assert sheet["A1"].value == "Title" and sheet["A1"].font.b
    assert sheet["A2"].font.b
    cells = sheet[3]
    assert cells[1].value == datetime(2026, 11, 3, 9, 15)
    assert cells[1].number_format == "yyyy-mm-dd hh:mm"
    assert cells[2].value == datetime(2026, 11, 3) and cells[2].number_format == "yyyy-mm-dd"
    assert (cells[3].value, cells[3].number_format) == (1, "#,##0")
    assert (cells[4].value, cells[4].number_format) == (12.5, "#,##0.00")
    assert (cells[5].value, cells[5].number_format) == (0.25, "0.0%")
    assert (cells[6].value, cells[6].number_format) == (1.5, "#,##0.0")
    assert cells[7].value == "屏幕不亮"
    assert sheet["H4"].value is None  # empty text writes no cell
    assert sheet.column_dimensions["H"].width == 30


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path, text: str) -> None:
    target = tmp_path / "t.xlsx"
    with StreamingWorkbook(target) as book:
        book.add_table("T", COLUMNS, [_row(1, text)])
        book.commit()
    cell = openpyxl.load_workbook(target)["T"]["H2"]
    assert cell.value == text
    assert cell.data_type == "s"  # not "f": openpyxl would write "=…" as a formula
    assert cell.quotePrefix  # and Excel keeps it text when someone edits it


def test_control_characters_are_dropped_and_plain_text_is_not_prefixed(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    with StreamingWorkbook(target) as book:
        book.add_table("T", COLUMNS, [_row(1, "a\x00b\x1fc"), _row(2, "E-201 错误")])
        book.commit()
    sheet = openpyxl.load_workbook(target)["T"]
    assert sheet["H2"].value == "abc"
    assert sheet["H3"].value == "E-201 错误" and not sheet["H3"].quotePrefix


def test_a_column_typed_row_by_row(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    columns = (Column("kpi", "KPI"), Column("value", "Value", K.BY_ROW))
    rows = [("count", (K.INTEGER, 12)), ("rate", (K.PERCENT, 0.5)), ("none", (K.HOURS, None))]
    with StreamingWorkbook(target) as book:
        book.add_table("T", columns, rows)
        book.commit()
    sheet = openpyxl.load_workbook(target)["T"]
    assert (sheet["B2"].value, sheet["B2"].number_format) == (12, "#,##0")
    assert (sheet["B3"].value, sheet["B3"].number_format) == (0.5, "0.0%")
    assert sheet["B4"].value is None


def test_charts_are_native(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    with StreamingWorkbook(target) as book:
        book.workbook.create_sheet("Summary")
        table = book.add_table("Data", COLUMNS, [_row(i) for i in range(5)])
        book.add_line_chart("Summary", table, "day", ("n", "hours"), title="Trend")
        book.add_line_chart("Summary", table, "number", ("n",), title="Bars", bar=True)
        book.commit()
    charts = openpyxl.load_workbook(target)["Summary"]._charts
    assert [type(c).__name__ for c in charts] == ["LineChart", "BarChart"]
    assert len(charts[0].series) == 2
    assert charts[0].series[0].val.numRef.f == "'Data'!$D$2:$D$6"


def test_progress_and_cancel_in_the_middle_leave_nothing(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done >= 300:
            cancel.set()

    before = set(glob.glob(str(Path(tempfile.gettempdir()) / "openpyxl.*")))
    rows = (_row(i) for i in range(10_000))
    with (
        pytest.raises(ExportCancelled),
        StreamingWorkbook(
            target, progress=progress, cancel=cancel, expected_rows=10_000, check_every=100
        ) as book,
    ):
        book.add_table("T", COLUMNS, rows)
        book.commit()
    assert seen[:3] == [(100, 10_000), (200, 10_000), (300, 10_000)]
    assert len(seen) == 3  # stopped at the next check
    assert list(tmp_path.iterdir()) == []
    assert set(glob.glob(str(Path(tempfile.gettempdir()) / "openpyxl.*"))) == before


def test_an_error_while_streaming_leaves_nothing(tmp_path: Path) -> None:
    def rows():  # type: ignore[no-untyped-def]
        yield _row(1)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError), StreamingWorkbook(tmp_path / "t.xlsx") as book:
        book.add_table("T", COLUMNS, rows())
        book.commit()
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "t.xlsx"
    target.write_text("old")
    with StreamingWorkbook(target) as book:
        book.add_table("T", COLUMNS, [_row(1)])
        book.commit()
    assert openpyxl.load_workbook(target)["T"]["A2"].value == "SR-000001"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_a_missing_folder_fails_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(ExportFailed) as failed, StreamingWorkbook(tmp_path / "no" / "t.xlsx"):
        pytest.fail("not reached")
    assert failed.value.reason == "folder_missing"


def test_a_target_that_cannot_be_replaced_is_reported_and_the_partial_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What Windows says when Excel holds the file open, or a read-only share on rename."""

    def refused(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr("workstation.export.workbook.os.replace", refused)
    with pytest.raises(ExportFailed) as failed, StreamingWorkbook(tmp_path / "t.xlsx") as book:
        book.add_table("T", COLUMNS, [_row(1)])
        book.commit()
    assert failed.value.reason == "not_writable"
    assert list(tmp_path.iterdir()) == []
