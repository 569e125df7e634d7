"""The spare parts catalogue and the places stock is kept.

Parts are searched by anyone working tickets (a desk reserving for a visit); only an
administrator creates, changes or retires a part and its product models, or a stock location
(the central warehouse, a region's store, an engineer's van). Nothing is deleted: visits keep
the parts they used, so a part is retired and a location closed instead. Every change is on
the audit trail and in the change log (workstation/services/admin_trail.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session, aliased

from workstation.db import Database
from workstation.models import (
    LocationKind,
    Part,
    ProductModel,
    Region,
    Role,
    StockLevel,
    StockLocation,
    User,
    part_models,
)
from workstation.outcomes import FieldError
from workstation.permissions import Permission, require
from workstation.services.admin_trail import record_admin_change, save_admin_record
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected, RecordNotFound, diff

CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9_-]*$")  # upper-cased before the check
MAX_PRICE = Decimal("9999999999.99")
SEARCH_LIMIT = 200
LOCATION_KINDS = (LocationKind.WAREHOUSE, LocationKind.REGIONAL, LocationKind.VAN)


# --- rows the screens get ----------------------------------------------------------------


@dataclass(frozen=True)
class PartRow:
    """A part of the catalogue; the screen shows `name_zh` or `name_en` by the desk's language.

    `fits` says the part fits the product model the search was asked about.
    """

    id: int
    code: str
    name_en: str
    name_zh: str
    unit_price: Decimal
    serialised: bool
    active: bool
    model_ids: tuple[int, ...]
    fits: bool = False

    def name(self, chinese: bool) -> str:
        return (self.name_zh if chinese else self.name_en) or self.name_en or self.name_zh


@dataclass(frozen=True)
class PartInput:
    """A part as the form sends it: `unit_price` as typed (a decimal string) or a Decimal."""

    code: str
    name_en: str
    name_zh: str
    unit_price: Decimal | str
    serialised: bool
    model_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class LocationRow:
    """A stock location; `region_id` of a van is its engineer's region when not its own."""

    id: int
    code: str
    name: str
    kind: str
    region_id: int | None
    region_name: str
    engineer_id: int | None
    engineer_name: str
    active: bool


@dataclass(frozen=True)
class LocationInput:
    """A location as the form sends it: a regional store names its region, a van its engineer."""

    code: str
    name: str
    kind: str
    region_id: int | None = None
    engineer_id: int | None = None


@dataclass(frozen=True)
class Choice:
    """Something a form offers in a list: a product model, a region, an engineer."""

    id: int
    code: str
    name: str


@dataclass(frozen=True)
class PartsSetup:
    """What the administration tab shows: the catalogue, the locations, and their choices."""

    parts: tuple[PartRow, ...]
    locations: tuple[LocationRow, ...]
    models: tuple[Choice, ...]
    regions: tuple[Choice, ...]
    engineers: tuple[Choice, ...]


# --- reading -----------------------------------------------------------------------------


def _models_of(session: Session, part_ids: Iterable[int]) -> dict[int, tuple[int, ...]]:
    ids = list(part_ids)
    found: dict[int, list[int]] = {part_id: [] for part_id in ids}
    if ids:
        for part_id, model_id in session.execute(
            select(part_models.c.part_id, part_models.c.product_model_id)
            .where(part_models.c.part_id.in_(ids))
            .order_by(part_models.c.product_model_id)
        ):
            found[part_id].append(model_id)
    return {part_id: tuple(models) for part_id, models in found.items()}


def part_rows(
    session: Session, parts: Sequence[Part], fits_model_id: int | None = None
) -> tuple[PartRow, ...]:
    """Rows of `parts` (in their order), with their models, in the caller's session."""
    models = _models_of(session, (p.id for p in parts))
    return tuple(
        PartRow(
            id=p.id,
            code=p.code,
            name_en=p.name_en,
            name_zh=p.name_zh,
            unit_price=Decimal(p.unit_price),
            serialised=p.serialised,
            active=p.active,
            model_ids=models[p.id],
            fits=fits_model_id is not None and fits_model_id in models[p.id],
        )
        for p in parts
    )


