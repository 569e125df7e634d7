"""Queue figures: the first page of the live queue (`queue_page`, default filter, up to 500
rows), the in-place refresh of 20 changed tickets (`queue_rows_refresh`) and the per-queue
counts (`queue_counts`), each beside its floor: the same SQL statement, compiled once with
its values inlined, through the DBAPI cursor of the same pooled connection.

`queue_page` is the service's whole call: the page statement, the count of all matching
tickets when the page is full, the counts, and the frozen rows built from the results.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, text
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure
from workstation.db import Database
from workstation.services.queue import (
    OPEN_STATUSES,
    QueueFilter,
    counts_statement,
    page_statement,
    queue_counts,
    queue_page,
    queue_rows,
    rows_statement,
    total_statement,
)

NAMES = ("queue_page", "queue_rows_refresh", "queue_counts")
REPEAT = 60
PAGE = 500
REFRESH_IDS = 20


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def _time(action: Callable[[], object], repeat: int = REPEAT) -> list[float]:
    for _ in range(3):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _raw(db: Database, statement: Select[Any]) -> str:
    compiled = statement.compile(db.engine, compile_kwargs={"literal_binds": True})
    return str(compiled).replace("%", "%%") if db.backend != "sqlite" else str(compiled)


def _floor(db: Database, statements: list[str]) -> list[float]:
    """The statements, values inlined, through one pooled connection's DBAPI cursor."""
    with db.engine.connect() as conn:
        cursor: Any = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]

        def run() -> None:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

        samples = _time(run)
        cursor.close()
        conn.rollback()
    return samples


def _open_ids(db: Database) -> list[int]:
    statuses = ", ".join(f"'{s}'" for s in OPEN_STATUSES)
    with db.engine.connect() as conn:
        ids = conn.execute(text(f"SELECT id FROM tickets WHERE status IN ({statuses})")).all()
    return [int(row[0]) for row in ids]


def run(url: URL, only: str | None = None) -> list[Figure]:
    if not any(_wanted(name, only) for name in NAMES):
        return []
    db = Database.connect(url)
    figures: list[Figure] = []
    try:
        flt = QueueFilter()
        now = datetime.now(UTC)
        open_ids = _open_ids(db)
        if _wanted("queue_page", only):
            page = queue_page(db, flt, now=now, limit=PAGE)
            raw = [_raw(db, page_statement(flt, PAGE))]
            if page.total >= PAGE:
                raw.append(_raw(db, total_statement(flt)))
            raw.append(_raw(db, counts_statement().params(now=now)))
            figures.append(
                figure(
                    "queue_page",
                    _time(lambda: queue_page(db, flt, now=now, limit=PAGE)),
                    _floor(db, raw),
                    note=f"{len(page.rows)} rows of {page.total:,} open, + counts",
                )
            )
        if _wanted("queue_rows_refresh", only):
            rng = random.Random(1)
            picks = [
                rng.sample(open_ids, min(REFRESH_IDS, len(open_ids))) for _ in range(REPEAT + 3)
            ]
            turn = iter(range(10**9))
            figures.append(
                figure(
                    "queue_rows_refresh",
                    _time(lambda: queue_rows(db, picks[next(turn) % len(picks)], flt)),
                    _floor(db, [_raw(db, rows_statement(sorted(picks[0]), flt))]),
                    note=f"{REFRESH_IDS} changed tickets by id",
                )
            )
        if _wanted("queue_counts", only):
            counts = queue_counts(db, now)
            figures.append(
                figure(
                    "queue_counts",
                    _time(lambda: queue_counts(db, now)),
                    _floor(db, [_raw(db, counts_statement().params(now=now))]),
                    note=f"{len(counts)} queues, {sum(c.open for c in counts):,} open tickets",
                )
            )
    finally:
        db.dispose()
    return figures
