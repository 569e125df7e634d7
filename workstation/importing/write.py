"""Write a plan in the caller's transaction: ids handed out first, then each table in batches
through the driver's executemany, then updates; progress and cancel between batches.

The ORM would cost tens of microseconds a row; these are plain tuples through
`exec_driver_sql`, which still wraps driver errors as SQLAlchemy's (the screens sort them).
Ids come from the database before the rows go in, so foreign keys line up without reading
anything back: PostgreSQL hands out a block of its sequence (safe beside other desks);
SQLite has one writer at a time, and this transaction holds the write lock from its first
statement, so max(id) + 1 … is ours.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, text

from workstation.importing.plan import (
    ImportCancelled,
    NewContact,
    NewCustomer,
    NewDevice,
    NewSite,
    Plan,
    Progress,
    ShouldStop,
    ref_id,
)
from workstation.search_keys import name_search_keys

BATCH = 5000

CUSTOMER_COLUMNS = (
    "id", "name", "kind", "tier", "address", "notes", "pinyin_full", "pinyin_initials",
    "version", "created_at", "updated_at",
)  # fmt: skip
CONTACT_COLUMNS = (
    "id", "customer_id", "name", "email", "wechat_id", "pinyin_full", "pinyin_initials",
)  # fmt: skip
PHONE_COLUMNS = ("id", "contact_id", "kind", "raw", "e164", "national", "reversed_digits")
SITE_COLUMNS = ("id", "customer_id", "name", "address", "city")
EQUIPMENT_COLUMNS = (
    "id", "serial_number", "product_model_id", "customer_id", "site_id", "install_date",
    "warranty_end", "status", "version",
)  # fmt: skip
# Plan column names that differ from the table's.
_COLUMN_NAMES = {"wechat": "wechat_id"}


class _Writer:
    def __init__(
        self, conn: Connection, plan: Plan, progress: Progress, should_stop: ShouldStop
    ) -> None:
        self.conn = conn
        self.plan = plan
        self.progress = progress
        self.should_stop = should_stop
        self.sqlite = conn.dialect.name == "sqlite"
        self.mark = "?" if self.sqlite else "%s"
        self.done = 0
        self.total = plan.records_to_write()

    # -- values as the driver takes them --

    def day(self, value: date | None) -> Any:
        if value is None or not self.sqlite:
            return value
        return value.isoformat()

    def instant(self, value: datetime) -> Any:
        # SQLAlchemy stores SQLite instants as naive UTC text (models.base.UTCDateTime).
        return value.replace(tzinfo=None).isoformat(" ") if self.sqlite else value

    def value(self, value: Any) -> Any:
        if isinstance(value, NewCustomer | NewContact | NewSite | NewDevice):
            return value.id
        if isinstance(value, datetime):
            return self.instant(value)
        if isinstance(value, date):
            return self.day(value)
        return value

    # -- ids --

    def ids(self, table: str, count: int) -> list[int]:
        if count == 0:
            return []
        if self.sqlite:
            first = (
                int(
                    self.conn.exec_driver_sql(
                        f"SELECT coalesce(max(id), 0) FROM {table}"
                    ).scalar_one()
                )
                + 1
            )
            return list(range(first, first + count))
        rows = self.conn.execute(
            text(
                "SELECT nextval(pg_get_serial_sequence(:table, 'id')) "
                "FROM generate_series(1, :count)"
            ),
            {"table": table, "count": count},
        )
        return sorted(int(r[0]) for r in rows)

    # -- writing --

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        sql = (
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join([self.mark] * len(columns))})"
        )
        for start in range(0, len(rows), BATCH):
            self.check()
            batch = rows[start : start + BATCH]
            self.conn.exec_driver_sql(sql, list(batch))
            self.step(len(batch))

    def update(self, table: str, updates: dict[int, dict[str, Any]]) -> None:
        by_columns: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for record_id, values in updates.items():
            columns = tuple(sorted(values))
            row = (*(self.value(values[c]) for c in columns), record_id)
            by_columns.setdefault(columns, []).append(row)
        extra = ", version = version + 1" if table in ("customers", "equipment") else ""
        for columns, rows in by_columns.items():
            assignments = ", ".join(f"{_COLUMN_NAMES.get(c, c)} = {self.mark}" for c in columns)
            sql = f"UPDATE {table} SET {assignments}{extra} WHERE id = {self.mark}"
            for start in range(0, len(rows), BATCH):
                self.check()
                batch = rows[start : start + BATCH]
                self.conn.exec_driver_sql(sql, list(batch))
                self.step(len(batch))

    def check(self) -> None:
        if self.should_stop():
            raise ImportCancelled()

    def step(self, count: int) -> None:
        self.done += count
        self.progress("writing", self.done, self.total)

    def write(self, now: datetime) -> None:
        plan = self.plan
        self.progress("writing", 0, self.total)
        for customer, new_id in zip(
            plan.customers, self.ids("customers", len(plan.customers)), strict=True
        ):
            customer.id = new_id
        for contact, new_id in zip(
            plan.contacts, self.ids("contacts", len(plan.contacts)), strict=True
        ):
            contact.id = new_id
        for site, new_id in zip(plan.sites, self.ids("sites", len(plan.sites)), strict=True):
            site.id = new_id
        for device, new_id in zip(
            plan.devices, self.ids("equipment", len(plan.devices)), strict=True
        ):
            device.id = new_id
        phone_ids = self.ids("contact_phones", len(plan.phones))
        stamp = self.instant(now)
        self.insert(
            "customers",
            CUSTOMER_COLUMNS,
            [
                (c.id, c.name, c.kind, c.tier, c.address, "", c.keys[0], c.keys[1], 1, stamp, stamp)
                for c in plan.customers
            ],
        )
        self.insert(
            "contacts",
            CONTACT_COLUMNS,
            [
                (c.id, ref_id(c.customer), c.name, c.email, c.wechat, c.keys[0], c.keys[1])
                for c in plan.contacts
            ],
        )
        self.insert(
            "contact_phones",
            PHONE_COLUMNS,
            [
                (pid, ref_id(contact), kind, p.raw, p.e164, p.national, p.reversed_digits)
                for pid, (contact, p, kind) in zip(phone_ids, plan.phones, strict=True)
            ],
        )
        self.insert(
            "sites",
            SITE_COLUMNS,
            [(s.id, ref_id(s.customer), s.name, s.address, s.city) for s in plan.sites],
        )
        self.insert(
            "equipment",
            EQUIPMENT_COLUMNS,
            [
                (
                    d.id,
                    d.serial,
                    d.model_id,
                    ref_id(d.customer),
                    ref_id(d.site) if d.site is not None else None,
                    self.day(d.install),
                    self.day(d.warranty),
                    "active",
                    1,
                )
                for d in plan.devices
            ],
        )
        self.insert(
            "contract_equipment",
            ("contract_id", "equipment_id"),
            [(contract, ref_id(device)) for contract, device in plan.links],
        )
        for table, updates in (
            ("customers", plan.customer_updates),
            ("contacts", plan.contact_updates),
            ("sites", plan.site_updates),
            ("equipment", plan.device_updates),
        ):
            if table == "customers":
                for values in updates.values():
                    values["updated_at"] = now
            if table == "contacts":
                for values in updates.values():
                    if "name" in values:
                        values["pinyin_full"], values["pinyin_initials"] = name_search_keys(
                            values["name"]
                        )
            self.update(table, updates)


def write_plan(
    conn: Connection,
    plan: Plan,
    now: datetime,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> None:
    """Insert and update what `plan` says on `conn`, inside its open transaction."""
    never: Callable[[], bool] = lambda: False  # noqa: E731
    _Writer(conn, plan, progress or (lambda *_: None), should_stop or never).write(now)
