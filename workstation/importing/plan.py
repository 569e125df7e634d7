"""Check every row of a file against the file itself and the database, and work out what an
import would create and update: the plan write.py carries out, or a dry run's answer.

Matching makes a second import of the same file change nothing: a customer is the one with
one of the row's phone numbers, else the live customer of that exact name; a contact is the
one with one of the numbers; a site is the customer's site of that name; a device is its
serial number. A value only updates a stored one when its cell is filled; two rows of one
file that say different things about the same record are an error, not a silent "last wins".
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.importing.columns import REQUIRED, Field, ImportKind
from workstation.importing.sources import Cell, Source, cell_text
from workstation.importing.values import BadDate, clean_text, parse_date
from workstation.models import (
    Contact,
    ContactPhone,
    Customer,
    CustomerKind,
    Equipment,
    ProductModel,
    ServiceContract,
    Site,
    Tier,
    contract_equipment,
)
from workstation.outcomes import Refused
from workstation.phones import NormalisedPhone, parse_phone_and_kind
from workstation.search_keys import name_search_keys
from workstation.services.equipment_edit import add_months

CHUNK = 500  # values per IN (...) of a look-up
CHECK_EVERY = 500  # rows between progress reports and cancel checks

LIMITS = {
    Field.CUSTOMER_NAME: 200,
    Field.ADDRESS: 300,
    Field.CONTACT_NAME: 100,
    Field.EMAIL: 200,
    Field.WECHAT: 100,
    Field.SITE_NAME: 200,
    Field.CITY: 100,
    Field.SITE_ADDRESS: 300,
    Field.SERIAL: 60,
    Field.MODEL: 200,
    Field.CONTRACT: 40,
}
PHONE_RAW_MAX = 40

# Words people write for a kind or a tier, in either language.
KIND_WORDS = {
    "company": CustomerKind.COMPANY,
    "公司": CustomerKind.COMPANY,
    "企业": CustomerKind.COMPANY,
    "单位": CustomerKind.COMPANY,
    "person": CustomerKind.PERSON,
    "individual": CustomerKind.PERSON,
    "个人": CustomerKind.PERSON,
}
TIER_WORDS = {
    "vip": Tier.VIP,
    "key": Tier.KEY,
    "重点": Tier.KEY,
    "重要": Tier.KEY,
    "standard": Tier.STANDARD,
    "普通": Tier.STANDARD,
    "标准": Tier.STANDARD,
}

Progress = Callable[[str, int, int], None]
ShouldStop = Callable[[], bool]


class ImportCancelled(Refused):
    """The user cancelled: nothing was written."""

    def __init__(self) -> None:
        super().__init__("import cancelled")


@dataclass(frozen=True)
class RowError:
    """One problem in one row: `row` as numbered in the spreadsheet (the header is row 1),
    the column's header, the cell as written, and a stable code the screens word."""

    row: int
    field: str
    column: str
    value: str
    code: str
    params: tuple[tuple[str, str], ...] = ()

    def param(self, name: str) -> str:
        return dict(self.params).get(name, "")


@dataclass(frozen=True)
class ImportCounts:
    """What an import did or would do, by row and by record."""

    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    new_customers: int = 0
    new_contacts: int = 0
    new_phones: int = 0
    new_sites: int = 0
    new_equipment: int = 0
    updated_records: int = 0


# --- the plan: plain records, new ones filled with ids by the writer ---------------------


class NewCustomer:
    __slots__ = ("address", "id", "keys", "kind", "name", "tier")

    def __init__(self, name: str, kind: str, tier: str, address: str) -> None:
        self.id = 0
        self.name, self.kind, self.tier, self.address = name, kind, tier, address
        self.keys = name_search_keys(name)


class NewContact:
    __slots__ = ("customer", "email", "id", "keys", "name", "wechat")

    def __init__(self, customer: CustomerRef, name: str, email: str, wechat: str) -> None:
        self.id = 0
        self.customer, self.name, self.email, self.wechat = customer, name, email, wechat
        self.keys = name_search_keys(name)


