"""Engineers as scheduling sees them: region and skills (on the user), base and working
hours (the profile), absences.

Anyone signed in may read them (an agent booking a visit needs to). A profile or an absence
is changed by a dispatcher (Permission.ASSIGN_TICKETS) or by the engineer themself. An
engineer without a profile row works the model's defaults (08:30–17:30, Monday–Friday, no
base); the first save creates the row. An absence over visits already booked is allowed —
the leave is a fact — but the answer lists those visits, so the screen warns and the
dispatcher moves them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import (
    HOLDING_STATUSES,
    AbsenceKind,
    Customer,
    EngineerAbsence,
    EngineerProfile,
    Region,
    Ticket,
    User,
    Visit,
)
from workstation.models.engineers import DEFAULT_WORK_DAYS, DEFAULT_WORK_END, DEFAULT_WORK_START
from workstation.outcomes import FieldError
from workstation.permissions import Permission, PermissionDenied
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditConflict, EditRejected, RecordNotFound, audit

ENGINEER_ROLE = "engineer"
MAX_CITY = 100
MAX_NOTE = 500
MAX_ABSENCE_DAYS = 366
ABSENCE_KINDS: tuple[str, ...] = tuple(kind.value for kind in AbsenceKind)
# Absences that ended longer ago than this are not listed by default.
ABSENCES_LOOKBACK = timedelta(days=30)


@dataclass(frozen=True)
class EngineerRow:
    """One engineer with the profile in force; `version` 0: no profile row yet (defaults)."""

    user_id: int
    username: str
    display_name: str
    active: bool
    region_id: int | None
    region_name: str
    skills: tuple[str, ...]
    base_city: str
    base_latitude: float | None
    base_longitude: float | None
    work_start_minute: int
    work_end_minute: int
    work_days: str
    version: int


@dataclass(frozen=True)
class ProfileInput:
    """What the profile form sends (minutes after local midnight; ISO weekdays "12345")."""

    base_city: str
    base_latitude: float | None
    base_longitude: float | None
    work_start_minute: int
    work_end_minute: int
    work_days: str


@dataclass(frozen=True)
class AbsenceInput:
    kind: str
    starts_at: datetime
    ends_at: datetime
    note: str = ""


@dataclass(frozen=True)
class AbsenceRow:
    id: int
    engineer_id: int
    kind: str
    starts_at: datetime
    ends_at: datetime
    note: str
    created_by: str
    created_at: datetime
    cancelled_at: datetime | None


@dataclass(frozen=True)
class VisitClash:
    """A booked visit that falls in an absence: to be moved."""

    visit_id: int
    version: int
    starts_at: datetime
    ends_at: datetime
    customer_name: str
    ticket_number: str


@dataclass(frozen=True)
class AbsenceChange:
    absence: AbsenceRow
    clashing_visits: tuple[VisitClash, ...] = ()


# --- who may change what --------------------------------------------------------------------


def may_manage(user: SignedInUser, engineer_id: int) -> bool:
    """A dispatcher manages every engineer's profile and absences; an engineer their own."""
    return user.may(Permission.ASSIGN_TICKETS) or (
        user.role == ENGINEER_ROLE and user.id == engineer_id
    )


def _require_manage(user: SignedInUser, engineer_id: int) -> None:
    if not may_manage(user, engineer_id):
        raise PermissionDenied(user.role, Permission.ASSIGN_TICKETS)


def _require_some_manage(user: SignedInUser) -> None:
    """Refuse before reading anything those who could manage nobody's absences."""
    if not user.may(Permission.ASSIGN_TICKETS) and user.role != ENGINEER_ROLE:
        raise PermissionDenied(user.role, Permission.ASSIGN_TICKETS)


# --- reading ----------------------------------------------------------------------------------


def _engineer_query() -> Any:
    return (
        select(User, EngineerProfile, Region.name)
        .outerjoin(EngineerProfile, EngineerProfile.user_id == User.id)
        .outerjoin(Region, Region.id == User.region_id)
        .where(User.role == ENGINEER_ROLE)
    )


