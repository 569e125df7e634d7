"""Caller lookup figures: the lookup() service per kind of key, and a keystroke to results painted.

Each service figure times lookup() over ~50 different real keys sampled across the bench
database (three rounds), beside its floor: the one raw SQL statement that answers that kind
of key, run through the DBAPI cursor of the same engine's connection.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure
from workstation.db import Database
from workstation.search_keys import has_cjk
from workstation.services.lookup import lookup, upper_bound

KEYS = 50
ROUNDS = 3
PAINT_KEYS = 40


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def _spread(db: Database, sql: str, column_filter: Callable[[Any], bool], n: int = KEYS) -> list:
    """`n` rows of `sql` (which takes :start and orders by id) from across the id range."""
    table = sql.split(" FROM ", 1)[1].split()[0]
    with db.engine.connect() as conn:
        top = conn.execute(text(f"SELECT max(id) FROM {table}")).scalar_one() or 0
        rows = []
        for i in range(n * 4):
            if len(rows) >= n:
                break
            row = conn.execute(text(sql), {"start": top * i // (n * 4)}).first()
            if row is not None and column_filter(row):
                rows.append(row)
        return rows


def _time_service(db: Database, queries: Sequence[str]) -> list[float]:
    for query in queries[:5]:
        lookup(db, query)
    samples = []
    for _ in range(ROUNDS):
        for query in queries:
            started = time.perf_counter()
            lookup(db, query)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def _time_floor(db: Database, sql: str, params: Sequence[tuple[Any, ...]]) -> list[float]:
    """The raw statement through the DBAPI cursor of one pooled connection."""
    if db.backend != "sqlite":
        sql = sql.replace("?", "%s")
    with db.engine.connect() as conn:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        for values in params[:5]:
            cursor.execute(sql, values)
            cursor.fetchall()
        samples = []
        for _ in range(ROUNDS):
            for values in params:
                started = time.perf_counter()
                cursor.execute(sql, values)
                cursor.fetchall()
                samples.append((time.perf_counter() - started) * 1000)
        cursor.close()
        conn.rollback()
    return samples


def _range_params(prefixes: Sequence[str]) -> list[tuple[Any, ...]]:
    return [(p, upper_bound(p)) for p in prefixes]


def _service_figures(db: Database, only: str | None) -> list[Figure]:
    figures: list[Figure] = []
    phones = _spread(
        db,
        "SELECT raw, e164, national FROM contact_phones WHERE id >= :start ORDER BY id LIMIT 1",
        lambda row: len(row.national) >= 8,
    )
    if _wanted("lookup_phone_exact", only):
        figures.append(
            figure(
                "lookup_phone_exact",
                _time_service(db, [row.raw for row in phones]),
                _time_floor(
                    db,
                    "SELECT contact_id FROM contact_phones WHERE e164 = ? LIMIT 20",
                    [(row.e164,) for row in phones],
                ),
                note="number as typed, any format; floor: e164 equality",
            )
        )
    if _wanted("lookup_phone_prefix", only):
        prefixes = [row.national[:7] for row in phones]
        figures.append(
            figure(
                "lookup_phone_prefix",
                _time_service(db, prefixes),
                _time_floor(
                    db,
                    "SELECT contact_id FROM contact_phones WHERE national >= ? AND national < ? "
                    "ORDER BY national LIMIT 20",
                    _range_params(prefixes),
                ),
                note="first 7 digits; floor: range on national",
            )
        )
    if _wanted("lookup_phone_suffix", only):
        suffixes = [row.national[-4:] for row in phones]
        figures.append(
            figure(
                "lookup_phone_suffix",
                _time_service(db, suffixes),
                _time_floor(
                    db,
                    "SELECT contact_id FROM contact_phones WHERE reversed_digits >= ? "
                    "AND reversed_digits < ? ORDER BY reversed_digits LIMIT 20",
                    _range_params([s[::-1] for s in suffixes]),
                ),
                note="last 4 digits; floor: range on reversed_digits",
            )
        )
    contacts = _spread(
        db,
        "SELECT name, pinyin_full, pinyin_initials FROM contacts WHERE id >= :start "
        "ORDER BY id LIMIT 1",
        lambda row: has_cjk(row.name),
    )
    if _wanted("lookup_name_cjk", only):
        names = [row.name for row in contacts]
        figures.append(
            figure(
                "lookup_name_cjk",
                _time_service(db, names),
                _time_floor(
                    db,
                    "SELECT id FROM customers WHERE name >= ? AND name < ? "
                    "AND merged_into_id IS NULL ORDER BY name LIMIT 20",
                    _range_params(names),
                ),
                note="a contact's Chinese name; floor: name prefix range on customers",
            )
        )
    if _wanted("lookup_pinyin_initials", only):
        initials = [row.pinyin_initials for row in contacts]
        figures.append(
            figure(
                "lookup_pinyin_initials",
                _time_service(db, initials),
                _time_floor(
                    db,
                    "SELECT id FROM contacts WHERE pinyin_initials >= ? AND pinyin_initials < ? "
                    "ORDER BY pinyin_initials LIMIT 20",
                    _range_params(initials),
                ),
                note="a contact's initials ('zs'); floor: initials range on contacts",
            )
        )
    if _wanted("lookup_company_part", only):
        companies = _spread(
            db,
            "SELECT name FROM customers WHERE id >= :start AND kind = 'company' "
            "ORDER BY id LIMIT 1",
            lambda row: has_cjk(row.name) and len(row.name) >= 8,
        )
        parts = [row.name[2:6] for row in companies]  # "上海精密仪器…" → "精密仪器"
        if db.backend == "sqlite":
            floor_sql = (
                "SELECT c.id FROM customers_fts f JOIN customers c ON c.id = f.rowid "
                "WHERE customers_fts MATCH ? LIMIT 20"
            )
            floor_params = [(f'"{part}"',) for part in parts]
        else:
            floor_sql = "SELECT id FROM customers WHERE name ILIKE ? LIMIT 20"
            floor_params = [(f"%{part}%",) for part in parts]
        figures.append(
            figure(
                "lookup_company_part",
                _time_service(db, parts),
                _time_floor(db, floor_sql, floor_params),
                note="4 characters from a company name's middle; floor: "
                + ("FTS5 trigram MATCH" if db.backend == "sqlite" else "pg_trgm ILIKE"),
            )
        )
    if _wanted("lookup_serial", only):
        serials = [
            row.serial_number
            for row in _spread(
                db,
                "SELECT serial_number FROM equipment WHERE id >= :start ORDER BY id LIMIT 1",
                lambda row: True,
            )
        ]
        figures.append(
            figure(
                "lookup_serial",
                _time_service(db, [s.lower() for s in serials]),
                _time_floor(
                    db,
                    "SELECT id FROM equipment WHERE serial_number = ? LIMIT 20",
                    [(s,) for s in serials],
                ),
                note="a whole serial as scanned (lower case); floor: serial equality",
            )
        )
    if _wanted("lookup_ticket", only):
        numbers = [
            row.number
            for row in _spread(
                db,
                "SELECT number FROM tickets WHERE id >= :start ORDER BY id LIMIT 1",
                lambda row: True,
            )
        ]
        figures.append(
            figure(
                "lookup_ticket",
                _time_service(db, numbers),
                _time_floor(
                    db,
                    "SELECT id FROM tickets WHERE number = ? LIMIT 20",
                    [(n,) for n in numbers],
                ),
                note="a whole ticket number; floor: number equality",
            )
        )
    return figures


def _keystroke_paint(db: Database) -> Figure:
    """A real SearchPanel offscreen: the last key of a query pressed until its results are in
    the model and the view has repainted."""
    from PySide6.QtCore import QCoreApplication, QMessageLogContext, Qt, QThread, QtMsgType
    from PySide6.QtCore import qInstallMessageHandler as install_handler
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ui.search_panel import DEBOUNCE_MS, SearchPanel
    from ui.tasks import TaskRunner

    def quiet(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if not message.startswith("This plugin does not support propagateSizeHints"):
            print(message, file=sys.stderr)

    install_handler(quiet)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    phones = _spread(
        db,
        "SELECT national FROM contact_phones WHERE id >= :start ORDER BY id LIMIT 1",
        lambda row: len(row.national) >= 8,
        n=PAINT_KEYS // 2,
    )
    contacts = _spread(
        db,
        "SELECT pinyin_initials FROM contacts WHERE id >= :start ORDER BY id LIMIT 1",
        lambda row: 2 <= len(row.pinyin_initials) <= 4,
        n=PAINT_KEYS // 2,
    )
    keys = [row.national[-4:] for row in phones] + [row.pinyin_initials for row in contacts]
    runner = TaskRunner()
    panel = SearchPanel(db, runner)
    panel.resize(900, 600)
    panel.show()

    def settle(until: Callable[[], bool]) -> None:
        deadline = time.perf_counter() + 10
        while not until():
            if time.perf_counter() > deadline:
                raise TimeoutError("the search panel never showed the results")
            QCoreApplication.processEvents()

    def answered(query: str) -> bool:
        return panel.result is not None and panel.result.query == query

    samples: list[float] = []
    try:
        for round_ in range(2):
            for key in keys:
                panel.set_query(key[:-1])
                settle(lambda key=key: answered(key[:-1]))
                QThread.msleep(DEBOUNCE_MS + 20)  # a pause: the next key searches at once
                QCoreApplication.processEvents()
                started = time.perf_counter()
                QTest.keyClick(panel.field, key[-1])
                settle(lambda key=key: answered(key))
                panel.view.viewport().repaint()
                if round_:
                    samples.append((time.perf_counter() - started) * 1000)
                assert panel.field.text() == key
        panel.field.setFocus(Qt.FocusReason.OtherFocusReason)
    finally:
        runner.shutdown()
        panel.close()
        panel.deleteLater()
        QCoreApplication.processEvents()
    return figure(
        "lookup_keystroke_paint",
        samples,
        note=f"last key of a 4-digit suffix or initials to results painted; debounce {DEBOUNCE_MS}"
        " ms applies only to keys typed faster than that (first key after a pause: none)",
    )


def run(url: URL, only: str | None = None) -> list[Figure]:
    if only and not ("lookup".startswith(only) or only.startswith("lookup")):
        return []
    db = Database.connect(url)
    try:
        figures = _service_figures(db, only)
        if _wanted("lookup_keystroke_paint", only):
            figures.append(_keystroke_paint(db))
        return figures
    finally:
        db.dispose()
