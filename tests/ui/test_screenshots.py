"""Screenshots of the desk in English and Chinese, for people to look at (artifacts/screenshots/).

Set WORKSTATION_DOCS_SCREENSHOT=docs/main-window.png (`make docs-screenshot`) to
also refresh the README's picture from the English main window.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.factories import (
    add_contract,
    add_customer,
    add_equipment,
    add_ticket,
    model_id,
    symptom_id,
    with_reference_data,
)
from tests.ticket_factories import add_planned_ticket, add_worker, queue_id
from tests.ui.desk import OpenDesk
from tests.ui.helpers import add_open_ticket
from ui.areas import Area
from ui.follow_ups_page import FollowUpsPage
from ui.i18n import CHINESE, ENGLISH, Translations
from ui.tasks import TaskRunner
from ui.ticket_view import TicketView
from ui.ticket_words import event_text
from workstation.db import Database
from workstation.models import SlaPlan
from workstation.services.auth import SignedInUser
from workstation.services.presence import announce
from workstation.services.sla_plans import default_plan_id
from workstation.services.sla_watch import sweep_sla
from workstation.services.ticket_detail import load_ticket
from workstation.services.ticket_work import (
    Resolution,
    assign,
    change_priority_or_plan,
    change_status,
    edit_ticket,
)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
SIZE = QSize(1200, 750)


def save(widget: QWidget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    image = widget.grab().toImage()
    assert not image.isNull()
    assert image.save(str(path))
    return path


def test_screenshots_of_the_main_window_and_sign_in_in_both_languages(
    qtbot: QtBot,
    open_desk: OpenDesk,
    db: Database,
    translations: Translations,
    request: pytest.FixtureRequest,
) -> None:
    backend = request.node.callspec.params["database_url"]
    for _ in range(3):
        add_open_ticket(db)
    desk, window = open_desk("supervisor")
    window.resize(SIZE)
    qtbot.waitUntil(lambda: window.status.connection.text() == "● Live", timeout=5000)
    qtbot.waitUntil(lambda: window.status.open_tickets.text() == "Open tickets: 3", timeout=5000)
    welcome = window.findChild(QLabel, "welcomeLine")
    assert isinstance(welcome, QLabel)
    qtbot.waitUntil(lambda: "region 华东" in welcome.text(), timeout=5000)
    qtbot.wait(50)
    shots = {ENGLISH: save(window, f"main_window_en_{backend}")}
    assert window.size() == SIZE
    ratio = window.devicePixelRatio()

    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "客服工作台", timeout=1000)
    qtbot.wait(50)
    shots[CHINESE] = save(window, f"main_window_zh_CN_{backend}")

    window.sign_out_action.trigger()
    dialog = desk.sign_in_dialog
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    qtbot.wait(50)
    save(dialog, f"sign_in_zh_CN_{backend}")
    translations.switch(ENGLISH)
    qtbot.waitUntil(lambda: dialog.sign_in_button.text() == "Sign in", timeout=1000)
    qtbot.wait(50)
    save(dialog, f"sign_in_en_{backend}")

    for path in shots.values():
        image = QImage(str(path))
        assert image.size() == SIZE * ratio

    docs = os.environ.get("WORKSTATION_DOCS_SCREENSHOT")
    if docs:
        target = ROOT / docs
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(shots[ENGLISH].read_bytes())


DESK_SIZE = QSize(1600, 900)


def test_screenshots_of_the_agent_desk_during_a_call_and_of_customers_in_both_languages(
    qtbot: QtBot,
    open_desk: OpenDesk,
    db: Database,
    translations: Translations,
    request: pytest.FixtureRequest,
) -> None:
    """What an agent sees mid-call: the caller's card with history, the form, similar faults."""
    backend = request.node.callspec.params["database_url"]
    with_reference_data(db)
    customer = add_customer(
        db,
        "上海精密仪器有限公司",
        tier="vip",
        contacts=(("张三", ("138 1234 5678",)), ("李四", ("021-6552 1234",))),
    )
    printer = add_equipment(db, customer, serial="LP-2020-7777", install_date=date(2025, 3, 1))
    add_equipment(db, customer, serial="LP-2020-7790", warranty_end=date(2027, 6, 30))
    add_contract(db, customer, equipment_ids=(printer,))
    now = datetime.now(UTC)
    add_ticket(
        db,
        customer,
        equipment_id=printer,
        status="closed",
        reported_at=now - timedelta(days=60),
        resolved_at=now - timedelta(days=58),
        error_code="E-201",
        description="卡纸，面板显示 E-201",
        solution="更换搓纸轮，清洁进纸通道",
    )
    add_ticket(db, customer, equipment_id=printer, reported_at=now - timedelta(hours=3))

    _desk, window = open_desk("agent")
    window.resize(DESK_SIZE)
    desk = window.agent_desk
    desk.search.set_query("zs")
    qtbot.waitUntil(lambda: desk.search.result is not None, timeout=5000)
    desk.show_customer(customer.customer_id, customer.contact_ids[0])
    qtbot.waitUntil(lambda: desk.customer_card.card is not None, timeout=5000)
    desk.new_call()
    form = desk.call_form
    qtbot.waitUntil(lambda: form.caller_name.text() == "张三", timeout=5000)
    form.serial.setEditText("LP-2020-7777")
    qtbot.waitUntil(lambda: form.product_model.currentData() is not None, timeout=5000)
    form.error_code.setText("E-201")
    form.description.setPlainText("卡纸，面板显示 E-201，客户已重启两次")
    form.severity.setCurrentIndex(form.severity.findData("minor"))
    qtbot.waitUntil(lambda: form.similar.model.rowCount() > 0, timeout=5000)
    qtbot.wait(100)
    shots = {ENGLISH: save(window, f"agent_desk_en_{backend}")}
    window.open_area(Area.CUSTOMERS)
    window.customers.show_customer(customer.customer_id)
    qtbot.waitUntil(lambda: window.customers.customer_card.card is not None, timeout=5000)
    qtbot.wait(100)
    save(window, f"customers_en_{backend}")

    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "客服工作台", timeout=1000)
    qtbot.wait(100)
    save(window, f"customers_zh_CN_{backend}")
    window.open_area(Area.AGENT_DESK)
    qtbot.wait(100)
    shots[CHINESE] = save(window, f"agent_desk_zh_CN_{backend}")
    assert form.description.toPlainText() == "卡纸，面板显示 E-201，客户已重启两次"
    for path in shots.values():
        assert QImage(str(path)).size() == DESK_SIZE * window.devicePixelRatio()

    docs = os.environ.get("WORKSTATION_DOCS_SCREENSHOT")
    if docs:
        target = ROOT / docs.replace("main-window", "agent-desk")
        target.write_bytes(shots[ENGLISH].read_bytes())


