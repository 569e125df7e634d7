"""What a scheduled (headless) report run needs: who it runs as, and the filter from codes.

A scheduled run has nobody at a window. It names a user (`--user`) who signs in as at a
desk (the password asked, or from WORKSTATION_PASSWORD: workstation.terminal_sign_in) and
must be allowed to export reports (a supervisor or an administrator). The run is then that
user's, and the workbook says so ("By").
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select

from workstation.models import Contact, ContactPhone, Customer, Queue, Region
from workstation.models.customers import Tier
from workstation.permissions import Permission, allowed
from workstation.phones import parse_phone
from workstation.services.auth import SignedInUser, SignInFailed
from workstation.services.kpi_filters import KpiFilter
from workstation.terminal_sign_in import terminal_sign_in

if TYPE_CHECKING:
    from workstation.db import Database


class BadReportInput(ValueError):
    """A plain message for the person (or the scheduler log) that started the run."""


def run_as(db: Database, username: str) -> SignedInUser:
    """`username` signed in (workstation.terminal_sign_in), if they may export reports."""
    try:
        user = terminal_sign_in(db, username)
    except SignInFailed:
        raise BadReportInput("sign-in failed: wrong user name or password") from None
    if not allowed(user.role, Permission.EXPORT_REPORTS):
        raise BadReportInput(
            f"user {username!r} ({user.role}) may not export reports: "
            "name a supervisor or an administrator"
        )
    return user


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadReportInput(f"{option} must be a date like 2026-11-30, not {text!r}") from None


def filter_from_codes(
    db: Database,
    regions: list[str],
    queues: list[str],
    product_kinds: list[str],
    tiers: list[str],
) -> KpiFilter:
    """A KpiFilter from the codes people type; an unknown code is an error, not ignored."""
    known_tiers = {tier.value for tier in Tier}
    for tier in tiers:
        if tier not in known_tiers:
            raise BadReportInput(f"no tier {tier!r} (known: {', '.join(sorted(known_tiers))})")
    with db.session() as session:
        region_ids = _ids(session, Region, regions, "region")
        queue_ids = _ids(session, Queue, queues, "queue")
    return KpiFilter(tuple(region_ids), tuple(queue_ids), tuple(product_kinds), tuple(tiers))


def _ids(
    session: object, model: type[Region] | type[Queue], codes: list[str], what: str
) -> list[int]:
    found: list[int] = []
    for code in codes:
        ident = session.scalar(select(model.id).where(model.code == code.upper()))  # type: ignore[attr-defined]
        if ident is None:
            raise BadReportInput(f"no {what} with code {code!r}")
        found.append(int(ident))
    return found


def find_customer(db: Database, text: str) -> int:
    """A customer by id, or by a contact's phone number (it must name one customer)."""
    with db.session() as session:
        # A phone number is digits too, but past what an id column holds.
        if text.isdigit() and int(text) < 2**31:
            found = session.scalar(select(Customer.id).where(Customer.id == int(text)))
            if found is not None:
                return int(found)
        phone = parse_phone(text)
        if phone is not None:
            owners = set(
                session.scalars(
                    select(Contact.customer_id)
                    .join(ContactPhone, ContactPhone.contact_id == Contact.id)
                    .where(ContactPhone.e164 == phone.e164)
                )
            )
            if len(owners) == 1:
                return int(owners.pop())
            if len(owners) > 1:
                raise BadReportInput(
                    f"phone {text!r} belongs to {len(owners)} customers: give the customer's id"
                )
    raise BadReportInput(f"no customer with id or phone {text!r}")
