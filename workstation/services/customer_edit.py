"""Create and edit customers, their contacts and sites: validated, audited, on the change log."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    AuditRecord,
    Contact,
    ContactPhone,
    Customer,
    CustomerKind,
    Region,
    Site,
    Tier,
    utcnow,
)
from workstation.outcomes import FieldError, Refused
from workstation.permissions import Permission, require
from workstation.phones import NormalisedPhone, digits_of, parse_phone, phone_kind
from workstation.search_keys import name_search_keys
from workstation.services.auth import SignedInUser

# Agents edit customers: one place to tighten it later.
EDIT_PERMISSION = Permission.LOG_CALLS

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE_LIKE = re.compile(r"^[\d\s+()\-]+$")
TIER_RANK = {Tier.STANDARD.value: 0, Tier.KEY.value: 1, Tier.VIP.value: 2}


# --- outcomes shared by every edit -------------------------------------------------------


@dataclass(frozen=True)
class DuplicateMatch:
    """An existing customer that may be the one being created (same phone or same name)."""

    customer_id: int
    name: str
    tier: str
    reason: str  # "phone" or "name"
    detail: str  # the matching phone (as stored) or name


class EditRejected(Refused):
    """The edit did not validate (or may create a duplicate); nothing was written."""

    def __init__(
        self, errors: Sequence[FieldError], duplicates: Sequence[DuplicateMatch] = ()
    ) -> None:
        super().__init__(", ".join(f"{e.field}: {e.code}" for e in errors))
        self.errors = tuple(errors)
        self.duplicates = tuple(duplicates)


class EditConflict(Refused):
    """Another desk saved first: `current` holds the values now stored (with their version,
    where the record has one)."""

    def __init__(self, current: Any) -> None:
        super().__init__("the record was changed by another desk")
        self.current = current


class RecordNotFound(Refused):
    """The record to edit does not exist (deleted or never was)."""

    def __init__(self, entity: str, entity_id: int) -> None:
        super().__init__(f"{entity} {entity_id} not found")
        self.entity = entity
        self.entity_id = entity_id


# --- what forms send ---------------------------------------------------------------------


@dataclass(frozen=True)
class ContactInput:
    """A contact as typed. `phones` as typed, blanks ignored (errors name `phones.<index>`)."""

    name: str
    phones: tuple[str, ...]
    email: str = ""
    wechat: str = ""


@dataclass(frozen=True)
class SiteInput:
    name: str
    city: str = ""
    address: str = ""
    region_id: int | None = None


@dataclass(frozen=True)
class CustomerChanges:
    """Every editable field of a customer (the whole form, not a diff)."""

    name: str
    kind: str
    tier: str = Tier.STANDARD.value
    region_id: int | None = None
    address: str = ""
    notes: str = ""


@dataclass(frozen=True)
class NewCustomer:
    """A customer with its first contact and first site, from one form."""

    customer: CustomerChanges
    contact: ContactInput
    site: SiteInput
    confirmed_not_duplicate: bool = False


# --- what services hand back -------------------------------------------------------------


@dataclass(frozen=True)
class CreatedCustomer:
    customer_id: int
    contact_id: int
    site_id: int


@dataclass(frozen=True)
class SavedCustomer:
    customer_id: int
    version: int
    changed: tuple[str, ...]


@dataclass(frozen=True)
class SavedContact:
    contact_id: int
    customer_id: int
    changed: tuple[str, ...]


@dataclass(frozen=True)
class SavedSite:
    site_id: int
    customer_id: int
    changed: tuple[str, ...]


@dataclass(frozen=True)
class ContactForEdit:
    id: int
    customer_id: int
    name: str
    email: str
    wechat: str
    phones: tuple[str, ...]


@dataclass(frozen=True)
class SiteForEdit:
    id: int
    customer_id: int
    name: str
    city: str
    address: str
    region_id: int | None


@dataclass(frozen=True)
class CustomerForEdit:
    """A customer's current values and version, with its contacts and sites."""

    id: int
    name: str
    kind: str
    tier: str
    region_id: int | None
    address: str
    notes: str
    version: int
    merged_into_id: int | None
    contacts: tuple[ContactForEdit, ...]
    sites: tuple[SiteForEdit, ...]

    def changes(self) -> CustomerChanges:
        """The stored values as a form would send them."""
        return CustomerChanges(
            self.name, self.kind, self.tier, self.region_id, self.address, self.notes
        )