def search_parts(
    db: Database,
    user: SignedInUser,
    text: str = "",
    *,
    fits_model_id: int | None = None,
    include_retired: bool = False,
    limit: int = SEARCH_LIMIT,
) -> tuple[PartRow, ...]:
    """Parts whose code starts with `text` or whose name (either language) contains it.

    With `fits_model_id` the parts fitting that product model come first (marked `fits`).
    """
    require(user.role, Permission.WORK_TICKETS)
    text = text.strip()
    with db.session() as session:
        query = select(Part)
        if not include_retired:
            query = query.where(Part.active.is_(True))
        if text:
            pattern = f"%{_escape_like(text.lower())}%"
            query = query.where(
                or_(
                    func.lower(Part.code).like(f"{_escape_like(text.lower())}%", escape="\\"),
                    func.lower(Part.name_en).like(pattern, escape="\\"),
                    Part.name_zh.like(f"%{_escape_like(text)}%", escape="\\"),
                )
            )
        order: list[Any] = [Part.code]
        if fits_model_id is not None:
            fits = (
                select(part_models.c.part_id)
                .where(part_models.c.product_model_id == fits_model_id)
                .scalar_subquery()
            )
            order.insert(0, Part.id.not_in(fits))
        parts = session.scalars(query.order_by(*order).limit(limit)).all()
        return part_rows(session, parts, fits_model_id)


def parts_for_model(
    db: Database, user: SignedInUser, product_model_id: int, *, include_retired: bool = False
) -> tuple[PartRow, ...]:
    """The parts that fit a product model, by code."""
    require(user.role, Permission.WORK_TICKETS)
    with db.session() as session:
        query = (
            select(Part)
            .join(part_models, part_models.c.part_id == Part.id)
            .where(part_models.c.product_model_id == product_model_id)
        )
        if not include_retired:
            query = query.where(Part.active.is_(True))
        parts = session.scalars(query.order_by(Part.code)).all()
        return part_rows(session, parts, product_model_id)


def get_part(db: Database, user: SignedInUser, part_id: int) -> PartRow:
    require(user.role, Permission.WORK_TICKETS)
    with db.session() as session:
        part = session.get(Part, part_id)
        if part is None:
            raise RecordNotFound("part", part_id)
        return part_rows(session, [part])[0]


def location_rows(session: Session, only_active: bool = False) -> tuple[LocationRow, ...]:
    """Every stock location: the warehouse first, then regional stores, then vans; by code."""
    engineer = aliased(User)
    region_id = func.coalesce(StockLocation.region_id, engineer.region_id)
    query = (
        select(
            StockLocation,
            region_id,
            func.coalesce(Region.name, ""),
            func.coalesce(engineer.display_name, ""),
        )
        .outerjoin(engineer, engineer.id == StockLocation.engineer_id)
        .outerjoin(Region, Region.id == region_id)
    )
    if only_active:
        query = query.where(StockLocation.active.is_(True))
    rank = {str(kind): number for number, kind in enumerate(LOCATION_KINDS)}
    rows = [
        LocationRow(
            id=loc.id,
            code=loc.code,
            name=loc.name,
            kind=loc.kind,
            region_id=region,
            region_name=region_name,
            engineer_id=loc.engineer_id,
            engineer_name=engineer_name,
            active=loc.active,
        )
        for loc, region, region_name, engineer_name in session.execute(query)
    ]
    rows.sort(key=lambda r: (rank.get(r.kind, 9), r.code))
    return tuple(rows)


def list_locations(
    db: Database, user: SignedInUser, *, only_active: bool = True
) -> tuple[LocationRow, ...]:
    require(user.role, Permission.WORK_TICKETS)
    with db.session() as session:
        return location_rows(session, only_active)


def _setup(session: Session) -> PartsSetup:
    parts = session.scalars(select(Part).order_by(Part.code)).all()
    models = tuple(
        Choice(m.id, m.code, m.name)
        for m in session.scalars(select(ProductModel).order_by(ProductModel.code))
    )
    regions = tuple(
        Choice(r.id, r.code, r.name) for r in session.scalars(select(Region).order_by(Region.code))
    )
    engineers = tuple(
        Choice(u.id, u.username, u.display_name)
        for u in session.scalars(
            select(User)
            .where(User.role == Role.ENGINEER, User.active.is_(True))
            .order_by(User.display_name)
        )
    )
    return PartsSetup(part_rows(session, parts), location_rows(session), models, regions, engineers)


