"""The demo's field service: engineers' profiles and absences, spare parts and stock,
maintenance plans, new deliveries awaiting installation, and the visits of the past weeks and
the coming two.

Visits follow the tickets: a field ticket resolved in the last weeks got a completed visit by
its engineer before it was fixed; an open one is booked in the coming two weeks. Maintenance
plans got completed visits for their past due dates and some booked ones; deliveries got their
installation. What is left (due dates nobody booked, late installations) the plan generator
creates after the load, as it does on every desk. Each engineer's visits fall inside their
working hours on their working days, never during an absence, never overlapping (PostgreSQL's
exclusion constraint would refuse the load otherwise).

Sizes stay modest at any scale (a few thousand visits at a million customers): the number of
plans and deliveries is capped, repair visits are capped, an engineer does at most
VISITS_PER_DAY visits a day.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from workstation.demo import field_vocabulary as fv
from workstation.demo.clock import CHINA_OFFSET, DAY, TimeText, day_of, epoch_day
from workstation.demo.customers import (
    ALL_CITIES,
    EQUIPMENT_COLUMNS,
    KEY,
    VIP,
    CustomerFactory,
    _add_months,
)
from workstation.demo.geography import CITIES, INTERNATIONAL_CITIES, City
from workstation.demo.refs import Reference
from workstation.demo.tickets import FieldJob
from workstation.demo.users import Staff
from workstation.demo.writer import BulkWriter, Row
from workstation.months import add_months, due_dates
from workstation.services.plan_generator import LOOKBACK_DAYS

PROFILE_COLUMNS = (
    "user_id", "base_city", "base_latitude", "base_longitude", "work_start_minute",
    "work_end_minute", "work_days", "version",
)  # fmt: skip
ABSENCE_COLUMNS = (
    "id", "engineer_id", "kind", "starts_at", "ends_at", "note", "created_by_id", "created_at",
    "cancelled_at",
)  # fmt: skip
PART_COLUMNS = ("id", "code", "name_en", "name_zh", "unit_price", "serialised", "active")
PART_MODEL_COLUMNS = ("part_id", "product_model_id")
LOCATION_COLUMNS = ("id", "code", "name", "kind", "region_id", "engineer_id", "active")
STOCK_COLUMNS = ("location_id", "part_id", "on_hand", "reserved")
PLAN_COLUMNS = (
    "id", "name", "equipment_id", "contract_id", "visit_kind", "interval_months",
    "first_due_on", "lead_days", "duration_minutes", "checklist", "active", "created_by_id",
    "created_at", "version",
)  # fmt: skip
VISIT_COLUMNS = (
    "id", "kind", "status", "ticket_id", "customer_id", "site_id", "equipment_id",
    "contract_id", "plan_id", "due_on", "engineer_id", "starts_at", "ends_at", "priority",
    "notes", "checklist", "cancel_reason", "arrived_at", "departed_at", "work_done", "result",
    "advice", "travel_km", "labour_minutes", "labour_cost", "distance_cost", "surcharge",
    "total_cost", "confirmed_by", "completed_by_id", "completed_at", "created_by_id",
    "created_at", "updated_at", "version",
)  # fmt: skip
VISIT_PART_COLUMNS = (
    "id", "visit_id", "part_id", "location_id", "quantity", "status", "removed_serial",
    "fitted_serial", "reserved_by_id", "reserved_at", "settled_by_id", "settled_at",
)  # fmt: skip
CONTRACT_COLUMNS = (
    "id", "number", "customer_id", "sla_plan_id", "valid_from", "valid_to", "delivery_date",
)  # fmt: skip

AHEAD_DAYS = 14  # booked visits from today up to two weeks ahead
VISITS_PER_DAY = 3  # the most an engineer is booked for in a day
TRAVEL_MINUTES = 30  # from the base to the first visit, and between two visits
REPAIR_CAP = 2500  # the most completed, and the most booked, repair visits at any scale
MAX_PLANS = 80
MAX_DELIVERIES = 60
PLAN_DEVICES_MAX = 6  # contracts with more devices get no demo plan
# The centre's default rates (services/centre_settings.py), for the sheets' costs.
LABOUR_RATE = Decimal(150)
DISTANCE_RATE = Decimal(2)
URGENCY_SURCHARGE = Decimal(200)
_RESULTS = {"onsite_repair": "fixed", "part_replaced": "fixed", "device_replaced": "unit_replaced"}
_OPEN = frozenset({"new", "assigned", "in_progress", "waiting_customer", "waiting_parts"})
_CENT = Decimal("0.01")


@dataclass
class Engineer:
    id: int
    name: str
    region_id: int
    region: str
    skills: tuple[str, ...]
    city: City
    latitude: float
    longitude: float
    start: int  # minutes after local midnight
    end: int
    work_days: str
    absent: set[int] = field(default_factory=set)  # epoch days
    van: int = 0  # stock location id


@dataclass
class FieldTotals:
    engineers: int = 0
    absences: int = 0
    parts: int = 0
    stock_levels: int = 0
    plans: int = 0
    visits: int = 0
    visit_parts: int = 0
    deliveries: int = 0
    new_equipment: int = 0


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def _months_before(day: date, months: int) -> date:
    """`day` minus whole months, clamped to the month's end."""
    return add_months(day, -months)