@dataclass(frozen=True)
class CustomerChoice:
    """A customer offered in a picker (move a device, merge): name, tier, a detail line."""

    id: int
    name: str
    tier: str
    detail: str


# --- validation --------------------------------------------------------------------------


def _text(errors: list[FieldError], name: str, value: str, limit: int, required: bool) -> None:
    value = value.strip()
    if required and not value:
        errors.append(FieldError(name, "required"))
    elif len(value) > limit:
        errors.append(FieldError(name, "too_long", {"max": str(limit)}))


def _region(session: Session, errors: list[FieldError], name: str, region_id: int | None) -> None:
    if region_id is not None and session.get(Region, region_id) is None:
        errors.append(FieldError(name, "unknown"))


def _validate_customer(
    session: Session, values: CustomerChanges, prefix: str = ""
) -> list[FieldError]:
    errors: list[FieldError] = []
    _text(errors, prefix + "name", values.name, 200, True)
    if values.kind not in {k.value for k in CustomerKind}:
        errors.append(FieldError(prefix + "kind", "unknown"))
    if values.tier not in TIER_RANK:
        errors.append(FieldError(prefix + "tier", "unknown"))
    _region(session, errors, prefix + "region_id", values.region_id)
    _text(errors, prefix + "address", values.address, 300, False)
    _text(errors, prefix + "notes", values.notes, 4000, False)
    return errors


def _validate_contact(
    values: ContactInput, prefix: str = ""
) -> tuple[list[FieldError], list[NormalisedPhone]]:
    errors: list[FieldError] = []
    _text(errors, prefix + "name", values.name, 100, True)
    email = values.email.strip()
    if len(email) > 200:
        errors.append(FieldError(prefix + "email", "too_long", {"max": "200"}))
    elif email and not _EMAIL.match(email):
        errors.append(FieldError(prefix + "email", "invalid_email"))
    _text(errors, prefix + "wechat", values.wechat, 100, False)
    phones: list[NormalisedPhone] = []
    seen: set[str] = set()
    typed = 0
    for index, raw in enumerate(values.phones):
        if not raw.strip():
            continue
        typed += 1
        parsed = parse_phone(raw)
        where = f"{prefix}phones.{index}"
        if parsed is None:
            errors.append(FieldError(where, "invalid_phone", {"phone": raw.strip()}))
        elif len(parsed.raw) > 40:
            errors.append(FieldError(where, "too_long", {"max": "40"}))
        elif parsed.e164 in seen:
            errors.append(FieldError(where, "duplicate_phone", {"phone": raw.strip()}))
        else:
            seen.add(parsed.e164)
            phones.append(parsed)
    if typed == 0:
        errors.append(FieldError(f"{prefix}phones.0", "required"))
    return errors, phones


def _validate_site(session: Session, values: SiteInput, prefix: str = "") -> list[FieldError]:
    errors: list[FieldError] = []
    _text(errors, prefix + "name", values.name, 200, True)
    _text(errors, prefix + "city", values.city, 100, False)
    _text(errors, prefix + "address", values.address, 300, False)
    _region(session, errors, prefix + "region_id", values.region_id)
    return errors


# --- helpers for writes ------------------------------------------------------------------


