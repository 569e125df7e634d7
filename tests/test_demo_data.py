"""The demo data generator and the reference data it builds on, on both back ends."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from pypinyin import lazy_pinyin
from sqlalchemy import Table, func, select, text, update

from workstation.db import Database, sqlite_url
from workstation.demo import (
    DEMO_SIGN_INS,
    STAFF_PASSWORD,
    DemoDataExists,
    DemoSummary,
    demo_data_present,
    generate_demo_data,
)
from workstation.demo.clock import BusinessClock, TimeText, epoch_day, epoch_seconds
from workstation.demo.customers import PhoneBook, landline
from workstation.demo.geography import CITIES, INTERNATIONAL_CITIES
from workstation.demo.pinyin import pinyin_parts
from workstation.models import (
    Base,
    BusinessCalendar,
    CalendarDay,
    CalendarPeriod,
    Call,
    Contact,
    ContactPhone,
    Customer,
    EngineerAbsence,
    EngineerProfile,
    Equipment,
    MaintenancePlan,
    Part,
    PriorityRule,
    ProductModel,
    Region,
    ServiceContract,
    SlaPlan,
    SlaTarget,
    StockLevel,
    StockLocation,
    SymptomCategory,
    Ticket,
    TicketCounter,
    TicketEvent,
    User,
    Visit,
    VisitPart,
    part_models,
)
from workstation.passwords import hash_password
from workstation.schema import upgrade
from workstation.services.auth import SignInFailed, sign_in
from workstation.services.plan_generator import generate_due_visits
from workstation.services.reference import load_reference_data
from workstation.services.working_minutes import used_working_minutes

SMALL = 300
NOW = datetime(2026, 11, 20, 6, 30, tzinfo=UTC)


def load(db: Database, customers: int = SMALL, seed: int = 7) -> DemoSummary:
    return generate_demo_data(db, customers, seed=seed, now=NOW)


def count(db: Database, model: Any) -> int:
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def is_cjk(name: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in name)


# -- shape --------------------------------------------------------------------------


def test_counts_come_in_the_expected_ratios(db: Database) -> None:
    stages: list[tuple[str, int, int]] = []
    summary = generate_demo_data(
        db, SMALL, seed=3, now=NOW, progress=lambda *args: stages.append(args)
    )

    assert summary.customers == count(db, Customer) == SMALL
    assert summary.contacts == count(db, Contact)
    assert summary.equipment == count(db, Equipment)
    assert summary.tickets == count(db, Ticket) == 5 * SMALL
    assert summary.events == count(db, TicketEvent)
    assert summary.calls == count(db, Call)
    assert summary.users == count(db, User)
    assert summary.seconds > 0
    assert 1.1 <= summary.contacts / SMALL <= 1.8
    assert 1.6 <= summary.equipment / SMALL <= 2.6
    assert 2.5 <= summary.events / summary.tickets <= 4.5
    assert summary.tickets < summary.calls <= 1.6 * summary.tickets
    # Agents: at least six besides the demo sign-ins; engineers in every region.
    with db.session() as session:
        roles = Counter(session.scalars(select(User.role)))
        assert roles["agent"] >= 6 + 2
        regions = session.scalar(select(func.count()).select_from(Region))
        engineer_regions = session.scalar(
            select(func.count(func.distinct(User.region_id))).where(User.role == "engineer")
        )
        assert engineer_regions == regions
        tiers = Counter(session.scalars(select(Customer.tier)))
        assert 0 < tiers["vip"] <= 0.08 * SMALL
        assert 0.07 * SMALL <= tiers["key"] <= 0.25 * SMALL
        international = session.scalar(
            select(func.count()).where(
                Customer.region_id
                == select(Region.id).where(Region.code == "INTL").scalar_subquery()
            )
        )
        assert 0.05 * SMALL <= (international or 0) <= 0.25 * SMALL
        channels = Counter(session.scalars(select(Ticket.channel)))
        assert 0.5 <= channels["phone"] / summary.tickets <= 0.7
        contracts = session.scalar(
            text("SELECT count(DISTINCT customer_id) FROM service_contracts")
        )
        assert 0.2 * SMALL <= contracts <= 0.45 * SMALL
        covered = session.scalar(text("SELECT count(*) FROM contract_equipment"))
        assert covered >= contracts
        # Every error code on a demo ticket is a code the fault form offers for its kind.
        unknown = session.scalar(
            text(
                "SELECT count(*) FROM tickets t JOIN product_models m ON m.id = t.product_model_id"
                " WHERE t.error_code <> '' AND NOT EXISTS (SELECT 1 FROM error_codes e"
                " WHERE e.product_category = m.category AND e.code = t.error_code AND e.active)"
            )
        )
        with_code = session.scalar(text("SELECT count(*) FROM tickets WHERE error_code <> ''"))
        assert unknown == 0 and with_code > 0

    names = [stage for stage, _done, _total in stages]
    assert {"customers", "tickets"} <= set(names)
    assert ("customers", SMALL, SMALL) in stages
    assert ("tickets", 5 * SMALL, 5 * SMALL) in stages


def test_history_is_shaped_like_a_real_desk(db: Database) -> None:
    load(db)
    with db.session() as session:
        tickets = session.scalars(select(Ticket).order_by(Ticket.id)).all()
        models = {m.id: m for m in session.scalars(select(ProductModel))}
        equipment = {e.id: e for e in session.scalars(select(Equipment))}
    reported = [t.reported_at for t in tickets]
    assert reported == sorted(reported), "ids follow the time tickets were reported"
    assert NOW - timedelta(days=731) <= reported[0] and reported[-1] <= NOW

    local_hours = Counter((t.reported_at + timedelta(hours=8)).hour for t in tickets)
    peak = sum(local_hours[h] for h in (9, 10, 14, 15))
    night = sum(local_hours[h] for h in (0, 1, 2, 3))
    assert peak > 10 * max(1, night)
    weekdays = Counter((t.reported_at + timedelta(hours=8)).weekday() for t in tickets)
    assert weekdays[1] > 2 * weekdays[6]

    old = [t for t in tickets if t.reported_at < NOW - timedelta(days=120)]
    assert {t.status for t in old} <= {"closed", "resolved"}
    assert all(t.resolved_at and t.resolution_type and t.solution for t in old)
    recent = [t for t in tickets if t.reported_at > NOW - timedelta(days=3)]
    assert {t.status for t in recent} & {"new", "assigned", "in_progress", "waiting_parts"}
    assert any(t.resolved_on_first_call for t in tickets)
    assert any(t.repeat_of_id for t in tickets)
    assert any(t.error_code for t in tickets)
    for t in tickets:
        assert t.response_due_at is not None and t.resolution_due_at is not None
        assert t.reported_at < t.response_due_at <= t.resolution_due_at
        if t.resolved_at:
            assert t.first_response_at is not None
            assert t.reported_at <= t.first_response_at <= t.resolved_at <= NOW
        if t.equipment_id:
            device = equipment[t.equipment_id]
            assert device.customer_id == t.customer_id
            assert device.install_date is not None
            assert device.install_date < (t.reported_at + timedelta(hours=8)).date()
            assert models[device.product_model_id].warranty_months > 0


def test_some_tickets_breach_their_sla(db: Database) -> None:
    load(db)
    with db.session() as session:
        resolved = session.execute(
            select(Ticket.resolved_at, Ticket.resolution_due_at).where(
                Ticket.resolved_at.is_not(None)
            )
        ).all()
        responded = session.execute(
            select(Ticket.first_response_at, Ticket.response_due_at).where(
                Ticket.first_response_at.is_not(None)
            )
        ).all()
    late = sum(r.resolved_at > r.resolution_due_at for r in resolved) / len(resolved)
    slow = sum(r.first_response_at > r.response_due_at for r in responded) / len(responded)
    assert 0.03 <= late <= 0.15
    assert 0.03 <= slow <= 0.15


def test_demo_tickets_carry_the_working_minutes_the_services_would_store(db: Database) -> None:
    load(db)
    with db.session() as session:
        rows = session.execute(
            select(
                Ticket.sla_plan_id,
                Ticket.reported_at,
                Ticket.first_response_at,
                Ticket.resolved_at,
                Ticket.response_working_minutes,
                Ticket.resolution_working_minutes,
            ).where(Ticket.first_response_at.is_not(None))
        ).all()
        assert len(rows) > 100
        for plan, reported, responded, resolved, response, resolution in rows:
            # The demo's clock counts whole minutes: at most one apart from the services'.
            expected = used_working_minutes(session, plan, reported, responded)
            assert expected is not None and response is not None
            assert abs(response - expected) <= 1
            if resolved is None:
                assert resolution is None
                continue
            expected = used_working_minutes(session, plan, reported, resolved)
            assert expected is not None and resolution is not None
            assert abs(resolution - expected) <= 1


# -- determinism ----------------------------------------------------------------------

COMPARED_TABLES = (
    "customers", "contacts", "contact_phones", "sites", "equipment", "service_contracts",
    "contract_equipment", "tickets", "ticket_events", "calls", "ticket_counters",
    "engineer_profiles", "engineer_absences", "parts", "part_models", "stock_locations",
    "stock_levels", "maintenance_plans", "visits", "visit_parts",
)  # fmt: skip


def rows_of(db: Database, name: str) -> list[tuple[Any, ...]]:
    table: Table = Base.metadata.tables[name]
    with db.engine.connect() as conn:
        order = list(table.primary_key.columns)
        return [tuple(row) for row in conn.execute(select(table).order_by(*order))]


def test_same_seed_gives_the_same_rows_on_either_back_end(db: Database, tmp_path: Path) -> None:
    load(db)
    # The second database is always an SQLite file: equal rows also show that
    # the PostgreSQL and the SQLite paths write the same values.
    other = Database.connect(sqlite_url(tmp_path / "second.db"))
    try:
        upgrade(other.engine)
        load(other)
        for name in COMPARED_TABLES:
            assert rows_of(db, name) == rows_of(other, name), name
        users = Base.metadata.tables["users"]
        columns = [c for c in users.columns if c.name != "password_hash"]
        with db.engine.connect() as a, other.engine.connect() as b:
            query = select(*columns).order_by(users.c.id)
            assert a.execute(query).all() == b.execute(query).all()
    finally:
        other.dispose()


def test_another_seed_gives_other_data(db: Database, tmp_path: Path) -> None:
    load(db, 50, seed=1)
    other = Database.connect(sqlite_url(tmp_path / "second.db"))
    try:
        upgrade(other.engine)
        load(other, 50, seed=2)
        assert rows_of(db, "customers") != rows_of(other, "customers")
    finally:
        other.dispose()


# -- field service ----------------------------------------------------------------------


def test_engineers_have_profiles_and_visits_fit_their_days(db: Database) -> None:
    load(db)
    today = (NOW + timedelta(hours=8)).date()
    with db.session() as session:
        engineers = set(session.scalars(select(User.id).where(User.role == "engineer")))
        profiles = {p.user_id: p for p in session.scalars(select(EngineerProfile))}
        absences = session.scalars(select(EngineerAbsence)).all()
        visits = session.scalars(select(Visit).order_by(Visit.engineer_id, Visit.starts_at)).all()
        holidays = set(
            session.scalars(
                select(CalendarDay.day)
                .join(BusinessCalendar, BusinessCalendar.id == CalendarDay.calendar_id)
                .where(BusinessCalendar.name == "China standard", CalendarDay.kind == "holiday")
            )
        )
        regions = {u: r for u, r in session.execute(select(User.id, User.region_id))}
        tickets = {t.id: t for t in session.scalars(select(Ticket).where(Ticket.id.in_(
            [v.ticket_id for v in visits if v.ticket_id]
        )))}  # fmt: skip
        customer_regions = {
            c: r for c, r in session.execute(select(Customer.id, Customer.region_id))
        }
    assert set(profiles) == engineers
    assert all(p.base_city and p.base_latitude and p.base_longitude for p in profiles.values())
    assert absences and all(a.ends_at > a.starts_at for a in absences)
    held = [v for v in visits if v.status in ("booked", "completed")]
    kinds = Counter((v.kind, v.status) for v in visits)
    assert kinds["repair", "completed"] > 10 and kinds["repair", "booked"] > 0
    assert kinds["installation", "completed"] > 0
    assert sum(n for (kind, status), n in kinds.items() if status == "booked") >= 8
    assert sum(n for (kind, status), n in kinds.items() if status == "unscheduled") > 0
    previous: dict[int, datetime] = {}
    for visit in held:
        assert visit.engineer_id is not None and visit.starts_at and visit.ends_at
        profile = profiles[visit.engineer_id]
        local_start = visit.starts_at + timedelta(hours=8)
        local_end = visit.ends_at + timedelta(hours=8)
        assert local_start.date() == local_end.date()
        minute = local_start.hour * 60 + local_start.minute
        assert profile.work_start_minute <= minute
        assert local_end.hour * 60 + local_end.minute <= profile.work_end_minute
        assert local_start.date() not in holidays
        # Never two at once: visits of one engineer, in time order, do not overlap.
        if visit.engineer_id in previous:
            assert previous[visit.engineer_id] <= visit.starts_at, visit.id
        previous[visit.engineer_id] = visit.ends_at
        for absence in absences:
            if absence.engineer_id == visit.engineer_id and absence.cancelled_at is None:
                overlaps = absence.starts_at < visit.ends_at and visit.starts_at < absence.ends_at
                assert not overlaps, (visit.id, absence.id)
        if visit.status == "booked":
            assert NOW < visit.starts_at < NOW + timedelta(days=15)
        else:
            assert visit.ends_at < NOW and visit.completed_at and visit.work_done
            assert visit.labour_minutes and visit.total_cost and visit.confirmed_by
        if visit.ticket_id is not None:
            ticket = tickets[visit.ticket_id]
            assert regions[visit.engineer_id] == customer_regions[ticket.customer_id]
            assert ticket.equipment_id == visit.equipment_id
            assert ticket.first_response_at is not None
            assert ticket.first_response_at <= visit.starts_at
            if visit.status == "completed":
                assert ticket.status in ("resolved", "closed")
                assert ticket.resolved_at is not None and visit.ends_at <= ticket.resolved_at
            else:
                assert ticket.status in ("assigned", "in_progress", "waiting_customer",
                                         "waiting_parts")  # fmt: skip
    for visit in visits:
        if visit.status == "unscheduled":
            assert visit.engineer_id is None and visit.starts_at is None and visit.due_on
            assert visit.due_on <= today + timedelta(days=45)


def test_plans_and_deliveries_and_the_generator_after_the_load(db: Database) -> None:
    load(db)
    with db.session() as session:
        plans = session.scalars(select(MaintenancePlan)).all()
        delivered = session.scalars(
            select(ServiceContract).where(ServiceContract.delivery_date.is_not(None))
        ).all()
        installations = session.scalars(select(Visit).where(Visit.kind == "installation")).all()
    assert {p.equipment_id is None for p in plans} == {True, False}
    assert {p.visit_kind for p in plans} == {"preventive_maintenance", "inspection"}
    assert all(p.checklist and p.active for p in plans)
    assert delivered
    by_contract = {(v.contract_id, v.equipment_id) for v in installations}
    assert len(by_contract) == len(installations)  # one installation per contract and device
    assert {v.contract_id for v in installations} <= {c.id for c in delivered}
    again = generate_due_visits(db, NOW)
    assert again.created == 0 and again.skipped > 0


def test_stock_is_never_negative_and_reservations_add_up(db: Database) -> None:
    load(db)
    with db.session() as session:
        levels = session.scalars(select(StockLevel)).all()
        locations = session.scalars(select(StockLocation)).all()
        parts = session.scalars(select(Part)).all()
        used = session.scalars(select(VisitPart)).all()
        engineers = session.scalar(select(func.count()).where(User.role == "engineer"))
        regions = session.scalar(select(func.count()).select_from(Region))
        fitted = session.execute(select(part_models)).all()
    assert levels and all(0 <= level.reserved <= level.on_hand for level in levels)
    reserved: Counter[tuple[int, int]] = Counter()
    for part in used:
        if part.status == "reserved":
            reserved[(part.location_id, part.part_id)] += part.quantity
    assert reserved and {
        (level.location_id, level.part_id): level.reserved for level in levels if level.reserved
    } == dict(reserved)
    kinds = Counter(location.kind for location in locations)
    assert kinds == {"warehouse": 1, "regional": regions, "van": engineers}
    assert all(part.name_en and part.name_zh and part.unit_price > 0 for part in parts)
    assert {part.serialised for part in parts} == {True, False}
    categories = {row.product_model_id for row in fitted}
    assert len(categories) == count(db, ProductModel)  # every model has parts
    serialised = {part.id for part in parts if part.serialised}
    for part in used:
        if part.status == "consumed" and part.part_id in serialised:
            assert part.removed_serial and part.fitted_serial


# -- phones and pinyin -----------------------------------------------------------------


def check_phone(raw: str, e164: str, national: str, reversed_digits: str) -> None:
    number = phonenumbers.parse(e164)
    assert phonenumbers.is_valid_number(number), e164
    assert phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164) == e164
    region = phonenumbers.region_code_for_number(number)
    assert phonenumbers.parse(raw, region) == number, (raw, e164)
    assert national.isdigit() and reversed_digits == national[::-1]
    nsn = phonenumbers.national_significant_number(number)
    assert national in (nsn, "0" + nsn), (national, nsn)
    if region == "CN":
        # Dialled in China: mobiles as they are, fixed lines with the trunk 0.
        is_mobile = phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
        assert national == (nsn if is_mobile else "0" + nsn)


def test_every_stored_phone_is_valid_and_consistent(db: Database) -> None:
    load(db)
    with db.session() as session:
        phones = session.scalars(select(ContactPhone)).all()
        calls = session.execute(select(Call.phone, Call.phone_e164)).all()
        e164_of_contacts = set(session.scalars(select(ContactPhone.e164)))
    assert len(phones) >= SMALL
    kinds = Counter(p.kind for p in phones)
    assert kinds["mobile"] >= SMALL and kinds["office"] > 0
    for phone in phones:
        check_phone(phone.raw, phone.e164, phone.national, phone.reversed_digits)
    cn_mobiles = [p for p in phones if p.kind == "mobile" and p.e164.startswith("+86")]
    assert len({p.e164 for p in cn_mobiles}) == len(cn_mobiles), "mobiles are distinct"
    assert any(re.fullmatch(r"1\d\d \d{4} \d{4}", p.raw) for p in phones)
    assert any(re.fullmatch(r"0\d{2,3}-\d{3,4} \d{4}", p.raw) for p in phones)
    dialled = [c for c in calls if c.phone_e164]
    assert dialled and all(
        phonenumbers.is_valid_number(phonenumbers.parse(c.phone_e164)) for c in dialled
    )
    known = sum(c.phone_e164 in e164_of_contacts for c in dialled)
    assert 0.8 * len(dialled) <= known < len(dialled), "most callers are known, a few are not"


def test_number_blocks_of_every_city_are_valid() -> None:
    rng = random.Random(5)
    book = PhoneBook(rng)
    for city in CITIES + INTERNATIONAL_CITIES:
        for i in range(150):
            check_phone(*book.mobile(city, rng.randrange(10**7), i % 4))
            check_phone(*landline(city, rng, i % 4))


def test_pinyin_search_keys() -> None:
    assert pinyin_parts("张三") == ("zhangsan", "zs")
    assert pinyin_parts("重庆") == ("chongqing", "cq")
    assert pinyin_parts("上海华信电子有限公司") == (
        "shanghaihuaxindianziyouxiangongsi",
        "shhxdzyxgs",
    )


def test_stored_pinyin_matches_the_names(db: Database) -> None:
    load(db)
    with db.session() as session:
        people = session.execute(
            select(Contact.name, Contact.pinyin_full, Contact.pinyin_initials)
        ).all()
        customers = session.execute(
            select(Customer.name, Customer.pinyin_full, Customer.pinyin_initials)
        ).all()
    chinese = [p for p in people if is_cjk(p.name)]
    latin = [p for p in people if p.name.isascii()]
    assert chinese and latin
    for name, full, initials in chinese:
        syllables = lazy_pinyin(name[1:])  # the given name; surnames use their surname reading
        assert full.endswith("".join(syllables)) and full.isascii() and full.islower()
        assert initials.endswith("".join(s[0] for s in syllables))
        assert len(initials) == len(name) and full.startswith(initials[0])
    for name, full, initials in latin:
        assert full == initials == name.lower()
    companies = [c for c in customers if is_cjk(c.name) and c.name.endswith("公司")]
    assert companies
    for name, full, initials in companies:
        syllables = lazy_pinyin(name)
        assert full == "".join(syllables)
        assert initials == "".join(s[0] for s in syllables)


# -- integrity ------------------------------------------------------------------------


def test_all_foreign_keys_point_at_rows(db: Database) -> None:
    load(db)
    checked = 0
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                child = fk.parent
                parent_table = fk.column.table.alias("parent")
                parent = parent_table.c[fk.column.name]
                orphans = conn.execute(
                    select(func.count())
                    .select_from(table.outerjoin(parent_table, child == parent))
                    .where(child.is_not(None), parent.is_(None))
                ).scalar_one()
                assert orphans == 0, f"{table.name}.{child.name}"
                checked += 1
        if db.backend == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert checked > 30


def test_the_load_keeps_every_index_and_constraint(db: Database) -> None:
    def schema_objects() -> list[str]:
        with db.engine.connect() as conn:
            if db.backend == "sqlite":
                return sorted(
                    conn.exec_driver_sql(
                        "SELECT name FROM sqlite_master WHERE type = 'index'"
                    ).scalars()
                )
            return sorted(
                conn.execute(
                    text(
                        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                        "UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) "
                        "|| convalidated::text FROM pg_constraint "
                        "WHERE connamespace = current_schema()::regnamespace"
                    )
                ).scalars()
            )

    before = schema_objects()
    load(db, 40)
    assert schema_objects() == before


def test_new_rows_after_the_load_get_fresh_ids(db: Database) -> None:
    load(db, 40)
    with db.session() as session:
        max_ticket = session.scalar(select(func.max(Ticket.id)))
        customer = Customer(name="新客户", kind="company", tier="standard")
        session.add(customer)
        session.flush()
        ticket = Ticket(
            number="SR-2099-000001",
            channel="phone",
            customer_id=customer.id,
            reported_at=NOW,
            severity="minor",
            priority="P4",
        )
        session.add(ticket)
        session.flush()
        session.add(TicketEvent(ticket_id=ticket.id, at=NOW, kind="created"))
        session.add(Call(direction="in", channel="phone", started_at=NOW, ticket_id=ticket.id))
        session.add(Contact(customer_id=customer.id, name="王伟"))
        session.commit()
        assert ticket.id == (max_ticket or 0) + 1
        assert customer.id == 41


def test_ticket_numbers_run_per_year_and_counters_continue_them(db: Database) -> None:
    load(db)
    with db.session() as session:
        numbers = session.scalars(select(Ticket.number).order_by(Ticket.id)).all()
        counters = {c.year: c.last_number for c in session.scalars(select(TicketCounter))}
    assert len(set(numbers)) == len(numbers)
    per_year: dict[int, list[int]] = {}
    for number in numbers:
        match = re.fullmatch(r"SR-(\d{4})-(\d{6})", number)
        assert match, number
        per_year.setdefault(int(match[1]), []).append(int(match[2]))
    assert set(per_year) == set(counters) and len(per_year) >= 2
    for year, sequence in per_year.items():
        assert sequence == list(range(1, len(sequence) + 1))
        assert counters[year] == len(sequence)


def test_a_second_load_is_refused(db: Database) -> None:
    assert not demo_data_present(db)
    load(db, 20)
    assert demo_data_present(db)
    with pytest.raises(DemoDataExists):
        load(db, 20)
    assert isinstance(DemoDataExists(), ValueError)
    assert count(db, Customer) == 20


# -- users ----------------------------------------------------------------------------


def test_demo_sign_ins_work(db: Database) -> None:
    load(db, 40)
    for username, password, role in DEMO_SIGN_INS:
        user = sign_in(db, username, password)
        assert user.role == role
    assert sign_in(db, "zhangwei", "zhangwei").display_name == "张伟"
    engineer = sign_in(db, "engineer", "engineer")
    assert engineer.region_id is not None and "server" in engineer.skills
    with pytest.raises(SignInFailed):
        sign_in(db, "agent", "wrong")
    with db.session() as session:
        staff = session.scalars(
            select(User).where(User.username.not_in([u for u, _p, _r in DEMO_SIGN_INS]))
        ).all()
        hashes = set(session.scalars(select(User.password_hash)))
    assert staff
    assert sign_in(db, staff[0].username, STAFF_PASSWORD).id == staff[0].id
    # One hash per distinct password: scrypt is slow on purpose.
    assert len(hashes) == len({p for _u, p, _r in DEMO_SIGN_INS}) + 1


def test_existing_users_and_calls_are_kept(db: Database) -> None:
    with db.session() as session:
        session.add(
            User(
                username="admin",
                display_name="Real admin",
                password_hash=hash_password("s3cret"),
                role="admin",
            )
        )
        session.add(Call(direction="in", channel="phone", started_at=NOW))
        session.commit()
    load(db, 20)
    assert sign_in(db, "admin", "s3cret").display_name == "Real admin"
    with pytest.raises(SignInFailed):
        sign_in(db, "admin", "admin")
    assert sign_in(db, "agent", "agent").role == "agent"
    with db.session() as session:
        assert session.scalar(select(func.count()).where(User.username == "admin")) == 1
        assert session.scalar(select(func.min(Call.id))) == 1


# -- reference data -------------------------------------------------------------------


def reference_counts(db: Database) -> dict[str, int]:
    models = (Region, BusinessCalendar, CalendarPeriod, CalendarDay, SlaPlan, SlaTarget,
              PriorityRule, ProductModel, SymptomCategory)  # fmt: skip
    return {m.__tablename__: count(db, m) for m in models}


def test_reference_data_loads_once_and_keeps_edits(db: Database) -> None:
    load_reference_data(db)
    first = reference_counts(db)
    with db.session() as session:
        session.execute(update(Region).where(Region.code == "EAST").values(name="East (edited)"))
        session.commit()
    load_reference_data(db)
    assert reference_counts(db) == first
    with db.session() as session:
        assert session.scalar(select(Region.name).where(Region.code == "EAST")) == "East (edited)"
        assert session.scalar(select(func.count()).where(SlaPlan.is_default)) == 1
        rules = {(r.severity, r.tier): r.priority for r in session.scalars(select(PriorityRule))}
        assert len(rules) == 9
        assert rules[("critical", "vip")] == "P1" and rules[("minor", "standard")] == "P4"
        for plan in session.scalars(select(SlaPlan)):
            targets = session.scalars(select(SlaTarget).where(SlaTarget.sla_plan_id == plan.id))
            assert sorted(t.priority for t in targets) == ["P1", "P2", "P3", "P4"]
        kinds = Counter(session.scalars(select(ProductModel.category)))
        assert len(kinds) >= 8 and all(3 <= n <= 6 for n in kinds.values())
        symptoms = Counter(session.scalars(select(SymptomCategory.product_category)))
        assert set(symptoms) == set(kinds) and all(6 <= n <= 10 for n in symptoms.values())
        assert all(s.name_zh and s.name_en for s in session.scalars(select(SymptomCategory)))

        china = session.scalars(
            select(BusinessCalendar).where(BusinessCalendar.name == "China standard")
        ).one()
        assert china.timezone == "Asia/Shanghai"
        periods = session.scalars(
            select(CalendarPeriod).where(CalendarPeriod.calendar_id == china.id)
        ).all()
        assert {(p.start_time, p.end_time) for p in periods} == {
            (time(9), time(12)),
            (time(13, 30), time(18)),
        }
        assert {p.weekday for p in periods} == {0, 1, 2, 3, 4}
        days = {
            d.day: d
            for d in session.scalars(select(CalendarDay).where(CalendarDay.calendar_id == china.id))
        }
        assert days[date(2025, 1, 28)].kind == "holiday" and "春节" in days[date(2025, 1, 28)].name
        assert days[date(2025, 10, 1)].kind == "holiday"
        make_up = days[date(2025, 1, 26)]  # a Sunday worked for the Spring Festival (调休)
        assert make_up.kind == "workday" and make_up.works_like_weekday is not None
        assert date(2025, 3, 5) not in days
        round_the_clock = session.scalars(
            select(BusinessCalendar).where(BusinessCalendar.name == "24x7")
        ).one()
        assert count(db, CalendarPeriod) == len(periods) + 7
        assert not session.scalars(
            select(CalendarDay).where(CalendarDay.calendar_id == round_the_clock.id)
        ).all()


def test_business_clock_skips_nights_weekends_and_holidays() -> None:
    office = [(time(9), time(12)), (time(13, 30), time(18))]
    clock = BusinessClock(
        [office] * 5 + [[], []],
        holidays=[date(2025, 1, 28)],
        workdays={date(2025, 1, 26): 0},
        first_day=epoch_day(date(2025, 1, 1)),
        last_day=epoch_day(date(2025, 3, 1)),
    )

    def at(text_value: str) -> int:
        local = datetime.fromisoformat(text_value)
        return epoch_seconds(local.replace(tzinfo=UTC) - timedelta(hours=8))

    assert clock.add(at("2025-01-20 10:00"), 60) == at("2025-01-20 11:00")
    assert clock.add(at("2025-01-20 11:30"), 60) == at("2025-01-20 14:00")
    assert clock.add(at("2025-01-24 17:00"), 120) == at("2025-01-26 10:00")  # make-up Sunday
    assert clock.add(at("2025-01-27 17:00"), 120) == at("2025-01-29 10:00")  # holiday Tuesday
    text_form = TimeText(epoch_day(date(2025, 1, 1)), epoch_day(date(2025, 2, 1)))
    assert text_form.stamp(at("2025-01-20 10:00")) == "2025-01-20 02:00:00.000000"