def _row(user: User, profile: EngineerProfile | None, region_name: str | None) -> EngineerRow:
    return EngineerRow(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        active=user.active,
        region_id=user.region_id,
        region_name=region_name or "",
        skills=tuple(user.skills or ()),
        base_city=profile.base_city if profile else "",
        base_latitude=profile.base_latitude if profile else None,
        base_longitude=profile.base_longitude if profile else None,
        work_start_minute=profile.work_start_minute if profile else DEFAULT_WORK_START,
        work_end_minute=profile.work_end_minute if profile else DEFAULT_WORK_END,
        work_days=profile.work_days if profile else DEFAULT_WORK_DAYS,
        version=profile.version if profile else 0,
    )


def list_engineers(
    db: Database,
    user: SignedInUser,
    region_id: int | None = None,
    *,
    include_inactive: bool = False,
) -> tuple[EngineerRow, ...]:
    """The engineers (of a region, when given), by name. Any signed-in user may read them."""
    del user  # any role: booking a visit needs the list
    query = _engineer_query()
    if region_id is not None:
        query = query.where(User.region_id == region_id)
    if not include_inactive:
        query = query.where(User.active.is_(True))
    with db.session() as session:
        return tuple(
            _row(u, p, r)
            for u, p, r in session.execute(query.order_by(User.display_name, User.id)).all()
        )


def engineer(db: Database, user: SignedInUser, engineer_id: int) -> EngineerRow:
    """One engineer with the profile in force (any signed-in user)."""
    del user
    with db.session() as session:
        return _engineer_row(session, engineer_id)


def _engineer_row(session: Session, engineer_id: int) -> EngineerRow:
    found = session.execute(_engineer_query().where(User.id == engineer_id)).first()
    if found is None:
        raise RecordNotFound("engineer", engineer_id)
    return _row(*found)


def list_absences(
    db: Database,
    user: SignedInUser,
    engineer_id: int,
    *,
    include_cancelled: bool = False,
    now: datetime | None = None,
) -> tuple[AbsenceRow, ...]:
    """An engineer's absences that end after a month ago, by start (any signed-in user)."""
    del user
    now = now or datetime.now(UTC)
    query = (
        select(EngineerAbsence, User.display_name)
        .outerjoin(User, User.id == EngineerAbsence.created_by_id)
        .where(
            EngineerAbsence.engineer_id == engineer_id,
            EngineerAbsence.ends_at > now - ABSENCES_LOOKBACK,
        )
        .order_by(EngineerAbsence.starts_at, EngineerAbsence.id)
    )
    if not include_cancelled:
        query = query.where(EngineerAbsence.cancelled_at.is_(None))
    with db.session() as session:
        return tuple(_absence_row(a, who) for a, who in session.execute(query).all())


def _absence_row(absence: EngineerAbsence, created_by: str | None) -> AbsenceRow:
    return AbsenceRow(
        id=absence.id,
        engineer_id=absence.engineer_id,
        kind=absence.kind,
        starts_at=absence.starts_at,
        ends_at=absence.ends_at,
        note=absence.note,
        created_by=created_by or "",
        created_at=absence.created_at,
        cancelled_at=absence.cancelled_at,
    )


# --- the profile ------------------------------------------------------------------------------


def _lock_engineer(db: Database, session: Session, engineer_id: int) -> User:
    """The engineer's user row, locked (SQLite: the write lock first, as ticket_work does)."""
    if db.backend == "sqlite":
        session.execute(
            update(User)
            .where(User.id == engineer_id)
            .values(active=User.active)
            .execution_options(synchronize_session=False)
        )
    found = session.get(User, engineer_id, with_for_update=db.backend != "sqlite")
    if found is None or found.role != ENGINEER_ROLE:
        raise RecordNotFound("engineer", engineer_id)
    return found


