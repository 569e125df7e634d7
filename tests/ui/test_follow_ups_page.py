"""The follow-up list as an agent works it: due calls listed, an answer checked at its field
with nothing typed lost, a complaint opened, the list refreshed live."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.factories import add_customer, add_desk_user, add_ticket, with_reference_data
from ui.follow_ups_page import FollowUpsPage
from ui.tasks import TaskRunner
from workstation.changes import Change
from workstation.db import Database
from workstation.models import FollowUp, Ticket
from workstation.services.follow_up_plan import plan_follow_up


def _due_follow_up(db: Database, customer_name: str = "上海精密仪器有限公司") -> int:
    resolved = datetime.now(UTC) - timedelta(days=5)
    customer = add_customer(db, customer_name, contacts=(("王五", ("139 0000 1111",)),))
    ticket_id = add_ticket(
        db, customer, status="resolved", reported_at=resolved, resolved_at=resolved
    )
    with db.session() as session:
        plan_follow_up(session, ticket_id, resolved)
        session.commit()
    return ticket_id


def _page(qtbot: QtBot, db: Database, runner: TaskRunner) -> FollowUpsPage:
    user = add_desk_user(db)
    page = FollowUpsPage(db=db, runner=runner, user=user)
    qtbot.addWidget(page)
    page.resize(1100, 560)
    page.show()
    page.reload()
    return page


def test_a_dissatisfied_answer_needs_a_next_step_and_keeps_what_was_typed(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    ticket_id = _due_follow_up(db)
    page = _page(qtbot, db, runner)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert "139 0000 1111" in page.summary.text()

    page.reached.buttons[0].click()
    page.fixed.buttons[1].click()  # the fault is back
    page.score.buttons[1].click()  # 2 of 5
    assert page.next_step.isVisible()
    page.comments.setPlainText("又卡纸了，客户很不满意")
    page.save()
    qtbot.waitUntil(lambda: page.next_step.message.isVisible())
    assert "reopen the ticket or open a complaint" in page.next_step.message.text()
    assert page.comments.toPlainText() == "又卡纸了，客户很不满意"
    assert page.score.chosen() == 1

    messages: list[str] = []
    page.message.connect(messages.append)
    page.next_step.buttons[1].click()  # open a complaint
    page.save()
    qtbot.waitUntil(lambda: bool(messages))
    assert "complaint" in messages[0]
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert page.empty.isVisible()
    with db.session() as session:
        complaint = session.scalars(select(Ticket).where(Ticket.complaint_of_id == ticket_id)).one()
        assert complaint.description == "又卡纸了，客户很不满意"


def test_another_desks_answer_refreshes_the_list(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    with_reference_data(db)
    _due_follow_up(db, "北京远航科技有限公司")
    page = _page(qtbot, db, runner)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    second = _due_follow_up(db, "杭州西湖电子有限公司")
    with db.session() as session:
        follow_up_id = session.scalars(
            select(FollowUp.id).where(FollowUp.ticket_id == second)
        ).one()
    page.on_changes([Change(1, datetime.now(UTC), "follow_up", follow_up_id, "update", None, {})])
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    # The row being looked at stays the current one.
    assert page.table.currentIndex().row() == 0


def test_a_role_the_service_refuses_gets_a_clear_message(
    qtbot: QtBot, db: Database, runner: TaskRunner
) -> None:
    """The screens hide what a role may not do; if one slips through, the service refuses
    and the screen says who may not do what (nothing typed is lost)."""
    with_reference_data(db)
    _due_follow_up(db)
    engineer = add_desk_user(db, "engineer1", role="engineer")
    page = FollowUpsPage(db=db, runner=runner, user=engineer)
    qtbot.addWidget(page)
    page.resize(1100, 560)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.reached.buttons[1].click()  # not reached
    page.comments.setPlainText("无人接听")
    page.save()
    qtbot.waitUntil(lambda: "Refused" in page.status_line.text())
    assert page.status_line.text() == (
        "Refused: a user with the role Engineer may not log calls and edit customers."
    )
    assert page.comments.toPlainText() == "无人接听"
    with db.session() as session:
        assert session.scalars(select(FollowUp.reached)).one() is None
