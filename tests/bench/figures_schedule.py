"""Schedule figures: a region's week on the board (`schedule_week_load`: `week_board` for 50
engineers with 4–5 visits a working day each, absences and the "to schedule" list), beside
its floor: the same four statements, values inlined, through the DBAPI cursor of one pooled
connection. Then the board painted at that size (`schedule_week_paint`: a 1400×900 grab,
the rows in view; `schedule_week_paint_all`: tall enough for all 50 rows).

Measured on a database of its own, next to the benchmark one (the demo generator makes no
visits yet): two regions of 50 engineers, thirteen weeks of visits (about 29,000, some
cancelled, the past ones completed), tickets with resolution deadlines, contracts with
delivery dates, absences, and visits to schedule in both regions.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure
from workstation.db import Database, sqlite_url
from workstation.models import (
    Customer,
    EngineerAbsence,
    EngineerProfile,
    Equipment,
    ProductModel,
    Region,
    ServiceContract,
    Site,
    SlaPlan,
    Ticket,
    User,
    Visit,
)
from workstation.schema import upgrade
from workstation.services.auth import SignedInUser
from workstation.services.reference import load_reference_data
from workstation.services.schedule_board import (
    TO_SCHEDULE_AHEAD,
    ScheduleBoard,
    absences_statement,
    blocks_statement,
    day_bounds,
    engineers_statement,
    to_schedule_statement,
    week_board,
)

NAMES = (
    "schedule_week_load",
    "schedule_week_paint",
    "schedule_week_paint_all",
    "schedule_drag_step",
)
REPEAT = 60
PAINT_REPEAT = 20
ENGINEERS = 50  # per region
WEEKS_BEFORE, WEEKS_AFTER = 10, 2
MONDAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 25, 2, 40, tzinfo=UTC)  # Wednesday 10:40 in Beijing
ZONE = ZoneInfo("Asia/Shanghai")
# Beijing (start, end) of a day's visit slots: 4 or 5 of them are booked each working day.
SLOTS = ((8, 30, 10, 0), (10, 15, 11, 45), (13, 0, 14, 30), (14, 45, 16, 0), (16, 15, 17, 30))
KINDS = ("repair",) * 5 + ("installation", "preventive_maintenance", "inspection", "training")


@dataclass(frozen=True)
class Setup:
    user: SignedInUser
    region_id: int
    visits: int


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def run(url: URL, only: str | None = None) -> list[Figure]:
    if not any(_wanted(name, only) for name in NAMES):
        return []
    figures: list[Figure] = []
    with _scratch(url) as db:
        setup = _build(db)
        board = week_board(db, setup.user, MONDAY, 7, setup.region_id, now=NOW)
        note = (
            f"{len(board.engineers)} engineers, {len(board.blocks)} visits,"
            f" {len(board.absences)} absences, {len(board.to_schedule)} to schedule"
            f" ({setup.visits:,} visits in all)"
        )
        if _wanted("schedule_week_load", only):
            samples = _time(
                lambda: week_board(db, setup.user, MONDAY, 7, setup.region_id, now=NOW), REPEAT
            )
            figures.append(figure("schedule_week_load", samples, _floor(db, board), note=note))
        if any(_wanted(name, only) for name in NAMES[1:]):
            figures += _paint(board, only)
    return figures


def _time(action: Callable[[], object], repeat: int) -> list[float]:
    for _ in range(3):
        action()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _statements(db: Database, board: ScheduleBoard) -> list[str]:
    ids = [e.id for e in board.engineers]
    low, high = day_bounds(MONDAY, 7, ZONE)
    last_due = board.end + TO_SCHEDULE_AHEAD
    statements = [
        engineers_statement(board.region_id, None),
        blocks_statement(ids, low, high),
        absences_statement(ids, low, high),
        to_schedule_statement(board.region_id, False, last_due),
    ]
    raw = []
    for statement in statements:
        sql = str(statement.compile(db.engine, compile_kwargs={"literal_binds": True}))
        raw.append(sql.replace("%", "%%") if db.backend != "sqlite" else sql)
    return raw


def _floor(db: Database, board: ScheduleBoard) -> list[float]:
    """The four statements, values inlined, through one pooled connection's DBAPI cursor."""
    statements = _statements(db, board)
    expected = [len(board.engineers), len(board.blocks), len(board.absences)]
    with db.engine.connect() as conn:
        cursor: Any = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        counts = []
        for sql in statements:
            cursor.execute(sql)
            counts.append(len(cursor.fetchall()))
        assert counts[:3] == expected, f"the floor reads other rows: {counts} vs {expected}"

        def run() -> None:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

        samples = _time(run, REPEAT)
        cursor.close()
        conn.rollback()
    return samples


