"""One workstation per desk: a second start and telephony's screen pop reach the running one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pytestqt.qtbot import QtBot

from ui.single_instance import InstanceServer, send_to_running, server_name

ROOT = Path(__file__).resolve().parents[2]


def test_nothing_is_sent_when_no_workstation_runs() -> None:
    assert send_to_running({"command": "show"}, server_name("nobody-listens-here")) is False


def test_a_message_reaches_the_running_workstation(qtbot: QtBot) -> None:
    server = InstanceServer(server_name("in-process"))
    assert server.listen()
    try:
        with qtbot.waitSignal(server.message, timeout=3000) as received:
            assert send_to_running({"command": "pop", "phone": "138 1234 5678"}, server._name)
        assert received.args == [{"command": "pop", "phone": "138 1234 5678"}]
    finally:
        server.close()


def test_main_py_pop_hands_the_caller_to_the_running_workstation(qtbot: QtBot) -> None:
    """What a softphone runs on an incoming call: the running desk gets the number, the
    command ends at once without opening a second window."""
    server = InstanceServer(server_name(os.environ["WORKSTATION_INSTANCE"]))
    assert server.listen()
    try:
        with qtbot.waitSignal(server.message, timeout=20_000) as received:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "main.py",
                    "pop",
                    "--phone",
                    "+86 138 1234 5678",
                    "--call-id",
                    "c-7",
                ],
                cwd=ROOT,
                env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
            )
        assert process.wait(timeout=20) == 0
        assert received.args == [{"command": "pop", "phone": "+86 138 1234 5678", "call_id": "c-7"}]
    finally:
        server.close()


def test_a_socket_left_by_a_crashed_workstation_does_not_block_the_next_one() -> None:
    name = server_name("crashed")
    first = InstanceServer(name)
    assert first.listen()
    # A crash leaves the socket file behind; the next start removes it and listens.
    second = InstanceServer(name)
    try:
        assert second.listen()
    finally:
        second.close()
        first.close()
