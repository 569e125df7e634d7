"""The ticket timeline in words: every event kind the services write, with the details they
store (ticket_work, sla_watch, follow_ups, intake, claims), reads as a sentence."""

from __future__ import annotations

from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ui.ticket_words import event_text

# (kind, details as the writing service stores them, words the sentence must carry)
EVENTS: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    ("created", {"channel": "phone", "priority": "P2", "sla_plan": "VIP"}, ("logged", "P2")),
    ("created", {}, ("Ticket logged",)),
    ("created", {"complaint_of": "SR-2026-000007", "priority": "P2"}, ("SR-2026-000007",)),
    ("created", {"priority": "P3", "repeat_of": "SR-2026-000003"}, ("repeat of SR-2026-000003",)),
    ("assigned", {"assignee_id": 3, "queue_id": 1, "taken": True}, ("Taken",)),
    ("assigned", {"assignee_id": 3, "assignee": "王工", "from_assignee_id": None}, ("王工",)),
    ("assigned", {"assignee_id": 3, "assignee": "王工", "from_assignee_id": 2}, ("Reassigned",)),
    (
        "status_changed",
        {"from": "in_progress", "to": "waiting_customer", "note": "等客户回电"},
        ("Waiting for customer", "等客户回电"),
    ),
    (
        "status_changed",
        {"from": "assigned", "to": "in_progress", "first_response": True},
        ("first response",),
    ),
    ("resolved", {"from": "in_progress", "resolution_type": "part_replaced"}, ("Resolved",)),
    ("resolved", {"resolution_type": "remote_fix", "first_call": True}, ("first call",)),
    ("closed", {"from": "resolved", "to": "closed"}, ("Closed",)),
    ("reopened", {"from": "resolved", "to": "in_progress", "reason": "又坏了"}, ("又坏了",)),
    ("reopened", {"from": "resolved", "note": "follow_up", "reason": "follow_up"}, ("follow-up",)),
    ("sla_paused", {"reason": "waiting_customer"}, ("waiting for the customer",)),
    ("sla_resumed", {"reason": "waiting_customer", "paused_minutes": 125.0}, ("2 h 05 min",)),
    (
        "priority_changed",
        {"reason": "停产", "priority_before": "P3", "priority_after": "P1"},
        ("P3 → P1", "停产"),
    ),
    (
        "sla_plan_changed",
        {"reason": "合同", "plan_before": "Basic warranty", "plan_after": "VIP 24x7"},
        ("VIP 24x7", "合同"),
    ),
    ("escalated", {"to_queue": "二线技术支持 Second line", "reason": "主板"}, ("Second line",)),
    (
        "sla_at_risk",
        {"deadline": "response", "due_at": "2026-03-10T02:30:00+00:00"},
        ("Response deadline", "2026-03-10"),
    ),
    ("sla_breached", {"deadline": "resolution", "due_at": None}, ("Resolution deadline",)),
    ("escalated_to_supervisor", {"deadline": "resolution", "reason": "sla_breached"}, ()),
    (
        "edited",
        {"changes": {"severity": ["major", "critical"], "description": ["a", "b"]}},
        ("Critical", "Description"),
    ),
    (
        "follow_up",
        {"satisfaction": 2, "confirmed_fixed": False, "comments": "又卡纸", "action": "reopen"},
        ("2/5", "fault is back", "又卡纸"),
    ),
    ("follow_up_attempt", {"comments": "无人接听"}, ("not reached", "无人接听")),
    ("complaint_opened", {"complaint": "SR-2026-000009"}, ("SR-2026-000009",)),
    ("call_added", {"call_id": 4, "note": "客户催促"}, ("客户催促",)),
    (
        "visit_completed",
        {
            "visit_id": 7,
            "visit": "V-000007",
            "result": "unit_replaced",
            "total_cost": "250.00",
            "engineer": "王工",
            "confirmed_by": "李经理",
            "new_serial": "SN-NEW-1",
        },
        ("V-000007", "王工", "Unit replaced", "250.00", "SN-NEW-1", "李经理"),
    ),
]


@pytest.mark.parametrize(("kind", "details", "words"), EVENTS)
def test_every_event_kind_reads_as_a_sentence(
    qtbot: QtBot, kind: str, details: dict[str, Any], words: tuple[str, ...]
) -> None:
    text = event_text(kind, details)
    assert text != kind
    assert "()" not in text and "{" not in text and "None" not in text
    for word in words:
        assert word in text
