"""Intake figures: saving a logged call, similar past faults, a new call's customer context.

Each beside its floor: the same rows written, or the same rows read, in raw SQL on the same
database. The saves are real and committed (the bench database rolls forward by ~50 calls).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure, time_ms
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.intake import CallForm, call_context, save_call
from workstation.services.similar import similar_faults

SAVES = 50
READS = 200


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def _agent(db: Database) -> SignedInUser:
    with db.engine.connect() as conn:
        row = conn.execute(
            text("SELECT id, username, display_name, role FROM users WHERE username = 'agent'")
        ).one()
    return SignedInUser(row.id, row.username, row.display_name, row.role, None, ())


def _device(db: Database) -> Any:
    """A real device of a real customer with a contact (the middle of the id range)."""
    with db.engine.connect() as conn:
        middle = conn.execute(text("SELECT max(id) / 2 FROM equipment")).scalar_one()
        return conn.execute(
            text(
                "SELECT e.id, e.customer_id, c.id AS contact_id, e.product_model_id "
                "FROM equipment e JOIN contacts c ON c.customer_id = e.customer_id "
                "WHERE e.id >= :middle AND e.status = 'active' ORDER BY e.id LIMIT 1"
            ),
            {"middle": middle},
        ).one()


def _save_figure(db: Database) -> Figure:
    user = _agent(db)
    device = _device(db)
    started = datetime.now(UTC) - timedelta(minutes=5)
    counter = iter(range(10_000))

    def one_save() -> None:
        form = CallForm(
            channel="phone",
            phone="138 1234 5678",
            caller_name="基准测试",
            customer_id=device.customer_id,
            contact_id=device.contact_id,
            equipment_id=device.id,
            description="开机后异响，面板显示错误代码",
            severity="major",
            outcome="queue",
            call_started_at=started + timedelta(microseconds=next(counter)),
        )
        save_call(db, user, form)

    samples = time_ms(one_save, repeat=SAVES)
    floor_ids: list[str] = []

    def raw_inserts() -> None:
        number = f"BF-{uuid.uuid4().hex[:16]}"
        floor_ids.append(number)
        now = datetime.now(UTC)
        with db.engine.begin() as conn:
            ticket_id = conn.execute(
                text(
                    "INSERT INTO tickets (number, channel, customer_id, contact_id, equipment_id,"
                    " product_model_id, reported_at, error_code, description, external_factors,"
                    " urgency, severity, priority, status, resolution_type, root_cause, solution,"
                    " resolved_on_first_call, version, created_at, updated_at) VALUES (:n,"
                    " 'phone', :c, :ct, :e, :m, :at, '', 'x', '[]', 'normal', 'major', 'P3',"
                    " 'new', '', '', '', false, 1, :at, :at) RETURNING id"
                ),
                {
                    "n": number,
                    "c": device.customer_id,
                    "ct": device.contact_id,
                    "e": device.id,
                    "m": device.product_model_id,
                    "at": now,
                },
            ).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO calls (direction, channel, phone, phone_e164, customer_id,"
                    " contact_id, caller_name, agent_id, started_at, ticket_id, wrap_up_code,"
                    " external_call_id, notes) VALUES ('in', 'phone', 'x', '', :c, :ct, 'x',"
                    " :u, :at, :t, '', '', '')"
                ),
                {"c": device.customer_id, "ct": device.contact_id, "u": user.id, "at": now,
                 "t": ticket_id},
            )  # fmt: skip
            conn.execute(
                text(
                    "INSERT INTO ticket_events (ticket_id, at, user_id, kind, details)"
                    " VALUES (:t, :at, :u, 'created', '{}')"
                ),
                {"t": ticket_id, "at": now, "u": user.id},
            )
            conn.execute(
                text(
                    "INSERT INTO change_log (at, entity, entity_id, action, user_id, data)"
                    " VALUES (:at, 'ticket', :t, 'create', :u, '{}')"
                ),
                {"t": ticket_id, "at": now, "u": user.id},
            )

    floor = time_ms(raw_inserts, repeat=SAVES)
    with db.engine.begin() as conn:
        for number in floor_ids:
            ticket = conn.execute(
                text("SELECT id FROM tickets WHERE number = :n"), {"n": number}
            ).scalar_one()
            conn.execute(text("DELETE FROM ticket_events WHERE ticket_id = :t"), {"t": ticket})
            conn.execute(text("DELETE FROM calls WHERE ticket_id = :t"), {"t": ticket})
            conn.execute(
                text("DELETE FROM change_log WHERE entity = 'ticket' AND entity_id = :t"),
                {"t": ticket},
            )
            conn.execute(text("DELETE FROM tickets WHERE id = :t"), {"t": ticket})
    return figure(
        "save_call", samples, floor, note="floor: raw INSERT call+ticket+event+change_log, commit"
    )


def _similar_figure(db: Database) -> Figure:
    with db.engine.connect() as conn:
        sample = conn.execute(
            text(
                "SELECT product_model_id, error_code, symptom_category_id, description "
                "FROM tickets WHERE error_code <> '' AND resolved_at IS NOT NULL "
                "AND product_model_id IS NOT NULL ORDER BY id DESC LIMIT 1"
            )
        ).one()
    samples = time_ms(
        lambda: similar_faults(
            db,
            sample.product_model_id,
            sample.error_code,
            sample.symptom_category_id,
            sample.description,
        ),
        repeat=READS,
    )
    columns = "id, number, resolved_at, description, root_cause, solution, resolution_type"
    with db.engine.connect() as conn:

        def raw() -> None:
            for where, value in (
                ("error_code = :v", sample.error_code),
                ("symptom_category_id = :v", sample.symptom_category_id),
            ):
                conn.execute(
                    text(
                        f"SELECT {columns} FROM tickets WHERE product_model_id = :m AND {where}"
                        " AND resolved_at IS NOT NULL ORDER BY id DESC LIMIT 200"
                    ),
                    {"m": sample.product_model_id, "v": value},
                ).all()

        floor = time_ms(raw, repeat=READS)
    return figure("similar_faults", samples, floor, note="floor: the two candidate queries")


def _context_figure(db: Database) -> Figure:
    device = _device(db)
    samples = time_ms(lambda: call_context(db, device.customer_id), repeat=READS)
    with db.engine.connect() as conn:

        def raw() -> None:
            params = {"c": device.customer_id}
            conn.execute(text("SELECT name, tier FROM customers WHERE id = :c"), params).one()
            conn.execute(
                text(
                    "SELECT p.contact_id, p.raw FROM contact_phones p JOIN contacts c"
                    " ON c.id = p.contact_id WHERE c.customer_id = :c"
                ),
                params,
            ).all()
            conn.execute(text("SELECT id, name FROM contacts WHERE customer_id = :c"), params).all()
            conn.execute(
                text(
                    "SELECT e.id, e.serial_number, m.code, m.name, e.install_date,"
                    " e.warranty_end FROM equipment e JOIN product_models m"
                    " ON m.id = e.product_model_id WHERE e.customer_id = :c"
                ),
                params,
            ).all()

        floor = time_ms(raw, repeat=READS)
    return figure("call_context", samples, floor, note="floor: the same four queries")


def run(url: URL, only: str | None = None) -> list[Figure]:
    figures: list[Figure] = []
    db = Database.connect(url)
    try:
        if _wanted("save_call", only):
            figures.append(_save_figure(db))
        if _wanted("similar_faults", only):
            figures.append(_similar_figure(db))
        if _wanted("call_context", only):
            figures.append(_context_figure(db))
    finally:
        db.dispose()
    return figures
