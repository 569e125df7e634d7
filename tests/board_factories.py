"""Rows for tests of the schedule board: engineers with a profile, visits, absences.

Written with the ORM straight into the tables (the booking services are scheduling's), each
builder commits and returns the new id.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from workstation.db import Database
from workstation.models import (
    EngineerAbsence,
    EngineerProfile,
    Region,
    ServiceContract,
    User,
    Visit,
    VisitStatus,
)


def region_ids(db: Database) -> dict[str, int]:
    """The reference data's regions by code."""
    with db.session() as session:
        return {code: id_ for id_, code in session.execute(select(Region.id, Region.code))}


def add_engineer(
    db: Database,
    username: str,
    *,
    name: str | None = None,
    region_id: int | None = None,
    skills: tuple[str, ...] = ("printer",),
    active: bool = True,
    work: tuple[int, int, str] | None = None,
    base_city: str = "",
) -> int:
    """An engineer; `work` = (start minute, end minute, ISO weekdays) makes a profile."""
    with db.session() as session:
        user = User(
            username=username,
            display_name=name or username,
            password_hash="-",
            role="engineer",
            region_id=region_id,
            skills=list(skills),
            active=active,
        )
        session.add(user)
        session.flush()
        if work is not None or base_city:
            start, end, days = work or (8 * 60 + 30, 17 * 60 + 30, "12345")
            session.add(
                EngineerProfile(
                    user_id=user.id,
                    base_city=base_city,
                    work_start_minute=start,
                    work_end_minute=end,
                    work_days=days,
                    version=1,
                )
            )
        session.commit()
        return user.id


def add_visit(
    db: Database,
    customer_id: int,
    *,
    kind: str = "repair",
    status: str = VisitStatus.BOOKED,
    engineer_id: int | None = None,
    starts_at: datetime | None = None,
    ends_at: datetime | None = None,
    site_id: int | None = None,
    equipment_id: int | None = None,
    ticket_id: int | None = None,
    contract_id: int | None = None,
    plan_id: int | None = None,
    due_on: date | None = None,
    priority: str = "",
) -> int:
    with db.session() as session:
        visit = Visit(
            kind=kind,
            status=status,
            customer_id=customer_id,
            site_id=site_id,
            equipment_id=equipment_id,
            ticket_id=ticket_id,
            contract_id=contract_id,
            plan_id=plan_id,
            due_on=due_on,
            engineer_id=engineer_id,
            starts_at=starts_at,
            ends_at=ends_at,
            priority=priority,
            notes="",
            checklist=[],
            cancel_reason="",
            work_done="",
            result="",
            advice="",
            confirmed_by="",
            version=1,
        )
        session.add(visit)
        session.commit()
        return visit.id


def add_absence(
    db: Database,
    engineer_id: int,
    starts_at: datetime,
    ends_at: datetime,
    *,
    kind: str = "leave",
    note: str = "",
    cancelled_at: datetime | None = None,
) -> int:
    with db.session() as session:
        absence = EngineerAbsence(
            engineer_id=engineer_id,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            note=note,
            cancelled_at=cancelled_at,
        )
        session.add(absence)
        session.commit()
        return absence.id


def set_delivery_date(db: Database, contract_id: int, day: date) -> None:
    with db.session() as session:
        contract = session.get(ServiceContract, contract_id)
        assert contract is not None
        contract.delivery_date = day
        session.commit()