def audit(
    session: Session,
    user: SignedInUser,
    entity: str,
    entity_id: int,
    action: str,
    details: dict[str, Any],
) -> None:
    """One line of the audit trail, in the caller's transaction."""
    session.add(
        AuditRecord(
            user_id=user.id,
            entity=entity,
            entity_id=entity_id,
            action=action,
            details=details,
        )
    )


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} of the fields whose value changed."""
    return {key: [old[key], value] for key, value in new.items() if old[key] != value}


def _customer_values(customer: Customer) -> dict[str, Any]:
    return {
        "name": customer.name,
        "kind": customer.kind,
        "tier": customer.tier,
        "region_id": customer.region_id,
        "address": customer.address,
        "notes": customer.notes,
    }


def _clean_customer(values: CustomerChanges) -> dict[str, Any]:
    return {
        "name": values.name.strip(),
        "kind": values.kind,
        "tier": values.tier,
        "region_id": values.region_id,
        "address": values.address.strip(),
        "notes": values.notes.strip(),
    }


def _write_phones(session: Session, contact_id: int, phones: Sequence[NormalisedPhone]) -> None:
    for phone in phones:
        session.add(
            ContactPhone(
                contact_id=contact_id,
                kind=phone_kind(phone),
                raw=phone.raw,
                e164=phone.e164,
                national=phone.national,
                reversed_digits=phone.reversed_digits,
            )
        )


def _new_contact(
    session: Session, customer_id: int, values: ContactInput, phones: Sequence[NormalisedPhone]
) -> Contact:
    name = values.name.strip()
    full, initials = name_search_keys(name)
    contact = Contact(
        customer_id=customer_id,
        name=name,
        email=values.email.strip(),
        wechat_id=values.wechat.strip(),
        pinyin_full=full,
        pinyin_initials=initials,
    )
    session.add(contact)
    session.flush()
    _write_phones(session, contact.id, phones)
    return contact


def _site_values(values: SiteInput) -> dict[str, Any]:
    return {
        "name": values.name.strip(),
        "city": values.city.strip(),
        "address": values.address.strip(),
        "region_id": values.region_id,
    }


def live_customer(session: Session, customer_id: int, field_name: str) -> Customer:
    """The customer row, or EditRejected when it was merged into another; RecordNotFound."""
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise RecordNotFound("customer", customer_id)
    if customer.merged_into_id is not None:
        raise EditRejected(
            [FieldError(field_name, "merged", {"into_id": str(customer.merged_into_id)})]
        )
    return customer


def _find_duplicates(
    session: Session, name: str, phones: Sequence[NormalisedPhone]
) -> list[DuplicateMatch]:
    found: dict[int, DuplicateMatch] = {}
    if phones:
        rows = session.execute(
            select(Customer.id, Customer.name, Customer.tier, ContactPhone.raw)
            .join(Contact, Contact.customer_id == Customer.id)
            .join(ContactPhone, ContactPhone.contact_id == Contact.id)
            .where(ContactPhone.e164.in_([p.e164 for p in phones]))
            .where(Customer.merged_into_id.is_(None))
            .order_by(Customer.id)
            .limit(20)
        )
        for row in rows:
            found.setdefault(row.id, DuplicateMatch(row.id, row.name, row.tier, "phone", row.raw))
    rows = session.execute(
        select(Customer.id, Customer.name, Customer.tier)
        .where(Customer.name == name)
        .where(Customer.merged_into_id.is_(None))
        .order_by(Customer.id)
        .limit(20)
    )
    for row in rows:
        found.setdefault(row.id, DuplicateMatch(row.id, row.name, row.tier, "name", row.name))
    return list(found.values())


# --- customers ---------------------------------------------------------------------------


def create_customer(db: Database, user: SignedInUser, new: NewCustomer) -> CreatedCustomer:
    """A customer with its first contact and site in one transaction.

    EditRejected with field errors (prefixed "contact." and "site." for those parts), or with
    the code "possible_duplicate" and the matches unless `confirmed_not_duplicate`.
    """
    require(user.role, EDIT_PERMISSION)
    with db.session() as session:
        errors = _validate_customer(session, new.customer)
        contact_errors, phones = _validate_contact(new.contact, "contact.")
        errors += contact_errors
        errors += _validate_site(session, new.site, "site.")
        if errors:
            raise EditRejected(errors)
        values = _clean_customer(new.customer)
        if not new.confirmed_not_duplicate:
            duplicates = _find_duplicates(session, values["name"], phones)
            if duplicates:
                raise EditRejected(
                    [FieldError("name", "possible_duplicate", {"count": str(len(duplicates))})],
                    duplicates,
                )
        full, initials = name_search_keys(values["name"])
        customer = Customer(**values, pinyin_full=full, pinyin_initials=initials, version=1)
        session.add(customer)
        session.flush()
        contact = _new_contact(session, customer.id, new.contact, phones)
        site = Site(customer_id=customer.id, **_site_values(new.site))
        session.add(site)
        session.flush()
        audit(
            session,
            user,
            "customer",
            customer.id,
            "created",
            {**values, "contact_id": contact.id, "site_id": site.id},
        )
        audit(
            session,
            user,
            "contact",
            contact.id,
            "created",
            {"customer_id": customer.id, "name": contact.name, "phones": [p.e164 for p in phones]},
        )
        audit(session, user, "site", site.id, "created", {"customer_id": customer.id})
        change = {"customer_id": customer.id}
        record_change(session, "customer", customer.id, "create", user.id, change)
        record_change(session, "contact", contact.id, "create", user.id, change)
        record_change(session, "site", site.id, "create", user.id, change)
        session.commit()
        return CreatedCustomer(customer.id, contact.id, site.id)


def update_customer(
    db: Database,
    user: SignedInUser,
    customer_id: int,
    expected_version: int,
    changes: CustomerChanges,
) -> SavedCustomer:
    """Save the customer form; EditConflict when another desk saved since `expected_version`."""
    require(user.role, EDIT_PERMISSION)
    with db.session() as session:
        customer = live_customer(session, customer_id, "name")
        errors = _validate_customer(session, changes)
        if errors:
            raise EditRejected(errors)
        if customer.version != expected_version:
            raise EditConflict(_customer_for_edit(session, customer))
        new = _clean_customer(changes)
        changed = diff(_customer_values(customer), new)
        if not changed:
            return SavedCustomer(customer.id, customer.version, ())
        extra: dict[str, Any] = {}
        if "name" in changed:
            extra["pinyin_full"], extra["pinyin_initials"] = name_search_keys(new["name"])
        result = session.execute(
            update(Customer)
            .where(Customer.id == customer_id, Customer.version == expected_version)
            .values(**new, **extra, version=expected_version + 1, updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            session.rollback()
            raise EditConflict(_customer_for_edit(session, _reload(session, customer_id)))
        audit(session, user, "customer", customer_id, "updated", changed)
        record_change(
            session,
            "customer",
            customer_id,
            "update",
            user.id,
            {"customer_id": customer_id, "fields": sorted(changed)},
        )
        session.commit()
        return SavedCustomer(customer_id, expected_version + 1, tuple(sorted(changed)))


def _reload(session: Session, customer_id: int) -> Customer:
    customer = session.get(Customer, customer_id, populate_existing=True)
    if customer is None:
        raise RecordNotFound("customer", customer_id)
    return customer


def phones_of(session: Session, contact_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each contact's phone numbers as entered, first entered first."""
    phones: dict[int, list[str]] = {cid: [] for cid in contact_ids}
    if contact_ids:
        rows = session.execute(
            select(ContactPhone.contact_id, ContactPhone.raw)
            .where(ContactPhone.contact_id.in_(contact_ids))
            .order_by(ContactPhone.id)
        )
        for contact_id, raw in rows:
            phones[contact_id].append(raw)
    return phones


