"""Reference data: regions, queues, business calendars, SLA plans, the priority matrix, catalogue.

The defaults live as JSON in `resources/reference/`, so they are reviewed like
code and an administrator's later edits (in the admin screens) start from
them. `load_reference_data` adds whatever is missing and never changes a row
that is already there: running it twice changes nothing, and it does not
undo an administrator's edits.

The device error codes and the wrap-up codes are not loaded here: migration 0010 seeded
them (from this catalogue file's `error_codes` and the program's former wrap-up list) in
every database, once, so a code an administrator renamed or retired never comes back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import Any

import chinese_calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

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

REFERENCE_DIR = Path(__file__).resolve().parent.parent.parent / "resources" / "reference"

# chinese-calendar names the holidays in English; the calendar shows both.
_HOLIDAY_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}
# Every weekday of "China standard" has the same periods, so a make-up working
# day (调休) simply works like a Monday.
_MAKE_UP_WORKS_LIKE = 0


@dataclass(frozen=True)
class ModelSpec:
    """One product model of the catalogue file."""

    code: str
    name: str
    warranty_months: int
    serial_prefix: str


@dataclass(frozen=True)
class SymptomSpec:
    """One symptom of a product kind, in both languages."""

    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class ProductKindSpec:
    """A product kind with its models, symptoms, device error codes and usual severities."""

    code: str
    name_en: str
    name_zh: str
    models: tuple[ModelSpec, ...]
    symptoms: tuple[SymptomSpec, ...]
    error_codes: tuple[str, ...]  # as first shipped; the error_codes table is what desks offer
    severity_weights: dict[str, int]


@dataclass(frozen=True)
class CalendarException:
    """A dated exception of a business calendar, as CalendarDay stores it."""

    day: date
    kind: str
    name: str
    works_like_weekday: int | None


def read_reference_file(name: str) -> dict[str, Any]:
    """One parsed file of resources/reference (e.g. "catalog")."""
    with (REFERENCE_DIR / f"{name}.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


@cache
def product_kinds() -> tuple[ProductKindSpec, ...]:
    """The catalogue file as typed values (read once per process)."""
    kinds = []
    for kind in read_reference_file("catalog")["kinds"]:
        kinds.append(
            ProductKindSpec(
                code=kind["code"],
                name_en=kind["name_en"],
                name_zh=kind["name_zh"],
                models=tuple(
                    ModelSpec(m["code"], m["name"], int(m["warranty_months"]), m["serial_prefix"])
                    for m in kind["models"]
                ),
                symptoms=tuple(
                    SymptomSpec(s["code"], s["name_en"], s["name_zh"]) for s in kind["symptoms"]
                ),
                error_codes=tuple(kind["error_codes"]),
                severity_weights={k: int(v) for k, v in kind["severity_weights"].items()},
            )
        )
    return tuple(kinds)


def _supported_years() -> range:
    """The years chinese-calendar has official data for (it raises outside them)."""
    years = sorted({d.year for d in chinese_calendar.holidays})
    return range(years[0], years[-1] + 1)


def china_exceptions(from_year: int) -> list[CalendarException]:
    """China's public holidays and make-up working days (调休) from `from_year` on."""
    known = _supported_years()
    first = max(from_year, known.start)
    result: list[CalendarException] = []
    for day, name in chinese_calendar.holidays.items():
        if first <= day.year < known.stop:
            label = f"{_HOLIDAY_ZH.get(name, name)} {name}"
            result.append(CalendarException(day, DayKind.HOLIDAY, label, None))
    for day, name in chinese_calendar.workdays.items():
        if first <= day.year < known.stop:
            zh = _HOLIDAY_ZH.get(name, name)
            label = f"{zh}调休上班 Make-up working day ({name})"
            result.append(CalendarException(day, DayKind.WORKDAY, label, _MAKE_UP_WORKS_LIKE))
    result.sort(key=lambda e: e.day)
    return result


def _calendar_exceptions(spec: dict[str, Any] | None) -> list[CalendarException]:
    if not spec:
        return []
    if spec.get("source") != "chinese_calendar":
        raise ValueError(f"unknown calendar exception source: {spec.get('source')!r}")
    return china_exceptions(int(spec.get("from_year", 2019)))


def _periods(weekly: list[dict[str, Any]]) -> Iterator[tuple[int, time, time]]:
    for block in weekly:
        start, end = time.fromisoformat(block["start"]), time.fromisoformat(block["end"])
        for weekday in block["weekdays"]:
            yield int(weekday), start, end