def parts_setup(db: Database, user: SignedInUser) -> PartsSetup:
    """Everything the Parts and stock tab of the administration shows."""
    require(user.role, Permission.ADMINISTER)
    with db.session() as session:
        return _setup(session)


# --- parts -------------------------------------------------------------------------------


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _check_text(errors: list[FieldError], field: str, value: str, limit: int) -> None:
    if not value:
        errors.append(FieldError(field, "required"))
    elif len(value) > limit:
        errors.append(FieldError(field, "too_long", {"max": str(limit)}))


def _price(errors: list[FieldError], typed: Decimal | str) -> Decimal:
    try:
        value = typed if isinstance(typed, Decimal) else Decimal(str(typed).strip() or "0")
    except InvalidOperation:
        errors.append(FieldError("unit_price", "not_a_number"))
        return Decimal("0")
    if not value.is_finite() or value < 0 or value > MAX_PRICE:
        errors.append(FieldError("unit_price", "out_of_range", {"min": "0", "max": str(MAX_PRICE)}))
        return Decimal("0")
    if value != value.quantize(Decimal("0.01")):
        errors.append(FieldError("unit_price", "too_precise", {"decimals": "2"}))
    return value.quantize(Decimal("0.01"))


def save_part(
    db: Database, user: SignedInUser, part_id: int | None, values: PartInput
) -> PartsSetup:
    """Create (part_id None) or change a part, with the product models it fits."""
    require(user.role, Permission.ADMINISTER)
    errors: list[FieldError] = []
    code = values.code.strip().upper()
    new: dict[str, Any] = {
        "code": code,
        "name_en": values.name_en.strip(),
        "name_zh": values.name_zh.strip(),
        "unit_price": _price(errors, values.unit_price),
        "serialised": bool(values.serialised),
    }
    _check_text(errors, "code", code, 40)
    if code and len(code) <= 40 and not CODE_PATTERN.match(code):
        errors.append(FieldError("code", "invalid_code"))
    _check_text(errors, "name_en", new["name_en"], 200)
    _check_text(errors, "name_zh", new["name_zh"], 200)
    model_ids = tuple(sorted(set(values.model_ids)))
    with db.session() as session:
        part = None
        if part_id is not None:
            part = session.get(Part, part_id)
            if part is None:
                raise RecordNotFound("part", part_id)
        same = session.scalar(select(Part.id).where(Part.code == code))
        if same is not None and same != part_id:
            errors.append(FieldError("code", "taken"))
        if model_ids:
            known = set(
                session.scalars(select(ProductModel.id).where(ProductModel.id.in_(model_ids)))
            )
            if known != set(model_ids):
                errors.append(FieldError("model_ids", "unknown"))
        if errors:
            raise EditRejected(errors)
        if part is None:
            part = Part(**new, active=True)
            session.add(part)
            session.flush()
            _set_models(session, part.id, model_ids)
            details = {**new, "unit_price": str(new["unit_price"]), "model_ids": list(model_ids)}
            record_admin_change(session, user, "part", part.id, "create", details)
        else:
            old = {key: getattr(part, key) for key in new}
            changes = diff(old, new)
            old_models = _models_of(session, [part.id])[part.id]
            if old_models != model_ids:
                changes["model_ids"] = [list(old_models), list(model_ids)]
                _set_models(session, part.id, model_ids)
            if changes:
                for key, value in new.items():
                    setattr(part, key, value)
                if "unit_price" in changes:
                    changes["unit_price"] = [str(v) for v in changes["unit_price"]]
                record_admin_change(session, user, "part", part.id, "update", changes)
        result = _setup(session)
        session.commit()
    return result


def _set_models(session: Session, part_id: int, model_ids: Sequence[int]) -> None:
    session.execute(delete(part_models).where(part_models.c.part_id == part_id))
    if model_ids:
        session.execute(
            insert(part_models),
            [{"part_id": part_id, "product_model_id": m} for m in model_ids],
        )


