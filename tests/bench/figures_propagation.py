"""Another desk sees a change: commit in one process → visible in another (`propagation_change`,
`propagation_view`).

Two processes on one machine (one clock: `time.time()`). The other desk is
`tests/desk_writer.py` in a process of its own: it saves a note on one of the busiest
customers through the real service (`update_customer`: validation, audit, change log and, on
PostgreSQL, NOTIFY, one transaction) every 75 ± 25 ms and prints the time right after each
commit. This process is a real desk pipeline: a QApplication, the desk's `LiveConnection`
(feed thread → GUI thread signal) and, for each change, a keyed `TaskRunner` read of the
customer card (`customer_card`, what the open card on a desk re-reads) whose answer arriving
on the GUI thread counts as "visible".

- `propagation_change`: commit → the change handed to the GUI thread.
- `propagation_view`: commit → the card's read answered on the GUI thread.

The floor is the bare wake-up between the same two processes, each commit a raw UPDATE:
on PostgreSQL a psycopg connection LISTENing on a thread of this process (NOTIFY arrival); on
SQLite a loop polling `PRAGMA data_version` on its own connection every SQLITE_POLL_SECONDS,
as the feed does (so the SQLite floor is about half the poll interval on average).
Budget (p95): 100 ms on PostgreSQL, 300 ms on SQLite.
"""

from __future__ import annotations

import select
import sqlite3
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import text
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure, percentile
from tests.desk_writer import FLOOR_CHANNEL
from tests.other_desk import Commit, OtherDesk
from ui.live import LiveConnection, LiveState
from ui.tasks import TaskRunner
from workstation.changes import SQLITE_POLL_SECONDS, Change
from workstation.db import Database
from workstation.services.customer_card import customer_card

CHANGES = 100
WARMUP = 5
INTERVAL_MS = 75
JITTER_MS = 25
NAMES = ("propagation_change", "propagation_view")
BUDGET_MS = {"postgresql": 100, "sqlite": 300}


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def run(url: URL, only: str | None = None) -> list[Figure]:
    if not any(_wanted(name, only) for name in NAMES):
        return []
    QApplication.instance() or QApplication([])
    db = Database.connect(url)
    try:
        customers = _busiest_customers(db, CHANGES + WARMUP)
        other = OtherDesk(url.render_as_string(hide_password=False), _agent_id(db))
        try:
            other.wait_ready()
            floor = _floor(db, other, customers)
            change, view = _desk(db, other, customers)
        finally:
            other.close()
    finally:
        db.dispose()
    budget = BUDGET_MS[db.backend]
    read = [v - c for v, c in zip(view, change, strict=True)]
    how = f"{CHANGES} saves {INTERVAL_MS}±{JITTER_MS} ms apart from another process"
    floor_is = (
        "bare LISTEN thread"
        if db.backend == "postgresql"
        else f"data_version poll every {SQLITE_POLL_SECONDS * 1000:.0f} ms"
    )
    return [
        figure(
            "propagation_change",
            change,
            floor,
            note=f"commit → change on the GUI thread; {how}; floor: {floor_is}; budget {budget}",
        ),
        figure(
            "propagation_view",
            view,
            floor,
            note=f"… → customer_card read answered on the GUI thread (the read alone: p50 "
            f"{percentile(read, 0.5):.1f}, p95 {percentile(read, 0.95):.1f}); "
            f"floor p50 {percentile(floor, 0.5):.2f}; budget {budget}",
        ),
    ]


def _busiest_customers(db: Database, count: int) -> list[int]:
    """Customers with the most tickets (their card is the heaviest to read), not merged."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT t.customer_id FROM tickets t JOIN customers c ON c.id = t.customer_id "
                "WHERE c.merged_into_id IS NULL GROUP BY t.customer_id "
                "ORDER BY count(*) DESC, t.customer_id LIMIT :count"
            ),
            {"count": count},
        ).all()
    found = [int(row[0]) for row in rows]
    if len(found) < count:
        raise RuntimeError(f"the benchmark set has only {len(found)} customers with tickets")
    return found


def _agent_id(db: Database) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text("SELECT id FROM users WHERE username = 'agent'")).scalar_one())


def _run_events_until(done: Callable[[], bool], timeout_s: float = 60.0) -> None:
    """Run the Qt event loop (signals delivered as they come) until `done()` or the timeout."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: loop.quit() if done() or time.monotonic() > deadline else None)
    timer.start()
    loop.exec()
    timer.stop()
    if not done():
        raise TimeoutError("propagation: not every change arrived")