class NewSite:
    __slots__ = ("address", "city", "customer", "id", "name")

    def __init__(self, customer: CustomerRef, name: str, city: str, address: str) -> None:
        self.id = 0
        self.customer, self.name, self.city, self.address = customer, name, city, address


class NewDevice:
    __slots__ = ("customer", "id", "install", "model_id", "serial", "site", "warranty")

    def __init__(
        self,
        serial: str,
        model_id: int,
        customer: CustomerRef,
        site: SiteRef | None,
        install: date | None,
        warranty: date | None,
    ) -> None:
        self.id = 0
        self.serial, self.model_id, self.customer, self.site = serial, model_id, customer, site
        self.install, self.warranty = install, warranty


CustomerRef = int | NewCustomer
ContactRef = int | NewContact
SiteRef = int | NewSite
DeviceRef = int | NewDevice


def ref_id(ref: int | NewCustomer | NewContact | NewSite | NewDevice) -> int:
    return ref if isinstance(ref, int) else ref.id


@dataclass
class Plan:
    """Everything an import writes, in the order it is written."""

    kind: ImportKind
    file_name: str
    sha256: str
    customers: list[NewCustomer] = field(default_factory=list)
    contacts: list[NewContact] = field(default_factory=list)
    phones: list[tuple[ContactRef, NormalisedPhone, str]] = field(default_factory=list)
    sites: list[NewSite] = field(default_factory=list)
    devices: list[NewDevice] = field(default_factory=list)
    # {id: {column: value}} of stored rows whose filled cells differ.
    customer_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    contact_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    site_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    device_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    links: list[tuple[int, DeviceRef]] = field(default_factory=list)  # (contract, device)
    errors: list[RowError] = field(default_factory=list)
    counts: ImportCounts = ImportCounts()

    def records_to_write(self) -> int:
        return (
            len(self.customers)
            + len(self.contacts)
            + len(self.phones)
            + len(self.sites)
            + len(self.devices)
            + len(self.links)
            + sum(
                len(u)
                for u in (
                    self.customer_updates,
                    self.contact_updates,
                    self.site_updates,
                    self.device_updates,
                )
            )
        )

    def touched_customers(self) -> set[int]:
        """Stored customers the import adds to or changes (their open cards re-read)."""
        touched = set(self.customer_updates)
        touched |= {c.customer for c in self.contacts if isinstance(c.customer, int)}
        touched |= {s.customer for s in self.sites if isinstance(s.customer, int)}
        touched |= {d.customer for d in self.devices if isinstance(d.customer, int)}
        return touched


# --- reading the file into typed rows ----------------------------------------------------


@dataclass
class _Row:
    number: int
    values: dict[Field, str]
    raw: dict[Field, Cell]
    phones: list[NormalisedPhone]
    kinds: dict[str, str]  # e164 → "mobile" / "office"
    install: date | None = None
    warranty: date | None = None
    model: tuple[int, int] | None = None  # (id, warranty months)


