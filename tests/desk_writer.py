"""Another desk, in a process of its own: edits customers through the real service on command.

Run as `python -m tests.desk_writer URL USER_ID` (with the worktree on PYTHONPATH). It reads
commands on stdin, one a line, and answers on stdout:

    edit INTERVAL_MS JITTER_MS ID,ID,…   save a note on each customer in turn (update_customer),
                                         INTERVAL_MS ± JITTER_MS apart; after each commit
                                         prints `committed ID VERSION TIME` (TIME = time.time()
                                         right after the commit), then `done`
    bare INTERVAL_MS JITTER_MS ID,ID,…   the same pacing, each a bare `UPDATE customers SET
                                         notes` committed in raw SQL (on PostgreSQL with a
                                         `pg_notify(FLOOR_CHANNEL, id)`): the benchmark's floor
    quit                                 ends the process

It prints `ready` once connected. Used by the two-desk tests and the propagation benchmark:
the figure is (time the other desk saw it) − TIME, on one machine's clock.
"""

from __future__ import annotations

import os
import random
import sys
import time
from dataclasses import replace

from sqlalchemy import select, text

from workstation.db import Database
from workstation.models import User
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import customer_for_edit, update_customer

NOTE = "edited at another desk"
FLOOR_CHANNEL = "workstation_bench_floor"


def _user(db: Database, user_id: int) -> SignedInUser:
    with db.session() as session:
        row = session.execute(select(User).where(User.id == user_id)).scalar_one()
        return SignedInUser(row.id, row.username, row.display_name, row.role, row.region_id, ())


def _edit(db: Database, user: SignedInUser, customer_id: int, serial: int) -> tuple[int, float]:
    """One save of the customer form with a new note; (version, time right after commit)."""
    current = customer_for_edit(db, customer_id)
    changes = replace(current.changes(), notes=f"{NOTE} {serial} (pid {os.getpid()})")
    saved = update_customer(db, user, customer_id, current.version, changes)
    return saved.version, time.time()


def _bare(db: Database, _user: SignedInUser, customer_id: int, serial: int) -> tuple[int, float]:
    """The floor's write: one raw UPDATE (and NOTIFY on PostgreSQL), no service around it."""
    with db.engine.connect() as conn:
        conn.execute(
            text("UPDATE customers SET notes = :note WHERE id = :id"),
            {"note": f"{NOTE} {serial} (bare)", "id": customer_id},
        )
        if db.backend == "postgresql":
            conn.execute(
                text("SELECT pg_notify(:channel, :id)"),
                {"channel": FLOOR_CHANNEL, "id": str(customer_id)},
            )
        conn.commit()
        return 0, time.time()


def main(argv: list[str]) -> int:
    url, user_id = argv[0], int(argv[1])
    db = Database.connect(url)
    user = _user(db, user_id)
    rng = random.Random(user_id)
    serial = 0
    print("ready", flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if words[0] not in ("edit", "bare"):
            print(f"unknown command {words[0]!r}", file=sys.stderr, flush=True)
            return 2
        interval, jitter = int(words[1]) / 1000, int(words[2]) / 1000
        for index, customer_id in enumerate(int(i) for i in words[3].split(",")):
            if index and interval:
                time.sleep(max(0.0, interval + rng.uniform(-jitter, jitter)))
            serial += 1
            write = _edit if words[0] == "edit" else _bare
            version, at = write(db, user, customer_id, serial)
            print(f"committed {customer_id} {version} {at:.6f}", flush=True)
        print("done", flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
