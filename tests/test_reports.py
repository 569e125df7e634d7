"""Reports written to real workbooks and read back with openpyxl: values, types, formats,
frozen header, autofilter, charts, Chinese text, formula-safe user text, cancel, failures."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import update

from tests.factories import (
    add_call,
    add_customer,
    add_desk_user,
    add_ticket,
    add_ticket_event,
    model_id,
    with_reference_data,
)
from tests.ticket_factories import beijing
from workstation.db import Database
from workstation.export.workbook import ExportCancelled, ExportFailed
from workstation.models import FollowUp, SlaPause, Ticket
from workstation.permissions import PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.kpi_filters import KpiFilter, Period
from workstation.services.reports import (
    CustomerRequired,
    UnknownReport,
    export_report,
    preview_report,
    report_names,
)
from workstation.services.reports.base import ReportRequest
from workstation.services.reports.kpi_reports import previous_of

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder only the workbooks go to (the SQLite file lives in out)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def centre(db: Database) -> tuple[Database, SignedInUser, dict[str, int]]:
    """Tickets of November (one breached, paused, escalated, reopened) and one of October,
    a follow-up, a call; a customer whose name starts like a formula."""
    with_reference_data(db)
    boss = add_desk_user(db, "boss", "supervisor")
    engineer = add_desk_user(db, "工程师王", "engineer")
    customer = add_customer(db, "=cmd|' /C calc'!A0 北京华信科技")
    other = add_customer(db, "上海精密仪器有限公司")
    model = model_id(db)
    reported = beijing(2026, 11, 3, 9, 15)
    breached = add_ticket(
        db,
        customer,
        status="resolved",
        reported_at=reported,
        resolved_at=reported + timedelta(hours=30),
        product_model=model,
        description="+屏幕不亮，错误代码 E-201",
        error_code="E-201",
    )
    quiet = add_ticket(
        db, other, reported_at=beijing(2026, 11, 20, 14, 0), product_model=model,
        description="打印机卡纸",
    )  # fmt: skip
    add_ticket(db, other, reported_at=beijing(2026, 10, 30, 10, 0), product_model=model)
    with db.session() as session:
        session.execute(
            update(Ticket)
            .where(Ticket.id == breached)
            .values(
                assignee_id=engineer.id,
                response_due_at=reported + timedelta(hours=2),
                first_response_at=reported + timedelta(hours=1),
                resolution_due_at=reported + timedelta(hours=24),
                resolution_sla_flag="breached",
                resolved_on_first_call=False,
                root_cause="@电源板故障",
            )
        )
        session.add(
            SlaPause(
                ticket_id=breached,
                started_at=reported + timedelta(hours=3),
                ended_at=reported + timedelta(hours=5),
                reason="waiting_customer",
            )
        )
        session.add(
            FollowUp(
                ticket_id=breached,
                due_at=reported + timedelta(days=2),
                status="done",
                done_at=reported + timedelta(days=2, hours=1),
                done_by_id=boss.id,
                reached=True,
                confirmed_fixed=True,
                satisfaction=4,
                comments="-客户很满意",
                outcome="",
            )
        )
        session.commit()
    add_ticket_event(
        db, breached, "escalated", reported + timedelta(hours=20), {"reason": "=备件缺货"}
    )
    add_ticket_event(db, breached, "reopened", reported + timedelta(hours=40))
    add_call(
        db, customer, started_at=reported - timedelta(minutes=5), ended_at=reported,
        ticket_id=breached, caller_name="@李四", agent_id=boss.id,
    )  # fmt: skip
    return db, boss, {"customer": customer.customer_id, "breached": breached, "quiet": quiet}


def _export(
    db: Database, user: SignedInUser, name: str, out: Path, **request: object
) -> openpyxl.Workbook:
    target = out / f"{name}.xlsx"
    result = export_report(db, user, name, ReportRequest(NOVEMBER, **request), target)  # type: ignore[arg-type]
    assert result.path == target and target.exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []
    return openpyxl.load_workbook(target)


def _table(book: openpyxl.Workbook, sheet: str) -> list[dict[str, object]]:
    ws = book[sheet]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def test_ticket_list_is_typed_frozen_filtered_and_keeps_chinese(centre, out) -> None:
    db, boss, _ = centre
    book = _export(db, boss, "tickets", out)
    assert book.sheetnames == ["Summary", "Tickets"]
    ws = book["Tickets"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:Z3"
    rows = _table(book, "Tickets")
    assert len(rows) == 2  # October's ticket is not in November
    first = rows[0]
    # Real types: the instant in the centre's local time, numbers as numbers.
    assert first["Reported"] == datetime(2026, 11, 3, 9, 15)
    assert isinstance(first["Resolution (h)"], int | float) and first["Resolution (h)"] == 30
    assert first["Response (h)"] == 1.0
    assert first["Customer"] == "=cmd|' /C calc'!A0 北京华信科技"
    assert first["Description"] == "+屏幕不亮，错误代码 E-201"
    assert first["Assignee"] == "工程师王"
    assert first["Resolution SLA"] == "breached"
    cells = {c.column_letter: c for c in ws[2]}
    assert cells["B"].number_format == "yyyy-mm-dd hh:mm" and cells["B"].is_date
    assert cells["V"].number_format == "#,##0.0" and cells["V"].data_type == "n"
    # User text that looks like a formula is text, marked with Excel's quote prefix.
    assert cells["E"].data_type == "s" and cells["E"].quotePrefix
    assert cells["Z"].data_type == "s" and cells["Z"].quotePrefix
    summary = book["Summary"]
    texts = [c.value for row in summary.iter_rows() for c in row if c.value]
    assert "Ticket detail list" in texts
    assert any(str(t).startswith("Period: 2026-11-01") for t in texts)


def test_chinese_workbook_has_chinese_headings(centre, out) -> None:
    db, boss, _ = centre
    book = _export(db, boss, "tickets", out, language="zh")
    assert book.sheetnames == ["汇总", "工单"]
    assert book["工单"]["B1"].value == "报障时间"
    assert book["工单"]["E2"].value.endswith("北京华信科技")
    assert book["工单"]["Y2"].value == "否"


def test_sla_breaches_say_why(centre, out) -> None:
    db, boss, _ = centre
    rows = _table(_export(db, boss, "sla-breaches", out), "Breaches")
    assert len(rows) == 1
    (row,) = rows
    assert row["Deadline"] == "resolution" and row["Flag"] == "breached"
    assert row["Hours late"] == 6.0
    assert row["Escalations"] == 1 and isinstance(row["Escalations"], int)
    assert row["Last escalation reason"] == "=备件缺货"
    assert row["Pauses"] == 1 and row["Paused (h)"] == 2.0
    assert row["Pause reasons"] == "waiting_customer"
    assert row["Root cause"] == "@电源板故障"


def test_engineer_report_counts_the_tickets_and_says_what_is_missing(centre, out) -> None:
    db, boss, _ = centre
    book = _export(db, boss, "engineers", out)
    (row,) = _table(book, "Engineers")
    assert row["Engineer"] == "工程师王"
    assert (row["Resolved in period"], row["Reopened"], row["Resolution SLA breached"]) == (1, 1, 1)
    assert row["Mean resolution (h)"] == 30.0
    texts = [c.value for r in book["Summary"].iter_rows() for c in r if c.value]
    assert any("issue 5" in str(t) for t in texts)
    assert book["Summary"]._charts


def test_customer_report_has_tickets_calls_and_follow_ups(centre, out) -> None:
    db, boss, ids = centre
    book = _export(db, boss, "customer", out, customer_id=ids["customer"])
    assert book.sheetnames == ["Summary", "Tickets", "Calls", "Follow-ups"]
    assert len(_table(book, "Tickets")) == 1
    (call,) = _table(book, "Calls")
    assert call["Caller"] == "@李四" and call["Minutes"] == 5.0
    assert book["Calls"]["E2"].quotePrefix
    (answer,) = _table(book, "Follow-ups")
    assert answer["Satisfaction (1-5)"] == 4 and answer["Comments"] == "-客户很满意"


def test_satisfaction_spreads_the_scores_with_a_chart(centre, out) -> None:
    db, boss, _ = centre
    book = _export(db, boss, "satisfaction", out)
    scores = _table(book, "Scores")
    assert [(r["Score"], r["Answers"]) for r in scores] == [(1, 0), (2, 0), (3, 0), (4, 1), (5, 0)]
    assert book["Scores"]["C5"].number_format == "0.0%" and book["Scores"]["C5"].value == 1.0
    assert book["Summary"]._charts


def test_filter_narrows_rows(centre, out) -> None:
    db, boss, _ = centre
    book = _export(db, boss, "tickets", out, filter=KpiFilter(tiers=("vip",)))
    assert _table(book, "Tickets") == []


def test_preview_of_the_monthly_summary_is_its_kpi_table(centre) -> None:
    db, boss, _ = centre
    preview = preview_report(db, boss, "monthly-summary", ReportRequest(NOVEMBER))
    assert preview.rows[0][0] == "Tickets reported"
    assert preview.rows[0][1][1] == 2 and preview.rows[0][2][1] == 1


def test_preview_gives_first_rows_and_total(centre) -> None:
    db, boss, _ = centre
    preview = preview_report(db, boss, "tickets", ReportRequest(NOVEMBER), limit=1)
    assert preview.total == 2 and len(preview.rows) == 1
    assert preview.rows[0][1] == beijing(2026, 11, 3, 9, 15)
    assert [c.key for c in preview.columns][:2] == ["number", "reported_at"]


def test_refusals(centre, out) -> None:
    db, _, _ = centre
    agent = add_desk_user(db, "agent7", "agent")
    boss = add_desk_user(db, "boss2", "supervisor")
    with pytest.raises(PermissionDenied):
        preview_report(db, agent, "tickets", ReportRequest(NOVEMBER))
    with pytest.raises(PermissionDenied):
        export_report(db, agent, "tickets", ReportRequest(NOVEMBER), out / "x.xlsx")
    with pytest.raises(CustomerRequired):
        preview_report(db, boss, "customer", ReportRequest(NOVEMBER))
    with pytest.raises(UnknownReport):
        preview_report(db, boss, "nope", ReportRequest(NOVEMBER))
    assert list(out.iterdir()) == []


def test_cancel_leaves_nothing_behind(centre, out) -> None:
    db, boss, _ = centre
    cancel = threading.Event()
    cancel.set()
    target = out / "tickets.xlsx"
    with pytest.raises(ExportCancelled):
        export_report(db, boss, "tickets", ReportRequest(NOVEMBER), target, cancel=cancel)
    assert list(out.iterdir()) == []


def test_missing_or_read_only_folder_is_reported(centre, out) -> None:
    db, boss, _ = centre
    with pytest.raises(ExportFailed) as missing:
        export_report(db, boss, "tickets", ReportRequest(NOVEMBER), out / "no" / "t.xlsx")
    assert missing.value.reason == "folder_missing"
    locked = out / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if _writable(locked):
            pytest.skip("running as a user who may write anywhere")
        with pytest.raises(ExportFailed) as refused:
            export_report(db, boss, "tickets", ReportRequest(NOVEMBER), locked / "t.xlsx")
        assert refused.value.reason == "not_writable"
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o700)


def _writable(folder: Path) -> bool:
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except OSError:
        return False
    probe.unlink()
    return True


def test_report_names() -> None:
    assert set(report_names()) == {
        "monthly-summary", "tickets", "sla-breaches", "failures", "engineers", "customer",
        "satisfaction",
    }  # fmt: skip


def test_a_folder_in_the_way_is_reported_and_nothing_left(centre, out) -> None:
    db, boss, _ = centre
    (out / "t.xlsx").mkdir()
    with pytest.raises(ExportFailed) as failed:
        export_report(db, boss, "tickets", ReportRequest(NOVEMBER), out / "t.xlsx")
    assert "t.xlsx" in str(failed.value)
    assert [p.name for p in out.iterdir()] == ["t.xlsx"]


def _summary_rows(book: openpyxl.Workbook, sheet: str = "Summary") -> dict[str, tuple]:
    """The summary's KPI table by its first column."""
    rows = {}
    for row in book[sheet].iter_rows():
        if row and isinstance(row[0].value, str) and len(row) >= 4:
            rows[row[0].value] = tuple(row)
    return rows