def _validate_profile(values: ProfileInput) -> tuple[dict[str, Any], list[FieldError]]:
    errors: list[FieldError] = []
    city = values.base_city.strip()
    if len(city) > MAX_CITY:
        errors.append(FieldError("base_city", "too_long", {"max": str(MAX_CITY)}))
    lat, lon = values.base_latitude, values.base_longitude
    if lat is not None and not -90 <= lat <= 90:
        errors.append(FieldError("base_latitude", "out_of_range", {"min": "-90", "max": "90"}))
    if lon is not None and not -180 <= lon <= 180:
        errors.append(FieldError("base_longitude", "out_of_range", {"min": "-180", "max": "180"}))
    if (lat is None) != (lon is None):
        field = "base_latitude" if lat is None else "base_longitude"
        errors.append(FieldError(field, "required"))
    start, end = values.work_start_minute, values.work_end_minute
    if not 0 <= start < 24 * 60:
        errors.append(FieldError("work_start_minute", "out_of_range", {"min": "0", "max": "1439"}))
    if not 0 < end <= 24 * 60:
        errors.append(FieldError("work_end_minute", "out_of_range", {"min": "1", "max": "1440"}))
    elif end <= start:
        errors.append(FieldError("work_end_minute", "end_before_start"))
    days = "".join(sorted(set(values.work_days)))
    if not days:
        errors.append(FieldError("work_days", "required"))
    elif not set(days) <= set("1234567"):
        errors.append(FieldError("work_days", "unknown"))
    cleaned = {
        "base_city": city,
        "base_latitude": lat,
        "base_longitude": lon,
        "work_start_minute": start,
        "work_end_minute": end,
        "work_days": days,
    }
    return cleaned, errors


def update_profile(
    db: Database,
    user: SignedInUser,
    engineer_id: int,
    version: int,
    values: ProfileInput,
    now: datetime | None = None,
) -> EngineerRow:
    """Save an engineer's base and working hours. `version` is the profile's as loaded (0
    when it had none): a stale one is refused with EditConflict carrying the row now stored;
    bad values with EditRejected at their fields. On the audit trail and the change log."""
    _require_manage(user, engineer_id)
    del now
    with db.session() as session:
        _lock_engineer(db, session, engineer_id)
        profile = session.get(EngineerProfile, engineer_id)
        stored_version = profile.version if profile else 0
        if stored_version != version:
            raise EditConflict(_engineer_row(session, engineer_id))
        cleaned, errors = _validate_profile(values)
        if errors:
            raise EditRejected(errors)
        if profile is None:
            profile = EngineerProfile(user_id=engineer_id, version=0)
            session.add(profile)
            old = {
                "base_city": "",
                "base_latitude": None,
                "base_longitude": None,
                "work_start_minute": DEFAULT_WORK_START,
                "work_end_minute": DEFAULT_WORK_END,
                "work_days": DEFAULT_WORK_DAYS,
            }
        else:
            old = {key: getattr(profile, key) for key in cleaned}
        changes = {key: [old[key], value] for key, value in cleaned.items() if old[key] != value}
        if not changes and profile.version:
            return _engineer_row(session, engineer_id)
        for key, value in cleaned.items():
            setattr(profile, key, value)
        profile.version = (profile.version or 0) + 1
        session.flush()
        audit(session, user, "engineer_profile", engineer_id, "update", changes)
        record_change(
            session,
            "engineer",
            engineer_id,
            "update",
            user.id,
            {"engineer_id": engineer_id, "version": profile.version},
        )
        session.commit()
        return _engineer_row(session, engineer_id)


# --- absences ---------------------------------------------------------------------------------


def _validate_absence(values: AbsenceInput) -> tuple[AbsenceInput, list[FieldError]]:
    errors: list[FieldError] = []
    kind = values.kind.strip()
    note = values.note.strip()
    if kind not in ABSENCE_KINDS:
        errors.append(FieldError("kind", "unknown" if kind else "required"))
    if values.ends_at <= values.starts_at:
        errors.append(FieldError("ends_at", "end_before_start"))
    elif values.ends_at - values.starts_at > timedelta(days=MAX_ABSENCE_DAYS):
        errors.append(
            FieldError("ends_at", "out_of_range", {"min": "1", "max": str(MAX_ABSENCE_DAYS)})
        )
    if len(note) > MAX_NOTE:
        errors.append(FieldError("note", "too_long", {"max": str(MAX_NOTE)}))
    return AbsenceInput(kind, values.starts_at, values.ends_at, note), errors


