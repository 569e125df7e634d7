"""Administering the product catalogue: product models and the symptom categories per kind.

(The error and wrap-up codes shown beside them are kept by workstation/services/admin_codes.py.)

The fault form offers the symptoms of the model's product kind; an administrator adds
models and symptoms and corrects their names (both languages). Nothing is deleted here:
devices and tickets point at them. Every change is on the audit trail and in the change log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import ErrorCode, ProductModel, SymptomCategory, WrapUpCode
from workstation.outcomes import FieldError
from workstation.permissions import Permission, require
from workstation.services.admin_trail import save_admin_record
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected, RecordNotFound
from workstation.services.reference import product_kinds

CODE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-/ ]*$")
MAX_WARRANTY_MONTHS = 120


@dataclass(frozen=True)
class KindRow:
    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class ModelRow:
    id: int
    code: str
    name: str
    category: str
    warranty_months: int


@dataclass(frozen=True)
class SymptomRow:
    id: int
    product_category: str
    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class ModelInput:
    code: str
    name: str
    category: str
    warranty_months: int


@dataclass(frozen=True)
class SymptomInput:
    product_category: str
    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class ErrorCodeRow:
    """A device error code of a product kind; an inactive one is no longer suggested."""

    id: int
    product_category: str
    code: str
    name_en: str
    name_zh: str
    active: bool


@dataclass(frozen=True)
class WrapUpRow:
    """A way a call can end; an inactive one is no longer offered at wrap-up."""

    id: int
    code: str
    name_en: str
    name_zh: str
    active: bool
    sort_order: int


@dataclass(frozen=True)
class Catalog:
    kinds: tuple[KindRow, ...]
    models: tuple[ModelRow, ...]
    symptoms: tuple[SymptomRow, ...]
    error_codes: tuple[ErrorCodeRow, ...]
    wrap_up_codes: tuple[WrapUpRow, ...]


def _kinds() -> tuple[KindRow, ...]:
    return tuple(KindRow(k.code, k.name_en, k.name_zh) for k in product_kinds())


def read_catalog(session: Session) -> Catalog:
    """The whole catalogue as the Products & faults tab shows it, in the caller's session."""
    models = tuple(
        ModelRow(m.id, m.code, m.name, m.category, m.warranty_months)
        for m in session.scalars(
            select(ProductModel).order_by(ProductModel.category, ProductModel.code)
        )
    )
    symptoms = tuple(
        SymptomRow(s.id, s.product_category, s.code, s.name_en, s.name_zh)
        for s in session.scalars(
            select(SymptomCategory).order_by(SymptomCategory.product_category, SymptomCategory.id)
        )
    )
    error_codes = tuple(
        ErrorCodeRow(e.id, e.product_category, e.code, e.name_en, e.name_zh, e.active)
        for e in session.scalars(
            select(ErrorCode).order_by(ErrorCode.product_category, ErrorCode.code)
        )
    )
    wrap_up_codes = tuple(
        WrapUpRow(w.id, w.code, w.name_en, w.name_zh, w.active, w.sort_order)
        for w in session.scalars(select(WrapUpCode).order_by(WrapUpCode.sort_order, WrapUpCode.id))
    )
    return Catalog(_kinds(), models, symptoms, error_codes, wrap_up_codes)


def catalog(db: Database, user: SignedInUser) -> Catalog:
    require(user.role, Permission.ADMINISTER)
    with db.session() as session:
        return read_catalog(session)


def check_text(errors: list[FieldError], field: str, value: str, limit: int) -> None:
    """`value` is required and at most `limit` characters."""
    if not value:
        errors.append(FieldError(field, "required"))
    elif len(value) > limit:
        errors.append(FieldError(field, "too_long", {"max": str(limit)}))


def check_kind(errors: list[FieldError], field: str, kind: str) -> None:
    """`kind` is a product kind of the catalogue."""
    if kind not in {k.code for k in product_kinds()}:
        errors.append(FieldError(field, "unknown"))


def save_model(
    db: Database, user: SignedInUser, model_id: int | None, values: ModelInput
) -> Catalog:
    """Create (model_id None) or change a product model."""
    require(user.role, Permission.ADMINISTER)
    code, name = values.code.strip(), values.name.strip()
    new: dict[str, Any] = {
        "code": code,
        "name": name,
        "category": values.category,
        "warranty_months": values.warranty_months,
    }
    errors: list[FieldError] = []
    check_text(errors, "code", code, 40)
    if code and not CODE_PATTERN.match(code):
        errors.append(FieldError("code", "invalid_code"))
    check_text(errors, "name", name, 200)
    check_kind(errors, "category", values.category)
    if not 0 <= values.warranty_months <= MAX_WARRANTY_MONTHS:
        errors.append(
            FieldError(
                "warranty_months", "out_of_range", {"min": "0", "max": str(MAX_WARRANTY_MONTHS)}
            )
        )
    with db.session() as session:
        model = None
        if model_id is not None:
            model = session.get(ProductModel, model_id)
            if model is None:
                raise RecordNotFound("product_model", model_id)
        same = session.scalar(select(ProductModel.id).where(ProductModel.code == new["code"]))
        if same is not None and same != model_id:
            errors.append(FieldError("code", "taken"))
        if errors:
            raise EditRejected(errors)
        save_admin_record(session, user, "product_model", model or ProductModel(**new), new)
        result = read_catalog(session)
        session.commit()
    return result


def save_symptom(
    db: Database, user: SignedInUser, symptom_id: int | None, values: SymptomInput
) -> Catalog:
    """Create (symptom_id None) or rename a symptom category of a product kind."""
    require(user.role, Permission.ADMINISTER)
    new = {
        "product_category": values.product_category,
        "code": values.code.strip().lower(),
        "name_en": values.name_en.strip(),
        "name_zh": values.name_zh.strip(),
    }
    errors: list[FieldError] = []
    check_kind(errors, "product_category", values.product_category)
    check_text(errors, "code", new["code"], 40)
    if new["code"] and not CODE_PATTERN.match(new["code"]):
        errors.append(FieldError("code", "invalid_code"))
    check_text(errors, "name_en", new["name_en"], 100)
    check_text(errors, "name_zh", new["name_zh"], 100)
    with db.session() as session:
        symptom = None
        if symptom_id is not None:
            symptom = session.get(SymptomCategory, symptom_id)
            if symptom is None:
                raise RecordNotFound("symptom_category", symptom_id)
        same = session.scalar(
            select(SymptomCategory.id).where(
                SymptomCategory.product_category == new["product_category"],
                SymptomCategory.code == new["code"],
            )
        )
        if same is not None and same != symptom_id:
            errors.append(FieldError("code", "taken"))
        if errors:
            raise EditRejected(errors)
        row = symptom or SymptomCategory(**new)
        save_admin_record(session, user, "symptom_category", row, new)
        result = read_catalog(session)
        session.commit()
    return result