def first_phone(session: Session, contact_id: int | None) -> str:
    """The contact's first phone number as entered ("" without a contact or a number)."""
    if contact_id is None:
        return ""
    return next(iter(phones_of(session, [contact_id])[contact_id]), "")


def _contact_for_edit(contact: Contact, phones: Sequence[str]) -> ContactForEdit:
    return ContactForEdit(
        contact.id,
        contact.customer_id,
        contact.name,
        contact.email,
        contact.wechat_id,
        tuple(phones),
    )


def _site_for_edit(site: Site) -> SiteForEdit:
    return SiteForEdit(
        site.id, site.customer_id, site.name, site.city, site.address, site.region_id
    )


def _customer_for_edit(session: Session, customer: Customer) -> CustomerForEdit:
    contacts = session.scalars(
        select(Contact).where(Contact.customer_id == customer.id).order_by(Contact.id)
    ).all()
    phones = phones_of(session, [c.id for c in contacts])
    sites = session.scalars(
        select(Site).where(Site.customer_id == customer.id).order_by(Site.id)
    ).all()
    return CustomerForEdit(
        id=customer.id,
        name=customer.name,
        kind=customer.kind,
        tier=customer.tier,
        region_id=customer.region_id,
        address=customer.address,
        notes=customer.notes,
        version=customer.version,
        merged_into_id=customer.merged_into_id,
        contacts=tuple(_contact_for_edit(c, phones[c.id]) for c in contacts),
        sites=tuple(_site_for_edit(s) for s in sites),
    )