def _paint(board: ScheduleBoard, only: str | None) -> list[Figure]:
    """The board grabbed offscreen: the rows in a 1400×900 view, and all 50 rows."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.fonts import add_cjk_fallback
    from ui.schedule_board_view import BoardView

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    add_cjk_fallback(app)  # as the desk does: Chinese names drawn without a font search
    view = BoardView()
    figures: list[Figure] = []
    try:
        view.resize(1400, 900)
        started = time.perf_counter()
        view.set_board(board, now=NOW)
        set_ms = (time.perf_counter() - started) * 1000
        if _wanted("schedule_drag_step", only):
            figures.append(_drag_step(view, board))
        if _wanted("schedule_week_paint", only) and not (only or "").startswith(
            "schedule_week_paint_all"
        ):
            samples = _time(lambda: view.grab(), PAINT_REPEAT)
            figures.append(
                figure(
                    "schedule_week_paint",
                    samples,
                    note=f"1400×900 grab, rows in view; set_board {set_ms:.1f} ms",
                )
            )
        if _wanted("schedule_week_paint_all", only):
            view.resize(1400, 60 + 60 * len(board.engineers))
            samples = _time(lambda: view.grab(), 5)
            figures.append(
                figure(
                    "schedule_week_paint_all",
                    samples,
                    note=f"1400×{view.height()} grab: all {len(board.engineers)} rows",
                )
            )
    finally:
        view.deleteLater()
        app.processEvents()
    return figures


def _drag_step(view: Any, board: ScheduleBoard) -> Figure:
    """One step of a drag: the block's shadow moves a quarter hour or a row, and only where
    it was and where it is now are painted again (the view shown, offscreen)."""
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication

    view.show()
    QApplication.processEvents()  # exposed: a repaint paints
    assert view.viewport().isVisible()
    block = next(b for b in board.blocks if b.status == "booked")
    rows = [e.id for e in board.engineers[:12]]
    steps = []
    for n in range(PAINT_REPEAT + 3):
        starts = block.starts_at + timedelta(minutes=15 * (n % 16))
        steps.append(
            replace(
                block,
                engineer_id=rows[n % len(rows)],
                starts_at=starts,
                ends_at=starts + (block.ends_at - block.starts_at),
            )
        )
    turn = iter(steps)

    def step() -> None:
        before = view._ghost_area()
        view._set_ghost(next(turn))
        view.viewport().repaint(before.united(view._ghost_area()))

    samples = _time(step, PAINT_REPEAT)
    view.hide()
    return figure("schedule_drag_step", samples, note="shadow moved, its old and new places")


@contextmanager
def _scratch(url: URL) -> Iterator[Database]:
    """A fresh migrated database next to the benchmark one, removed afterwards."""
    if url.get_backend_name() == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            db = Database.connect(sqlite_url(Path(folder) / "schedule.db"))
            try:
                upgrade(db.engine)
                yield db
            finally:
                db.dispose()
        return
    name = "workstation_bench_schedule"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database.connect(url.set(database=name))
    try:
        upgrade(db.engine)
        yield db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _beijing(day: date, hour: int, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE).astimezone(UTC)


def _build(db: Database) -> Setup:
    """Two regions of engineers, their customers, devices, tickets and thirteen weeks."""
    load_reference_data(db)
    rng = random.Random(11)
    now = datetime.now(UTC)
    with db.session() as session:
        regions = dict(session.execute(select(Region.code, Region.id)).all())
        models = list(session.scalars(select(ProductModel.id)))
        plan = session.scalars(select(SlaPlan.id).limit(1)).one()
        region_ids = [regions["EAST"], regions["NORTH"]]
        boss = User(
            username="bench_boss",
            display_name="调度",
            password_hash="-",
            role="supervisor",
            region_id=region_ids[0],
            skills=[],
            active=True,
        )
        session.add(boss)
        session.flush()
        boss_id = boss.id
        engineers: dict[int, list[int]] = {}
        for region in region_ids:
            engineers[region] = []
            for n in range(ENGINEERS):
                user = User(
                    username=f"bench_eng_{region}_{n}",
                    display_name=f"工程师{region}-{n:02d}",
                    password_hash="-",
                    role="engineer",
                    region_id=region,
                    skills=["laser_printer", "server"],
                    active=True,
                )
                session.add(user)
                session.flush()
                engineers[region].append(user.id)
                if n % 2:
                    session.add(
                        EngineerProfile(
                            user_id=user.id,
                            base_city="上海",
                            work_start_minute=8 * 60,
                            work_end_minute=17 * 60,
                            work_days="123456",
                            version=1,
                        )
                    )
        customers: dict[int, list[tuple[int, int, int]]] = {r: [] for r in region_ids}
        for n in range(400):
            region = region_ids[0] if n % 4 else region_ids[1]
            customer = Customer(
                name=f"基准客户{n:04d}有限公司",
                kind="company",
                tier="standard",
                region_id=region,
                version=1,
            )
            session.add(customer)
            session.flush()
            site = Site(customer_id=customer.id, name="总部", city="上海", region_id=region)
            session.add(site)
            session.flush()
            device = Equipment(
                serial_number=f"BENCH-{n:06d}",
                product_model_id=rng.choice(models),
                customer_id=customer.id,
                site_id=site.id,
                version=1,
            )
            session.add(device)
            session.flush()
            customers[region].append((customer.id, site.id, device.id))
        contracts = []
        for n, (customer_id, _site, _device) in enumerate(customers[region_ids[0]][:100]):
            contract = ServiceContract(
                number=f"BENCH-CT-{n:05d}",
                customer_id=customer_id,
                sla_plan_id=plan,
                valid_from=date(2026, 1, 1),
                valid_to=date(2027, 12, 31),
                delivery_date=MONDAY + timedelta(days=rng.randint(-30, 10)),
            )
            session.add(contract)
            session.flush()
            contracts.append(contract.id)
        session.commit()
    tickets = _tickets(db, customers, rng, now)
    visits = _visits(db, engineers, customers, contracts, tickets, rng, now)
    _absences_and_due(db, engineers, customers, rng, now)
    if db.backend == "postgresql":
        # A bulk load is analysed by autovacuum soon after; measure the steady state. (SQLite
        # desks never run ANALYZE: their figure is measured without statistics.)
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE"))
    user = SignedInUser(boss_id, "bench_boss", "调度", "supervisor", region_ids[0], ())
    return Setup(user, region_ids[0], visits)


def _tickets(
    db: Database,
    customers: dict[int, list[tuple[int, int, int]]],
    rng: random.Random,
    now: datetime,
) -> list[int]:
    rows = []
    every = [c for region in customers.values() for c in region]
    for n in range(3000):
        customer_id, _site, device = rng.choice(every)
        reported = _beijing(MONDAY, 9, 0) - timedelta(days=rng.randint(0, 90))
        rows.append(
            {
                "number": f"SR-BENCH-{n:06d}",
                "channel": "phone",
                "customer_id": customer_id,
                "equipment_id": device,
                "reported_at": reported,
                "severity": "major",
                "priority": rng.choice(("P1", "P2", "P3", "P4")),
                "status": "in_progress",
                "resolution_due_at": reported + timedelta(days=rng.randint(1, 40)),
                "created_at": now,
                "updated_at": now,
            }
        )
    with db.session() as session:
        session.execute(insert(Ticket), rows)
        session.commit()
        return list(session.scalars(select(Ticket.id)))


def _visits(
    db: Database,
    engineers: dict[int, list[int]],
    customers: dict[int, list[tuple[int, int, int]]],
    contracts: list[int],
    tickets: list[int],
    rng: random.Random,
    now: datetime,
) -> int:
    rows: list[dict[str, Any]] = []
    first = MONDAY - timedelta(weeks=WEEKS_BEFORE)
    days = (WEEKS_BEFORE + 1 + WEEKS_AFTER) * 7
    for region, people in engineers.items():
        for engineer in people:
            for offset in range(days):
                day = first + timedelta(days=offset)
                if day.weekday() >= 5:
                    continue
                for h0, m0, h1, m1 in rng.sample(SLOTS, rng.choice((4, 5))):
                    customer_id, site, device = rng.choice(customers[region])
                    kind = rng.choice(KINDS)
                    status = "completed" if day < MONDAY else "booked"
                    if rng.random() < 0.05:
                        status = "cancelled"
                    rows.append(
                        {
                            "kind": kind,
                            "status": status,
                            "customer_id": customer_id,
                            "site_id": site,
                            "equipment_id": device,
                            "engineer_id": engineer,
                            "starts_at": _beijing(day, h0, m0),
                            "ends_at": _beijing(day, h1, m1),
                            "ticket_id": rng.choice(tickets) if kind == "repair" else None,
                            "contract_id": rng.choice(contracts)
                            if kind == "installation"
                            else None,
                            "priority": "",
                            "notes": "",
                            "checklist": [],
                            "cancel_reason": "",
                            "work_done": "",
                            "result": "",
                            "advice": "",
                            "confirmed_by": "",
                            "created_at": now,
                            "updated_at": now,
                            "version": 1,
                        }
                    )
    with db.session() as session:
        for start in range(0, len(rows), 5000):
            session.execute(insert(Visit), rows[start : start + 5000])
        session.commit()
    return len(rows)


def _absences_and_due(
    db: Database,
    engineers: dict[int, list[int]],
    customers: dict[int, list[tuple[int, int, int]]],
    rng: random.Random,
    now: datetime,
) -> None:
    absences = []
    for people in engineers.values():
        for engineer in rng.sample(people, 12):
            day = MONDAY + timedelta(days=rng.randint(-3, 6))
            absences.append(
                {
                    "engineer_id": engineer,
                    "kind": rng.choice(("leave", "training", "sick")),
                    "starts_at": _beijing(day, 0, 0),
                    "ends_at": _beijing(day + timedelta(days=rng.randint(1, 3)), 0, 0),
                    "note": "",
                    "created_at": now,
                    "cancelled_at": now if rng.random() < 0.15 else None,
                }
            )
    due = []
    for region, people in customers.items():
        for _ in range(60 if region == min(customers) else 30):
            customer_id, site, device = rng.choice(people)
            due.append(
                {
                    "kind": rng.choice(("preventive_maintenance", "inspection", "installation")),
                    "status": "unscheduled",
                    "customer_id": customer_id,
                    "site_id": site,
                    "equipment_id": device,
                    "due_on": MONDAY + timedelta(days=rng.randint(-20, 70)),
                    "priority": "",
                    "notes": "",
                    "checklist": [],
                    "cancel_reason": "",
                    "work_done": "",
                    "result": "",
                    "advice": "",
                    "confirmed_by": "",
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
    with db.session() as session:
        session.execute(insert(EngineerAbsence), absences)
        session.execute(insert(Visit), due)
        session.commit()