class _Reader:
    """Turns cells into a _Row, or RowErrors for what cannot be read at all."""

    def __init__(
        self,
        kind: ImportKind,
        mapping: Mapping[Field, int],
        headers: Sequence[str],
        models: Mapping[str, tuple[int, int]],
    ) -> None:
        self.kind = kind
        self.mapping = dict(mapping)
        self.headers = headers
        self.models = models

    def column(self, field_: Field) -> str:
        index = self.mapping.get(field_)
        if index is None or index >= len(self.headers):
            return ""
        return self.headers[index] or f"#{index + 1}"

    def error(
        self, number: int, field_: Field | None, value: Cell, code: str, /, **params: str
    ) -> RowError:
        return RowError(
            number,
            field_.value if field_ else "",
            self.column(field_) if field_ else "",
            cell_text(value),
            code,
            tuple(sorted(params.items())),
        )

    def read(self, number: int, cells: Sequence[Cell]) -> _Row | list[RowError] | None:
        raw: dict[Field, Cell] = {}
        for field_, index in self.mapping.items():
            raw[field_] = cells[index] if index < len(cells) else None
        values = {f: clean_text(v) for f, v in raw.items()}
        if not any(values.values()):
            return None  # a blank line
        errors: list[RowError] = []
        for field_ in REQUIRED[self.kind]:
            if not values.get(field_):
                errors.append(self.error(number, field_, "", "required"))
        for field_, limit in LIMITS.items():
            if len(values.get(field_, "")) > limit:
                errors.append(self.error(number, field_, raw[field_], "too_long", max=str(limit)))
        phones: list[NormalisedPhone] = []
        kinds: dict[str, str] = {}
        for field_ in (Field.PHONE, Field.MOBILE):
            text = values.get(field_, "")
            if not text:
                continue
            parsed = parse_phone_and_kind(text)
            phone = parsed[0] if parsed else None
            if parsed is None or phone is None:
                errors.append(self.error(number, field_, raw[field_], "invalid_phone"))
            elif len(phone.raw) > PHONE_RAW_MAX:
                errors.append(
                    self.error(number, field_, raw[field_], "too_long", max=str(PHONE_RAW_MAX))
                )
            elif phone.e164 not in kinds:
                phones.append(phone)
                kinds[phone.e164] = parsed[1]
        if self.kind is ImportKind.CUSTOMERS and not phones and not errors:
            errors.append(self.error(number, Field.PHONE, "", "required"))
        if self.kind is ImportKind.EQUIPMENT and not phones and not values.get(Field.CUSTOMER_NAME):
            errors.append(self.error(number, Field.CUSTOMER_NAME, "", "required"))
        email = values.get(Field.EMAIL, "")
        if email and ("@" not in email or "." not in email.rsplit("@", 1)[-1] or " " in email):
            errors.append(self.error(number, Field.EMAIL, raw[Field.EMAIL], "invalid_email"))
        kind_text = values.get(Field.CUSTOMER_KIND, "").lower()
        if kind_text and kind_text not in KIND_WORDS:
            errors.append(
                self.error(number, Field.CUSTOMER_KIND, raw[Field.CUSTOMER_KIND], "unknown_kind")
            )
        tier_text = values.get(Field.TIER, "").lower()
        if tier_text and tier_text not in TIER_WORDS:
            errors.append(self.error(number, Field.TIER, raw[Field.TIER], "unknown_tier"))
        row = _Row(number, values, raw, phones, kinds)
        dates: dict[Field, date | None] = {}
        for field_ in (Field.INSTALL_DATE, Field.WARRANTY_END):
            try:
                dates[field_] = parse_date(raw.get(field_))
            except BadDate:
                errors.append(self.error(number, field_, raw[field_], "bad_date"))
                dates[field_] = None
        row.install, row.warranty = dates[Field.INSTALL_DATE], dates[Field.WARRANTY_END]
        if row.install is not None and row.install > date.today():
            errors.append(
                self.error(number, Field.INSTALL_DATE, raw[Field.INSTALL_DATE], "in_future")
            )
        if row.install and row.warranty and row.warranty < row.install:
            errors.append(
                self.error(number, Field.WARRANTY_END, raw[Field.WARRANTY_END], "before_install")
            )
        serial = values.get(Field.SERIAL, "")
        model = values.get(Field.MODEL, "")
        if model:
            row.model = self.models.get(model.lower())
            if row.model is None:
                errors.append(self.error(number, Field.MODEL, raw[Field.MODEL], "unknown_model"))
        elif serial and self.kind is ImportKind.CUSTOMERS:
            errors.append(self.error(number, Field.MODEL, "", "required"))
        if not serial:
            for field_ in (Field.INSTALL_DATE, Field.WARRANTY_END, Field.CONTRACT, Field.MODEL):
                if values.get(field_) and self.kind is ImportKind.CUSTOMERS:
                    errors.append(self.error(number, Field.SERIAL, "", "required"))
                    break
        return errors or row


# --- what the database holds already -----------------------------------------------------


