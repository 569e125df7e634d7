"""Administering the codes a desk offers: device error codes per product kind, wrap-up codes.

The fault form suggests the active error codes of the device's kind; the wrap-up dialog
offers the active wrap-up codes. An administrator adds them, corrects them and retires them;
nothing is deleted, because tickets and calls keep the code they were saved with. Every
change is on the audit trail and in the change log, and each call answers with the whole
catalogue the Products & faults tab shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import ErrorCode, WrapUpCode
from workstation.outcomes import FieldError
from workstation.permissions import Permission, require
from workstation.services.admin_catalog import (
    CODE_PATTERN,
    Catalog,
    check_kind,
    check_text,
    read_catalog,
)
from workstation.services.admin_trail import record_admin_change, save_admin_record
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected, RecordNotFound
from workstation.services.history import FOLLOW_UP_WRAP_UP

MAX_ERROR_CODE = 40  # tickets.error_code
MAX_WRAP_UP_CODE = 30  # calls.wrap_up_code
MAX_NAME = 100
# A wrap-up code is a stored key (reports count by it): lower-case, like the shipped ones.
_WRAP_UP_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class ErrorCodeInput:
    product_category: str
    code: str
    name_en: str = ""
    name_zh: str = ""


@dataclass(frozen=True)
class WrapUpInput:
    code: str
    name_en: str
    name_zh: str


def _optional_name(errors: list[FieldError], field: str, value: str) -> None:
    if len(value) > MAX_NAME:
        errors.append(FieldError(field, "too_long", {"max": str(MAX_NAME)}))


def _error_code_values(values: ErrorCodeInput) -> tuple[dict[str, Any], list[FieldError]]:
    new: dict[str, Any] = {
        "product_category": values.product_category,
        "code": values.code.strip(),
        "name_en": values.name_en.strip(),
        "name_zh": values.name_zh.strip(),
    }
    errors: list[FieldError] = []
    check_kind(errors, "product_category", new["product_category"])
    check_text(errors, "code", new["code"], MAX_ERROR_CODE)
    if new["code"] and not CODE_PATTERN.match(new["code"]):
        errors.append(FieldError("code", "invalid_code"))
    _optional_name(errors, "name_en", new["name_en"])
    _optional_name(errors, "name_zh", new["name_zh"])
    return new, errors


def _wrap_up_values(values: WrapUpInput) -> tuple[dict[str, Any], list[FieldError]]:
    new: dict[str, Any] = {
        "code": values.code.strip().lower(),
        "name_en": values.name_en.strip(),
        "name_zh": values.name_zh.strip(),
    }
    errors: list[FieldError] = []
    check_text(errors, "code", new["code"], MAX_WRAP_UP_CODE)
    if new["code"] == FOLLOW_UP_WRAP_UP:
        errors.append(FieldError("code", "reserved"))
    elif new["code"] and not _WRAP_UP_KEY.match(new["code"]):
        errors.append(FieldError("code", "invalid_key"))
    check_text(errors, "name_en", new["name_en"], MAX_NAME)
    check_text(errors, "name_zh", new["name_zh"], MAX_NAME)
    return new, errors


def _saved(
    session: Session,
    user: SignedInUser,
    entity: str,
    row: ErrorCode | WrapUpCode,
    new: dict[str, Any],
) -> Catalog:
    """Create or correct `row` (admin_trail.save_admin_record), commit; the catalogue."""
    save_admin_record(session, user, entity, row, new)
    result = read_catalog(session)
    session.commit()
    return result


def save_error_code(
    db: Database, user: SignedInUser, code_id: int | None, values: ErrorCodeInput
) -> Catalog:
    """Add (code_id None) or correct an error code of a product kind (code and names)."""
    require(user.role, Permission.ADMINISTER)
    new, errors = _error_code_values(values)
    with db.session() as session:
        row = None
        if code_id is not None:
            row = session.get(ErrorCode, code_id)
            if row is None:
                raise RecordNotFound("error_code", code_id)
        # E-0213 and e-0213 are one code to the agent typing it.
        same = session.scalar(
            select(ErrorCode.id).where(
                ErrorCode.product_category == new["product_category"],
                func.lower(ErrorCode.code) == new["code"].lower(),
            )
        )
        if same is not None and same != code_id:
            errors.append(FieldError("code", "taken"))
        if errors:
            raise EditRejected(errors)
        return _saved(session, user, "error_code", row or ErrorCode(active=True, **new), new)


def save_wrap_up_code(
    db: Database, user: SignedInUser, code_id: int | None, values: WrapUpInput
) -> Catalog:
    """Add (code_id None, offered last) or rename a wrap-up code; a saved call's code stays."""
    require(user.role, Permission.ADMINISTER)
    new, errors = _wrap_up_values(values)
    with db.session() as session:
        row = None
        if code_id is not None:
            row = session.get(WrapUpCode, code_id)
            if row is None:
                raise RecordNotFound("wrap_up_code", code_id)
            if new["code"] != row.code:
                # Calls and reports count by the code: only the words change.
                errors.append(FieldError("code", "fixed"))
        same = session.scalar(select(WrapUpCode.id).where(WrapUpCode.code == new["code"]))
        if same is not None and same != code_id:
            errors.append(FieldError("code", "taken"))
        if errors:
            raise EditRejected(errors)
        if row is None:
            last = session.scalar(select(func.max(WrapUpCode.sort_order))) or 0
            created = WrapUpCode(active=True, sort_order=last + 1, **new)
            return _saved(session, user, "wrap_up_code", created, new)
        return _saved(session, user, "wrap_up_code", row, new)


def _set_active(
    session: Session,
    user: SignedInUser,
    entity: str,
    row: ErrorCode | WrapUpCode,
    active: bool,
) -> Catalog:
    if row.active != active:
        row.active = active
        action = "reactivate" if active else "deactivate"
        details = {"code": row.code, "active": [not active, active]}
        record_admin_change(session, user, entity, row.id, action, details)
    result = read_catalog(session)
    session.commit()
    return result


def set_error_code_active(db: Database, user: SignedInUser, code_id: int, active: bool) -> Catalog:
    """Retire an error code (no longer suggested; tickets keep it) or bring it back."""
    require(user.role, Permission.ADMINISTER)
    with db.session() as session:
        row = session.get(ErrorCode, code_id)
        if row is None:
            raise RecordNotFound("error_code", code_id)
        return _set_active(session, user, "error_code", row, active)


def set_wrap_up_code_active(
    db: Database, user: SignedInUser, code_id: int, active: bool
) -> Catalog:
    """Retire a wrap-up code (no longer offered; calls keep it) or bring it back."""
    require(user.role, Permission.ADMINISTER)
    with db.session() as session:
        row = session.get(WrapUpCode, code_id)
        if row is None:
            raise RecordNotFound("wrap_up_code", code_id)
        if row.active and not active:
            others = session.scalar(
                select(func.count(WrapUpCode.id)).where(
                    WrapUpCode.active.is_(True), WrapUpCode.id != row.id
                )
            )
            if not others:  # an agent must always be able to wrap a call up
                raise EditRejected([FieldError("active", "last_active")])
        return _set_active(session, user, "wrap_up_code", row, active)
