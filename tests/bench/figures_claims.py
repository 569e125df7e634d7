"""Take next under contention: 20 desks claim 1,000 tickets at once (`claim_take_next`,
with `claims_per_s` in its note).

Measured on a throw-away database of the same back end (claims change tickets; the shared
benchmark set stays as built): each claim's time while 19 other desks claim too, beside
the floor of the bare conditional UPDATE of one ticket by one desk; the note gives the
throughput in claims per second and checks that every ticket was claimed exactly once.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure
from workstation.db import Database, sqlite_url
from workstation.models import Customer, Ticket, User
from workstation.schema import upgrade
from workstation.services.auth import SignedInUser
from workstation.services.claims import take_next

DESKS = 20
TICKETS = 1000
NAME = "claim_take_next"


def run(url: URL, only: str | None = None) -> list[Figure]:
    if only and not NAME.startswith(only) and not only.startswith(NAME):
        return []
    with _scratch(url) as db:
        users = _setup(db)
        samples, wall = _contend(db, users)
        floor = _floor(db)
    rate = len(samples) / wall
    note = f"claims_per_s={rate:,.0f}: {DESKS} desks, {TICKETS:,} tickets, each claimed once"
    return [figure(NAME, samples, floor, note=note)]


@contextmanager
def _scratch(url: URL) -> Iterator[Database]:
    """A fresh migrated database next to the benchmark one, removed afterwards."""
    if url.get_backend_name() == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            db = Database.connect(sqlite_url(Path(folder) / "claims.db"))
            try:
                upgrade(db.engine)
                yield db
            finally:
                db.dispose()
        return
    name = "workstation_bench_claims"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database.connect(url.set(database=name), pool_size=DESKS, max_overflow=5)
    try:
        upgrade(db.engine)
        yield db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _setup(db: Database) -> list[SignedInUser]:
    now = datetime.now(UTC)
    with db.session() as session:
        customer = Customer(name="基准客户", kind="company", tier="standard", version=1)
        session.add(customer)
        session.flush()
        users = [
            User(username=f"desk{i:02d}", display_name=f"Desk {i}", password_hash="-", role="agent")
            for i in range(DESKS)
        ]
        session.add_all(users)
        session.flush()
        rows = [
            {
                "number": f"SR-2026-{i + 1:06d}",
                "channel": "phone",
                "customer_id": customer.id,
                "reported_at": now,
                "severity": "minor",
                "priority": f"P{1 + i % 4}",
                "status": "new",
                "version": 1,
            }
            for i in range(TICKETS)
        ]
        session.execute(insert(Ticket), rows)
        session.commit()
        return [SignedInUser(u.id, u.username, u.display_name, "agent", None, ()) for u in users]


def _contend(db: Database, users: list[SignedInUser]) -> tuple[list[float], float]:
    samples: list[list[float]] = [[] for _ in users]
    claimed: list[list[int]] = [[] for _ in users]
    start = threading.Barrier(len(users) + 1)

    def desk(index: int) -> None:
        start.wait()
        while True:
            began = time.perf_counter()
            ticket = take_next(db, users[index])
            if ticket is None:
                return
            samples[index].append((time.perf_counter() - began) * 1000)
            claimed[index].append(ticket.ticket_id)

    threads = [threading.Thread(target=desk, args=(i,)) for i in range(len(users))]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    every = [ticket for mine in claimed for ticket in mine]
    expected = TICKETS
    if len(every) != expected or len(set(every)) != expected:
        raise AssertionError(f"claimed {len(every)} ({len(set(every))} distinct) of {expected}")
    return [s for mine in samples for s in mine], wall


def _floor(db: Database) -> list[float]:
    """The bare conditional UPDATE of one ticket, one desk (reset first: all were claimed)."""
    statement = text(
        "UPDATE tickets SET assignee_id = :user, status = 'assigned' "
        "WHERE id = :id AND assignee_id IS NULL"
    )
    with db.engine.connect() as conn:
        conn.execute(text("UPDATE tickets SET assignee_id = NULL, status = 'new' WHERE id <= 200"))
        conn.commit()
        user = conn.execute(text("SELECT min(id) FROM users")).scalar_one()
        samples = []
        for ticket_id in range(1, 201):
            began = time.perf_counter()
            conn.execute(statement, {"user": user, "id": ticket_id})
            conn.commit()
            samples.append((time.perf_counter() - began) * 1000)
    return samples
