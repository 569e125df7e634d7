"""The reference data as the generator needs it: database ids joined with the catalogue file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import select

from workstation.db import Database
from workstation.models import (
    BusinessCalendar,
    CalendarDay,
    CalendarPeriod,
    DayKind,
    PriorityRule,
    ProductModel,
    Queue,
    Region,
    SlaPlan,
    SlaTarget,
    SymptomCategory,
)
from workstation.services.reference import ProductKindSpec, product_kinds


@dataclass(frozen=True)
class ModelRef:
    """A product model with its database id."""

    id: int
    code: str
    kind: str
    warranty_months: int
    serial_prefix: str


@dataclass(frozen=True)
class SymptomRef:
    id: int
    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class KindRef:
    """A product kind: its models, symptoms and device error codes."""

    spec: ProductKindSpec
    models: tuple[ModelRef, ...]
    symptoms: tuple[SymptomRef, ...]

    @property
    def code(self) -> str:
        return self.spec.code


@dataclass(frozen=True)
class PlanRef:
    """An SLA plan: targets per priority in working minutes, and whether it runs 24x7."""

    id: int
    name: str
    is_default: bool
    round_the_clock: bool
    targets: dict[str, tuple[int, int]]
    at_risk_ratio: float = 0.8


@dataclass(frozen=True)
class CalendarRef:
    """A business calendar's weekly periods and exception days."""

    periods: tuple[tuple[tuple[time, time], ...], ...]
    holidays: frozenset[date]
    workdays: dict[date, int]


@dataclass(frozen=True)
class Reference:
    regions: dict[str, int]
    queues: dict[str, int]
    kinds: tuple[KindRef, ...]
    plans: dict[str, PlanRef]
    default_plan: PlanRef
    priority: dict[tuple[str, str], str]
    office_calendar: CalendarRef

    def kind(self, code: str) -> KindRef:
        return next(k for k in self.kinds if k.code == code)


def _is_round_the_clock(periods: list[tuple[int, time, time]]) -> bool:
    days = {weekday for weekday, start, end in periods if start == time(0) and end >= time(23, 59)}
    return days == set(range(7))


def read_reference(db: Database) -> Reference:
    """Read the (already loaded) reference data back with its ids."""
    with db.session() as session:
        regions = {r.code: r.id for r in session.scalars(select(Region))}
        queues = {q.code: q.id for q in session.scalars(select(Queue))}
        models = list(session.scalars(select(ProductModel).order_by(ProductModel.id)))
        symptoms = list(session.scalars(select(SymptomCategory).order_by(SymptomCategory.id)))
        periods: dict[int, list[tuple[int, time, time]]] = {}
        for p in session.scalars(select(CalendarPeriod).order_by(CalendarPeriod.id)):
            periods.setdefault(p.calendar_id, []).append((p.weekday, p.start_time, p.end_time))
        calendars = {c.id: c.name for c in session.scalars(select(BusinessCalendar))}
        targets: dict[int, dict[str, tuple[int, int]]] = {}
        for t in session.scalars(select(SlaTarget)):
            targets.setdefault(t.sla_plan_id, {})[t.priority] = (
                t.response_minutes,
                t.resolution_minutes,
            )
        plans = {
            p.name: PlanRef(
                p.id,
                p.name,
                p.is_default,
                _is_round_the_clock(periods.get(p.calendar_id, [])),
                targets.get(p.id, {}),
                p.at_risk_ratio,
            )
            for p in session.scalars(select(SlaPlan).order_by(SlaPlan.id))
        }
        priority = {(r.severity, r.tier): r.priority for r in session.scalars(select(PriorityRule))}
        office_id = next(i for i, name in calendars.items() if name == "China standard")
        days = list(
            session.scalars(select(CalendarDay).where(CalendarDay.calendar_id == office_id))
        )
    model_codes = {m.code: m for m in models}
    kinds = []
    for spec in product_kinds():
        kinds.append(
            KindRef(
                spec=spec,
                models=tuple(
                    ModelRef(
                        model_codes[m.code].id,
                        m.code,
                        spec.code,
                        model_codes[m.code].warranty_months,
                        m.serial_prefix,
                    )
                    for m in spec.models
                ),
                symptoms=tuple(
                    SymptomRef(s.id, s.code, s.name_en, s.name_zh)
                    for s in symptoms
                    if s.product_category == spec.code
                ),
            )
        )
    weekly: list[list[tuple[time, time]]] = [[] for _ in range(7)]
    for weekday, start, end in periods[office_id]:
        weekly[weekday].append((start, end))
    office = CalendarRef(
        periods=tuple(tuple(p) for p in weekly),
        holidays=frozenset(d.day for d in days if d.kind == DayKind.HOLIDAY),
        workdays={d.day: d.works_like_weekday or 0 for d in days if d.kind == DayKind.WORKDAY},
    )
    default = next((p for p in plans.values() if p.is_default), next(iter(plans.values())))
    return Reference(regions, queues, tuple(kinds), plans, default, priority, office)
