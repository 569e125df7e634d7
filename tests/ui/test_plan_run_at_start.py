"""After sign-in a desk runs the plan generator on its write worker, never before or on the
GUI thread, and again every few hours while it stays open."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

import ui.session
from tests.factories import add_customer, add_desk_user, add_equipment, with_reference_data
from tests.ui.desk import OpenDesk
from ui.i18n import Translations
from ui.settings import DeskSettings
from workstation.db import Database, describe_url
from workstation.models import Visit
from workstation.services import plan_generator
from workstation.services.maintenance_plans import PlanInput, create_plan
from workstation.services.plan_generator import GenerationResult, centre_today


def _visits(db: Database) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Visit)) or 0)


def test_the_generator_runs_after_sign_in_on_a_worker(
    qtbot: QtBot, db: Database, open_desk: OpenDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    with_reference_data(db)
    customer = add_customer(db)
    device = add_equipment(db, customer)
    boss = add_desk_user(db, "planner", "supervisor")
    due = centre_today() + timedelta(days=5)
    create_plan(db, boss, PlanInput("年检", "inspection", 12, due), equipment_id=device)
    with db.session() as session:  # saving made the visit: gone again, the desk must make it
        session.query(Visit).delete()
        session.commit()
    threads: list[str] = []
    real = plan_generator.generate_due_visits

    def watched(*args: object) -> GenerationResult:
        threads.append(threading.current_thread().name)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(plan_generator, "generate_due_visits", watched)
    monkeypatch.setattr(ui.session, "PLAN_RUN_AFTER_MS", 50)

    desk, _window = open_desk("agent")
    qtbot.waitUntil(lambda: desk.last_plan_run is not None, timeout=10_000)
    result = desk.last_plan_run
    assert result is not None and result.created == 1 and result.maintenance == 1
    assert _visits(db) == 1
    assert threads == ["db-write_0"], "once, on the write worker (not the GUI thread)"
    # The next run is planned hours ahead.
    assert desk._plan_timer.isActive()
    assert desk._plan_timer.remainingTime() > ui.session.PLAN_RUN_EVERY_MS - 60_000


def test_nothing_runs_before_anyone_signs_in(
    qtbot: QtBot,
    db: Database,
    translations: Translations,
    settings: DeskSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ui.session, "PLAN_RUN_AFTER_MS", 0)
    calls: list[object] = []
    monkeypatch.setattr(plan_generator, "generate_due_visits", lambda *a: calls.append(a))
    desk = ui.session.Workstation(
        db, describe_url(db.url), translations=translations, settings=settings
    )
    try:
        desk.start()
        qtbot.waitExposed(desk.sign_in_dialog)
        qtbot.wait(200)
        assert calls == [] and not desk._plan_timer.isActive()
    finally:
        desk.shutdown()
        desk.sign_in_dialog.deleteLater()
