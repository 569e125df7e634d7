"""Stock per location and part: what is on hand, what is reserved, where else a part is.

Every change of a stock level is ONE conditional UPDATE (`… WHERE on_hand - reserved >= q`):
never a read, a sum in Python and a write back, so two desks cannot both take the last unit
(the second UPDATE finds the condition false and changes nothing). The CHECK constraints of
stock_levels (reserved >= 0, on_hand >= reserved) refuse whatever a bug would let through.
On SQLite a write first takes the database's write lock (a no-op UPDATE), so nothing it read
to validate can be overtaken by another desk before it writes.

Receiving, adjusting and transferring are an administrator's; reading is anyone's who works
tickets (a desk reserving parts for a visit). Each change is audited and on the change log
(entity "stock", id = the location).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, aliased

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import AuditRecord, LocationKind, Part, StockLevel, StockLocation, User
from workstation.outcomes import FieldError, Refused
from workstation.permissions import Permission, require
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected, RecordNotFound

MAX_QUANTITY = 100_000
MAX_REASON = 500

# How near a location is to where the part is wanted (its region), for "where else".
SAME_REGION, WAREHOUSE, ELSEWHERE = 0, 1, 2


@dataclass(frozen=True)
class StockRow:
    """A part at a location: on hand, reserved, available (on_hand - reserved).

    `nearness`: SAME_REGION, WAREHOUSE or ELSEWHERE from the region the list was asked
    for (ELSEWHERE when none was given and the location is not the warehouse).
    """

    location_id: int
    location_code: str
    location_name: str
    location_kind: str
    region_id: int | None
    part_id: int
    part_code: str
    name_en: str
    name_zh: str
    on_hand: int
    reserved: int
    available: int
    nearness: int = ELSEWHERE


class StockShortage(Refused):
    """Not enough available at the location: nothing was written.

    `available` is what the location has free now; `elsewhere` the other locations with the
    part available, nearest first. `errors` puts it at the quantity field for screens that
    show field errors.
    """

    code = "shortage"

    def __init__(
        self,
        part_id: int,
        location_id: int,
        wanted: int,
        available: int,
        elsewhere: Sequence[StockRow] = (),
        field: str = "quantity",
    ) -> None:
        super().__init__(
            f"only {available} of part {part_id} available at location {location_id},"
            f" {wanted} wanted"
        )
        self.part_id = part_id
        self.location_id = location_id
        self.wanted = wanted
        self.available = available
        self.elsewhere = tuple(elsewhere)
        self.errors = (
            FieldError(field, "shortage", {"available": str(available), "wanted": str(wanted)}),
        )


# --- reading -----------------------------------------------------------------------------


def _nearness(kind: str, region_id: int | None, near_region_id: int | None) -> int:
    if near_region_id is not None and region_id == near_region_id:
        return SAME_REGION
    return WAREHOUSE if kind == LocationKind.WAREHOUSE else ELSEWHERE


def stock_rows(
    session: Session,
    *,
    location_id: int | None = None,
    part_id: int | None = None,
    near_region_id: int | None = None,
    exclude_location_id: int | None = None,
    only_available: bool = False,
) -> tuple[StockRow, ...]:
    """Stock levels at active locations, in the caller's session.

    A part's list (part_id given) comes nearest first, then most available; a location's
    list by part code.
    """
    engineer = aliased(User)
    region = func.coalesce(StockLocation.region_id, engineer.region_id)
    query = (
        select(
            StockLevel.location_id,
            StockLocation.code,
            StockLocation.name,
            StockLocation.kind,
            region,
            StockLevel.part_id,
            Part.code,
            Part.name_en,
            Part.name_zh,
            StockLevel.on_hand,
            StockLevel.reserved,
        )
        .join(StockLocation, StockLocation.id == StockLevel.location_id)
        .join(Part, Part.id == StockLevel.part_id)
        .outerjoin(engineer, engineer.id == StockLocation.engineer_id)
        .where(StockLocation.active.is_(True))
    )
    if location_id is not None:
        query = query.where(StockLevel.location_id == location_id)
    if part_id is not None:
        query = query.where(StockLevel.part_id == part_id)
    if exclude_location_id is not None:
        query = query.where(StockLevel.location_id != exclude_location_id)
    if only_available:
        query = query.where(StockLevel.on_hand - StockLevel.reserved > 0)
    rows = [
        StockRow(
            location_id=loc_id,
            location_code=loc_code,
            location_name=loc_name,
            location_kind=kind,
            region_id=region_id,
            part_id=pid,
            part_code=code,
            name_en=name_en,
            name_zh=name_zh,
            on_hand=on_hand,
            reserved=reserved,
            available=on_hand - reserved,
            nearness=_nearness(kind, region_id, near_region_id),
        )
        for (
            loc_id,
            loc_code,
            loc_name,
            kind,
            region_id,
            pid,
            code,
            name_en,
            name_zh,
            on_hand,
            reserved,
        ) in session.execute(query)
    ]
    if part_id is not None:
        rows.sort(key=lambda r: (r.nearness, -r.available, r.location_code))
    else:
        rows.sort(key=lambda r: (r.part_code, r.location_code))
    return tuple(rows)


def stock_elsewhere(
    session: Session, part_id: int, *, near_region_id: int | None, exclude_location_id: int | None
) -> tuple[StockRow, ...]:
    """The other active locations with the part available: same region, warehouse, others."""
    return stock_rows(
        session,
        part_id=part_id,
        near_region_id=near_region_id,
        exclude_location_id=exclude_location_id,
        only_available=True,
    )


def available_at(session: Session, location_id: int, part_id: int) -> int:
    """Units free (on hand, not reserved) at a location; 0 where it never held the part."""
    value = session.scalar(
        select(StockLevel.on_hand - StockLevel.reserved).where(
            StockLevel.location_id == location_id, StockLevel.part_id == part_id
        )
    )
    return int(value or 0)


def location_stock(db: Database, user: SignedInUser, location_id: int) -> tuple[StockRow, ...]:
    """What a location holds, by part code."""
    require(user.role, Permission.WORK_TICKETS)
    with db.session() as session:
        return stock_rows(session, location_id=location_id)


def part_stock(
    db: Database, user: SignedInUser, part_id: int, *, near_region_id: int | None = None
) -> tuple[StockRow, ...]:
    """A part's stock at every active location that holds or held it, nearest first."""
    require(user.role, Permission.WORK_TICKETS)
    with db.session() as session:
        return stock_rows(session, part_id=part_id, near_region_id=near_region_id)