def set_part_active(db: Database, user: SignedInUser, part_id: int, active: bool) -> PartsSetup:
    """Retire a part (no longer offered for reservation; its history stays) or take it back."""
    require(user.role, Permission.ADMINISTER)
    with db.session() as session:
        part = session.get(Part, part_id)
        if part is None:
            raise RecordNotFound("part", part_id)
        if part.active != active:
            part.active = active
            action = "reinstate" if active else "retire"
            record_admin_change(session, user, "part", part.id, action, {"code": part.code})
        result = _setup(session)
        session.commit()
    return result


# --- stock locations ---------------------------------------------------------------------


def save_location(
    db: Database, user: SignedInUser, location_id: int | None, values: LocationInput
) -> PartsSetup:
    """Create (location_id None) or change a stock location.

    The warehouse belongs to no region; a regional store names its region; a van names its
    engineer (one van each) and belongs to the engineer's region.
    """
    require(user.role, Permission.ADMINISTER)
    code, name = values.code.strip().upper(), values.name.strip()
    errors: list[FieldError] = []
    _check_text(errors, "code", code, 30)
    if code and len(code) <= 30 and not CODE_PATTERN.match(code):
        errors.append(FieldError("code", "invalid_code"))
    _check_text(errors, "name", name, 100)
    if values.kind not in LOCATION_KINDS:
        errors.append(FieldError("kind", "unknown"))
    region_id = values.region_id if values.kind == LocationKind.REGIONAL else None
    engineer_id = values.engineer_id if values.kind == LocationKind.VAN else None
    with db.session() as session:
        location = None
        if location_id is not None:
            location = session.get(StockLocation, location_id)
            if location is None:
                raise RecordNotFound("stock_location", location_id)
        same = session.scalar(select(StockLocation.id).where(StockLocation.code == code))
        if same is not None and same != location_id:
            errors.append(FieldError("code", "taken"))
        if values.kind == LocationKind.REGIONAL:
            if region_id is None:
                errors.append(FieldError("region_id", "required"))
            elif session.get(Region, region_id) is None:
                errors.append(FieldError("region_id", "unknown"))
        if values.kind == LocationKind.VAN:
            _check_engineer(session, errors, engineer_id, location_id)
        if errors:
            raise EditRejected(errors)
        new: dict[str, Any] = {
            "code": code,
            "name": name,
            "kind": values.kind,
            "region_id": region_id,
            "engineer_id": engineer_id,
        }
        save_admin_record(
            session, user, "stock_location", location or StockLocation(**new, active=True), new
        )
        result = _setup(session)
        session.commit()
    return result


def _check_engineer(
    session: Session, errors: list[FieldError], engineer_id: int | None, location_id: int | None
) -> None:
    if engineer_id is None:
        errors.append(FieldError("engineer_id", "required"))
        return
    engineer = session.get(User, engineer_id)
    if engineer is None or engineer.role != Role.ENGINEER or not engineer.active:
        errors.append(FieldError("engineer_id", "unknown"))
        return
    van = session.scalar(select(StockLocation.id).where(StockLocation.engineer_id == engineer_id))
    if van is not None and van != location_id:
        errors.append(FieldError("engineer_id", "taken"))


def set_location_active(
    db: Database, user: SignedInUser, location_id: int, active: bool
) -> PartsSetup:
    """Close a location (it must hold nothing) or open it again."""
    require(user.role, Permission.ADMINISTER)
    with db.session() as session:
        location = session.get(StockLocation, location_id)
        if location is None:
            raise RecordNotFound("stock_location", location_id)
        if not active:
            held = session.scalar(
                select(func.coalesce(func.sum(StockLevel.on_hand), 0)).where(
                    StockLevel.location_id == location_id
                )
            )
            if held:
                raise EditRejected([FieldError("active", "holds_stock", {"on_hand": str(held)})])
        if location.active != active:
            location.active = active
            action = "reopen" if active else "close"
            record_admin_change(
                session, user, "stock_location", location.id, action, {"code": location.code}
            )
        result = _setup(session)
        session.commit()
    return result