@dataclass
class _Stored:
    # e164 → (customer id, contact id)
    phones: dict[str, tuple[int, int]] = field(default_factory=dict)
    # lower-case name → live customer id (the oldest of a name)
    names: dict[str, int] = field(default_factory=dict)
    customers: dict[int, dict[str, Any]] = field(default_factory=dict)
    contacts: dict[int, dict[str, Any]] = field(default_factory=dict)
    # (customer id, site name) → site id; customer id → first site id
    sites: dict[tuple[int, str], int] = field(default_factory=dict)
    first_site: dict[int, int] = field(default_factory=dict)
    site_values: dict[int, dict[str, Any]] = field(default_factory=dict)
    devices: dict[str, dict[str, Any]] = field(default_factory=dict)
    contracts: dict[str, tuple[int, int]] = field(default_factory=dict)  # number → (id, owner)
    links: set[tuple[int, int]] = field(default_factory=set)


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def product_models(session: Session) -> dict[str, tuple[int, int]]:
    """Lower-case code and name of every product model → (id, warranty months)."""
    found: dict[str, tuple[int, int]] = {}
    rows = session.execute(
        select(ProductModel.id, ProductModel.code, ProductModel.name, ProductModel.warranty_months)
    ).all()
    for model_id, _code, name, months in rows:
        found.setdefault(name.strip().lower(), (model_id, months))
    for model_id, code, _name, months in rows:
        found[code.strip().lower()] = (model_id, months)  # a code wins over a name
    return found


def _load_stored(session: Session, rows: Sequence[_Row], stop: Callable[[], None]) -> _Stored:
    stored = _Stored()
    e164s = {p.e164 for r in rows for p in r.phones}
    names = {r.values.get(Field.CUSTOMER_NAME, "") for r in rows} - {""}
    serials = {r.values.get(Field.SERIAL, "").upper() for r in rows} - {""}
    numbers = {r.values.get(Field.CONTRACT, "") for r in rows} - {""}
    customer_ids: set[int] = set()
    for batch in _chunks(e164s):
        stop()
        query1 = (
            select(ContactPhone.e164, Contact.id, Contact.customer_id)
            .join(Contact, Contact.id == ContactPhone.contact_id)
            .join(Customer, Customer.id == Contact.customer_id)
            .where(ContactPhone.e164.in_(batch), Customer.merged_into_id.is_(None))
            .order_by(ContactPhone.id)
        )
        for e164, contact_id, customer_id in session.execute(query1):
            stored.phones.setdefault(e164, (customer_id, contact_id))
            customer_ids.add(customer_id)
    for batch in _chunks(names):
        stop()
        query2 = (
            select(Customer.id, Customer.name)
            .where(Customer.name.in_(batch), Customer.merged_into_id.is_(None))
            .order_by(Customer.id)
        )
        for customer_id, name in session.execute(query2):
            stored.names.setdefault(name, customer_id)
            customer_ids.add(customer_id)
    for batch in _chunks(serials):
        stop()
        query3 = select(
            Equipment.id,
            Equipment.serial_number,
            Equipment.customer_id,
            Equipment.product_model_id,
            Equipment.site_id,
            Equipment.install_date,
            Equipment.warranty_end,
            Customer.name,
        ).join(Customer, Customer.id == Equipment.customer_id)
        for row in session.execute(query3.where(Equipment.serial_number.in_(batch))):
            stored.devices[row.serial_number] = dict(row._mapping)
    for batch in _chunks(numbers):
        stop()
        query4 = select(
            ServiceContract.id, ServiceContract.number, ServiceContract.customer_id
        ).where(ServiceContract.number.in_(batch))
        for contract_id, number, owner in session.execute(query4):
            stored.contracts[number] = (contract_id, owner)
    contract_ids = [c for c, _ in stored.contracts.values()]
    for batch in _chunks(contract_ids):
        query5 = select(contract_equipment.c.contract_id, contract_equipment.c.equipment_id)
        for link in session.execute(query5.where(contract_equipment.c.contract_id.in_(batch))):
            stored.links.add((link[0], link[1]))
    for batch in _chunks(sorted(customer_ids)):
        stop()
        query6 = select(Customer.id, Customer.name, Customer.kind, Customer.tier, Customer.address)
        for customer_row in session.execute(query6.where(Customer.id.in_(batch))):
            stored.customers[customer_row.id] = dict(customer_row._mapping)
        query_contacts = select(
            Contact.id,
            Contact.customer_id,
            Contact.name,
            Contact.email,
            Contact.wechat_id.label("wechat"),
        )
        for contact in session.execute(query_contacts.where(Contact.customer_id.in_(batch))):
            stored.contacts[contact.id] = dict(contact._mapping)
        query_sites = select(Site.id, Site.customer_id, Site.name, Site.city, Site.address)
        for site in session.execute(
            query_sites.where(Site.customer_id.in_(batch)).order_by(Site.id)
        ):
            stored.sites.setdefault((site.customer_id, site.name), site.id)
            stored.first_site.setdefault(site.customer_id, site.id)
            stored.site_values[site.id] = dict(site._mapping)
    return stored