def where_in_stock(
    db: Database,
    user: SignedInUser,
    part_id: int,
    *,
    near_region_id: int | None = None,
    exclude_location_id: int | None = None,
) -> tuple[StockRow, ...]:
    """The other locations with units available, nearest first (same region, the warehouse,
    the others), most available first among equals."""
    require(user.role, Permission.WORK_TICKETS)
    with db.session() as session:
        return stock_elsewhere(
            session,
            part_id,
            near_region_id=near_region_id,
            exclude_location_id=exclude_location_id,
        )


# --- the conditional updates (in the caller's transaction) -------------------------------


def _level(location_id: int, part_id: int) -> Any:
    return update(StockLevel).where(
        StockLevel.location_id == location_id, StockLevel.part_id == part_id
    )


def _changed(session: Session, statement: Any) -> bool:
    result = session.execute(statement.execution_options(synchronize_session=False))
    return bool(getattr(result, "rowcount", 0))


def add_on_hand(session: Session, location_id: int, part_id: int, quantity: int) -> None:
    """`quantity` more units on hand: one INSERT … ON CONFLICT DO UPDATE (both back ends have
    it), so the first receipt of a part at a location needs no read either."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        statement: Any = pg_insert(StockLevel)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        statement = sqlite_insert(StockLevel)
    statement = statement.values(
        location_id=location_id, part_id=part_id, on_hand=quantity, reserved=0
    )
    session.execute(
        statement.on_conflict_do_update(
            index_elements=[StockLevel.location_id, StockLevel.part_id],
            set_={"on_hand": StockLevel.on_hand + quantity},
        )
    )


def take_available(session: Session, location_id: int, part_id: int, quantity: int) -> bool:
    """Take `quantity` unreserved units off hand; False (nothing changed) if not available."""
    return _changed(
        session,
        _level(location_id, part_id)
        .where(StockLevel.on_hand - StockLevel.reserved >= quantity)
        .values(on_hand=StockLevel.on_hand - quantity),
    )


def reserve_units(session: Session, location_id: int, part_id: int, quantity: int) -> bool:
    """Set `quantity` available units aside; False (nothing changed) if not available."""
    return _changed(
        session,
        _level(location_id, part_id)
        .where(StockLevel.on_hand - StockLevel.reserved >= quantity)
        .values(reserved=StockLevel.reserved + quantity),
    )


def release_units(session: Session, location_id: int, part_id: int, quantity: int) -> bool:
    """Put reserved units back to available; False if fewer are reserved (a bug)."""
    return _changed(
        session,
        _level(location_id, part_id)
        .where(StockLevel.reserved >= quantity)
        .values(reserved=StockLevel.reserved - quantity),
    )


def consume_reserved(session: Session, location_id: int, part_id: int, quantity: int) -> bool:
    """Reserved units leave the stock (fitted): on hand and reserved both go down."""
    return _changed(
        session,
        _level(location_id, part_id)
        .where(StockLevel.reserved >= quantity)
        .values(on_hand=StockLevel.on_hand - quantity, reserved=StockLevel.reserved - quantity),
    )


def lock_location(session: Session, location_id: int) -> None:
    """SQLite: take the write lock before reading what the write will check (a no-op UPDATE
    of the location). PostgreSQL needs none: the conditional UPDATEs lock their rows."""
    if session.get_bind().dialect.name == "sqlite":
        _changed(
            session,
            update(StockLocation)
            .where(StockLocation.id == location_id)
            .values(active=StockLocation.active),
        )


def level_of(session: Session, location_id: int, part_id: int) -> StockRow:
    """The stock row of one part at one location (zeros if it never held it)."""
    found = stock_rows(session, location_id=location_id, part_id=part_id)
    if found:
        return found[0]
    location = session.get(StockLocation, location_id)
    part = session.get(Part, part_id)
    if location is None or part is None:
        raise RecordNotFound("stock_level", location_id)
    return StockRow(
        location.id,
        location.code,
        location.name,
        location.kind,
        location.region_id,
        part.id,
        part.code,
        part.name_en,
        part.name_zh,
        0,
        0,
        0,
    )


def log_stock(
    session: Session, user_id: int | None, location_id: int, part_id: int, action: str
) -> None:
    """The change-log row for a stock level (what it holds now)."""
    on_hand, reserved = session.execute(
        select(StockLevel.on_hand, StockLevel.reserved).where(
            StockLevel.location_id == location_id, StockLevel.part_id == part_id
        )
    ).one()
    record_change(
        session,
        "stock",
        location_id,
        action,
        user_id,
        {"part_id": part_id, "location_id": location_id, "on_hand": on_hand, "reserved": reserved},
    )


# --- an administrator's movements --------------------------------------------------------


def _check_quantity(errors: list[FieldError], field: str, quantity: int) -> None:
    if not 1 <= quantity <= MAX_QUANTITY:
        errors.append(FieldError(field, "out_of_range", {"min": "1", "max": str(MAX_QUANTITY)}))


def _check_reason(errors: list[FieldError], reason: str, required: bool) -> str:
    reason = reason.strip()
    if required and not reason:
        errors.append(FieldError("reason", "required"))
    elif len(reason) > MAX_REASON:
        errors.append(FieldError("reason", "too_long", {"max": str(MAX_REASON)}))
    return reason


def _check_location(
    session: Session, errors: list[FieldError], field: str, location_id: int
) -> None:
    location = session.get(StockLocation, location_id)
    if location is None:
        errors.append(FieldError(field, "unknown"))
    elif not location.active:
        errors.append(FieldError(field, "closed"))


def _check_part(session: Session, errors: list[FieldError], part_id: int) -> None:
    if session.get(Part, part_id) is None:
        errors.append(FieldError("part_id", "unknown"))


def _audit(
    session: Session,
    user: SignedInUser,
    location_id: int,
    action: str,
    now: datetime,
    details: dict[str, Any],
) -> None:
    session.add(
        AuditRecord(
            at=now,
            user_id=user.id,
            entity="stock",
            entity_id=location_id,
            action=action,
            details=details,
        )
    )


def receive(
    db: Database,
    user: SignedInUser,
    location_id: int,
    part_id: int,
    quantity: int,
    reason: str = "",
    now: datetime | None = None,
) -> StockRow:
    """Units arrive at a location (a delivery, a repaired part back on the shelf)."""
    require(user.role, Permission.ADMINISTER)
    now = now or datetime.now(UTC)
    errors: list[FieldError] = []
    _check_quantity(errors, "quantity", quantity)
    reason = _check_reason(errors, reason, required=False)
    with db.session() as session:
        lock_location(session, location_id)
        _check_location(session, errors, "location_id", location_id)
        _check_part(session, errors, part_id)
        if errors:
            raise EditRejected(errors)
        add_on_hand(session, location_id, part_id, quantity)
        _audit(
            session,
            user,
            location_id,
            "receive",
            now,
            {"part_id": part_id, "quantity": quantity, "reason": reason},
        )
        log_stock(session, user.id, location_id, part_id, "receive")
        result = level_of(session, location_id, part_id)
        session.commit()
    return result


def adjust(
    db: Database,
    user: SignedInUser,
    location_id: int,
    part_id: int,
    delta: int,
    reason: str,
    now: datetime | None = None,
) -> StockRow:
    """Correct what is on hand by `delta` (a count, a damaged unit), with its reason.

    Never below what is reserved: StockShortage says how many could go.
    """
    require(user.role, Permission.ADMINISTER)
    now = now or datetime.now(UTC)
    errors: list[FieldError] = []
    if delta == 0:
        errors.append(FieldError("delta", "required"))
    elif abs(delta) > MAX_QUANTITY:
        limits = {"min": str(-MAX_QUANTITY), "max": str(MAX_QUANTITY)}
        errors.append(FieldError("delta", "out_of_range", limits))
    reason = _check_reason(errors, reason, required=True)
    with db.session() as session:
        lock_location(session, location_id)
        _check_location(session, errors, "location_id", location_id)
        _check_part(session, errors, part_id)
        if errors:
            raise EditRejected(errors)
        if delta > 0:
            add_on_hand(session, location_id, part_id, delta)
        elif not take_available(session, location_id, part_id, -delta):
            available = available_at(session, location_id, part_id)
            raise StockShortage(part_id, location_id, -delta, available, field="delta")
        _audit(
            session,
            user,
            location_id,
            "adjust",
            now,
            {"part_id": part_id, "delta": delta, "reason": reason},
        )
        log_stock(session, user.id, location_id, part_id, "adjust")
        result = level_of(session, location_id, part_id)
        session.commit()
    return result


def transfer(
    db: Database,
    user: SignedInUser,
    from_location_id: int,
    to_location_id: int,
    part_id: int,
    quantity: int,
    reason: str = "",
    now: datetime | None = None,
) -> tuple[StockRow, StockRow]:
    """Move available units from one location to another (both levels after the move).

    Only unreserved units move: StockShortage (with where else) when too few are free.
    """
    require(user.role, Permission.ADMINISTER)
    now = now or datetime.now(UTC)
    errors: list[FieldError] = []
    _check_quantity(errors, "quantity", quantity)
    reason = _check_reason(errors, reason, required=False)
    if from_location_id == to_location_id:
        errors.append(FieldError("to_location_id", "same_location"))
    with db.session() as session:
        lock_location(session, from_location_id)
        _check_location(session, errors, "location_id", from_location_id)
        _check_location(session, errors, "to_location_id", to_location_id)
        _check_part(session, errors, part_id)
        if errors:
            raise EditRejected(errors)
        if not take_available(session, from_location_id, part_id, quantity):
            raise StockShortage(
                part_id,
                from_location_id,
                quantity,
                available_at(session, from_location_id, part_id),
                stock_elsewhere(
                    session, part_id, near_region_id=None, exclude_location_id=from_location_id
                ),
            )
        add_on_hand(session, to_location_id, part_id, quantity)
        moved = {
            "part_id": part_id,
            "quantity": quantity,
            "from_location_id": from_location_id,
            "to_location_id": to_location_id,
            "reason": reason,
        }
        _audit(session, user, from_location_id, "transfer_out", now, moved)
        _audit(session, user, to_location_id, "transfer_in", now, moved)
        log_stock(session, user.id, from_location_id, part_id, "transfer")
        log_stock(session, user.id, to_location_id, part_id, "transfer")
        result = (
            level_of(session, from_location_id, part_id),
            level_of(session, to_location_id, part_id),
        )
        session.commit()
    return result
