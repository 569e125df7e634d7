"""The open-ticket count: right on both back ends, and never more than two reads a second."""

from __future__ import annotations

import time
from typing import Any

from pytestqt.qtbot import QtBot

from tests.ui.helpers import add_open_ticket
from ui.open_tickets import OpenTicketCount
from ui.tasks import TaskRunner
from workstation.db import Database
from workstation.models import TicketStatus
from workstation.services.status import open_ticket_count


def test_open_tickets_are_counted_and_closed_ones_are_not(db: Database) -> None:
    assert open_ticket_count(db) == 0
    add_open_ticket(db)
    add_open_ticket(db, status=TicketStatus.WAITING_PARTS)
    add_open_ticket(db, status=TicketStatus.RESOLVED)
    add_open_ticket(db, status=TicketStatus.CLOSED)
    assert open_ticket_count(db) == 2


class CountingRunner(TaskRunner):
    """A real runner that remembers when each read was sent."""

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[float] = []

    def read(self, fn: Any, *args: Any, **kwargs: Any) -> None:
        self.sent.append(time.monotonic())
        super().read(fn, *args, **kwargs)


def test_a_burst_of_ticket_changes_costs_at_most_two_reads_a_second(
    qtbot: QtBot, db: Database
) -> None:
    runner = CountingRunner()
    counter = OpenTicketCount(db, runner)
    try:
        started = time.monotonic()
        while time.monotonic() - started < 1.2:  # another desk saving tickets non-stop
            add_open_ticket(db)
            counter.request()
            qtbot.wait(20)
        qtbot.waitUntil(lambda: counter.value == open_ticket_count(db), timeout=3000)
        gaps = [b - a for a, b in zip(runner.sent, runner.sent[1:], strict=False)]
        assert len(runner.sent) >= 2
        assert min(gaps) >= 0.45  # the cool-down between reads
    finally:
        counter.stop()
        runner.shutdown()
