"""Triage: a reported fault's priority (severity × tier), its SLA plan, and its deadlines.

The arithmetic of working time lives in workstation/sla.py; this module only picks the
inputs from the database (the priority matrix, the contract covering the device or the
customer, the plan's calendar) and composes them. Used inside the caller's session, so a
save computes its deadlines in the same transaction as it writes the ticket.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from workstation.models import PriorityRule, ServiceContract, contract_equipment
from workstation.services.sla_plans import default_plan_id, load_calendar, plan_targets
from workstation.sla import Pause, WorkingCalendar, deadline

_calendars: dict[tuple[str, int], tuple[float, WorkingCalendar]] = {}
_calendars_lock = threading.Lock()

# A business calendar changes rarely (an administrator adds next year's holidays): a save
# reuses the one it loaded for this long instead of reading a few hundred rows every time.
CALENDAR_CACHE_SECONDS = 60.0


@dataclass(frozen=True)
class Triage:
    """A ticket's priority, its plan, the two deadlines and when each turns at risk (aware UTC)."""

    priority: str
    plan_id: int
    plan_name: str
    response_due_at: datetime
    resolution_due_at: datetime
    response_at_risk_at: datetime
    resolution_at_risk_at: datetime
    response_minutes: int
    resolution_minutes: int
    at_risk_ratio: float


_matrices: dict[str, tuple[float, dict[tuple[str, str], str]]] = {}


def priority_for(session: Session, severity: str, tier: str) -> str:
    """The priority matrix cell of `severity` × customer `tier` (e.g. major × vip → P2).

    The matrix (nine cells) is read at most once a minute per database, like the calendars.
    """
    key = str(session.get_bind().engine.url)
    now = time.monotonic()
    with _calendars_lock:
        cached = _matrices.get(key)
    if cached is None or now - cached[0] >= CALENDAR_CACHE_SECONDS:
        rows = session.execute(
            select(PriorityRule.severity, PriorityRule.tier, PriorityRule.priority)
        )
        cached = (now, {(sev, tie): prio for sev, tie, prio in rows})
        with _calendars_lock:
            _matrices[key] = cached
    priority = cached[1].get((severity, tier))
    if priority is None:
        raise LookupError(f"the priority matrix has no cell {severity} × {tier}")
    return priority


def plan_for(session: Session, customer_id: int, equipment_id: int | None, on: date) -> int:
    """The SLA plan of a fault reported `on` this day.

    The valid contract that covers the device wins; else a valid contract of the customer;
    else the default plan. Of several valid contracts, the one running longest is taken.
    """
    valid = (ServiceContract.valid_from <= on) & (ServiceContract.valid_to >= on)
    if equipment_id is not None:
        plan_id = session.scalar(
            select(ServiceContract.sla_plan_id)
            .join(contract_equipment, contract_equipment.c.contract_id == ServiceContract.id)
            .where(contract_equipment.c.equipment_id == equipment_id, valid)
            .order_by(ServiceContract.valid_to.desc(), ServiceContract.id)
            .limit(1)
        )
        if plan_id is not None:
            return plan_id
    plan_id = session.scalar(
        select(ServiceContract.sla_plan_id)
        .where(ServiceContract.customer_id == customer_id, valid)
        .order_by(ServiceContract.valid_to.desc(), ServiceContract.id)
        .limit(1)
    )
    if plan_id is not None:
        return plan_id
    return default_plan_id(session)


def calendar_of(session: Session, calendar_id: int) -> WorkingCalendar:
    """The business calendar, loaded at most once a minute per database."""
    key = (str(session.get_bind().engine.url), calendar_id)
    now = time.monotonic()
    with _calendars_lock:
        cached = _calendars.get(key)
    if cached is not None and now - cached[0] < CALENDAR_CACHE_SECONDS:
        return cached[1]
    calendar = load_calendar(session, calendar_id)
    with _calendars_lock:
        _calendars[key] = (now, calendar)
    return calendar


def forget_calendars() -> None:
    """Drop the cached calendars and matrix (after an administrator edited them; tests)."""
    with _calendars_lock:
        _calendars.clear()
        _matrices.clear()


def deadlines(
    session: Session,
    plan_id: int,
    priority: str,
    reported_at: datetime,
    pauses: Sequence[Pause] = (),
    now: datetime | None = None,
) -> Triage:
    """Response and resolution deadlines of `priority` under `plan_id`, from `reported_at`.

    The working time of `pauses` is kept out (a pause still running counts until `now`), so a
    priority or plan changed mid-way, or a clock resumed after waiting for the customer, gets
    its deadlines from the working time actually used.
    """
    targets = plan_targets(session, plan_id, priority)
    calendar = calendar_of(session, targets.calendar_id)
    ratio = targets.at_risk_ratio

    def due(minutes: float) -> datetime:
        return deadline(calendar, reported_at, minutes, pauses, now)

    return Triage(
        priority=priority,
        plan_id=targets.plan_id,
        plan_name=targets.plan_name,
        response_due_at=due(targets.response_minutes),
        resolution_due_at=due(targets.resolution_minutes),
        response_at_risk_at=due(targets.response_minutes * ratio),
        resolution_at_risk_at=due(targets.resolution_minutes * ratio),
        response_minutes=targets.response_minutes,
        resolution_minutes=targets.resolution_minutes,
        at_risk_ratio=ratio,
    )