# --- resolving rows into the plan --------------------------------------------------------

_MISSING = object()
Settle = tuple[tuple[object, str], Any]
Update = tuple[str, int, str, Any]  # (table, id, column, value)


class _Work:
    """What one row would add; applied to the plan only when the row has no error."""

    def __init__(self, row: _Row) -> None:
        self.row = row
        self.errors: list[RowError] = []
        self.pending: list[Settle] = []
        self.updates: list[Update] = []
        self.new_customer: NewCustomer | None = None
        self.contact: ContactRef | None = None
        self.contact_created = False
        self.new_phones: list[NormalisedPhone] = []
        self.new_site: tuple[tuple[int, str], NewSite] | None = None
        self.device: DeviceRef | None = None
        self.serial = ""
        self.link: int | None = None

    def error(self, reader: _Reader, field_: Field, code: str, /, **params: str) -> None:
        self.errors.append(
            reader.error(self.row.number, field_, self.row.raw.get(field_), code, **params)
        )


def _customer_key(customer: CustomerRef) -> int:
    """A key for maps by customer: the stored id, or minus the id() of a new one."""
    return customer if isinstance(customer, int) else -id(customer)


class _Planner:
    def __init__(self, plan: Plan, reader: _Reader, stored: _Stored) -> None:
        self.plan = plan
        self.reader = reader
        self.stored = stored
        self.kind = plan.kind
        # Within the file: what earlier rows settled.
        self.phone_owner: dict[str, tuple[CustomerRef, ContactRef]] = {}
        self.new_by_name: dict[str, NewCustomer] = {}
        self.sites: dict[tuple[int, str], NewSite] = {}
        self.serial_rows: dict[str, int] = {}
        # (record key, column) → (value, first row) of stored records' values rows set.
        self.settled: dict[tuple[object, str], tuple[Any, int]] = {}
        self.first_rows: dict[int, int] = {}  # id() of a new record → the row that made it
        self.counts = {"created": 0, "updated": 0, "unchanged": 0}

    # -- one row --

    def add(self, row: _Row) -> None:
        """Plan one readable row, or reject it with its errors (then it changes nothing)."""
        work = _Work(row)
        name = row.values.get(Field.CUSTOMER_NAME, "")
        customer = self._find_customer(work)
        if work.errors:
            return self._reject(work.errors)
        if customer is None and self.kind is ImportKind.EQUIPMENT:
            field_ = Field.CUSTOMER_NAME if name else Field.PHONE
            shown = name or (row.phones[0].raw if row.phones else "")
            return self._reject([self.reader.error(row.number, field_, shown, "unknown_customer")])
        if customer is None:
            values = row.values
            kind = KIND_WORDS.get(values.get(Field.CUSTOMER_KIND, "").lower(), CustomerKind.COMPANY)
            tier = TIER_WORDS.get(values.get(Field.TIER, "").lower(), Tier.STANDARD)
            customer = NewCustomer(name, kind.value, tier.value, values.get(Field.ADDRESS, ""))
            work.new_customer = customer
        else:
            self._customer_fields(work, customer)
        self._contact(work, customer)
        site = self._site(work, customer)
        self._device(work, customer, site)
        if work.errors:
            return self._reject(work.errors)
        self._accept(work, customer)
        return None

    def _reject(self, errors: list[RowError]) -> None:
        self.plan.errors.extend(errors)

    def _accept(self, work: _Work, customer: CustomerRef) -> None:
        number = work.row.number
        created = changed = False
        if work.new_customer is not None:
            self.plan.customers.append(work.new_customer)
            self.new_by_name[work.new_customer.name] = work.new_customer
            self.first_rows[id(work.new_customer)] = number
            created = True
        for key, value in work.pending:
            self.settled[key] = (value, number)
        targets = {
            "customer": self.plan.customer_updates,
            "contact": self.plan.contact_updates,
            "site": self.plan.site_updates,
            "equipment": self.plan.device_updates,
        }
        for table, record_id, column, value in work.updates:
            record = targets[table].setdefault(record_id, {})
            if record.get(column, _MISSING) != value:
                record[column] = value
                changed = True
        if work.contact is not None:
            if work.contact_created:
                assert isinstance(work.contact, NewContact)
                self.plan.contacts.append(work.contact)
                self.first_rows[id(work.contact)] = number
                created = True
            for phone in work.new_phones:
                self.plan.phones.append((work.contact, phone, work.row.kinds[phone.e164]))
                self.phone_owner[phone.e164] = (customer, work.contact)
                changed = True
        if work.new_site is not None:
            key, site = work.new_site
            self.plan.sites.append(site)
            self.sites[key] = site
            self.first_rows[id(site)] = number
            created = True
        if isinstance(work.device, NewDevice):
            self.plan.devices.append(work.device)
            created = True
        if work.link is not None and work.device is not None:
            self.plan.links.append((work.link, work.device))
            changed = True
        state = "created" if created else "updated" if changed else "unchanged"
        self.counts[state] += 1

    # -- matching --

    def _customer_name(self, ref: CustomerRef) -> str:
        if isinstance(ref, NewCustomer):
            return ref.name
        return str(self.stored.customers[ref]["name"])

    def _owner(self, e164: str) -> tuple[CustomerRef, ContactRef] | None:
        return self.phone_owner.get(e164) or self.stored.phones.get(e164)

    def _find_customer(self, work: _Work) -> CustomerRef | None:
        row = work.row
        name = row.values.get(Field.CUSTOMER_NAME, "")
        found: CustomerRef | None = None
        for phone in row.phones:
            owner = self._owner(phone.e164)
            if owner is None:
                continue
            if found is not None and _customer_key(owner[0]) != _customer_key(found):
                field_ = Field.MOBILE if row.values.get(Field.MOBILE) == phone.raw else Field.PHONE
                work.error(self.reader, field_, "phones_of_two_customers")
                return None
            found = owner[0]
        if found is not None:
            if name and name != self._customer_name(found):
                work.error(
                    self.reader,
                    Field.CUSTOMER_NAME,
                    "phone_of_other_customer",
                    customer=self._customer_name(found),
                )
            return found
        if name in self.new_by_name:
            return self.new_by_name[name]
        return self.stored.names.get(name)

    def _compare(
        self,
        work: _Work,
        field_: Field,
        record: NewCustomer | NewContact | NewSite | tuple[str, int],
        column: str,
        value: Any,
        stored: Mapping[str, Any] | None,
    ) -> None:
        """A filled cell against a record: a new record made by an earlier row must say the
        same (or be blank there); a stored one is updated unless an earlier row set it
        otherwise."""
        if not isinstance(record, tuple):
            current = getattr(record, column)
            if current and current != value:
                work.error(
                    self.reader, field_, "conflict", row=str(self.first_rows.get(id(record), 0))
                )
            elif not current:
                setattr(record, column, value)  # blank in the earlier row: this row fills it
            return
        earlier = self.settled.get((record, column))
        if earlier is not None and earlier[0] != value:
            work.error(self.reader, field_, "conflict", row=str(earlier[1]))
            return
        if earlier is None:
            work.pending.append(((record, column), value))
        assert stored is not None
        if stored[column] != value:
            work.updates.append((record[0], record[1], column, value))

    def _customer_fields(self, work: _Work, customer: CustomerRef) -> None:
        if self.kind is not ImportKind.CUSTOMERS:
            return
        values = work.row.values
        wanted: list[tuple[Field, str, Any]] = []
        if values.get(Field.ADDRESS):
            wanted.append((Field.ADDRESS, "address", values[Field.ADDRESS]))
        if values.get(Field.CUSTOMER_KIND):
            kind = KIND_WORDS[values[Field.CUSTOMER_KIND].lower()].value
            wanted.append((Field.CUSTOMER_KIND, "kind", kind))
        if values.get(Field.TIER):
            wanted.append((Field.TIER, "tier", TIER_WORDS[values[Field.TIER].lower()].value))
        for field_, column, value in wanted:
            if isinstance(customer, NewCustomer):
                self._compare(work, field_, customer, column, value, None)
            else:
                stored = self.stored.customers[customer]
                self._compare(work, field_, ("customer", customer), column, value, stored)

    def _contact(self, work: _Work, customer: CustomerRef) -> None:
        if self.kind is not ImportKind.CUSTOMERS:
            return
        row = work.row
        name = row.values.get(Field.CONTACT_NAME, "")
        email = row.values.get(Field.EMAIL, "")
        wechat = row.values.get(Field.WECHAT, "")
        contact: ContactRef | None = None
        for phone in row.phones:
            owner = self._owner(phone.e164)
            if owner is not None:
                contact = owner[1]
                break
        if contact is None:
            work.contact = NewContact(customer, name, email, wechat)
            work.contact_created = True
            work.new_phones = list(row.phones)
            return
        work.contact = contact
        work.new_phones = [p for p in row.phones if self._owner(p.e164) is None]
        wanted = [(Field.CONTACT_NAME, "name", name)]
        if email:
            wanted.append((Field.EMAIL, "email", email))
        if wechat:
            wanted.append((Field.WECHAT, "wechat", wechat))
        for field_, column, value in wanted:
            if isinstance(contact, NewContact):
                self._compare(work, field_, contact, column, value, None)
            else:
                stored = self.stored.contacts[contact]
                self._compare(work, field_, ("contact", contact), column, value, stored)

    def _site(self, work: _Work, customer: CustomerRef) -> SiteRef | None:
        values = work.row.values
        name = values.get(Field.SITE_NAME, "")
        city = values.get(Field.CITY, "")
        address = values.get(Field.SITE_ADDRESS, "")
        if self.kind is ImportKind.CUSTOMERS and not address:
            address = values.get(Field.ADDRESS, "")
        key = _customer_key(customer)
        if not name:
            if isinstance(customer, NewCustomer):
                name = customer.name  # a new customer gets a site; named after it
            else:
                return self.stored.first_site.get(customer)
        site: SiteRef | None = self.sites.get((key, name))
        if site is None and isinstance(customer, int):
            site = self.stored.sites.get((customer, name))
        if site is None:
            new = NewSite(customer, name, city, address)
            work.new_site = ((key, name), new)
            return new
        wanted: list[tuple[Field, str, str]] = []
        if city:
            wanted.append((Field.CITY, "city", city))
        if values.get(Field.SITE_ADDRESS):
            wanted.append((Field.SITE_ADDRESS, "address", address))
        for field_, column, value in wanted:
            if isinstance(site, NewSite):
                self._compare(work, field_, site, column, value, None)
            else:
                stored = self.stored.site_values[site]
                self._compare(work, field_, ("site", site), column, value, stored)
        return site

    def _device(self, work: _Work, customer: CustomerRef, site: SiteRef | None) -> None:
        row = work.row
        serial = row.values.get(Field.SERIAL, "").upper()
        if not serial:
            return
        first = self.serial_rows.get(serial)
        if first is not None:
            work.error(self.reader, Field.SERIAL, "duplicate_serial", row=str(first))
            return
        self.serial_rows[serial] = row.number  # a later row with it is a duplicate either way
        work.link = self._contract(work, customer)
        stored = self.stored.devices.get(serial)
        if stored is None:
            if row.model is None:
                return
            model_id, months = row.model
            warranty = row.warranty
            if warranty is None and row.install is not None:
                warranty = add_months(row.install, months)
            work.device = NewDevice(serial, model_id, customer, site, row.install, warranty)
            return
        if customer != stored["customer_id"]:
            work.error(
                self.reader, Field.SERIAL, "serial_of_other_customer", customer=str(stored["name"])
            )
            return
        device_id = int(stored["id"])
        work.device = device_id
        if row.model is not None and row.model[0] != stored["product_model_id"]:
            work.error(self.reader, Field.MODEL, "model_differs")
        for column, value in (("install_date", row.install), ("warranty_end", row.warranty)):
            if value is not None and value != stored[column]:
                work.updates.append(("equipment", device_id, column, value))
        if row.values.get(Field.SITE_NAME) and site is not None and site != stored["site_id"]:
            work.updates.append(("equipment", device_id, "site_id", site))
        if work.link is not None and (work.link, device_id) in self.stored.links:
            work.link = None

    def _contract(self, work: _Work, customer: CustomerRef) -> int | None:
        number = work.row.values.get(Field.CONTRACT, "")
        if not number:
            return None
        found = self.stored.contracts.get(number)
        if found is None:
            work.error(self.reader, Field.CONTRACT, "unknown_contract")
            return None
        contract_id, owner = found
        if owner != customer:
            work.error(self.reader, Field.CONTRACT, "contract_of_other_customer")
            return None
        return contract_id