def _wait_batches(other: OtherDesk, count: int, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while other.batches_done < count:
        if time.monotonic() > deadline:
            raise TimeoutError("the other desk did not finish its saves")
        time.sleep(0.01)


def _latencies(commits: list[Commit], seen: dict[int, float]) -> list[float]:
    """ms from each commit to when this process saw it; the warm-up left out."""
    return [(seen[c.customer_id] - c.at) * 1000 for c in commits[WARMUP:]]


def _desk(db: Database, other: OtherDesk, customers: list[int]) -> tuple[list[float], list[float]]:
    """The desk's real pipeline: the live connection, then the card's keyed read."""
    runner = TaskRunner()
    live = LiveConnection(db, runner)
    wanted = set(customers)
    delivered: dict[int, float] = {}
    answered: dict[int, float] = {}

    def on_changes(changes: list[Change]) -> None:
        at = time.time()
        for change in changes:
            cid = change.entity_id
            if change.entity != "customer" or cid not in wanted or cid in delivered:
                continue
            delivered[cid] = at
            runner.read(
                customer_card,
                db,
                cid,
                on_done=lambda _card, cid=cid: answered.setdefault(cid, time.time()),
                key=f"customer-card:{cid}",
            )

    live.changes.connect(on_changes)
    try:
        live.start()
        _run_events_until(lambda: live.state is LiveState.LIVE)
        batches = other.batches_done
        other.edit(customers, INTERVAL_MS, JITTER_MS)
        _run_events_until(lambda: len(answered) == len(customers) and other.batches_done > batches)
    finally:
        live.stop()
        runner.shutdown()
    commits = other.committed()[-len(customers) :]
    return _latencies(commits, delivered), _latencies(commits, answered)


def _floor(db: Database, other: OtherDesk, customers: list[int]) -> list[float]:
    seen: dict[int, float] = {}
    wakes: list[float] = []
    stop = threading.Event()
    batches = other.batches_done
    if db.backend == "postgresql":
        import psycopg

        conninfo = db.url.set(drivername="postgresql").render_as_string(hide_password=False)
        conn = psycopg.connect(conninfo, autocommit=True)
        conn.execute(f"LISTEN {FLOOR_CHANNEL}")

        def listen() -> None:
            while not stop.is_set():
                ready, _, _ = select.select([conn.fileno()], [], [], 0.1)
                if ready:
                    at = time.time()
                    for notify in conn.notifies(timeout=0):
                        seen.setdefault(int(notify.payload), at)

        target, close = listen, conn.close
    else:
        assert db.url.database
        poller = sqlite3.connect(db.url.database, isolation_level=None, check_same_thread=False)

        def poll() -> None:
            version = poller.execute("PRAGMA data_version").fetchone()[0]
            while not stop.is_set():
                now = poller.execute("PRAGMA data_version").fetchone()[0]
                if now != version:
                    version = now
                    wakes.append(time.time())  # one commit per wake: they are ≥ 50 ms apart
                time.sleep(SQLITE_POLL_SECONDS)

        target, close = poll, poller.close
    thread = threading.Thread(target=target, name="propagation-floor")
    thread.start()
    try:
        time.sleep(0.1)
        other.bare(customers, INTERVAL_MS, JITTER_MS)
        _wait_batches(other, batches + 1)
        time.sleep(0.3)
    finally:
        stop.set()
        thread.join()
        close()
    commits = other.committed()[-len(customers) :]
    if wakes:
        seen = {c.customer_id: at for c, at in zip(commits, wakes, strict=False)}
    if len(seen) != len(customers) or len(wakes) not in (0, len(customers)):
        raise RuntimeError(f"floor: {len(seen)} wake-ups for {len(customers)} commits")
    return _latencies(commits, seen)
