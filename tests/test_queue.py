"""The queue service: filters, the time-left order, per-queue counts and rows by id, on both
back ends; the Python SLA rule agrees with the SQL one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from tests.queue_data import (
    add_client,
    add_person,
    add_queue,
    add_queue_ticket,
    add_region_row,
    change_ticket,
)
from workstation.db import Database
from workstation.services.queue import (
    AT_RISK,
    BREACHED,
    ON_TRACK,
    PAUSED,
    QueueFilter,
    QueueRow,
    page_statement,
    queue_counts,
    queue_filter_options,
    queue_page,
    queue_rows,
    queue_sort_key,
    sla_state_of,
)

NOW = datetime(2026, 3, 10, 6, 0, tzinfo=UTC)
H = timedelta(hours=1)
M = timedelta(minutes=1)


def _numbers(rows: tuple[QueueRow, ...] | list[QueueRow], ids: dict[str, int]) -> list[str]:
    names = {v: k for k, v in ids.items()}
    return [names[r.ticket_id] for r in rows]


@pytest.fixture
def scene(db: Database) -> dict[str, int]:
    """Two queues, tickets on track, at risk, breached, paused, without SLA, closed."""
    east = add_region_row(db, "华东")
    north = add_region_row(db, "华北")
    first = add_queue(db, "First line")
    field = add_queue(db, "华东 field", level=2, region_id=east)
    li = add_person(db, "李工")
    wang = add_person(db, "王工")
    vip = add_client(db, "中国银行上海分行", tier="vip", region_id=east)
    std = add_client(db, "北京小店", tier="standard", region_id=north)
    ids = {
        "first": first,
        "field": field,
        "east": east,
        "north": north,
        "li": li,
        "wang": wang,
    }
    t = {
        # 6 h left of 8 h: on track.
        "on_track": add_queue_ticket(db, std, now=NOW, left=6 * H, queue_id=first),
        # 1 h left of 8 h (at-risk at 75%): at risk.
        "at_risk": add_queue_ticket(
            db, vip, now=NOW, left=1 * H, queue_id=field, assignee_id=li, status="assigned"
        ),
        # 30 min overdue.
        "breached": add_queue_ticket(
            db, std, now=NOW, left=-30 * M, queue_id=first, priority="P1", assignee_id=wang
        ),
        # 5 h left when the clock stopped 2 h ago; left=3 h on the stored due.
        "paused": add_queue_ticket(
            db,
            vip,
            now=NOW,
            left=3 * H,
            paused_ago=2 * H,
            queue_id=field,
            status="waiting_customer",
            assignee_id=li,
        ),
        # plenty of resolution time but the first response is at risk.
        "response_risk": add_queue_ticket(
            db, std, now=NOW, left=7 * H, response_left=10 * M, responded=False, queue_id=first
        ),
        # no SLA plan: no deadline.
        "no_sla": add_queue_ticket(db, std, now=NOW, left=None),
        "closed": add_queue_ticket(db, std, now=NOW, left=-5 * H, status="closed", queue_id=first),
    }
    return {**ids, **{f"t_{k}": v for k, v in t.items()}}


def test_the_default_page_sorts_by_time_left_paused_then_no_deadline_last(
    db: Database, scene: dict[str, int]
) -> None:
    page = queue_page(db, QueueFilter(), now=NOW)
    tickets = {k: v for k, v in scene.items() if k.startswith("t_")}
    assert _numbers(page.rows, tickets) == [
        "t_breached",
        "t_at_risk",
        "t_on_track",
        "t_response_risk",
        "t_paused",
        "t_no_sla",
    ]
    assert page.total == 6
    assert sorted(page.rows, key=queue_sort_key) == list(page.rows)
    at_risk = next(r for r in page.rows if r.ticket_id == scene["t_at_risk"])
    assert (at_risk.customer_name, at_risk.customer_tier) == ("中国银行上海分行", "vip")
    assert (at_risk.queue_name, at_risk.assignee_name, at_risk.region_name) == (
        "华东 field",
        "李工",
        "华东",
    )
    no_sla = next(r for r in page.rows if r.ticket_id == scene["t_no_sla"])
    assert (no_sla.queue_id, no_sla.queue_name, no_sla.region_name) == (None, "", "华北")


def test_the_limit_keeps_the_most_urgent_and_the_total_counts_all(
    db: Database, scene: dict[str, int]
) -> None:
    page = queue_page(db, QueueFilter(), now=NOW, limit=2)
    assert [r.ticket_id for r in page.rows] == [scene["t_breached"], scene["t_at_risk"]]
    assert page.total == 6


def test_sla_states_of_the_rows(db: Database, scene: dict[str, int]) -> None:
    rows = {r.ticket_id: r for r in queue_page(db, QueueFilter(), now=NOW).rows}
    state = {k: sla_state_of(rows[v], NOW) for k, v in scene.items() if v in rows and k[:2] == "t_"}
    assert state["t_on_track"] == (ON_TRACK, 6 * H)
    assert state["t_at_risk"] == (AT_RISK, 1 * H)
    assert state["t_breached"] == (BREACHED, -30 * M)
    # Frozen at the pause: 3 h on the stored deadline + the 2 h since the clock stopped.
    assert state["t_paused"] == (PAUSED, 5 * H)
    assert sla_state_of(rows[scene["t_paused"]], NOW + 10 * H) == (PAUSED, 5 * H)
    assert state["t_response_risk"] == (AT_RISK, 7 * H)
    assert state["t_no_sla"] == (ON_TRACK, None)
    # Time moves on: the on-track ticket becomes at risk, then breached, without a read.
    on_track = rows[scene["t_on_track"]]
    assert sla_state_of(on_track, NOW + 4 * H + M).state == AT_RISK
    assert sla_state_of(on_track, NOW + 6 * H + M) == (BREACHED, -M)


def test_a_ticket_paused_after_its_breach_stays_breached(db: Database) -> None:
    customer = add_client(db)
    ticket = add_queue_ticket(db, customer, now=NOW, left=-2 * H, paused_ago=H)
    (row,) = queue_page(db, QueueFilter(), now=NOW).rows
    assert sla_state_of(row, NOW) == (BREACHED, -H)
    (count,) = queue_counts(db, NOW)
    assert (count.breached, count.paused, count.at_risk) == (1, 0, 0)
    assert row.ticket_id == ticket


def test_counts_per_queue_agree_with_the_rows(db: Database, scene: dict[str, int]) -> None:
    counts = {c.queue_id: c for c in queue_counts(db, NOW)}
    first = counts[scene["first"]]
    assert (first.queue_name, first.open, first.unassigned) == ("First line", 3, 2)
    assert (first.at_risk, first.breached, first.paused) == (1, 1, 0)
    field = counts[scene["field"]]
    assert (field.queue_name, field.open, field.unassigned) == ("华东 field", 2, 0)
    assert (field.at_risk, field.breached, field.paused) == (1, 0, 1)
    no_queue = counts[None]
    assert (no_queue.open, no_queue.at_risk, no_queue.breached) == (1, 0, 0)
    assert list(counts) == [scene["first"], scene["field"], None]  # by name; no queue last
    # The same rule in Python, row by row.
    rows = queue_page(db, QueueFilter(), now=NOW).rows
    states = [sla_state_of(r, NOW).state for r in rows]
    total = sum(c.at_risk for c in counts.values()), sum(c.breached for c in counts.values())
    assert total == (states.count(AT_RISK), states.count(BREACHED))
    # Later the on-track ticket is at risk (6 of its 8 h used); the unanswered one breached.
    later = {c.queue_id: c for c in queue_counts(db, NOW + 4 * H + M)}
    assert (later[scene["first"]].at_risk, later[scene["first"]].breached) == (1, 2)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (QueueFilter(queue_id=-1), []),
        (
            QueueFilter(assignee="unassigned"),
            ["t_on_track", "t_response_risk", "t_no_sla"],
        ),
        (QueueFilter(priorities=("P1",)), ["t_breached"]),
        (QueueFilter(tier="vip"), ["t_at_risk", "t_paused"]),
        (QueueFilter(statuses=("waiting_customer",)), ["t_paused"]),
        (QueueFilter(statuses=("closed",)), ["t_closed"]),
    ],
)
def test_filters(
    db: Database, scene: dict[str, int], flt: QueueFilter, expected: list[str]
) -> None:
    tickets = {k: v for k, v in scene.items() if k.startswith("t_")}
    assert _numbers(queue_page(db, flt, now=NOW).rows, tickets) == expected


def test_filters_by_queue_region_and_assignee(db: Database, scene: dict[str, int]) -> None:
    tickets = {k: v for k, v in scene.items() if k.startswith("t_")}

    def shown(flt: QueueFilter) -> list[str]:
        return _numbers(queue_page(db, flt, now=NOW).rows, tickets)

    assert shown(QueueFilter(queue_id=scene["field"])) == ["t_at_risk", "t_paused"]
    # The queue's region, else the customer's: the first-line tickets of 华北 customers.
    assert shown(QueueFilter(region_id=scene["north"])) == [
        "t_breached",
        "t_on_track",
        "t_response_risk",
        "t_no_sla",
    ]
    assert shown(QueueFilter(region_id=scene["east"])) == ["t_at_risk", "t_paused"]
    assert shown(QueueFilter(assignee="me", user_id=scene["li"])) == ["t_at_risk", "t_paused"]
    assert shown(QueueFilter(assignee=scene["wang"])) == ["t_breached"]
    assert shown(QueueFilter(assignee="me", user_id=scene["li"], tier="standard")) == []
    with pytest.raises(ValueError, match="user_id"):
        queue_page(db, QueueFilter(assignee="me"))


def test_rows_by_ids_refresh_changed_tickets_and_drop_the_ones_that_left(
    db: Database, scene: dict[str, int]
) -> None:
    mine = QueueFilter(assignee="me", user_id=scene["li"])
    wanted = [scene["t_at_risk"], scene["t_paused"], scene["t_on_track"], 999_999]
    before = queue_rows(db, wanted, mine)
    assert before[scene["t_on_track"]] is None  # not Li's
    assert before[999_999] is None
    at_risk = before[scene["t_at_risk"]]
    assert at_risk is not None and at_risk.status == "assigned"

    change_ticket(db, scene["t_at_risk"], status="in_progress")
    change_ticket(db, scene["t_paused"], assignee_id=scene["wang"])
    change_ticket(db, scene["t_on_track"], assignee_id=scene["li"], status="assigned")
    after = queue_rows(db, wanted, mine)
    changed = after[scene["t_at_risk"]]
    assert changed is not None
    assert (changed.status, changed.version) == ("in_progress", at_risk.version + 1)
    assert after[scene["t_paused"]] is None  # reassigned: no longer mine
    taken = after[scene["t_on_track"]]
    assert taken is not None and taken.assignee_name == "李工"
    assert queue_rows(db, [], mine) == {}


def test_a_resolved_ticket_leaves_the_open_queue(db: Database, scene: dict[str, int]) -> None:
    change_ticket(db, scene["t_breached"], status="resolved")
    assert queue_rows(db, [scene["t_breached"]]) == {scene["t_breached"]: None}
    counts = {c.queue_id: c for c in queue_counts(db, NOW)}
    assert counts[scene["first"]].breached == 0


def test_filter_options(db: Database, scene: dict[str, int]) -> None:
    add_person(db, "Admin", role="admin")
    options = queue_filter_options(db)
    assert [q.name for q in options.queues] == ["First line", "华东 field"]
    assert {r.name for r in options.regions} == {"华东", "华北"}
    assert [u.display_name for u in options.users] == ["李工", "王工"]


def test_the_page_is_one_statement_that_uses_the_queue_index(
    db: Database, scene: dict[str, int]
) -> None:
    """EXPLAIN on the back end: the open tickets are found through the status index, not by
    reading every ticket; the page's rows are joined to the other tables by primary key."""
    statement = page_statement(QueueFilter(), 500)
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    with db.engine.connect() as conn:
        if db.backend == "sqlite":
            plan = " | ".join(
                str(row[-1]) for row in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}"))
            )
            assert "SCAN tickets" not in plan, plan
            assert "ix_tickets_status" in plan, plan
        else:
            conn.execute(text("SET enable_seqscan = off"))  # tiny tables: ask what it can use
            plan = " | ".join(str(r[0]) for r in conn.execute(text(f"EXPLAIN {compiled}")))
            assert "ix_tickets_status" in plan, plan
