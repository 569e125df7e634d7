"""Rows for tests of scheduling: regions by code, sites with coordinates, engineers with a
profile, visits and absences written directly (tests may; the screens may not)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from tests.factories import CustomerIds
from tests.ticket_factories import add_worker
from workstation.db import Database
from workstation.models import EngineerAbsence, EngineerProfile, Region, Site, Visit
from workstation.services.auth import SignedInUser

# Places (latitude, longitude).
PEOPLES_SQUARE = (31.2304, 121.4737)  # Shanghai
LUJIAZUI = (31.2397, 121.4998)  # Shanghai, 2.6 km from People's Square
SUZHOU = (31.2989, 120.5853)  # 85 km from People's Square
HANGZHOU = (30.2741, 120.1551)
BEIJING = (39.9042, 116.4074)


def region_id(db: Database, code: str) -> int:
    with db.session() as session:
        found = session.scalar(select(Region.id).where(Region.code == code))
        assert found is not None, f"no region {code}: load the reference data"
        return found


def place_site(
    db: Database, site_id: int, where: tuple[float, float] | None, region: int | None = None
) -> None:
    """Give a site coordinates (and a region)."""
    with db.session() as session:
        site = session.get(Site, site_id)
        assert site is not None
        site.latitude, site.longitude = where if where is not None else (None, None)
        if region is not None:
            site.region_id = region
        session.commit()


def add_site(
    db: Database,
    customer: CustomerIds,
    name: str,
    where: tuple[float, float] | None,
    region: int | None = None,
) -> int:
    with db.session() as session:
        site = Site(
            customer_id=customer.customer_id,
            name=name,
            region_id=region,
            latitude=where[0] if where else None,
            longitude=where[1] if where else None,
        )
        session.add(site)
        session.commit()
        return site.id


def add_engineer(
    db: Database,
    username: str,
    *,
    region: int | None = None,
    skills: tuple[str, ...] = (),
    base: tuple[float, float] | None = None,
    work_start: int | None = None,
    work_end: int | None = None,
    work_days: str | None = None,
    active: bool = True,
) -> SignedInUser:
    """An engineer; a profile row only when something differs from the defaults."""
    engineer = add_worker(db, username, "engineer", region_id=region, skills=skills, active=active)
    if base is None and work_start is None and work_end is None and work_days is None:
        return engineer
    with db.session() as session:
        profile = EngineerProfile(
            user_id=engineer.id,
            base_city="",
            base_latitude=base[0] if base else None,
            base_longitude=base[1] if base else None,
            version=1,
        )
        if work_start is not None:
            profile.work_start_minute = work_start
        if work_end is not None:
            profile.work_end_minute = work_end
        if work_days is not None:
            profile.work_days = work_days
        session.add(profile)
        session.commit()
    return engineer


def add_visit(
    db: Database,
    customer: CustomerIds,
    engineer_id: int | None,
    starts_at: datetime | None,
    ends_at: datetime | None,
    *,
    status: str = "booked",
    kind: str = "repair",
    site_id: int | None = None,
    ticket_id: int | None = None,
    due_on: object = None,
) -> int:
    with db.session() as session:
        visit = Visit(
            kind=kind,
            status=status,
            ticket_id=ticket_id,
            customer_id=customer.customer_id,
            site_id=site_id if site_id is not None else customer.site_id,
            engineer_id=engineer_id,
            starts_at=starts_at,
            ends_at=ends_at,
            due_on=due_on,
            checklist=[],
        )
        session.add(visit)
        session.commit()
        return visit.id


def add_absence_row(
    db: Database,
    engineer_id: int,
    starts_at: datetime,
    ends_at: datetime,
    kind: str = "leave",
    *,
    cancelled_at: datetime | None = None,
) -> int:
    with db.session() as session:
        absence = EngineerAbsence(
            engineer_id=engineer_id,
            kind=kind,
            starts_at=starts_at,
            ends_at=ends_at,
            note="",
            cancelled_at=cancelled_at,
        )
        session.add(absence)
        session.commit()
        return absence.id
