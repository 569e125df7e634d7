"""Customer-editing figures: create a customer (with its duplicate guard) and save an edit.

Each beside its floor: the same rows written in raw SQL on the same database. The saves are
real and committed (the bench database gains ~30 small customers per run).
"""

from __future__ import annotations

import json
import random
import uuid
from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.engine import URL

from tests.bench.harness import Figure, figure, time_ms
from workstation.db import Database
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import (
    ContactInput,
    CustomerChanges,
    EditRejected,
    NewCustomer,
    SiteInput,
    create_customer,
    customer_for_edit,
    update_customer,
)

SAVES = 30


def _wanted(name: str, only: str | None) -> bool:
    return not only or name.startswith(only) or only.startswith(name)


def _agent(db: Database) -> SignedInUser:
    with db.engine.connect() as conn:
        row = conn.execute(
            text("SELECT id, username, display_name, role FROM users WHERE username = 'agent'")
        ).one()
    return SignedInUser(row.id, row.username, row.display_name, row.role, None, ())


def _create_figure(db: Database, user: SignedInUser) -> Figure:
    rng = random.Random(7)
    duplicates = 0

    def one() -> None:
        nonlocal duplicates
        tag = uuid.uuid4().hex[:8]
        new = NewCustomer(
            CustomerChanges(f"基准测试公司{tag}", "company"),
            ContactInput("基准联系人", (f"198{rng.randrange(10**8):08d}",)),
            SiteInput("总部", "上海"),
        )
        try:
            create_customer(db, user, new)
        except EditRejected:
            duplicates += 1  # the guard found a customer with that phone: checked all the same

    samples = time_ms(one, repeat=SAVES)

    def raw() -> None:
        now = datetime.now(UTC)
        name = f"基准原始{uuid.uuid4().hex[:8]}"
        with db.engine.begin() as conn:
            conn.execute(
                text("SELECT id FROM customers WHERE name = :n LIMIT 20"), {"n": name}
            ).all()
            conn.execute(
                text("SELECT id FROM contact_phones WHERE e164 = :p LIMIT 20"),
                {"p": "+8619800000000"},
            ).all()
            cid = conn.execute(
                text(
                    "INSERT INTO customers (name, kind, tier, address, notes, pinyin_full, "
                    "pinyin_initials, version, created_at, updated_at) VALUES (:n, 'company', "
                    "'standard', '', '', '', '', 1, :t, :t) RETURNING id"
                ),
                {"n": name, "t": now},
            ).scalar_one()
            contact = conn.execute(
                text(
                    "INSERT INTO contacts (customer_id, name, email, wechat_id, pinyin_full, "
                    "pinyin_initials) VALUES (:c, 'x', '', '', '', '') RETURNING id"
                ),
                {"c": cid},
            ).scalar_one()
            conn.execute(
                text(
                    "INSERT INTO contact_phones (contact_id, kind, raw, e164, national, "
                    "reversed_digits) VALUES (:c, 'mobile', '1', '+1', '1', '1')"
                ),
                {"c": contact},
            )
            conn.execute(
                text("INSERT INTO sites (customer_id, name, address, city) VALUES (:c,'x','','')"),
                {"c": cid},
            )
            for entity in ("customer", "contact", "site"):
                conn.execute(
                    text(
                        "INSERT INTO audit_log (at, user_id, entity, entity_id, action, details) "
                        "VALUES (:t, :u, :e, :i, 'created', :d)"
                    ),
                    {"t": now, "u": user.id, "e": entity, "i": cid, "d": json.dumps({})},
                )
                conn.execute(
                    text(
                        "INSERT INTO change_log (at, entity, entity_id, action, user_id, data) "
                        "VALUES (:t, :e, :i, 'create', :u, :d)"
                    ),
                    {"t": now, "e": entity, "i": cid, "u": user.id, "d": json.dumps({})},
                )

    floor = time_ms(raw, repeat=SAVES)
    note = "customer + contact + phone + site, audit, change log"
    if duplicates:
        note += f"; {duplicates} stopped by the duplicate guard"
    return figure("edit_create_customer", samples, floor, note=note)


def _update_figure(db: Database, user: SignedInUser) -> Figure:
    with db.engine.connect() as conn:
        middle = conn.execute(
            text("SELECT min(id) FROM customers WHERE id >= (SELECT max(id) / 2 FROM customers)")
        ).scalar_one()
    current = customer_for_edit(db, middle)
    state = {"version": current.version, "flip": 0}

    def one() -> None:
        state["flip"] ^= 1
        changes = CustomerChanges(
            current.name,
            current.kind,
            current.tier,
            current.region_id,
            f"基准地址 {state['flip']}",
            current.notes,
        )
        saved = update_customer(db, user, middle, state["version"], changes)
        state["version"] = saved.version

    samples = time_ms(one, repeat=SAVES)

    def raw() -> None:
        now = datetime.now(UTC)
        with db.engine.begin() as conn:
            conn.execute(text("SELECT * FROM customers WHERE id = :i"), {"i": middle}).one()
            conn.execute(
                text(
                    "UPDATE customers SET address = :a, version = version + 1, updated_at = :t "
                    "WHERE id = :i"
                ),
                {"a": str(now), "t": now, "i": middle},
            )
            conn.execute(
                text(
                    "INSERT INTO audit_log (at, user_id, entity, entity_id, action, details) "
                    "VALUES (:t, :u, 'customer', :i, 'updated', :d)"
                ),
                {"t": now, "u": user.id, "i": middle, "d": json.dumps({})},
            )
            conn.execute(
                text(
                    "INSERT INTO change_log (at, entity, entity_id, action, user_id, data) "
                    "VALUES (:t, 'customer', :i, 'update', :u, :d)"
                ),
                {"t": now, "i": middle, "u": user.id, "d": json.dumps({})},
            )

    floor = time_ms(raw, repeat=SAVES)
    return figure("edit_update_customer", samples, floor, note="optimistic lock, audit, change log")


def run(url: URL, only: str | None = None) -> list[Figure]:
    figures: list[Figure] = []
    if not (_wanted("edit_create_customer", only) or _wanted("edit_update_customer", only)):
        return figures
    db = Database.connect(url)
    try:
        user = _agent(db)
        if _wanted("edit_create_customer", only):
            figures.append(_create_figure(db, user))
        if _wanted("edit_update_customer", only):
            figures.append(_update_figure(db, user))
    finally:
        db.dispose()
    return figures