def customer_for_edit(db: Database, customer_id: int) -> CustomerForEdit:
    """The customer's current values and version (RecordNotFound if there is none)."""
    with db.session() as session:
        customer = session.get(Customer, customer_id)
        if customer is None:
            raise RecordNotFound("customer", customer_id)
        return _customer_for_edit(session, customer)


# --- contacts ----------------------------------------------------------------------------


def contact_for_edit(db: Database, contact_id: int) -> ContactForEdit:
    with db.session() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise RecordNotFound("contact", contact_id)
        return _contact_for_edit(contact, phones_of(session, [contact_id])[contact_id])


def add_contact(
    db: Database, user: SignedInUser, customer_id: int, values: ContactInput
) -> SavedContact:
    require(user.role, EDIT_PERMISSION)
    with db.session() as session:
        live_customer(session, customer_id, "name")
        errors, phones = _validate_contact(values)
        if errors:
            raise EditRejected(errors)
        contact = _new_contact(session, customer_id, values, phones)
        audit(
            session,
            user,
            "contact",
            contact.id,
            "created",
            {
                "customer_id": customer_id,
                "name": contact.name,
                "email": contact.email,
                "wechat": contact.wechat_id,
                "phones": [p.e164 for p in phones],
            },
        )
        record_change(
            session, "contact", contact.id, "create", user.id, {"customer_id": customer_id}
        )
        session.commit()
        return SavedContact(contact.id, customer_id, ("name", "email", "wechat", "phones"))


def update_contact(
    db: Database,
    user: SignedInUser,
    contact_id: int,
    values: ContactInput,
    loaded: ContactForEdit | None = None,
) -> SavedContact:
    """Save a contact; `values.phones` replaces the whole phone list.

    `loaded` is the contact as the form showed it: if another desk saved it since, nothing
    is written and EditConflict carries what is stored now (contacts carry no version: the
    values themselves are compared, with the row locked on PostgreSQL).
    """
    require(user.role, EDIT_PERMISSION)
    with db.session() as session:
        contact = session.get(Contact, contact_id, with_for_update=True)
        if contact is None:
            raise RecordNotFound("contact", contact_id)
        if loaded is not None:
            current = _contact_for_edit(contact, phones_of(session, [contact_id])[contact_id])
            if current != loaded:
                raise EditConflict(current)
        live_customer(session, contact.customer_id, "name")
        errors, phones = _validate_contact(values)
        if errors:
            raise EditRejected(errors)
        old_phones = session.scalars(
            select(ContactPhone).where(ContactPhone.contact_id == contact_id)
        ).all()
        old: dict[str, Any] = {
            "name": contact.name,
            "email": contact.email,
            "wechat": contact.wechat_id,
            "phones": [p.e164 for p in sorted(old_phones, key=lambda p: p.id)],
        }
        new: dict[str, Any] = {
            "name": values.name.strip(),
            "email": values.email.strip(),
            "wechat": values.wechat.strip(),
            "phones": [p.e164 for p in phones],
        }
        changed = diff(old, new)
        raw_changed = [p.raw for p in sorted(old_phones, key=lambda p: p.id)] != [
            p.raw for p in phones
        ]
        if not changed and not raw_changed:
            return SavedContact(contact_id, contact.customer_id, ())
        contact.name = new["name"]
        contact.email = new["email"]
        contact.wechat_id = new["wechat"]
        contact.pinyin_full, contact.pinyin_initials = name_search_keys(contact.name)
        if "phones" in changed or raw_changed:
            for phone in old_phones:
                session.delete(phone)
            session.flush()
            _write_phones(session, contact_id, phones)
            if "phones" not in changed:
                changed["phones"] = [[p.raw for p in old_phones], [p.raw for p in phones]]
        audit(
            session,
            user,
            "contact",
            contact_id,
            "updated",
            {**changed, "customer_id": contact.customer_id},
        )
        record_change(
            session,
            "contact",
            contact_id,
            "update",
            user.id,
            {"customer_id": contact.customer_id},
        )
        session.commit()
        return SavedContact(contact_id, contact.customer_id, tuple(sorted(changed)))


# --- sites -------------------------------------------------------------------------------