def _load_regions_and_queues(session: Session) -> None:
    data = read_reference_file("regions")
    regions = {r.code: r for r in session.scalars(select(Region))}
    for item in data["regions"]:
        if item["code"] not in regions:
            region = Region(code=item["code"], name=item["name"])
            session.add(region)
            regions[region.code] = region
    session.flush()
    queues = set(session.scalars(select(Queue.code)))
    for item in data["queues"]:
        if item["code"] in queues:
            continue
        region_code = item.get("region")
        session.add(
            Queue(
                code=item["code"],
                name=item["name"],
                level=int(item["level"]),
                region_id=regions[region_code].id if region_code else None,
            )
        )


def _load_calendars(session: Session) -> dict[str, int]:
    calendars = {c.name: c for c in session.scalars(select(BusinessCalendar))}
    for item in read_reference_file("calendars")["calendars"]:
        calendar = calendars.get(item["name"])
        if calendar is None:
            calendar = BusinessCalendar(name=item["name"], timezone=item["timezone"])
            session.add(calendar)
            session.flush()
            calendars[calendar.name] = calendar
            for weekday, start, end in _periods(item["weekly"]):
                session.add(
                    CalendarPeriod(
                        calendar_id=calendar.id, weekday=weekday, start_time=start, end_time=end
                    )
                )
        # New years of holidays arrive with newer chinese-calendar releases: add them.
        have = set(
            session.scalars(select(CalendarDay.day).where(CalendarDay.calendar_id == calendar.id))
        )
        for exception in _calendar_exceptions(item.get("exceptions")):
            if exception.day not in have:
                session.add(
                    CalendarDay(
                        calendar_id=calendar.id,
                        day=exception.day,
                        kind=exception.kind,
                        name=exception.name,
                        works_like_weekday=exception.works_like_weekday,
                    )
                )
    session.flush()
    return {name: c.id for name, c in calendars.items()}


def _load_sla_plans(session: Session, calendar_ids: dict[str, int]) -> None:
    plans = {p.name: p for p in session.scalars(select(SlaPlan))}
    any_default = any(p.is_default for p in plans.values())
    for item in read_reference_file("sla_plans")["plans"]:
        plan = plans.get(item["name"])
        if plan is None:
            plan = SlaPlan(
                name=item["name"],
                calendar_id=calendar_ids[item["calendar"]],
                at_risk_ratio=float(item["at_risk_ratio"]),
                is_default=bool(item["default"]) and not any_default,
            )
            session.add(plan)
            session.flush()
            plans[plan.name] = plan
        have = set(
            session.scalars(select(SlaTarget.priority).where(SlaTarget.sla_plan_id == plan.id))
        )
        for priority, target in item["targets"].items():
            if priority not in have:
                session.add(
                    SlaTarget(
                        sla_plan_id=plan.id,
                        priority=priority,
                        response_minutes=int(target["response"]),
                        resolution_minutes=int(target["resolution"]),
                    )
                )


def _load_priority_matrix(session: Session) -> None:
    have = {(r.severity, r.tier) for r in session.scalars(select(PriorityRule))}
    for severity, row in read_reference_file("priority_matrix")["matrix"].items():
        for tier, priority in row.items():
            if (severity, tier) not in have:
                session.add(PriorityRule(severity=severity, tier=tier, priority=priority))


def _load_catalog(session: Session) -> None:
    models = set(session.scalars(select(ProductModel.code)))
    symptoms = {
        (row.product_category, row.code)
        for row in session.execute(select(SymptomCategory.product_category, SymptomCategory.code))
    }
    for kind in product_kinds():
        for model in kind.models:
            if model.code not in models:
                session.add(
                    ProductModel(
                        code=model.code,
                        name=model.name,
                        category=kind.code,
                        warranty_months=model.warranty_months,
                    )
                )
        for symptom in kind.symptoms:
            if (kind.code, symptom.code) not in symptoms:
                session.add(
                    SymptomCategory(
                        product_category=kind.code,
                        code=symptom.code,
                        name_en=symptom.name_en,
                        name_zh=symptom.name_zh,
                    )
                )


def load_reference_data(db: Database) -> None:
    """Add the default reference data that is missing; leave existing rows alone."""
    with db.session() as session:
        _load_regions_and_queues(session)
        calendar_ids = _load_calendars(session)
        _load_sla_plans(session, calendar_ids)
        _load_priority_matrix(session)
        _load_catalog(session)
        session.commit()