QUEUE_SIZE = QSize(1600, 900)


def _queue_scene(db: Database) -> None:
    """A morning's queue: tickets on track, at risk, breached, paused and waiting for parts."""
    from sqlalchemy import select

    from tests.factories import model_id
    from tests.queue_data import add_client, add_person, add_queue_ticket
    from workstation.models import Queue

    with_reference_data(db)
    with db.session() as session:
        queues = {q.code: q.id for q in session.scalars(select(Queue))}
    models = [model_id(db, code) for code in _model_codes(db)]
    li, wang, chen = (add_person(db, n) for n in ("李明", "王芳", "陈刚"))
    customers = [
        add_client(db, "中国银行上海分行", tier="vip"),
        add_client(db, "杭州西湖医院", tier="key"),
        add_client(db, "Müller Logistik GmbH"),
        add_client(db, "苏州工业园区物流中心"),
        add_client(db, "南京金陵饭店", tier="key"),
        add_client(db, "上海精密仪器有限公司"),
    ]
    H, M = timedelta(hours=1), timedelta(minutes=1)
    scene = [
        # (customer, left, queue, assignee, status, priority, extra)
        (0, -35 * M, "FIELD-EAST", li, "in_progress", "P1", {}),
        (1, -2 * H - 10 * M, "TECH", wang, "waiting_parts", "P2", {}),
        (2, 25 * M, "FRONT", None, "new", "P2", {}),
        (3, 50 * M, "FIELD-EAST", chen, "assigned", "P2", {}),
        (
            4,
            5 * H,
            "FRONT",
            None,
            "new",
            "P3",
            {"response_left": 12 * M, "responded": False},
        ),
        (5, 2 * H + 15 * M, "TECH", wang, "in_progress", "P2", {}),
        (1, 6 * H + 40 * M, "FRONT", None, "new", "P3", {}),
        (0, 9 * H + 5 * M, "FIELD-EAST", li, "assigned", "P2", {}),
        (3, 27 * H, "FRONT", None, "new", "P4", {}),
        (2, 3 * H, "TECH", chen, "waiting_customer", "P3", {"paused_ago": 2 * H}),
        (4, 20 * H, "FIELD-EAST", li, "waiting_customer", "P4", {"paused_ago": 5 * H}),
    ]
    now = datetime.now(UTC)
    for i, (customer, left, queue, assignee, status, priority, extra) in enumerate(scene):
        add_queue_ticket(
            db,
            customers[customer],
            now=now,
            left=left,
            target=8 * H if priority != "P4" else 40 * H,
            queue_id=queues[queue],
            assignee_id=assignee,
            status=status,
            priority=priority,
            product_model_id=models[i % len(models)],
            **extra,  # type: ignore[arg-type]
        )