def clashing_visits(
    session: Session, engineer_id: int, starts_at: datetime, ends_at: datetime
) -> tuple[VisitClash, ...]:
    """The engineer's booked visits that overlap [starts_at, ends_at)."""
    rows = session.execute(
        select(
            Visit.id, Visit.version, Visit.starts_at, Visit.ends_at, Customer.name, Ticket.number
        )
        .join(Customer, Customer.id == Visit.customer_id)
        .outerjoin(Ticket, Ticket.id == Visit.ticket_id)
        .where(
            Visit.engineer_id == engineer_id,
            Visit.status.in_([s.value for s in HOLDING_STATUSES]),
            Visit.starts_at < ends_at,
            Visit.ends_at > starts_at,
        )
        .order_by(Visit.starts_at)
    ).all()
    return tuple(
        VisitClash(vid, version, starts, ends, customer, number or "")
        for vid, version, starts, ends, customer, number in rows
        if starts is not None and ends is not None  # the query's range tests say so
    )


def _absence_data(absence: EngineerAbsence) -> dict[str, Any]:
    return {
        "engineer_id": absence.engineer_id,
        "kind": absence.kind,
        "starts_at": absence.starts_at.isoformat(),
        "ends_at": absence.ends_at.isoformat(),
    }


def add_absence(
    db: Database,
    user: SignedInUser,
    engineer_id: int,
    values: AbsenceInput,
    now: datetime | None = None,
) -> AbsenceChange:
    """Record leave, training, sickness… Visits already booked in it are listed, not moved."""
    _require_manage(user, engineer_id)
    now = now or datetime.now(UTC)
    cleaned, errors = _validate_absence(values)
    with db.session() as session:
        _lock_engineer(db, session, engineer_id)
        if errors:
            raise EditRejected(errors)
        absence = EngineerAbsence(
            engineer_id=engineer_id,
            kind=cleaned.kind,
            starts_at=cleaned.starts_at,
            ends_at=cleaned.ends_at,
            note=cleaned.note,
            created_by_id=user.id,
            created_at=now,
        )
        session.add(absence)
        session.flush()
        data = _absence_data(absence)
        details = {**data, "note": cleaned.note}
        audit(session, user, "engineer_absence", absence.id, "create", details)
        record_change(session, "engineer_absence", absence.id, "create", user.id, data)
        clashes = clashing_visits(session, engineer_id, cleaned.starts_at, cleaned.ends_at)
        session.commit()
        return AbsenceChange(_absence_row(absence, user.display_name), clashes)


def cancel_absence(
    db: Database, user: SignedInUser, absence_id: int, now: datetime | None = None
) -> AbsenceChange:
    """Take an absence back (it stays on record, cancelled). Cancelling twice changes nothing."""
    _require_some_manage(user)
    now = now or datetime.now(UTC)
    with db.session() as session:
        if db.backend == "sqlite":
            session.execute(
                update(EngineerAbsence)
                .where(EngineerAbsence.id == absence_id)
                .values(note=EngineerAbsence.note)
                .execution_options(synchronize_session=False)
            )
        absence = session.get(EngineerAbsence, absence_id, with_for_update=db.backend != "sqlite")
        if absence is None:
            if not user.may(Permission.ASSIGN_TICKETS):
                # An engineer may only cancel their own: what is not theirs is not theirs.
                raise PermissionDenied(user.role, Permission.ASSIGN_TICKETS)
            raise RecordNotFound("engineer_absence", absence_id)
        _require_manage(user, absence.engineer_id)
        creator = session.get(User, absence.created_by_id) if absence.created_by_id else None
        if absence.cancelled_at is None:
            absence.cancelled_at = now
            session.flush()
            data = _absence_data(absence)
            audit(session, user, "engineer_absence", absence.id, "cancel", data)
            record_change(session, "engineer_absence", absence.id, "cancel", user.id, data)
            session.commit()
        return AbsenceChange(_absence_row(absence, creator.display_name if creator else ""))


def engineer_names(session: Session, ids: Sequence[int]) -> dict[int, str]:
    """Display names by user id (for timelines and results)."""
    if not ids:
        return {}
    return dict(
        session.execute(select(User.id, User.display_name).where(User.id.in_(list(ids)))).all()
    )
