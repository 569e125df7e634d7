"""The dashboard page with qtbot on the hand-built centre (tests/dashboard_data.py): tiles and
charts, filters and periods, live updates from another process, the throttle, the GUI
thread's longest stall, a chart redrawn hundreds of times, screenshots in both languages."""

from __future__ import annotations

import itertools
import math
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.conftest import url_for_subprocess
from tests.dashboard_data import NOW, Centre, build_centre
from ui.dashboard_page import CUSTOM, DAYS_30, TODAY, DashboardPage
from ui.i18n import CHINESE, ENGLISH, Translations
from ui.live import LiveConnection, LiveState
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"


def _now() -> datetime:
    return NOW


@pytest.fixture
def centre(db: Database) -> Centre:
    return build_centre(db)


@pytest.fixture
def make_page(
    qtbot: QtBot, db: Database, runner: TaskRunner, centre: Centre
) -> Iterator[Callable[..., DashboardPage]]:
    pages: list[DashboardPage] = []

    def make(interval_ms: int = 100) -> DashboardPage:
        page = DashboardPage(
            db=db, runner=runner, user=centre.supervisor, clock=_now, interval_ms=interval_ms
        )
        qtbot.addWidget(page)
        page.resize(1400, 1000)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.stop()


def shown(qtbot: QtBot, page: DashboardPage) -> DashboardPage:
    with qtbot.waitSignal(page.refreshed, timeout=10_000):
        page.show()
    qtbot.waitUntil(lambda: page.region_filter.count() > 1, timeout=5000)
    return page


def ticket_changed() -> list[Change]:
    return [Change(0, NOW, "ticket", 1, "update", None, {})]


def test_tiles_loads_and_charts(qtbot: QtBot, make_page: Callable[..., DashboardPage]) -> None:
    page = make_page()
    assert page.hourly_chart is None  # pyqtgraph loads when the page is first shown
    shown(qtbot, page)
    tiles = page.tiles
    assert tiles.open.value.text() == "4"
    assert (tiles.unassigned.value.text(), tiles.at_risk.value.text()) == ("3", "1")
    assert tiles.breached.value.text() == "1"
    assert tiles.priorities["P2"].value.text() == "4"
    assert tiles.statuses["new"].value.text() == "2"
    assert tiles.oldest.value.text() == "3 d 1 h"  # 20 Nov 09:00 to 23 Nov 10:30
    names = [page.loads_model.row(i).display_name for i in range(page.loads_model.rowCount())]
    assert names[0] == "eng1"
    assert page.response_chart is not None and page.compliance_chart is not None
    _x, median = page.response_chart.median.getData()
    assert median is not None and len(median) == 7
    assert median[3] == pytest.approx(0.5)  # 20 Nov: 30 min
    _x, p90 = page.response_chart.p90.getData()
    assert p90 is not None and p90[3] == pytest.approx(200 / 60)
    _x, target = page.response_chart.target.getData()
    assert target is not None and len(target) == 2
    _x, compliance = page.compliance_chart.compliance.getData()
    assert compliance is not None and compliance[4] == pytest.approx(75.0)  # resolved 21 Nov
    assert math.isnan(compliance[0])  # no ticket judged on 17 Nov
    tips = page.response_chart.median_points.data["data"]
    assert "2026-11-20" in tips[0] and "0.50 h" in tips[0]
    assert page.hourly_chart is not None and page.backlog_chart is not None
    _x, calls = page.hourly_chart.calls.getData()
    assert calls is not None and len(calls) == 11 and calls[8] == 2  # hours 0..10 so far
    _x, average = page.hourly_chart.calls_average.getData()
    assert average is not None and len(average) == 24 and average[8] == 1.0
    assert list(page.backlog_chart.bars.opts["height"]) == [1, 2, 0, 0, 1, 0]


def test_filters_and_periods(qtbot: QtBot, make_page: Callable[..., DashboardPage]) -> None:
    page = shown(qtbot, make_page())
    response = page.response_chart
    assert response is not None
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.tier_filter.setCurrentIndex(page.tier_filter.findData("vip"))
    assert page.tiles.open.value.text() == "3" and page.tiles.breached.value.text() == "0"
    _x, p90 = response.p90.getData()
    assert p90 is not None and p90[3] == pytest.approx(40 / 60)
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.period_filter.setCurrentIndex(page.period_filter.findData(TODAY))
    assert page.snapshot is not None and len(page.snapshot.days) == 1
    assert not page.first_day.isVisible()
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.period_filter.setCurrentIndex(page.period_filter.findData(DAYS_30))
    _x, median = response.median.getData()
    assert median is not None and len(median) == 30
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.tier_filter.setCurrentIndex(0)
        page.period_filter.setCurrentIndex(page.period_filter.findData(CUSTOM))
    assert page.first_day.isVisible() and page.last_day.isVisible()
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.first_day.setDate(page.last_day.date().addDays(-3))
    assert page.snapshot is not None
    assert [d.day.day for d in page.snapshot.days] == [20, 21, 22, 23]
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        region_b = page.region_filter.findText(page.region_filter.itemText(2))
        page.region_filter.setCurrentIndex(region_b)
    assert page.tiles.open.value.text() == "1"