# --- the whole file ----------------------------------------------------------------------


def make_plan(
    session: Session,
    path: Path,
    kind: ImportKind,
    mapping: Mapping[Field, int],
    sheet: str | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> Plan:
    """Read and check every row; the plan of what importing it writes (nothing written)."""

    def stop() -> None:
        if should_stop is not None and should_stop():
            raise ImportCancelled()

    report = progress or (lambda _stage, _done, _total: None)
    plan = Plan(kind, path.name, file_digest(path))
    readable: list[_Row] = []
    with Source(path, sheet) as source:
        reader = _Reader(kind, mapping, source.headers, product_models(session))
        total = source.total
        report("reading", 0, total)
        number = 1
        for number, cells in enumerate(source, start=2):
            read = reader.read(number, cells)
            if isinstance(read, _Row):
                readable.append(read)
            elif read:
                plan.errors.extend(read)
            if number % CHECK_EVERY == 0:
                stop()
                report("reading", min(number - 1, total), total)
        rows = number - 1
        report("reading", rows, rows)
    stop()
    stored = _load_stored(session, readable, stop)
    planner = _Planner(plan, reader, stored)
    report("checking", 0, len(readable))
    for index, row in enumerate(readable, start=1):
        planner.add(row)
        if index % CHECK_EVERY == 0:
            stop()
            report("checking", index, len(readable))
    report("checking", len(readable), len(readable))
    plan.errors.sort(key=lambda e: e.row)
    rejected = len({e.row for e in plan.errors})
    plan.counts = ImportCounts(
        rows=planner.counts["created"]
        + planner.counts["updated"]
        + planner.counts["unchanged"]
        + rejected,
        created=planner.counts["created"],
        updated=planner.counts["updated"],
        unchanged=planner.counts["unchanged"],
        rejected=rejected,
        new_customers=len(plan.customers),
        new_contacts=len(plan.contacts),
        new_phones=len(plan.phones),
        new_sites=len(plan.sites),
        new_equipment=len(plan.devices),
        updated_records=sum(
            len(u)
            for u in (
                plan.customer_updates,
                plan.contact_updates,
                plan.site_updates,
                plan.device_updates,
            )
        ),
    )
    return plan


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
