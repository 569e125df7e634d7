"""Export figure `export_100k`: 100,000 rows of the ticket detail list (its 26 columns, as the
report's query and row builder give them) written by our streaming workbook writer, beside
its floor: bare openpyxl write-only appending the same already-fetched rows (instants made
naive local time beforehand, since openpyxl refuses aware ones; converting them is part of
our cost). Each side runs in turn (floor, ours, floor, …) so machine load hits both alike.

Rows: the first 100,000 tickets of the data set; a data set with fewer (--scale small has a
few thousand) has its rows repeated in order up to 100,000, and the note says how many were
distinct. Peak memory (`export_100k_memory`, measured first): each side in a fresh process (VmHWM,
rows streamed from the database and repeated lazily, never held in a list), ours beside the
floor's; the budget is < 250 MB.
"""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure
from workstation.db import Database
from workstation.export.columns import local_naive
from workstation.export.workbook import StreamingWorkbook
from workstation.services.kpi_filters import Period
from workstation.services.reports.base import ReportRequest, stream
from workstation.services.reports.ticket_reports import (
    _ticket_rows,
    _ticket_select,
    ticket_columns,
)

NAMES = ("export_100k", "export_100k_memory")
ROWS = 100_000
# 100,000 rows take minutes: run only when asked (`--only export` / `--only import`).
HEAVY = True
REPEAT = 3
EVERYTHING = ReportRequest(Period(date(2000, 1, 1), date(2099, 12, 31)))


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def source_rows(db: Database, rows: int) -> tuple[Iterator[tuple[Any, ...]], int]:
    """The detail list's rows, repeated in order up to `rows`; and how many are distinct.

    Streams: the distinct rows are read once into memory only when there are fewer than
    `rows` of them (the small data set), else streamed straight from the cursor."""
    with db.session() as session:
        distinct = min(rows, session.execute(_count_all()).scalar_one())
    if distinct >= rows:

        def streamed() -> Iterator[tuple[Any, ...]]:
            with db.session() as session:
                stmt = _ticket_select(EVERYTHING).limit(rows)
                yield from _ticket_rows(EVERYTHING, stream(session, stmt))

        return streamed(), distinct
    with db.session() as session:
        stmt = _ticket_select(EVERYTHING).limit(rows)
        fetched = list(_ticket_rows(EVERYTHING, stream(session, stmt)))
    return itertools.islice(itertools.cycle(fetched), rows), distinct


def _count_all() -> Any:
    from sqlalchemy import func, select

    from workstation.models import Ticket

    return select(func.count()).select_from(Ticket)


def naive(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(local_naive(v) if isinstance(v, datetime) else v for v in row)


def write_ours(rows: Any, target: Path) -> None:
    cancel = threading.Event()
    with StreamingWorkbook(
        target, progress=lambda done, total: None, cancel=cancel, expected_rows=ROWS
    ) as book:
        book.add_table("Tickets", ticket_columns(EVERYTHING), rows)
        book.commit()


def write_floor(rows: Any, target: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Tickets")
    sheet.append([c.title for c in ticket_columns(EVERYTHING)])
    for row in rows:
        sheet.append(row)
    workbook.save(target)


def run(url: URL, only: str | None = None) -> list[Figure]:
    figures: list[Figure] = []
    db = Database.connect(url)
    try:
        with tempfile.TemporaryDirectory() as folder:
            target = Path(folder) / "export.xlsx"
            if _wanted("export_100k_memory", only):
                mine = _peak(url, "ours")
                bare = _peak(url, "floor")
                note = (
                    f"peak RSS of a fresh process writing {ROWS:,} streamed rows: ours "
                    f"{mine['maxrss_mb']:.0f} MB, openpyxl {bare['maxrss_mb']:.0f} MB "
                    f"(budget < 250 MB); columns are ms of that run"
                )
                figures.append(
                    figure(
                        "export_100k_memory",
                        [mine["seconds"] * 1000],
                        [bare["seconds"] * 1000],
                        note=note,
                    )
                )
            if _wanted("export_100k", only):
                source, distinct = source_rows(db, ROWS)
                ours_rows = list(source)
                floor_rows = [naive(r) for r in ours_rows]
                ours: list[float] = []
                floor: list[float] = []
                for _ in range(REPEAT):
                    floor.append(_timed(lambda: write_floor(floor_rows, target)))
                    ours.append(_timed(lambda: write_ours(ours_rows, target)))
                del ours_rows, floor_rows
                speed = min(floor) / min(ours) * 100
                note = (
                    f"{ROWS:,} rows x {len(ticket_columns(EVERYTHING))} cols "
                    f"({distinct:,} distinct, repeated in order); "
                    f"best run: ours {min(ours) / 1000:.1f} s, openpyxl {min(floor) / 1000:.1f} s"
                    f" = {speed:.0f}% of openpyxl's speed (budget >= 90%)"
                )
                figures.append(figure("export_100k", ours, floor, note=note))
    finally:
        db.dispose()
    return figures


def _timed(action: Any) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _peak(url: URL, side: str) -> dict[str, float]:
    """Run one side in a fresh process; its peak resident memory and time."""
    address = url.render_as_string(hide_password=False)
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench.figures_export", address, side],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _child(address: str, side: str) -> None:
    db = Database.connect(address)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "export.xlsx"
        source, _ = source_rows(db, ROWS)
        started = time.perf_counter()
        if side == "ours":
            write_ours(source, target)
        else:
            write_floor((naive(r) for r in source), target)
        seconds = time.perf_counter() - started
    db.dispose()
    print(json.dumps({"maxrss_mb": _peak_mb(), "seconds": seconds}))


def _peak_mb() -> float:
    """This process's peak resident memory. Linux: VmHWM, which starts afresh at exec
    (ru_maxrss does not: a child forked from a big parent reports the parent's size)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    _child(sys.argv[1], sys.argv[2])