def test_monthly_summary_has_kpis_against_the_previous_period_and_a_trend_chart(
    centre, out
) -> None:
    db, boss, _ = centre
    book = _export(db, boss, "monthly-summary", out)
    assert book.sheetnames == ["Summary", "Daily trend"]
    kpis = _summary_rows(book)
    reported = kpis["Tickets reported"]
    # November has two tickets; October, the month before, one.
    assert [c.value for c in reported[1:4]] == [2, 1, 1]
    assert reported[1].number_format == "#,##0" and reported[1].data_type == "n"
    met = kpis["Resolution SLA met"]
    assert met[1].number_format == "0.0%"
    assert kpis["Mean time to resolve, clock hours"][1].number_format == "#,##0.0"
    texts = [c.value for r in book["Summary"].iter_rows() for c in r if c.value]
    assert "Previous period: 2026-10-01 – 2026-10-31" in texts
    (chart,) = book["Summary"]._charts
    assert type(chart).__name__ == "LineChart" and len(chart.series) == 3
    daily = _table(book, "Daily trend")
    assert len(daily) == 30
    third = daily[2]
    assert third["Day"] == datetime(2026, 11, 3) and third["Reported"] == 1
    assert book["Daily trend"]["A2"].number_format == "yyyy-mm-dd"


def test_a_month_is_compared_with_the_month_before_other_periods_with_the_stretch_before() -> None:
    assert previous_of(Period.month(2026, 10)) == Period.month(2026, 9)
    assert previous_of(Period.month(2026, 3)) == Period(date(2026, 2, 1), date(2026, 2, 28))
    ten_days = Period(date(2026, 11, 11), date(2026, 11, 20))
    assert previous_of(ten_days) == Period(date(2026, 11, 1), date(2026, 11, 10))


def test_failures_by_model_category_and_error_code(centre, out) -> None:
    db, boss, _ = centre
    book = _export(db, boss, "failures", out, language="zh")
    assert book.sheetnames == ["汇总", "按型号", "按故障类别", "按故障码"]
    (model,) = _table(book, "按型号")
    assert model["故障数"] == 2 and model["占比"] == 1
    (code,) = _table(book, "按故障码")
    assert (code["代码"], code["故障数"], code["占比"]) == ("E-201", 1, 0.5)
    assert book["按故障码"]["D2"].number_format == "0.0%"
    charts = book["汇总"]._charts
    assert [type(c).__name__ for c in charts] == ["BarChart", "BarChart"]  # no symptom data
