"""Screen pop: who is calling from this number? (Telephony hands us the caller's number.)"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from workstation.db import Database
from workstation.models import Contact, ContactPhone, Customer
from workstation.phones import parse_phone


@dataclass(frozen=True)
class CallerMatch:
    """A contact whose phone is the calling number, and their customer."""

    customer_id: int
    customer_name: str
    contact_id: int
    contact_name: str
    tier: str


@dataclass(frozen=True)
class IncomingCall:
    """What the desk pops up: the number as normalised (or as given) and who may be calling."""

    phone: str
    e164: str
    callers: tuple[CallerMatch, ...]


def identify_caller(db: Database, phone: str, limit: int = 10) -> IncomingCall:
    """Contacts with this exact number (E.164), merged customers left out; none when unknown."""
    parsed = parse_phone(phone)
    if parsed is None:
        return IncomingCall(phone.strip(), "", ())
    with db.session() as session:
        rows = session.execute(
            select(
                Customer.id,
                Customer.name,
                Contact.id,
                Contact.name,
                Customer.tier,
            )
            .select_from(ContactPhone)
            .join(Contact, Contact.id == ContactPhone.contact_id)
            .join(Customer, Customer.id == Contact.customer_id)
            .where(ContactPhone.e164 == parsed.e164, Customer.merged_into_id.is_(None))
            .order_by(Customer.id, Contact.id)
            .limit(limit)
        ).all()
    callers = tuple(CallerMatch(*row) for row in rows)
    return IncomingCall(parsed.raw, parsed.e164, callers)
