"""The choices forms offer: regions, product models, symptoms and error codes, wrap-up codes.

Small reference lists, read once per form and handed back as plain values; a form
shows `name_zh` or `name_en` by the desk's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import ErrorCode, ProductModel, Queue, Region, SymptomCategory, WrapUpCode
from workstation.services.reference import product_kinds


@dataclass(frozen=True)
class RegionOption:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class QueueOption:
    id: int
    code: str
    name: str
    level: int
    region_id: int | None


@dataclass(frozen=True)
class ProductModelOption:
    """A product model with its kind (laser_printer, server, …) in both languages."""

    id: int
    code: str
    name: str
    kind: str
    kind_en: str
    kind_zh: str
    warranty_months: int


@dataclass(frozen=True)
class SymptomOption:
    id: int
    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class CodeOption:
    """A code a form offers with its words (an error code's may be empty)."""

    code: str
    name_en: str
    name_zh: str


def regions(db: Database) -> tuple[RegionOption, ...]:
    with db.session() as session:
        return region_options(session)


def region_options(session: Session) -> tuple[RegionOption, ...]:
    """Every region, in the caller's session (screens that read several lists at once)."""
    rows = session.execute(select(Region.id, Region.code, Region.name).order_by(Region.code))
    return tuple(RegionOption(*row) for row in rows)


def queue_options(session: Session) -> tuple[QueueOption, ...]:
    """Every queue, first line before second, in the caller's session."""
    rows = session.execute(
        select(Queue.id, Queue.code, Queue.name, Queue.level, Queue.region_id).order_by(
            Queue.level, Queue.code
        )
    )
    return tuple(QueueOption(*row) for row in rows)


def product_models(db: Database) -> tuple[ProductModelOption, ...]:
    """Every model, grouped by kind, by code within a kind."""
    kind_names = {k.code: (k.name_en, k.name_zh) for k in product_kinds()}
    with db.session() as session:
        rows = session.execute(
            select(
                ProductModel.id,
                ProductModel.code,
                ProductModel.name,
                ProductModel.category,
                ProductModel.warranty_months,
            ).order_by(ProductModel.category, ProductModel.code)
        )
        return tuple(
            ProductModelOption(
                id=row.id,
                code=row.code,
                name=row.name,
                kind=row.category,
                kind_en=kind_names.get(row.category, (row.category, row.category))[0],
                kind_zh=kind_names.get(row.category, (row.category, row.category))[1],
                warranty_months=row.warranty_months,
            )
            for row in rows
        )


def symptom_categories(db: Database, product_model_id: int) -> tuple[SymptomOption, ...]:
    """The symptom taxonomy of the model's product kind (what the fault form offers)."""
    with db.session() as session:
        kind = session.scalar(
            select(ProductModel.category).where(ProductModel.id == product_model_id)
        )
        if kind is None:
            return ()
        rows = session.execute(
            select(
                SymptomCategory.id,
                SymptomCategory.code,
                SymptomCategory.name_en,
                SymptomCategory.name_zh,
            )
            .where(SymptomCategory.product_category == kind)
            .order_by(SymptomCategory.id)
        )
        return tuple(SymptomOption(*row) for row in rows)


def error_codes(db: Database, kind: str) -> tuple[CodeOption, ...]:
    """The active device error codes of a product kind (what the fault form completes)."""
    with db.session() as session:
        rows = session.execute(
            select(ErrorCode.code, ErrorCode.name_en, ErrorCode.name_zh)
            .where(ErrorCode.product_category == kind, ErrorCode.active.is_(True))
            .order_by(ErrorCode.code)
        )
        return tuple(CodeOption(*row) for row in rows)


def wrap_up_codes(db: Database) -> tuple[CodeOption, ...]:
    """The active wrap-up codes in the order the wrap-up dialog offers them."""
    with db.session() as session:
        rows = session.execute(
            select(WrapUpCode.code, WrapUpCode.name_en, WrapUpCode.name_zh)
            .where(WrapUpCode.active.is_(True))
            .order_by(WrapUpCode.sort_order, WrapUpCode.id)
        )
        return tuple(CodeOption(*row) for row in rows)
