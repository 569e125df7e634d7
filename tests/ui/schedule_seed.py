"""A realistic week on the schedule board (region East, the week of Monday 23 November 2026):
nine engineers, repairs, installations, maintenance, inspections and training, a completed
Monday, a leave and a course, a late installation, and visits still to schedule."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select, update

from tests.board_factories import (
    add_absence,
    add_engineer,
    add_visit,
    region_ids,
    set_delivery_date,
)
from tests.factories import (
    CustomerIds,
    add_contract,
    add_customer,
    add_equipment,
    add_ticket,
    with_reference_data,
)
from tests.ticket_factories import beijing
from workstation.db import Database
from workstation.models import ProductModel, Ticket

MONDAY = date(2026, 11, 23)
# Wednesday 10:40 in Beijing: Monday and Tuesday are done, today is under way.
NOW = beijing(2026, 11, 25, 10, 40)

ENGINEERS = (
    ("李明", "上海", None),
    ("王芳", "上海", None),
    ("刘洋", "苏州", (8 * 60, 16 * 60 + 30, "123456")),
    ("陈静", "杭州", None),
    ("杨磊", "南京", None),
    ("赵强", "宁波", (9 * 60, 18 * 60, "23456")),
    ("黄丽", "无锡", None),
    ("周杰", "上海", None),
    ("吴婷", "杭州", None),
)
CUSTOMERS = (
    ("上海精密仪器有限公司", "上海", "浦东工厂"),
    ("苏州工业园区第一医院", "苏州", "门诊楼"),
    ("杭州数码科技股份有限公司", "杭州", "研发中心"),
    ("南京大学实验中心", "南京", "仙林校区"),
    ("宁波港务集团", "宁波", "北仑码头"),
    ("无锡新材料有限公司", "无锡", "二号厂房"),
    ("上海浦江银行", "上海", "数据中心"),
)
# (start, end) of the day's slots, Beijing time.
SLOTS = ((9, 0, 11, 0), (11, 15, 12, 30), (13, 30, 15, 30), (16, 0, 17, 15))
KINDS = ("repair", "repair", "repair", "preventive_maintenance", "inspection", "training")


@dataclass
class SeededWeek:
    region_id: int
    other_region_id: int
    engineers: list[int]
    customers: list[CustomerIds]
    visits: list[int] = field(default_factory=list)
    late_installation: int = 0
    late_repair: int = 0
    unscheduled: list[int] = field(default_factory=list)


def seed_week(db: Database, *, engineers: int = 9, seed: int = 7) -> SeededWeek:
    with_reference_data(db)
    regions = region_ids(db)
    east = regions["EAST"]
    with db.session() as session:
        models = list(session.scalars(select(ProductModel.id).order_by(ProductModel.id)))
    rng = random.Random(seed)
    ids = [
        add_engineer(
            db,
            f"eng{n}",
            name=name,
            region_id=east,
            work=work,
            base_city=city,
            skills=("laser_printer", "server"),
        )
        for n, (name, city, work) in enumerate(ENGINEERS[:engineers])
    ]
    customers = [
        add_customer(db, name, region_id=east, city=city, site=site, contacts=())
        for name, city, site in CUSTOMERS
    ]
    devices = {
        c.customer_id: [add_equipment(db, c, product_model=rng.choice(models)) for _ in range(3)]
        for c in customers
    }
    week = SeededWeek(east, regions["NORTH"], ids, customers)
    absent = {(ids[1], 2), (ids[1], 3)}  # 王芳 on leave Wednesday and Thursday
    add_absence(
        db, ids[1], beijing(2026, 11, 25, 0), beijing(2026, 11, 27, 0), kind="leave", note="年假"
    )
    course = (ids[3], 4)  # 陈静 on a course on Friday afternoon
    add_absence(
        db, ids[3], beijing(2026, 11, 27, 13), beijing(2026, 11, 27, 17, 30), kind="training"
    )
    for engineer in ids:
        for day in range(5):
            if (engineer, day) in absent:
                continue
            when = MONDAY + timedelta(days=day)
            slots = [s for s in SLOTS if rng.random() < 0.8]
            if (engineer, day) == course:
                slots = [s for s in slots if s[0] < 12]
            for h0, m0, h1, m1 in slots:
                customer = rng.choice(customers)
                kind = rng.choice(KINDS)
                week.visits.append(
                    add_visit(
                        db,
                        customer.customer_id,
                        kind=kind,
                        status="completed" if day < 2 else "booked",
                        engineer_id=engineer,
                        starts_at=beijing(when.year, when.month, when.day, h0, m0),
                        ends_at=beijing(when.year, when.month, when.day, h1, m1),
                        site_id=customer.site_id,
                        equipment_id=rng.choice(devices[customer.customer_id]),
                        priority=rng.choice(("P1", "P2", "P2", "P3", "P3", "P4"))
                        if kind == "repair"
                        else "",
                    )
                )
    # A late installation: delivered on Tuesday, installed on Thursday evening (a free slot).
    installed = customers[2]
    contract = add_contract(db, installed)
    set_delivery_date(db, contract, date(2026, 11, 24))
    week.late_installation = add_visit(
        db,
        installed.customer_id,
        kind="installation",
        engineer_id=ids[0],
        contract_id=contract,
        starts_at=beijing(2026, 11, 26, 17, 30),
        ends_at=beijing(2026, 11, 26, 19, 30),
        site_id=installed.site_id,
        equipment_id=devices[installed.customer_id][0],
    )
    # A repair booked after its ticket's resolution deadline, Friday evening.
    customer = customers[0]
    ticket = add_ticket(db, customer, equipment_id=devices[customer.customer_id][0], priority="P1")
    with db.session() as session:
        session.execute(
            update(Ticket)
            .where(Ticket.id == ticket)
            .values(resolution_due_at=beijing(2026, 11, 27, 12))
        )
        session.commit()
    week.late_repair = add_visit(
        db,
        customer.customer_id,
        kind="repair",
        engineer_id=ids[min(4, len(ids) - 1)],
        ticket_id=ticket,
        starts_at=beijing(2026, 11, 27, 17, 30),
        ends_at=beijing(2026, 11, 27, 19, 0),
        site_id=customer.site_id,
        equipment_id=devices[customer.customer_id][0],
    )
    for kind, due, who in (
        ("preventive_maintenance", date(2026, 11, 20), customers[5]),
        ("inspection", date(2026, 12, 2), customers[3]),
        ("installation", date(2026, 12, 4), customers[4]),
        ("repair", None, customers[6]),
    ):
        week.unscheduled.append(
            add_visit(
                db,
                who.customer_id,
                kind=kind,
                status="unscheduled",
                due_on=due,
                site_id=who.site_id,
                equipment_id=devices[who.customer_id][1],
                priority="P2" if kind == "repair" else "",
            )
        )
    return week


def at(hour: int, minute: int = 0, day: int = 0) -> datetime:
    """A Beijing time in the seeded week (day 0 = Monday)."""
    when = MONDAY + timedelta(days=day)
    return beijing(when.year, when.month, when.day, hour, minute)
