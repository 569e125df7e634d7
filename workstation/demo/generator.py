"""The demo data load: stages in foreign-key order on one bulk connection, with progress."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from workstation.db import Database
from workstation.demo.clock import CHINA_OFFSET, DAY, BusinessClock, TimeText, epoch_seconds
from workstation.demo.customers import CustomerFactory, PhoneBook, generate_customers
from workstation.demo.field_service import FieldFactory, generate_field_service
from workstation.demo.refs import read_reference
from workstation.demo.tickets import TicketFactory, generate_tickets
from workstation.demo.users import USER_COLUMNS, make_staff
from workstation.demo.writer import open_writer
from workstation.models import Call, Customer, TicketCounter, User, utcnow
from workstation.services.plan_generator import generate_due_visits
from workstation.services.reference import load_reference_data

Progress = Callable[[str, int, int], None]

TICKETS_PER_CUSTOMER = 5
# Tables the load fills; on PostgreSQL their indexes and foreign keys are built after it.
BULK_TABLES = (
    "customers", "contacts", "contact_phones", "sites", "equipment", "service_contracts",
    "contract_equipment", "tickets", "ticket_events", "calls",
)  # fmt: skip
# The field service's tables are small (a few thousand rows): loaded with their indexes.
FIELD_TABLES = (
    "engineer_absences", "parts", "stock_locations", "maintenance_plans", "visits",
    "visit_parts",
)  # fmt: skip
ID_TABLES = ("users", *(t for t in BULK_TABLES if t != "contract_equipment"), *FIELD_TABLES)


class DemoDataExists(ValueError):
    """The database already has customers; demo data goes into an empty one only."""


@dataclass(frozen=True)
class DemoSummary:
    """What a load created, and how long it took."""

    customers: int
    contacts: int
    equipment: int
    tickets: int
    calls: int
    events: int
    users: int
    seconds: float
    visits: int = 0  # the demo's and those the plan generator made after it
    maintenance_plans: int = 0
    parts: int = 0


def demo_data_present(db: Database) -> bool:
    """Whether the database has any customer (the first start loads demo data only if not)."""
    with db.session() as session:
        return session.scalar(select(Customer.id).limit(1)) is not None


def _stage_seed(seed: int, stage: str) -> random.Random:
    # A generator per stage: a change in one stage does not reshuffle the others.
    return random.Random(f"workstation-demo:{seed}:{stage}")


@dataclass(frozen=True)
class _Existing:
    next_user_id: int
    usernames: set[str]
    next_call_id: int
    counters: dict[int, int]


def _existing(db: Database) -> _Existing:
    with db.session() as session:
        return _Existing(
            next_user_id=int(session.scalar(select(func.coalesce(func.max(User.id), 0))) or 0) + 1,
            usernames=set(session.scalars(select(User.username))),
            next_call_id=int(session.scalar(select(func.coalesce(func.max(Call.id), 0))) or 0) + 1,
            counters={c.year: c.last_number for c in session.scalars(select(TicketCounter))},
        )


def generate_demo_data(
    db: Database,
    customers: int,
    *,
    seed: int = 1,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> DemoSummary:
    """Fill an empty database with `customers` customers and two years of service history.

    Deterministic for a seed and `now`. Raises DemoDataExists if there are customers.
    """
    if customers < 1:
        raise ValueError("customers must be at least 1")
    started = time.perf_counter()
    report: Progress = progress or (lambda _stage, _done, _total: None)
    if demo_data_present(db):
        raise DemoDataExists("the database already has customers")
    report("reference data", 0, 1)
    load_reference_data(db)
    ref = read_reference(db)
    existing = _existing(db)
    report("reference data", 1, 1)

    moment = now or utcnow()
    now_s = epoch_seconds(moment)
    today = (now_s + CHINA_OFFSET) // DAY
    text = TimeText(today - 7 * 365 - 200, today + 6 * 365 + 400)
    office_ref = ref.office_calendar
    office = BusinessClock(
        office_ref.periods, office_ref.holidays, office_ref.workdays, today - 800, today + 800
    )

    writer = open_writer(db, BULK_TABLES)
    try:
        report("users", 0, 1)
        staff = make_staff(
            _stage_seed(seed, "users"),
            ref,
            customers,
            existing.next_user_id,
            set(existing.usernames),
            text.stamp(now_s - 3 * 365 * DAY),
        )
        writer.insert("users", USER_COLUMNS, staff.rows)
        writer.checkpoint()
        report("users", 1, 1)

        phones = PhoneBook(_stage_seed(seed, "phones"))
        factory = CustomerFactory(_stage_seed(seed, "customers"), ref, text, today, phones)
        population = generate_customers(factory, writer, customers, report)

        tickets = TicketFactory(
            _stage_seed(seed, "tickets"),
            ref,
            factory,
            staff,
            text,
            office,
            now_s,
            existing.next_call_id,
            existing.counters,
        )
        totals = generate_tickets(tickets, writer, customers * TICKETS_PER_CUSTOMER, report)
        # New tickets continue each year's sequence after the loaded ones.
        years = sorted(totals.counters)
        if years:
            writer.execute(
                "DELETE FROM ticket_counters WHERE year IN ({})".format(",".join(map(str, years)))
            )
            writer.insert(
                "ticket_counters",
                ("year", "last_number"),
                [(year, totals.counters[year]) for year in years],
            )
        report("field service", 0, 1)
        field = FieldFactory(_stage_seed(seed, "field"), ref, factory, staff, text, now_s, writer)
        field_totals = generate_field_service(field, tickets.field_jobs, customers)
        report("field service", 1, 1)
        report("indexes and statistics", 0, 1)
        writer.finish(ID_TABLES)
        report("indexes and statistics", 1, 1)
    except BaseException:
        writer.abort()
        raise
    finally:
        writer.close()
    # What plans and deliveries make due and nobody booked: the desks' own job, done once now
    # so the schedule's "to schedule" list is there from the first start.
    generated = generate_due_visits(db, moment)
    return DemoSummary(
        customers=population.customers,
        contacts=population.contacts,
        equipment=population.equipment + field_totals.new_equipment,
        tickets=totals.tickets,
        calls=tickets.next_call - existing.next_call_id,
        events=totals.events,
        users=len(staff.rows),
        seconds=time.perf_counter() - started,
        visits=field_totals.visits + generated.created,
        maintenance_plans=field_totals.plans,
        parts=field_totals.parts,
    )