def _money(value: Decimal) -> str:
    return str(value.quantize(_CENT))


class Schedule:
    """Each engineer's booked minutes per day: working days and hours, absences, no overlap."""

    def __init__(self, ref: Reference, now: int) -> None:
        office = ref.office_calendar
        self._holidays = {epoch_day(d) for d in office.holidays}
        self._make_up = {epoch_day(d) for d in office.workdays}
        self._busy: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._now = now
        self.today = (now + CHINA_OFFSET) // DAY

    def works(self, engineer: Engineer, day: int) -> bool:
        if day in engineer.absent:
            return False
        if day in self._make_up:
            return True
        weekday = str(day_of(day).isoweekday())
        return weekday in engineer.work_days and day not in self._holidays

    def book(
        self,
        engineer: Engineer,
        day: int,
        minutes: int,
        earliest: int | None = None,
        latest_end: int | None = None,
    ) -> tuple[int, int] | None:
        """(start, end) in UTC seconds of the first free slot of `minutes` on `day` between
        `earliest` and `latest_end` (instants), or None; the slot is taken."""
        if not self.works(engineer, day):
            return None
        taken = self._busy.setdefault((engineer.id, day), [])
        if len(taken) >= VISITS_PER_DAY:
            return None
        midnight = day * DAY - CHINA_OFFSET
        start = engineer.start + TRAVEL_MINUTES
        if day == self.today:  # not in the past: an hour from now at the soonest
            start = max(start, (self._now - midnight) // 60 + 60)
        if earliest is not None:
            start = max(start, (earliest - midnight + 59) // 60)
        limit = engineer.end
        if latest_end is not None:
            limit = min(limit, (latest_end - midnight) // 60)
        start = -(-start // 15) * 15
        for busy_start, busy_end in sorted(taken):
            if start + minutes + TRAVEL_MINUTES <= busy_start:
                break
            start = max(start, -(-(busy_end + TRAVEL_MINUTES) // 15) * 15)
        if start + minutes > limit:
            return None
        taken.append((start, start + minutes))
        return midnight + start * 60, midnight + (start + minutes) * 60


class FieldFactory:
    """Everything the field stage makes, with its own seeded generator."""

    def __init__(
        self,
        rng: random.Random,
        ref: Reference,
        customers: CustomerFactory,
        staff: Staff,
        text: TimeText,
        now: int,
        writer: BulkWriter,
    ) -> None:
        self.rng = rng
        self.ref = ref
        self.customers = customers
        self.pop = customers.population
        self.staff = staff
        self.text = text
        self.now = now
        self.today = (now + CHINA_OFFSET) // DAY
        self.writer = writer
        self.schedule = Schedule(ref, now)
        self.totals = FieldTotals()
        self.region_codes = {region_id: code for code, region_id in ref.regions.items()}
        self.kind_codes = [k.code for k in ref.kinds]
        self.engineers: dict[int, Engineer] = {}
        self.by_region: dict[int, list[Engineer]] = {}
        self.visits: list[Row] = []
        self.visit_parts: list[Row] = []
        self.reserved: dict[tuple[int, int], int] = {}  # (location, part) → reserved
        self.parts_of_kind: dict[str, list[tuple[int, str, str, bool]]] = {}
        self.regional_store: dict[int, int] = {}
        self._next = {
            name: int(writer.scalar(f"SELECT coalesce(max(id), 0) FROM {name}") or 0) + 1
            for name in (
                "visits", "visit_parts", "parts", "stock_locations", "maintenance_plans",
                "engineer_absences",
            )
        }  # fmt: skip
        self._new_site: dict[int, int] = {}  # devices of the new deliveries → their site
        # Completed visits' rows (index) → their customer, whose first contact signs the sheet.
        self._signers: dict[int, int] = {}

    def _id(self, table: str) -> int:
        value = self._next[table]
        self._next[table] = value + 1
        return value

    def _supervisor(self, region_id: int) -> int:
        pool = self.staff.supervisors.get(region_id) or self.staff.all_supervisors
        return pool[int(self.rng.random() * len(pool))]

    # -- engineers ---------------------------------------------------------------------

    def make_engineers(self) -> None:
        rand = self.rng.random
        cities: dict[str, list[City]] = {}
        for city in sorted(CITIES, key=lambda c: -c.weight):
            cities.setdefault(city.region, []).append(city)
        # Engineers abroad work from the offices in the centre's time zone.
        cities["INTL"] = [c for c in INTERNATIONAL_CITIES if c.country in ("SG", "HK")]
        rows: list[Row] = []
        absences: list[Row] = []
        counts: dict[str, int] = {}
        for row in self.staff.rows:
            user_id, _username, display, _hash, role, region_id, skills = row[:7]
            if role != "engineer" or region_id is None:
                continue
            code = self.region_codes[region_id]
            n = counts.get(code, 0)
            counts[code] = n + 1
            options = cities[code][:3] if code != "INTL" else cities[code]
            city = options[n % len(options)]
            hours = (510, 1050) if rand() < 0.75 else (540, 1080)  # 08:30–17:30 or 09:00–18:00
            days = "123456" if rand() < 0.15 else "12345"
            engineer = Engineer(
                id=user_id,
                name=display,
                region_id=region_id,
                region=code,
                skills=tuple(json.loads(skills)),
                city=city,
                latitude=round(city.latitude + self.rng.gauss(0, 0.03), 6),
                longitude=round(city.longitude + self.rng.gauss(0, 0.03), 6),
                start=hours[0],
                end=hours[1],
                work_days=days,
            )
            self.engineers[user_id] = engineer
            self.by_region.setdefault(region_id, []).append(engineer)
            base = city.name_en if city.international else city.name_zh
            rows.append((user_id, base, engineer.latitude, engineer.longitude, *hours, days, 1))
            if rand() < 0.25:
                absences.append(self._absence(engineer))
        self.writer.insert("engineer_profiles", PROFILE_COLUMNS, rows)
        self.writer.insert("engineer_absences", ABSENCE_COLUMNS, absences)
        self.totals.engineers = len(rows)
        self.totals.absences = len(absences)

    def _absence(self, engineer: Engineer) -> Row:
        rand = self.rng.random
        roll = rand()
        kind, length = (
            ("leave", 1 + int(rand() * 3))
            if roll < 0.6
            else (("training", 1 + int(rand() * 2)) if roll < 0.85 else ("sick", 1))
        )
        first = self.today - 10 + int(rand() * (AHEAD_DAYS + 10))
        engineer.absent.update(range(first, first + length))
        notes = {"leave": "年假", "training": "产品培训", "sick": "病假"}
        if engineer.region == "INTL":
            notes = {"leave": "Annual leave", "training": "Product training", "sick": "Sick"}
        start = first * DAY - CHINA_OFFSET
        created = min(self.now, start) - (3 + int(rand() * 10)) * DAY
        return (
            self._id("engineer_absences"), engineer.id, kind, self.text.stamp(start),
            self.text.stamp(start + length * DAY), notes[kind],
            self._supervisor(engineer.region_id), self.text.stamp(created), None,
        )  # fmt: skip

    # -- parts and stock ------------------------------------------------------------------

    def make_parts(self) -> None:
        rand = self.rng.random
        taken = {code for (code,) in self.writer.rows("SELECT code FROM parts")}
        parts: list[Row] = []
        fits: list[Row] = []
        for kind in self.ref.kinds:
            for code, zh, en, price, serialised in fv.PART_CATALOGUE.get(kind.code, ()):
                if code in taken:
                    continue
                part_id = self._id("parts")
                parts.append((part_id, code, en, zh, _money(Decimal(price)), int(serialised), 1))
                fits.extend((part_id, model.id) for model in kind.models)
                self.parts_of_kind.setdefault(kind.code, []).append((part_id, zh, en, serialised))
        self.writer.insert("parts", PART_COLUMNS, parts)
        self.writer.insert("part_models", PART_MODEL_COLUMNS, fits)
        self.totals.parts = len(parts)
        locations: list[Row] = []
        warehouse = self._id("stock_locations")
        locations.append((warehouse, fv.WAREHOUSE[0], fv.WAREHOUSE[1], "warehouse", None, None, 1))
        for code, region_id in self.ref.regions.items():
            store = self._id("stock_locations")
            name = fv.REGIONAL_STORES.get(code, f"{code} parts store")
            locations.append((store, f"RS-{code}", name, "regional", region_id, None, 1))
            self.regional_store[region_id] = store
        for engineer in self.engineers.values():
            engineer.van = self._id("stock_locations")
            name = (
                f"Van – {engineer.name}"
                if engineer.region == "INTL"
                else f"{engineer.name}的工具车"
            )
            locations.append(
                (engineer.van, f"VAN-{engineer.id:05d}", name, "van", engineer.region_id,
                 engineer.id, 1)
            )  # fmt: skip
        self.writer.insert("stock_locations", LOCATION_COLUMNS, locations)
        # Base stock before what the visits reserve: the warehouse holds everything, regional
        # stores most parts, vans a few of their engineer's kinds.
        self.base_stock: dict[tuple[int, int], int] = {}
        all_parts = [p for kind in self.kind_codes for p in self.parts_of_kind.get(kind, [])]
        for part_id, *_ in all_parts:
            self.base_stock[(warehouse, part_id)] = 20 + int(rand() * 180)
        for store in self.regional_store.values():
            for part_id, *_ in all_parts:
                if rand() < 0.7:
                    self.base_stock[(store, part_id)] = int(rand() * 25)
        for engineer in self.engineers.values():
            mine = [p for kind in engineer.skills for p in self.parts_of_kind.get(kind, [])]
            for part_id, *_ in self.rng.sample(mine, min(len(mine), 4 + int(rand() * 5))):
                self.base_stock[(engineer.van, part_id)] = 1 + int(rand() * 4)

    def write_stock(self) -> None:
        """Stock levels: the base stock, with room for what visits reserved (never negative,
        never more reserved than on hand)."""
        levels = dict(self.base_stock)
        for key, reserved in self.reserved.items():
            levels[key] = max(levels.get(key, 0), reserved + int(self.rng.random() * 3))
        rows = [
            (location, part, on_hand, self.reserved.get((location, part), 0))
            for (location, part), on_hand in sorted(levels.items())
        ]
        self.writer.insert("stock_levels", STOCK_COLUMNS, rows)
        self.totals.stock_levels = len(rows)

    def _part_in(self, kind: str, text_zh: str) -> tuple[int, str, str, bool] | None:
        """The catalogue part a ticket's solution names (the longest name that fits)."""
        found = [p for p in self.parts_of_kind.get(kind, []) if p[1] in text_zh]
        return max(found, key=lambda p: len(p[1])) if found else None

    # -- visits -----------------------------------------------------------------------------

    def visit_rows(self) -> list[Row]:
        """The visits, each completed one signed by its customer's first contact."""
        contact_of = {i: self.pop.cust_first_contact[c] for i, c in self._signers.items()}
        wanted = sorted(set(contact_of.values()))
        names: dict[int, str] = {}
        for i in range(0, len(wanted), 500):
            chunk = ",".join(str(c) for c in wanted[i : i + 500])
            names.update(
                (int(contact_id), str(name))
                for contact_id, name in self.writer.rows(
                    f"SELECT id, name FROM contacts WHERE id IN ({chunk})"
                )
            )
        at = VISIT_COLUMNS.index("confirmed_by")
        rows = []
        for index, row in enumerate(self.visits):
            if index in contact_of:
                row = (*row[:at], names.get(contact_of[index], ""), *row[at + 1 :])
            rows.append(row)
        return rows

    def _travel_km(self, engineer: Engineer, customer_id: int) -> Decimal:
        city = ALL_CITIES[self.pop.cust_city[customer_id]]
        one_way = _distance_km(engineer.latitude, engineer.longitude, city.latitude, city.longitude)
        if one_way > 400:  # flown or by train: the local part of the trip
            one_way = 15 + self.rng.random() * 30
        road = (one_way * 1.3 + 3 + self.rng.random() * 12) * 2
        return Decimal(str(round(road, 1)))

    def _visit(
        self,
        *,
        kind: str,
        status: str,
        engineer: Engineer,
        slot: tuple[int, int],
        customer_id: int,
        equipment_id: int,
        ticket_id: int | None = None,
        contract_id: int | None = None,
        plan_id: int | None = None,
        due_on: int | None = None,
        priority: str = "",
        notes: str = "",
        checklist: Sequence[str] = (),
        booked_at: int,
        work_done: str = "",
        result: str = "",
        urgent: bool = False,
    ) -> int:
        rand = self.rng.random
        stamp = self.text.stamp
        starts, ends = slot
        visit_id = self._id("visits")
        dispatcher = self._supervisor(engineer.region_id)
        booked_at = min(booked_at, starts - 3600, self.now)
        sheet: tuple[object, ...] = (None,) * 2 + ("", result or "", "") + (None,) * 6
        confirmed = ""
        completed_by = completed_at = None
        updated = booked_at
        version = 1
        if status == "completed":
            arrived = starts + int(rand() * 10) * 60
            departed = max(arrived + 900, ends - int(rand() * 10) * 60)
            minutes = (departed - arrived) // 60
            km = self._travel_km(engineer, customer_id)
            labour = LABOUR_RATE * minutes / 60
            distance = DISTANCE_RATE * km
            surcharge = URGENCY_SURCHARGE if urgent else Decimal(0)
            total = labour + distance + surcharge
            sheet = (
                stamp(arrived), stamp(departed), work_done, result, "", str(km), minutes,
                _money(labour), _money(distance), _money(surcharge), _money(total),
            )  # fmt: skip
            self._signers[len(self.visits)] = customer_id
            completed_by, completed_at, updated = engineer.id, departed, departed
            version = 3
        site = self._new_site.get(equipment_id) or self.pop.eq_site[equipment_id]
        self.visits.append(
            (
                visit_id, kind, status, ticket_id, customer_id, site,
                equipment_id, contract_id, plan_id,
                self.text.date(due_on) if due_on is not None else None,
                engineer.id, stamp(starts), stamp(ends), priority, notes,
                json.dumps(list(checklist), ensure_ascii=False), "",
                sheet[0], sheet[1], sheet[2], sheet[3], sheet[4], sheet[5], sheet[6], sheet[7],
                sheet[8], sheet[9], sheet[10], confirmed, completed_by,
                stamp(completed_at) if completed_at else None, dispatcher, stamp(booked_at),
                stamp(updated), version,
            )
        )  # fmt: skip
        self.totals.visits += 1
        return visit_id

    def _try_days(
        self,
        engineer: Engineer,
        days: Sequence[int],
        minutes: int,
        earliest: int | None = None,
        latest_end: int | None = None,
    ) -> tuple[int, int] | None:
        for day in days:
            slot = self.schedule.book(engineer, day, minutes, earliest, latest_end)
            if slot is not None:
                return slot
        return None

    def repair_visits(self, jobs: Sequence[FieldJob]) -> None:
        """A completed visit before each recent fix, a booked one for each open field job."""
        rand = self.rng.random
        done = booked = 0
        for job in jobs:
            engineer = self.engineers.get(job.engineer_id)
            if engineer is None or engineer.region_id != job.region_id:
                continue
            kind = self.kind_codes[job.kind_index]
            minutes = 60 + 30 * int(rand() * 4)
            if job.status in _OPEN and job.responded is not None and booked < REPAIR_CAP:
                first = self.today + int(rand() * 4)
                slot = self._try_days(
                    engineer, range(first, self.today + AHEAD_DAYS), minutes, job.responded
                )
                if slot is None:
                    continue
                visit_id = self._visit(
                    kind="repair", status="booked", engineer=engineer, slot=slot,
                    customer_id=job.customer_id, equipment_id=job.equipment_id,
                    ticket_id=job.ticket_id, priority=job.priority,
                    booked_at=max(job.responded, self.now - int(rand() * 2 * DAY)),
                )  # fmt: skip
                booked += 1
                if job.status == "waiting_parts":
                    self._reserve(engineer, kind, job.solution_zh, visit_id, job.responded)
            elif job.resolved is not None and job.responded is not None and done < REPAIR_CAP:
                fixed_day = (job.resolved + CHINA_OFFSET) // DAY
                responded_day = (job.responded + CHINA_OFFSET) // DAY
                days = [d for d in range(fixed_day, fixed_day - 4, -1) if d >= responded_day]
                slot = self._try_days(engineer, days, minutes, job.responded, job.resolved)
                if slot is None:
                    continue
                english = job.english
                visit_id = self._visit(
                    kind="repair", status="completed", engineer=engineer, slot=slot,
                    customer_id=job.customer_id, equipment_id=job.equipment_id,
                    ticket_id=job.ticket_id, priority=job.priority, booked_at=job.responded,
                    work_done=job.solution_en if english else job.solution_zh,
                    result=_RESULTS.get(job.resolution_type, "fixed"),
                    urgent=job.urgency == "urgent",
                )  # fmt: skip
                done += 1
                if job.resolution_type == "part_replaced":
                    self._consume(engineer, kind, job.solution_zh, visit_id, slot)

    def _reserve(
        self, engineer: Engineer, kind: str, solution: str, visit_id: int, at: int
    ) -> None:
        part = self._part_in(kind, solution)
        if part is None:
            offered = self.parts_of_kind.get(kind, [])
            if not offered:
                return
            part = offered[0]
        store = self.regional_store[engineer.region_id]
        key = (store, part[0])
        self.reserved[key] = self.reserved.get(key, 0) + 1
        self.visit_parts.append(
            (self._id("visit_parts"), visit_id, part[0], store, 1, "reserved", "", "",
             self._supervisor(engineer.region_id), self.text.stamp(at), None, None)
        )  # fmt: skip

    def _consume(
        self, engineer: Engineer, kind: str, solution: str, visit_id: int, slot: tuple[int, int]
    ) -> None:
        part = self._part_in(kind, solution)
        if part is None:
            return
        part_id, _zh, _en, serialised = part
        removed = fitted = ""
        if serialised:
            removed = f"R{int(self.rng.random() * 1e9):09d}"
            fitted = f"F{int(self.rng.random() * 1e9):09d}"
        self.visit_parts.append(
            (self._id("visit_parts"), visit_id, part_id, engineer.van, 1, "consumed", removed,
             fitted, self._supervisor(engineer.region_id), self.text.stamp(slot[0] - DAY),
             engineer.id, self.text.stamp(slot[1]))
        )  # fmt: skip

    def _engineer_for(self, region_id: int, kind: str) -> Engineer | None:
        pool = self.by_region.get(region_id, [])
        skilled = [e for e in pool if kind in e.skills] or pool
        return skilled[int(self.rng.random() * len(skilled))] if skilled else None

    # -- maintenance plans -------------------------------------------------------------------

    def plans(self, customers: int) -> None:
        """Plans on some contracts (every device of the contract) and on some devices, with
        their past visits done and some of the coming ones booked."""
        rand = self.rng.random
        pop = self.pop
        wanted = max(20, min(MAX_PLANS, customers // 25))
        rows: list[Row] = []
        tries = 0
        while len(rows) < wanted and tries < wanted * 40 and pop.contracts:
            tries += 1
            on_contract = len(rows) % 3 != 2
            if on_contract:
                contract = 1 + int(rand() * pop.contracts)
                first, count = pop.ct_first_eq[contract], pop.ct_eq_count[contract]
                devices = [e for e in range(first, first + count) if pop.eq_active[e]]
                valid_from, valid_to = pop.eq_valid_from[first], pop.eq_valid_to[first]
                if not devices or count > PLAN_DEVICES_MAX or valid_to < self.today + 60:
                    continue
                if valid_from > self.today:
                    continue
            else:
                device = 1 + int(rand() * pop.equipment)
                if not pop.eq_active[device] or pop.cust_tier[pop.eq_customer[device]] not in (
                    VIP,
                    KEY,
                ):
                    continue
                devices, valid_from, valid_to = [device], 0, 1 << 30
            rows.append(self._plan(on_contract, contract if on_contract else None, devices,
                                   valid_from, valid_to))  # fmt: skip
        self.writer.insert("maintenance_plans", PLAN_COLUMNS, rows)
        self.totals.plans = len(rows)

    def _plan(
        self,
        on_contract: bool,
        contract: int | None,
        devices: list[int],
        valid_from: int,
        valid_to: int,
    ) -> Row:
        rand = self.rng.random
        pop = self.pop
        plan_id = self._id("maintenance_plans")
        first_device = devices[0]
        customer = pop.eq_customer[first_device]
        kind = self.customers.models[pop.eq_model[first_device]].kind
        inspection = (kind in ("patient_monitor", "ups") and rand() < 0.6) or rand() < 0.15
        visit_kind = "inspection" if inspection else "preventive_maintenance"
        interval = (3, 6, 12)[int(rand() * 3)]
        english = ALL_CITIES[pop.cust_city[customer]].international
        zh, en = fv.PLAN_NAMES[(visit_kind, interval)]
        lines = [en if english else zh for zh, en in fv.CHECKLISTS.get(kind, ())]
        lead = (21, 30, 30, 45)[int(rand() * 4)]
        duration = 60 + 30 * int(rand() * 4)
        created = self.today - 10 - int(rand() * 140)
        # One due date near today (just done, overdue, booked or coming up), the first one as
        # many intervals before it as the plan's age allows.
        anchor = day_of(self.today - 7 + int(rand() * 28))
        earliest = max(valid_from, created - 20)
        steps = 0
        while epoch_day(_months_before(anchor, (steps + 1) * interval)) >= earliest:
            steps += 1
        first_due = epoch_day(_months_before(anchor, steps * interval))
        region_id = self.ref.regions[ALL_CITIES[pop.cust_city[customer]].region]
        creator = self._supervisor(region_id)
        created_at = created * DAY - CHINA_OFFSET + (9 + int(rand() * 8)) * 3600
        # The visits the past and the coming two weeks had: the generator makes the rest.
        start = max(first_due, created - LOOKBACK_DAYS)
        days = due_dates(day_of(first_due), interval, day_of(start), day_of(self.today + lead))
        name = en if english else zh
        for due in (epoch_day(d) for d in days):
            if not valid_from <= due <= valid_to:
                continue
            for device in devices:
                self._plan_visit(
                    plan_id, name, contract, device, due, visit_kind, duration, lines, english,
                    region_id, kind, created_at,
                )  # fmt: skip
        return (
            plan_id, name, None if on_contract else first_device, contract,
            visit_kind, interval, self.text.date(first_due), lead, duration,
            json.dumps(lines, ensure_ascii=False), 1, creator, self.text.stamp(created_at), 1,
        )  # fmt: skip

    def _plan_visit(
        self,
        plan_id: int,
        name: str,
        contract: int | None,
        device: int,
        due: int,
        visit_kind: str,
        duration: int,
        lines: list[str],
        english: bool,
        region_id: int,
        kind: str,
        created_at: int,
    ) -> None:
        rand = self.rng.random
        engineer = self._engineer_for(region_id, kind)
        if engineer is None:
            return
        customer = self.pop.eq_customer[device]
        if due < self.today:
            if rand() >= 0.9:
                return  # missed: the generator lists it overdue
            days = [due, due - 1, due + 1, due - 2, due + 2, due + 3]
            slot = self._try_days(engineer, [d for d in days if d < self.today], duration)
            status = "completed"
        elif due < self.today + AHEAD_DAYS and rand() < 0.8:
            days = [d for d in range(due - 4, due + 3) if self.today <= d < self.today + AHEAD_DAYS]
            slot = self._try_days(engineer, days, duration)
            status = "booked"
        else:
            return
        if slot is None:
            return
        done = fv.INSPECTION_DONE if visit_kind == "inspection" else fv.MAINTENANCE_DONE
        self._visit(
            kind=visit_kind, status=status, engineer=engineer, slot=slot, customer_id=customer,
            equipment_id=device, contract_id=contract, plan_id=plan_id, due_on=due,
            notes=name,
            checklist=lines, booked_at=max(created_at, slot[0] - (2 + int(rand() * 10)) * DAY),
            work_done=done[1 if english else 0] if status == "completed" else "",
            result=("no_fault_found" if visit_kind == "inspection" else "fixed")
            if status == "completed" else "",
        )  # fmt: skip

    # -- deliveries ------------------------------------------------------------------------

    def deliveries(self, customers: int) -> tuple[list[Row], list[Row], list[Row]]:
        """New contracts with new devices delivered from six weeks ago to six weeks ahead:
        past deliveries mostly installed (a few late), near ones partly booked."""
        rand = self.rng.random
        pop = self.pop
        wanted = max(6, min(MAX_DELIVERIES, customers // 50))
        contracts: list[Row] = []
        devices: list[Row] = []
        covered: list[Row] = []
        next_contract = pop.contracts + 1
        next_device = pop.equipment + 1
        models = self.customers.models
        plans = self.customers.plans
        tries = 0
        while len(contracts) < wanted and tries < wanted * 20 and pop.equipment:
            tries += 1
            sample = 1 + int(rand() * pop.equipment)
            customer = pop.eq_customer[sample]
            if not pop.eq_active[sample] or pop.cust_tier[customer] not in (VIP, KEY):
                continue
            model_index = pop.eq_model[sample]
            model = models[model_index]
            delivery = self.today - 30 + int(rand() * 61)
            plan = plans[pop.eq_plan[sample] - 1] if pop.eq_plan[sample] else self.ref.default_plan
            valid_from = delivery - int(rand() * 20)
            valid_to = _add_months(valid_from, 12 * (1 + int(rand() * 3))) - 1
            contract_id = next_contract
            next_contract += 1
            contracts.append(
                (contract_id, f"SC-{day_of(valid_from).year}-{contract_id:07d}", customer,
                 plan.id, self.text.date(valid_from), self.text.date(valid_to),
                 self.text.date(delivery))
            )  # fmt: skip
            region_id = self.ref.regions[ALL_CITIES[pop.cust_city[customer]].region]
            engineer = self._engineer_for(region_id, model.kind)
            english = ALL_CITIES[pop.cust_city[customer]].international
            site = pop.eq_site[sample]
            roll = rand()
            for _ in range(1 + int(rand() * 3)):
                device = next_device
                next_device += 1
                self._new_site[device] = site
                installed: int | None = None
                if engineer is not None and delivery < self.today and roll < 0.8:
                    days = [d for d in range(delivery, delivery + 6) if d < self.today]
                    slot = self._try_days(engineer, days, 180)
                    if slot is not None:
                        installed = (slot[0] + CHINA_OFFSET) // DAY
                        self._visit(
                            kind="installation", status="completed", engineer=engineer,
                            slot=slot, customer_id=customer, equipment_id=device,
                            contract_id=contract_id, due_on=delivery,
                            notes=contracts[-1][1], booked_at=valid_from * DAY - CHINA_OFFSET,
                            work_done=fv.INSTALLATION_DONE[1 if english else 0], result="fixed",
                        )  # fmt: skip
                elif (
                    engineer is not None
                    and self.today <= delivery < self.today + AHEAD_DAYS
                    and roll < 0.6
                ):
                    days = list(range(delivery, min(delivery + 4, self.today + AHEAD_DAYS)))
                    slot = self._try_days(engineer, days, 180)
                    if slot is not None:
                        self._visit(
                            kind="installation", status="booked", engineer=engineer, slot=slot,
                            customer_id=customer, equipment_id=device, contract_id=contract_id,
                            due_on=delivery, notes=contracts[-1][1],
                            booked_at=self.now - int(rand() * 5 * DAY),
                        )  # fmt: skip
                serial_day = installed if installed is not None else delivery
                devices.append(
                    (device, self.customers._serial(device, model.serial_prefix, serial_day),
                     model.id, customer, site,
                     self.text.date(installed) if installed is not None else None,
                     self.text.date(_add_months(installed, model.warranty_months))
                     if installed is not None else None,
                     "active", 1)
                )  # fmt: skip
                covered.append((contract_id, device))
        self.totals.deliveries = len(contracts)
        self.totals.new_equipment = len(devices)
        return contracts, devices, covered


def generate_field_service(
    factory: FieldFactory, jobs: Sequence[FieldJob], customers: int
) -> FieldTotals:
    """The whole stage, written in foreign-key order."""
    writer = factory.writer
    factory.make_engineers()
    factory.make_parts()
    contracts, devices, covered = factory.deliveries(customers)
    writer.insert("service_contracts", CONTRACT_COLUMNS, contracts)
    writer.insert("equipment", EQUIPMENT_COLUMNS, devices)
    writer.insert("contract_equipment", ("contract_id", "equipment_id"), covered)
    factory.plans(customers)
    factory.repair_visits(jobs)
    factory.write_stock()
    writer.insert("visits", VISIT_COLUMNS, factory.visit_rows())
    writer.insert("visit_parts", VISIT_PART_COLUMNS, factory.visit_parts)
    factory.totals.visit_parts = len(factory.visit_parts)
    writer.checkpoint()
    return factory.totals
