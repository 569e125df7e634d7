"""The parts of a visit: reserved from a location before it, consumed or returned after it.

A reservation is one conditional UPDATE of the stock level (`reserved = reserved + q WHERE
on_hand - reserved >= q`): when two desks want the last unit at once, one UPDATE changes the
row and the other finds the condition false, and that desk is told where else the part is in
stock (StockShortage). Each line of visit_parts is the ledger: who reserved what from where,
and who settled it (consumed with the serials of the removed and fitted unit, or returned).

The service sheet consumes inside its own transaction (`consume_in_session`): the parts used
leave the stock, the reserved ones not used go back, and it all commits, or rolls back, with
the sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workstation.changes import record_change
from workstation.db import Database
from workstation.models import Part, StockLocation, Visit, VisitPart, VisitPartStatus, VisitStatus
from workstation.outcomes import FieldError
from workstation.permissions import Permission, require, require_any
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected, RecordNotFound
from workstation.services.stock import (
    StockShortage,
    available_at,
    consume_reserved,
    log_stock,
    release_units,
    reserve_units,
    stock_elsewhere,
    take_available,
)
from workstation.services.visit_part_lines import (
    ConsumedPart,
    ReserveContext,
    VisitPartRow,
    consumed_parts,
    line_query,
    line_rows,
    parts_total,
    reserve_context,
    visit_part_rows,
    visit_parts,
    visit_region,
)

MAX_PER_LINE = 1000
MAX_SERIAL = 60
CLOSED_VISIT = (VisitStatus.CANCELLED, VisitStatus.COMPLETED)

__all__ = [
    "ConsumedPart",
    "PartUse",
    "ReserveContext",
    "StockShortage",
    "VisitPartRow",
    "consume_in_session",
    "consumed_parts",
    "parts_total",
    "release_visit_in_session",
    "reserve_context",
    "reserve_part",
    "return_part",
    "visit_part_rows",
    "visit_parts",
]


# --- what the service sheet sends --------------------------------------------------------


@dataclass(frozen=True)
class PartUse:
    """A part the engineer used, as the service sheet reports it.

    `visit_part_id` names the reserved line it came from (its location is the line's); None
    means taken without a reservation (from the engineer's van) at `location_id`. A
    serialised part is used one unit at a time with both serials.
    """

    visit_part_id: int | None
    part_id: int
    location_id: int
    quantity: int
    removed_serial: str = ""
    fitted_serial: str = ""


# --- writing -----------------------------------------------------------------------------


def _sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _locked_visit(session: Session, visit_id: int) -> Visit:
    """The visit, locked for this transaction (SQLite: the write lock first, by a no-op
    UPDATE, so nothing read below can be overtaken; PostgreSQL: FOR UPDATE)."""
    if _sqlite(session):
        session.execute(
            update(Visit)
            .where(Visit.id == visit_id)
            .values(version=Visit.version)
            .execution_options(synchronize_session=False)
        )
    visit = session.get(Visit, visit_id, with_for_update=not _sqlite(session))
    if visit is None:
        raise RecordNotFound("visit", visit_id)
    return visit


def _check_open(visit: Visit, closed: Sequence[str] = CLOSED_VISIT) -> None:
    if visit.status in closed:
        raise EditRejected([FieldError("visit_id", "visit_closed", {"status": visit.status})])


def reserve_part(
    db: Database,
    user: SignedInUser,
    visit_id: int,
    part_id: int,
    location_id: int,
    quantity: int,
    now: datetime | None = None,
) -> VisitPartRow:
    """Set `quantity` of a part aside at a location for the visit.

    Refusals: EditRejected (visit cancelled or completed: `visit_id`/"visit_closed"; a
    retired part; a closed location; a quantity out of range); StockShortage when the
    location has fewer available, with the other locations that have it, nearest first.
    """
    require(user.role, Permission.WORK_TICKETS)
    now = now or datetime.now(UTC)
    errors: list[FieldError] = []
    if not 1 <= quantity <= MAX_PER_LINE:
        errors.append(
            FieldError("quantity", "out_of_range", {"min": "1", "max": str(MAX_PER_LINE)})
        )
    with db.session() as session:
        visit = _locked_visit(session, visit_id)
        _check_open(visit)
        part = session.get(Part, part_id)
        if part is None:
            errors.append(FieldError("part_id", "unknown"))
        elif not part.active:
            errors.append(FieldError("part_id", "retired"))
        _check_location(session, errors, "location_id", location_id)
        if errors:
            raise EditRejected(errors)
        if not reserve_units(session, location_id, part_id, quantity):
            raise StockShortage(
                part_id,
                location_id,
                quantity,
                available_at(session, location_id, part_id),
                stock_elsewhere(
                    session,
                    part_id,
                    near_region_id=visit_region(session, visit),
                    exclude_location_id=location_id,
                ),
            )
        line = VisitPart(
            visit_id=visit_id,
            part_id=part_id,
            location_id=location_id,
            quantity=quantity,
            status=VisitPartStatus.RESERVED,
            removed_serial="",
            fitted_serial="",
            reserved_by_id=user.id,
            reserved_at=now,
        )
        session.add(line)
        session.flush()
        record_change(
            session,
            "visit_parts",
            visit_id,
            "reserve",
            user.id,
            {"visit_part_id": line.id, "part_id": part_id, "location_id": location_id},
        )
        log_stock(session, user.id, location_id, part_id, "reserve")
        row = line_rows(session, line_query().where(VisitPart.id == line.id))[0]
        session.commit()
    return row


def _check_location(
    session: Session, errors: list[FieldError], field: str, location_id: int
) -> None:
    location = session.get(StockLocation, location_id)
    if location is None:
        errors.append(FieldError(field, "unknown"))
    elif not location.active:
        errors.append(FieldError(field, "closed"))


def _settle(
    session: Session, line_id: int, status: str, user_id: int | None, now: datetime, **more: Any
) -> bool:
    """A reserved line becomes consumed or returned, unless another desk settled it first."""
    result = session.execute(
        update(VisitPart)
        .where(VisitPart.id == line_id, VisitPart.status == VisitPartStatus.RESERVED)
        .values(status=status, settled_by_id=user_id, settled_at=now, **more)
        .execution_options(synchronize_session=False)
    )
    return bool(getattr(result, "rowcount", 0))


def return_part(
    db: Database, user: SignedInUser, visit_part_id: int, now: datetime | None = None
) -> VisitPartRow:
    """Give a reserved line back to its location's available stock.

    Refused (EditRejected `status`/"not_reserved") when the line was already consumed or
    returned, by this desk or another.
    """
    require_any(user.role, Permission.WORK_TICKETS, Permission.RECORD_VISITS)
    now = now or datetime.now(UTC)
    with db.session() as session:
        if _sqlite(session):  # the write lock before the read (see _locked_visit)
            session.execute(
                update(VisitPart)
                .where(VisitPart.id == visit_part_id)
                .values(status=VisitPart.status)
                .execution_options(synchronize_session=False)
            )
        found = session.execute(
            select(
                VisitPart.visit_id,
                VisitPart.part_id,
                VisitPart.location_id,
                VisitPart.quantity,
                VisitPart.status,
            ).where(VisitPart.id == visit_part_id)
        ).first()
        if found is None:
            raise RecordNotFound("visit_part", visit_part_id)
        visit_id, part_id, location_id, quantity, status = found
        if not _settle(session, visit_part_id, VisitPartStatus.RETURNED, user.id, now):
            raise EditRejected([FieldError("status", "not_reserved", {"status": status})])
        if not release_units(session, location_id, part_id, quantity):
            raise RuntimeError(f"stock reserved at {location_id} is below line {visit_part_id}")
        record_change(
            session,
            "visit_parts",
            visit_id,
            "return",
            user.id,
            {"visit_part_id": visit_part_id, "part_id": part_id, "location_id": location_id},
        )
        log_stock(session, user.id, location_id, part_id, "return")
        row = line_rows(session, line_query().where(VisitPart.id == visit_part_id))[0]
        session.commit()
    return row


def release_visit_in_session(
    session: Session, user_id: int | None, visit_id: int, now: datetime
) -> int:
    """Return every reserved line of a visit (it is being cancelled), in the caller's
    transaction (the booking service's); how many lines went back. Like consume_in_session it
    locks the visit first (on SQLite: call it before the transaction reads)."""
    _locked_visit(session, visit_id)
    returned = []
    for line in _reserved_lines(session, visit_id):
        if not _settle(session, line.id, VisitPartStatus.RETURNED, user_id, now):
            continue  # settled meanwhile (cannot happen under the visit's lock)
        if not release_units(session, line.location_id, line.part_id, line.quantity):
            raise RuntimeError(f"stock reserved at {line.location_id} is below line {line.id}")
        log_stock(session, user_id, line.location_id, line.part_id, "return")
        returned.append(line.id)
    if returned:
        record_change(session, "visit_parts", visit_id, "return", user_id, {"lines": returned})
    return len(returned)


@dataclass(frozen=True)
class _Line:
    id: int
    part_id: int
    location_id: int
    quantity: int
    reserved_by_id: int | None
    reserved_at: datetime


def _reserved_lines(session: Session, visit_id: int) -> list[_Line]:
    query = select(
        VisitPart.id,
        VisitPart.part_id,
        VisitPart.location_id,
        VisitPart.quantity,
        VisitPart.reserved_by_id,
        VisitPart.reserved_at,
    ).where(VisitPart.visit_id == visit_id, VisitPart.status == VisitPartStatus.RESERVED)
    if not _sqlite(session):
        query = query.with_for_update()
    return [_Line(*values) for values in session.execute(query.order_by(VisitPart.id))]


def _validate_uses(
    session: Session, uses: Sequence[PartUse], lines: dict[int, _Line]
) -> list[FieldError]:
    part_ids = {use.part_id for use in uses}
    parts = {p.id: p for p in session.scalars(select(Part).where(Part.id.in_(part_ids)))}
    errors: list[FieldError] = []
    used: dict[int, int] = {}
    for index, use in enumerate(uses):
        field = f"uses.{index}."
        if not 1 <= use.quantity <= MAX_PER_LINE:
            errors.append(
                FieldError(f"{field}quantity", "out_of_range", {"min": "1", "max": "1000"})
            )
        part = parts.get(use.part_id)
        if part is None:
            errors.append(FieldError(f"{field}part_id", "unknown"))
        if use.visit_part_id is not None:
            line = lines.get(use.visit_part_id)
            if line is None:
                errors.append(FieldError(f"{field}visit_part_id", "not_reserved"))
            elif line.part_id != use.part_id:
                errors.append(FieldError(f"{field}part_id", "not_this_line"))
            else:
                used[line.id] = used.get(line.id, 0) + use.quantity
                if used[line.id] > line.quantity:
                    errors.append(
                        FieldError(
                            f"{field}quantity",
                            "more_than_reserved",
                            {"reserved": str(line.quantity)},
                        )
                    )
        else:
            _check_location(session, errors, f"{field}location_id", use.location_id)
        for name in ("removed_serial", "fitted_serial"):
            value = getattr(use, name).strip()
            if len(value) > MAX_SERIAL:
                errors.append(FieldError(f"{field}{name}", "too_long", {"max": str(MAX_SERIAL)}))
            elif part is not None and part.serialised and not value:
                errors.append(FieldError(f"{field}{name}", "required"))
        if part is not None and part.serialised and use.quantity != 1:
            errors.append(FieldError(f"{field}quantity", "one_per_serial"))
    return errors


def consume_in_session(
    session: Session,
    user_id: int | None,
    visit_id: int,
    uses: Sequence[PartUse],
    now: datetime,
) -> tuple[ConsumedPart, ...]:
    """The parts used at a visit leave the stock, in the caller's (the sheet's) transaction.

    A use of a reserved line consumes it (on hand and reserved both go down; a part of the
    line may be used, the rest goes back); a use without a line is taken from the available
    stock of its location (the engineer's van); reserved lines not used are returned.
    Nothing is committed here: the caller commits with its sheet, or rolls it all back.

    Refusals (raise before anything is written, except StockShortage, after which the caller
    must roll back): EditRejected with fields "uses.<i>.<name>" (a serialised part without
    both serials or with a quantity other than 1, a line not reserved for this visit, more
    than the line reserved, an unknown part or location) or "visit_id"/"visit_closed" for a
    cancelled visit; StockShortage (field "uses.<i>.quantity") when a part used without a
    reservation is not available there, with where else it is.
    Call it with the visit locked by the sheet, or first in the transaction (on SQLite it
    takes the write lock itself, which fails if the transaction has read before).
    """
    visit = _locked_visit(session, visit_id)
    _check_open(visit, (VisitStatus.CANCELLED,))
    lines = {line.id: line for line in _reserved_lines(session, visit_id)}
    errors = _validate_uses(session, uses, lines)
    if errors:
        raise EditRejected(errors)
    used: dict[int, int] = {}
    consumed_ids: list[int] = []
    touched: set[tuple[int, int]] = set()
    for index, use in enumerate(uses):
        serials = {
            "removed_serial": use.removed_serial.strip(),
            "fitted_serial": use.fitted_serial.strip(),
        }
        if use.visit_part_id is not None:
            line = lines[use.visit_part_id]
            if not consume_reserved(session, line.location_id, line.part_id, use.quantity):
                raise RuntimeError(f"stock reserved at {line.location_id} is below line {line.id}")
            touched.add((line.location_id, line.part_id))
            if line.id not in used:
                # The line itself records the first use; more uses of it get lines of their own.
                if not _settle(
                    session,
                    line.id,
                    VisitPartStatus.CONSUMED,
                    user_id,
                    now,
                    quantity=use.quantity,
                    **serials,
                ):
                    raise RuntimeError(f"line {line.id} was settled under the visit's lock")
                consumed_ids.append(line.id)
            else:
                consumed_ids.append(
                    _add_line(session, visit_id, line, use.quantity, user_id, now, serials)
                )
            used[line.id] = used.get(line.id, 0) + use.quantity
            continue
        if not take_available(session, use.location_id, use.part_id, use.quantity):
            raise StockShortage(
                use.part_id,
                use.location_id,
                use.quantity,
                available_at(session, use.location_id, use.part_id),
                stock_elsewhere(
                    session,
                    use.part_id,
                    near_region_id=visit_region(session, visit),
                    exclude_location_id=use.location_id,
                ),
                field=f"uses.{index}.quantity",
            )
        touched.add((use.location_id, use.part_id))
        direct = _Line(0, use.part_id, use.location_id, use.quantity, user_id, now)
        added = _add_line(session, visit_id, direct, use.quantity, user_id, now, serials)
        consumed_ids.append(added)
    returned_ids = _return_rest(session, visit_id, lines, used, user_id, now, touched)
    record_change(
        session,
        "visit_parts",
        visit_id,
        "consume",
        user_id,
        {"consumed": consumed_ids, "returned": returned_ids},
    )
    for location_id, part_id in sorted(touched):
        log_stock(session, user_id, location_id, part_id, "consume")
    session.flush()
    rows = line_rows(session, line_query().where(VisitPart.id.in_(consumed_ids)))
    return tuple(
        ConsumedPart(
            r.id,
            r.part_id,
            r.part_code,
            r.name_en,
            r.name_zh,
            r.location_id,
            r.quantity,
            r.removed_serial,
            r.fitted_serial,
            r.unit_price,
            r.line_total,
        )
        for r in rows
    )


def _add_line(
    session: Session,
    visit_id: int,
    line: _Line,
    quantity: int,
    user_id: int | None,
    now: datetime,
    serials: dict[str, str],
    status: str = VisitPartStatus.CONSUMED,
) -> int:
    row = VisitPart(
        visit_id=visit_id,
        part_id=line.part_id,
        location_id=line.location_id,
        quantity=quantity,
        status=status,
        reserved_by_id=line.reserved_by_id,
        reserved_at=line.reserved_at,
        settled_by_id=user_id,
        settled_at=now,
        **serials,
    )
    session.add(row)
    session.flush()
    return row.id


def _return_rest(
    session: Session,
    visit_id: int,
    lines: dict[int, _Line],
    used: dict[int, int],
    user_id: int | None,
    now: datetime,
    touched: set[tuple[int, int]],
) -> list[int]:
    """Reserved units not used go back: a line not used at all becomes returned; what is
    left of a line partly used gets a returned line of its own."""
    returned = []
    for line in lines.values():
        rest = line.quantity - used.get(line.id, 0)
        if rest <= 0:
            continue
        if not release_units(session, line.location_id, line.part_id, rest):
            raise RuntimeError(f"stock reserved at {line.location_id} is below line {line.id}")
        touched.add((line.location_id, line.part_id))
        if line.id not in used:
            _settle(session, line.id, VisitPartStatus.RETURNED, user_id, now)
            returned.append(line.id)
        else:
            serials = {"removed_serial": "", "fitted_serial": ""}
            returned.append(
                _add_line(
                    session, visit_id, line, rest, user_id, now, serials, VisitPartStatus.RETURNED
                )
            )
    return returned
