"""Administering SLA plans and the priority matrix (admins only).

A plan promises response and resolution targets per priority, in working minutes of its
business calendar, and turns a ticket "at risk" at a share of each target. The matrix
gives a ticket's priority from its severity and the customer's tier. A change applies to
tickets logged (or re-prioritised) after it: tickets already logged keep their deadlines.
Every change is on the audit trail and in the change log.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from workstation.db import Database
from workstation.models import BusinessCalendar, PriorityRule, SlaPlan, SlaTarget
from workstation.models.customers import Tier
from workstation.models.tickets import Priority, Severity
from workstation.outcomes import FieldError
from workstation.permissions import Permission, require
from workstation.services.admin_trail import record_admin_change
from workstation.services.auth import SignedInUser
from workstation.services.customer_edit import EditRejected, RecordNotFound
from workstation.services.triage import forget_calendars

PRIORITIES: tuple[str, ...] = tuple(p.value for p in Priority)
SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)
TIERS: tuple[str, ...] = (Tier.VIP.value, Tier.KEY.value, Tier.STANDARD.value)
MIN_AT_RISK, MAX_AT_RISK = 0.1, 0.99
MAX_TARGET_MINUTES = 60 * 24 * 365


@dataclass(frozen=True)
class Target:
    response_minutes: int
    resolution_minutes: int


@dataclass(frozen=True)
class PlanRow:
    id: int
    name: str
    calendar_id: int
    calendar_name: str
    at_risk_ratio: float
    is_default: bool
    targets: Mapping[str, Target]  # by priority


@dataclass(frozen=True)
class PlanInput:
    name: str
    calendar_id: int
    at_risk_ratio: float
    is_default: bool
    targets: Mapping[str, Target]


@dataclass(frozen=True)
class SlaSettings:
    """Everything the SLA tab shows: plans, the calendars to choose from, the matrix."""

    plans: tuple[PlanRow, ...]
    calendars: tuple[tuple[int, str], ...]
    matrix: Mapping[tuple[str, str], str]  # (severity, tier) → priority


def _plans(session: Session) -> tuple[PlanRow, ...]:
    targets: dict[int, dict[str, Target]] = {}
    for row in session.scalars(select(SlaTarget)):
        targets.setdefault(row.sla_plan_id, {})[row.priority] = Target(
            row.response_minutes, row.resolution_minutes
        )
    rows = session.execute(
        select(SlaPlan, BusinessCalendar.name)
        .join(BusinessCalendar, BusinessCalendar.id == SlaPlan.calendar_id)
        .order_by(SlaPlan.name)
    ).all()
    return tuple(
        PlanRow(
            plan.id,
            plan.name,
            plan.calendar_id,
            calendar,
            plan.at_risk_ratio,
            plan.is_default,
            targets.get(plan.id, {}),
        )
        for plan, calendar in rows
    )


def sla_settings(db: Database, user: SignedInUser) -> SlaSettings:
    require(user.role, Permission.ADMINISTER)
    with db.session() as session:
        calendars = tuple(
            (c.id, c.name)
            for c in session.scalars(select(BusinessCalendar).order_by(BusinessCalendar.name))
        )
        matrix = {(r.severity, r.tier): r.priority for r in session.scalars(select(PriorityRule))}
        return SlaSettings(_plans(session), calendars, matrix)


def _check_plan(session: Session, plan_id: int | None, values: PlanInput) -> list[FieldError]:
    errors: list[FieldError] = []
    name = values.name.strip()
    if not name:
        errors.append(FieldError("name", "required"))
    elif len(name) > 100:
        errors.append(FieldError("name", "too_long", {"max": "100"}))
    else:
        same = session.scalar(select(SlaPlan.id).where(SlaPlan.name == name))
        if same is not None and same != plan_id:
            errors.append(FieldError("name", "taken"))
    if session.get(BusinessCalendar, values.calendar_id) is None:
        errors.append(FieldError("calendar_id", "unknown"))
    if not MIN_AT_RISK <= values.at_risk_ratio <= MAX_AT_RISK:
        errors.append(
            FieldError(
                "at_risk_ratio",
                "out_of_range",
                {"min": f"{MIN_AT_RISK:.0%}", "max": f"{MAX_AT_RISK:.0%}"},
            )
        )
    for priority in PRIORITIES:
        target = values.targets.get(priority)
        if target is None:
            errors.append(FieldError(f"targets.{priority}.response", "required"))
            continue
        for kind, minutes in (
            ("response", target.response_minutes),
            ("resolution", target.resolution_minutes),
        ):
            if not 1 <= minutes <= MAX_TARGET_MINUTES:
                errors.append(
                    FieldError(
                        f"targets.{priority}.{kind}",
                        "out_of_range",
                        {"min": "1", "max": str(MAX_TARGET_MINUTES)},
                    )
                )
        if 0 < target.resolution_minutes < target.response_minutes:
            errors.append(FieldError(f"targets.{priority}.resolution", "before_response"))
    if set(values.targets) - set(PRIORITIES):
        errors.append(FieldError("targets", "unknown"))
    return errors


def _plan_values(plan: SlaPlan, targets: Mapping[str, Target]) -> dict[str, Any]:
    return {
        "name": plan.name,
        "calendar_id": plan.calendar_id,
        "at_risk_ratio": plan.at_risk_ratio,
        "is_default": plan.is_default,
        "targets": {
            p: [t.response_minutes, t.resolution_minutes] for p, t in sorted(targets.items())
        },
    }


def save_plan(
    db: Database, user: SignedInUser, plan_id: int | None, values: PlanInput
) -> SlaSettings:
    """Create (plan_id None) or change a plan; making it the default unsets the old one."""
    require(user.role, Permission.ADMINISTER)
    with db.session() as session:
        plan = None
        if plan_id is not None:
            plan = session.get(SlaPlan, plan_id, with_for_update=True)
            if plan is None:
                raise RecordNotFound("sla_plan", plan_id)
        errors = _check_plan(session, plan_id, values)
        if plan is not None and plan.is_default and not values.is_default:
            errors.append(FieldError("is_default", "default_needed"))
        if errors:
            raise EditRejected(errors)
        rows = (
            {
                t.priority: t
                for t in session.scalars(select(SlaTarget).where(SlaTarget.sla_plan_id == plan_id))
            }
            if plan is not None
            else {}
        )
        old = (
            _plan_values(
                plan,
                {p: Target(t.response_minutes, t.resolution_minutes) for p, t in rows.items()},
            )
            if plan is not None
            else None
        )
        if values.is_default:
            session.execute(
                update(SlaPlan).where(SlaPlan.is_default.is_(True)).values(is_default=False)
            )
        if plan is None:
            plan = SlaPlan()
            session.add(plan)
        plan.name = values.name.strip()
        plan.calendar_id = values.calendar_id
        plan.at_risk_ratio = round(values.at_risk_ratio, 4)
        plan.is_default = values.is_default
        session.flush()
        for priority in PRIORITIES:
            target = values.targets[priority]
            row = rows.get(priority)
            if row is None:
                row = SlaTarget(sla_plan_id=plan.id, priority=priority)
                session.add(row)
            row.response_minutes = target.response_minutes
            row.resolution_minutes = target.resolution_minutes
        new = _plan_values(plan, {p: values.targets[p] for p in PRIORITIES})
        if old == new:
            session.rollback()  # nothing changed: nothing on the record
        else:
            changes = {k: [old[k], v] for k, v in new.items() if old[k] != v} if old else new
            action = "update" if old else "create"
            record_admin_change(session, user, "sla_plan", plan.id, action, changes)
            session.commit()
    forget_calendars()
    return sla_settings(db, user)


def save_matrix(
    db: Database, user: SignedInUser, matrix: Mapping[tuple[str, str], str]
) -> SlaSettings:
    """Set the priority of every severity × tier cell."""
    require(user.role, Permission.ADMINISTER)
    errors = [
        FieldError(f"matrix.{severity}.{tier}", "unknown")
        for severity in SEVERITIES
        for tier in TIERS
        if matrix.get((severity, tier)) not in PRIORITIES
    ]
    if errors:
        raise EditRejected(errors)
    with db.session() as session:
        rows = {(r.severity, r.tier): r for r in session.scalars(select(PriorityRule))}
        changes: dict[str, list[str | None]] = {}
        for severity in SEVERITIES:
            for tier in TIERS:
                priority = matrix[(severity, tier)]
                row = rows.get((severity, tier))
                old = row.priority if row is not None else None
                if old == priority:
                    continue
                if row is None:
                    row = PriorityRule(severity=severity, tier=tier)
                    session.add(row)
                row.priority = priority
                changes[f"{severity} × {tier}"] = [old, priority]
        if changes:
            session.flush()
            record_admin_change(session, user, "priority_matrix", 0, "update", changes)
            session.commit()
    forget_calendars()
    return sla_settings(db, user)