def test_a_hidden_page_reads_nothing_until_shown(
    qtbot: QtBot, make_page: Callable[..., DashboardPage]
) -> None:
    page = shown(qtbot, make_page())
    reads = page.refreshes
    page.hide()
    for _ in range(5):
        page.on_changes(ticket_changed())
    qtbot.wait(300)
    assert page.refreshes == reads
    page.on_changes([Change(0, NOW, "customer", 1, "update", None, {})])
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.show()
    assert page.refreshes == reads + 1


class _Writer:
    """`python -m tests.dashboard_writer`: another desk opening tickets."""

    def __init__(self, db: Database, customer_id: int, count: int, interval_ms: int) -> None:
        paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
        reported = (NOW - timedelta(minutes=1)).isoformat()
        args = [url_for_subprocess(db.url), str(customer_id), str(count), str(interval_ms)]
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.dashboard_writer", *args, reported],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )

    def finish(self) -> list[str]:
        out, _ = self.process.communicate(timeout=60)
        assert self.process.returncode == 0
        return out.split()


def test_live_from_another_process_throttled_without_stalling_the_gui(
    qtbot: QtBot,
    db: Database,
    centre: Centre,
    live: LiveConnection,
    make_page: Callable[..., DashboardPage],
) -> None:
    """Another process opens 40 tickets, 50 ms apart: the page follows the real change feed
    in a few refreshes (at most one per interval, never one per change), and the GUI
    thread's own work between two ticks of a 5 ms timer stays under 50 ms.

    The stall is the GUI thread's CPU time between ticks (`time.thread_time`): the wall-clock
    gap is printed too, but on a shared two-core machine it mostly measures the other
    processes (it also grows when no refresh runs)."""
    page = shown(qtbot, make_page(interval_ms=500))
    live.changes.connect(page.on_changes)
    live.start()
    qtbot.waitUntil(lambda: live.state is LiveState.LIVE, timeout=5000)
    before = page.refreshes
    ticks: list[tuple[float, float]] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append((time.perf_counter(), time.thread_time())))
    timer.start()
    writer = _Writer(db, centre.vip.customer_id, 40, 50)
    try:
        qtbot.waitUntil(lambda: page.tiles.open.value.text() == "44", timeout=30_000)
    finally:
        timer.stop()
        out = writer.finish()
    assert out.count("committed") == 40
    refreshes = page.refreshes - before
    elapsed = ticks[-1][0] - ticks[0][0]
    assert 1 <= refreshes <= elapsed / 0.5 + 2, (refreshes, elapsed)
    assert refreshes < 20
    pairs = list(itertools.pairwise(ticks))
    wall = max(b[0] - a[0] for a, b in pairs) * 1000
    cpu = max(b[1] - a[1] for a, b in pairs) * 1000
    print(
        f"\n{refreshes} refreshes for 40 changes in {elapsed:.2f} s; longest GUI-thread work "
        f"between ticks {cpu:.1f} ms (wall-clock gap {wall:.1f} ms)"
    )
    assert cpu < 50, cpu


def test_a_chart_redrawn_hundreds_of_times(
    qtbot: QtBot, make_page: Callable[..., DashboardPage]
) -> None:
    """The PySide6 6.12 guard (DESIGN.md): on an unsafe build this aborts the process."""
    page = shown(qtbot, make_page())
    snapshot = page.snapshot
    assert snapshot is not None and page.response_chart is not None
    chart = page.response_chart
    qtbot.waitUntil(lambda: not page.charts_pending, timeout=5000)
    qtbot.wait(300)  # nothing else in flight
    for n in range(300):
        chart.set_days(snapshot.days[n % 3 :], snapshot.response_target_minutes)
        chart.grab()
    _x, median = chart.median.getData()
    assert median is not None and len(median) == 7 - 299 % 3


def test_screenshots_in_english_and_chinese(
    qtbot: QtBot,
    make_page: Callable[..., DashboardPage],
    translations: Translations,
) -> None:
    page = shown(qtbot, make_page())
    page.resize(1400, 1100)  # everything in view, no scrolling
    with qtbot.waitSignal(page.refreshed, timeout=5000):
        page.period_filter.setCurrentIndex(page.period_filter.findData(DAYS_30))
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not page.charts_pending, timeout=5000)
    assert page.grab().save(str(SHOTS / "dashboard_en.png"))
    translations.switch(CHINESE)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not page.charts_pending, timeout=5000)
    assert page.grab().save(str(SHOTS / "dashboard_zh.png"))
    translations.switch(ENGLISH)
    QApplication.processEvents()
    assert page.title.text() == "Dashboard"
