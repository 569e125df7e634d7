"""History and card figures: the first page of a busy customer's or device's history, and the
customer and device cards, each beside its floor (the main raw SQL query, same connection).

The samples are the 30 customers and the 30 devices with the most tickets: the worst cases
an agent meets (a busy VIP customer has hundreds of tickets at full scale).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure
from workstation.db import Database
from workstation.services.customer_card import customer_card, equipment_card
from workstation.services.history import customer_history, equipment_history

BUSIEST = 30
ROUNDS = 3
PAGE = 50

FLOOR_CUSTOMER_HISTORY = (
    "SELECT id, number, reported_at, status, priority, description FROM tickets "
    "WHERE customer_id = ? ORDER BY reported_at DESC LIMIT 51"
)
FLOOR_EQUIPMENT_HISTORY = (
    "SELECT id, number, reported_at, status, priority, description FROM tickets "
    "WHERE equipment_id = ? ORDER BY reported_at DESC LIMIT 51"
)
FLOOR_CUSTOMER_CARD = (
    "SELECT e.id, e.serial_number, m.code, m.name, e.install_date, e.warranty_end "
    "FROM equipment e JOIN product_models m ON m.id = e.product_model_id WHERE e.customer_id = ?"
)
FLOOR_EQUIPMENT_CARD = (
    "SELECT e.id, e.serial_number, m.code, m.name, c.name, c.tier FROM equipment e "
    "JOIN product_models m ON m.id = e.product_model_id "
    "JOIN customers c ON c.id = e.customer_id WHERE e.id = ?"
)


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def _busiest(db: Database, column: str) -> list[int]:
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                f"SELECT {column} FROM tickets WHERE {column} IS NOT NULL "
                f"GROUP BY {column} ORDER BY count(*) DESC, {column} LIMIT {BUSIEST}"
            )
        ).all()
    return [int(row[0]) for row in rows]


def _time_service(action: Callable[[int], object], ids: Sequence[int]) -> list[float]:
    for key in ids[:5]:
        action(key)
    samples = []
    for _ in range(ROUNDS):
        for key in ids:
            started = time.perf_counter()
            action(key)
            samples.append((time.perf_counter() - started) * 1000)
    return samples


def _time_floor(db: Database, sql: str, ids: Sequence[int]) -> list[float]:
    """The raw statement through the DBAPI cursor of one pooled connection."""
    if db.backend != "sqlite":
        sql = sql.replace("?", "%s")
    with db.engine.connect() as conn:
        cursor: Any = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        for key in ids[:5]:
            cursor.execute(sql, (key,))
            cursor.fetchall()
        samples = []
        for _ in range(ROUNDS):
            for key in ids:
                started = time.perf_counter()
                cursor.execute(sql, (key,))
                cursor.fetchall()
                samples.append((time.perf_counter() - started) * 1000)
        cursor.close()
        conn.rollback()
    return samples


def run(url: URL, only: str | None = None) -> list[Figure]:
    names = ("history_customer_first_page", "history_equipment_first_page")
    names += ("card_customer", "card_equipment")
    if not any(_wanted(name, only) for name in names):
        return []
    db = Database.connect(url)
    figures: list[Figure] = []
    try:
        customers = _busiest(db, "customer_id")
        devices = _busiest(db, "equipment_id")
        note = f"{len(customers)} busiest, {ROUNDS} rounds"
        if _wanted("history_customer_first_page", only):
            figures.append(
                figure(
                    "history_customer_first_page",
                    _time_service(lambda c: customer_history(db, c, limit=PAGE), customers),
                    _time_floor(db, FLOOR_CUSTOMER_HISTORY, customers),
                    note=f"customers: {note}",
                )
            )
        if _wanted("history_equipment_first_page", only):
            figures.append(
                figure(
                    "history_equipment_first_page",
                    _time_service(lambda e: equipment_history(db, e, limit=PAGE), devices),
                    _time_floor(db, FLOOR_EQUIPMENT_HISTORY, devices),
                    note=f"devices: {note}",
                )
            )
        if _wanted("card_customer", only):
            figures.append(
                figure(
                    "card_customer",
                    _time_service(lambda c: customer_card(db, c), customers),
                    _time_floor(db, FLOOR_CUSTOMER_CARD, customers),
                    note=f"customers: {note}",
                )
            )
        if _wanted("card_equipment", only):
            figures.append(
                figure(
                    "card_equipment",
                    _time_service(lambda e: equipment_card(db, e), devices),
                    _time_floor(db, FLOOR_EQUIPMENT_CARD, devices),
                    note=f"devices: {note}",
                )
            )
    finally:
        db.dispose()
    return figures