def site_for_edit(db: Database, site_id: int) -> SiteForEdit:
    with db.session() as session:
        site = session.get(Site, site_id)
        if site is None:
            raise RecordNotFound("site", site_id)
        return _site_for_edit(site)


def sites_of(db: Database, customer_id: int) -> tuple[SiteForEdit, ...]:
    """A customer's sites, oldest first (the first is where new devices go by default)."""
    with db.session() as session:
        rows = session.scalars(
            select(Site).where(Site.customer_id == customer_id).order_by(Site.id)
        ).all()
        return tuple(_site_for_edit(s) for s in rows)


def add_site(db: Database, user: SignedInUser, customer_id: int, values: SiteInput) -> SavedSite:
    require(user.role, EDIT_PERMISSION)
    with db.session() as session:
        live_customer(session, customer_id, "name")
        errors = _validate_site(session, values)
        if errors:
            raise EditRejected(errors)
        new = _site_values(values)
        site = Site(customer_id=customer_id, **new)
        session.add(site)
        session.flush()
        audit(session, user, "site", site.id, "created", {**new, "customer_id": customer_id})
        record_change(session, "site", site.id, "create", user.id, {"customer_id": customer_id})
        session.commit()
        return SavedSite(site.id, customer_id, tuple(sorted(new)))


def update_site(
    db: Database,
    user: SignedInUser,
    site_id: int,
    values: SiteInput,
    loaded: SiteForEdit | None = None,
) -> SavedSite:
    """Save a site; EditConflict if it changed since `loaded` (compared as for contacts)."""
    require(user.role, EDIT_PERMISSION)
    with db.session() as session:
        site = session.get(Site, site_id, with_for_update=True)
        if site is None:
            raise RecordNotFound("site", site_id)
        if loaded is not None and _site_for_edit(site) != loaded:
            raise EditConflict(_site_for_edit(site))
        live_customer(session, site.customer_id, "name")
        errors = _validate_site(session, values)
        if errors:
            raise EditRejected(errors)
        old = {
            "name": site.name,
            "city": site.city,
            "address": site.address,
            "region_id": site.region_id,
        }
        changed = diff(old, _site_values(values))
        if not changed:
            return SavedSite(site_id, site.customer_id, ())
        for key, (_, value) in changed.items():
            setattr(site, key, value)
        audit(
            session, user, "site", site_id, "updated", {**changed, "customer_id": site.customer_id}
        )
        record_change(
            session, "site", site_id, "update", user.id, {"customer_id": site.customer_id}
        )
        session.commit()
        return SavedSite(site_id, site.customer_id, tuple(sorted(changed)))


# --- finding a customer (pickers) -------------------------------------------------------


def _prefix(column: Any, text: str) -> Any:
    # A range, not LIKE: SQLite's LIKE ? || '%' ignores a plain index (DESIGN.md).
    return (column >= text) & (column < text + "\uffff")


def find_customers(db: Database, text: str, limit: int = 20) -> tuple[CustomerChoice, ...]:
    """Live customers whose phone (whole or prefix), name or pinyin starts with `text`."""
    text = text.strip()
    if not text:
        return ()
    with db.session() as session:
        base = select(Customer.id, Customer.name, Customer.tier, Customer.address).where(
            Customer.merged_into_id.is_(None)
        )
        digits = digits_of(text)
        if len(digits) >= 3 and _PHONE_LIKE.match(text):
            phone = parse_phone(text)
            where = (
                ContactPhone.e164 == phone.e164
                if phone is not None
                else _prefix(ContactPhone.national, digits)
            )
            ids = (
                select(Contact.customer_id)
                .join(ContactPhone, ContactPhone.contact_id == Contact.id)
                .where(where)
                .limit(limit * 4)
            )
            query = base.where(Customer.id.in_(ids))
        else:
            lowered = text.lower()
            query = base.where(
                or_(
                    _prefix(Customer.name, text),
                    _prefix(Customer.pinyin_full, lowered),
                    _prefix(Customer.pinyin_initials, lowered),
                )
            )
        rows = session.execute(query.order_by(func.length(Customer.name), Customer.id).limit(limit))
        return tuple(CustomerChoice(r.id, r.name, r.tier, r.address) for r in rows)