def _model_codes(db: Database) -> list[str]:
    from sqlalchemy import select

    from workstation.models import ProductModel

    with db.session() as session:
        codes = session.scalars(select(ProductModel.code).order_by(ProductModel.id)).all()
    return list(codes[:: max(1, len(codes) // 6)][:6])


def test_screenshots_of_the_queue_in_both_languages(
    qtbot: QtBot,
    open_desk: OpenDesk,
    db: Database,
    translations: Translations,
) -> None:
    """The supervisor's live queue: on-track, at-risk, breached and paused tickets."""
    _queue_scene(db)
    _desk, window = open_desk("supervisor")
    window.resize(QUEUE_SIZE)
    window.open_area(Area.QUEUE)
    page = window.queue
    qtbot.waitUntil(lambda: page.model.rowCount() == 11, timeout=5000)
    qtbot.waitUntil(lambda: page.options is not None, timeout=5000)
    page.table.selectRow(3)
    page.table.setFocus()
    qtbot.wait(100)
    shots = {ENGLISH: save(window, "queue-en")}

    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: window.navigation.item(0).text() == "客服工作台", timeout=1000)
    qtbot.wait(100)
    shots[CHINESE] = save(window, "queue-zh")
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "工单"
    for path in shots.values():
        assert QImage(str(path)).size() == QUEUE_SIZE * window.devicePixelRatio()


TICKET_SIZE = QSize(1280, 800)


def _vip_plan(db: Database) -> int:
    with db.session() as session:
        found = session.scalar(select(SlaPlan.id).where(SlaPlan.name == "VIP 24x7"))
        assert found is not None
        return found


def _worked_ticket(db: Database) -> tuple[int, SignedInUser]:
    """A VIP's printer ticket driven through the real services: assigned, worked, paused for
    the customer and resumed, raised to P2, then warned at risk by the SLA watch."""
    with_reference_data(db)
    customer = add_customer(
        db,
        "上海精密仪器有限公司",
        tier="vip",
        contacts=(("张三", ("138 1234 5678",)),),
    )
    printer = add_equipment(db, customer, serial="LP-2020-7777")
    supervisor = add_worker(db, "陈主管", role="supervisor")
    engineer = add_worker(db, "王工", role="engineer")
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    start = now - timedelta(hours=8)
    ticket_id = add_planned_ticket(
        db,
        customer,
        _vip_plan(db),
        start,
        priority="P3",
        queue=queue_id(db, "FRONT"),
        equipment_id=printer,
        product_model=model_id(db),
    )

    def version() -> int:
        return load_ticket(db, ticket_id).version

    assign(db, supervisor, ticket_id, version(), engineer.id, now=start + timedelta(minutes=6))
    change_status(
        db, engineer, ticket_id, version(), "in_progress", now=start + timedelta(minutes=22)
    )
    loaded = load_ticket(db, ticket_id).edit
    edit_ticket(
        db,
        engineer,
        ticket_id,
        loaded,
        replace(loaded, symptom_category_id=symptom_id(db, model_id(db)), error_code="E-201"),
        now=start + timedelta(minutes=35),
    )
    change_status(
        db,
        engineer,
        ticket_id,
        version(),
        "waiting_customer",
        note="客户需确认硒鼓批次后回电",
        now=start + timedelta(hours=1),
    )
    change_status(db, engineer, ticket_id, version(), "in_progress", now=start + timedelta(hours=3))
    change_priority_or_plan(
        db,
        supervisor,
        ticket_id,
        version(),
        priority="P2",
        reason="客户产线停机，影响出货",
        now=start + timedelta(hours=3, minutes=10),
    )
    warned = sweep_sla(db, now=start + timedelta(hours=7, minutes=40))
    assert [w.level for w in warned] == ["at_risk"]
    return ticket_id, engineer


def _ticket_window(
    qtbot: QtBot, db: Database, runner: TaskRunner, user: SignedInUser, ticket_id: int
) -> TicketView:
    view = TicketView(db=db, runner=runner, user=user, ticket_id=ticket_id, desk="desk-1")
    qtbot.addWidget(view)
    view.resize(TICKET_SIZE)
    view.show()
    qtbot.waitUntil(lambda: view.detail is not None, timeout=5000)
    qtbot.waitUntil(lambda: view.severity.count() > 0, timeout=5000)
    return view


def test_screenshots_of_a_worked_ticket_in_both_languages(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    """A VIP ticket mid-way: badges, moves, facts, the timeline and the SLA timeline."""
    ticket_id, engineer = _worked_ticket(db)
    colleague = add_worker(db, "李娜", role="agent")
    announce(db, colleague, "desk-2", ticket_id)
    view = _ticket_window(qtbot, db, runner, engineer, ticket_id)
    qtbot.waitUntil(view.presence.banner.isVisible, timeout=5000)
    assert view.detail is not None
    kinds = [e.kind for e in view.detail.timeline]
    assert {"sla_paused", "sla_resumed", "priority_changed", "sla_at_risk"} <= set(kinds)
    assert view.sla_model.rowCount() >= 5
    for entry in view.detail.timeline:  # every event the services wrote reads as a sentence
        text = event_text(entry.kind, dict(entry.details))
        assert text != entry.kind and "()" not in text and "{" not in text
    qtbot.wait(100)
    save(view, "ticket-en")
    view.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    save(view, "ticket-sla-en")

    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: view.tabs.tabText(0) != "Timeline", timeout=1000)
    view.tabs.setCurrentIndex(0)
    qtbot.wait(100)
    save(view, "ticket-zh")
    view.tabs.setCurrentIndex(1)
    qtbot.wait(50)
    save(view, "ticket-sla-zh")


def test_screenshot_of_the_conflict_banner(qtbot: QtBot, db: Database, runner: TaskRunner) -> None:
    """Another desk raised the severity while the agent typed a description."""
    ticket_id, engineer = _worked_ticket(db)
    other = add_worker(db, "李娜", role="agent")
    view = _ticket_window(qtbot, db, runner, engineer, ticket_id)
    view.description.setPlainText("打印机卡纸；客户补充：每天早上第一次打印时出现，面板显示 E-201")
    loaded = load_ticket(db, ticket_id)
    edit_ticket(db, other, ticket_id, loaded.edit, replace(loaded.edit, severity="critical"))
    view.save_button.click()
    qtbot.waitUntil(view.conflict.isVisible, timeout=5000)
    qtbot.wait(100)
    save(view, "ticket-conflict-en")


FOLLOW_UPS_SIZE = QSize(1280, 640)


def _resolved_with_follow_up(
    db: Database,
    engineer: SignedInUser,
    name: str,
    contact: tuple[str, tuple[str, ...]],
    serial: str,
    solution: str,
    days_ago: float,
) -> None:
    customer = add_customer(db, name, contacts=(contact,))
    device = add_equipment(db, customer, serial=serial)
    resolved = datetime.now(UTC) - timedelta(days=days_ago)
    with db.session() as session:
        plan = default_plan_id(session)
    ticket_id = add_planned_ticket(
        db,
        customer,
        plan,
        resolved - timedelta(hours=6),
        status="in_progress",
        assignee_id=engineer.id,
        equipment_id=device,
        product_model=model_id(db),
    )
    change_status(
        db,
        engineer,
        ticket_id,
        load_ticket(db, ticket_id).version,
        "resolved",
        resolution=Resolution("part_replaced", "搓纸轮磨损", solution),
        now=resolved,
    )


def test_screenshots_of_the_follow_ups_due_in_both_languages(
    qtbot: QtBot, db: Database, runner: TaskRunner, translations: Translations
) -> None:
    """Three follow-ups due; the first answered half-way: reached, fault back, 2 of 5."""
    with_reference_data(db)
    engineer = add_worker(db, "王工", role="engineer")
    _resolved_with_follow_up(
        db,
        engineer,
        "上海精密仪器有限公司",
        ("张三", ("138 1234 5678",)),
        "LP-2020-7777",
        "更换搓纸轮，清洁进纸通道",
        days_ago=5,
    )
    _resolved_with_follow_up(
        db,
        engineer,
        "北京远航科技有限公司",
        ("李四", ("010-6552 1234",)),
        "LP-2020-8120",
        "重新安装驱动并校准打印头",
        days_ago=4,
    )
    _resolved_with_follow_up(
        db,
        engineer,
        "杭州西湖医疗器械股份有限公司",
        ("赵敏", ("139 0000 1111",)),
        "LP-2020-9034",
        "更换定影组件",
        days_ago=3,
    )
    agent = add_worker(db, "张伟", role="agent")
    page = FollowUpsPage(db=db, runner=runner, user=agent)
    qtbot.addWidget(page)
    page.resize(FOLLOW_UPS_SIZE)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=5000)
    page.reached.buttons[0].click()
    page.fixed.buttons[1].click()
    page.score.buttons[1].click()
    page.comments.setPlainText("又卡纸了，客户很不满意，要求工程师今天再来一次")
    assert page.next_step.isVisible()
    qtbot.wait(100)
    save(page, "follow-ups-en")

    translations.switch(CHINESE)
    qtbot.waitUntil(lambda: page.save_button.text() != "Record answer", timeout=1000)
    qtbot.wait(100)
    save(page, "follow-ups-zh")
