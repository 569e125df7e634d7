"""Two years of tickets with their timelines and calls, generated in time order.

Tickets are made day by day, so ids and numbers (SR-2025-000123) rise with
the time they were reported, as in a real desk. Each ticket picks a device
(some devices are troublesome and come back often), takes its customer,
contract and SLA plan from it, and gets deadlines from the plan's calendar.
How long the response and the fix took is drawn so that a few percent miss
their deadlines; whatever would lie after `now` decides the ticket's
current status, so recent tickets are still open and old ones are closed.
"""

from __future__ import annotations

import json
import random
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from workstation.demo import shapes
from workstation.demo import vocabulary as v
from workstation.demo.clock import CHINA_OFFSET, DAY, BusinessClock, TimeText, day_of
from workstation.demo.customers import ALL_CITIES, CustomerFactory, PhoneBook, Population
from workstation.demo.names import expand
from workstation.demo.refs import Reference
from workstation.demo.users import Staff
from workstation.demo.writer import BulkWriter, Row

TICKET_COLUMNS = (
    "id", "number", "channel", "customer_id", "contact_id", "equipment_id", "product_model_id",
    "reported_at",
    "fault_started_at", "symptom_category_id", "error_code", "description", "external_factors",
    "urgency", "severity", "priority", "status", "queue_id", "assignee_id", "sla_plan_id",
    "response_due_at", "resolution_due_at", "first_response_at", "resolved_at", "closed_at",
    "resolution_type", "root_cause", "solution", "resolved_on_first_call", "repeat_of_id",
    "created_by_id", "version", "created_at", "updated_at",
    "response_at_risk_at", "resolution_at_risk_at", "response_sla_flag", "resolution_sla_flag",
    "sla_paused_at", "kind", "response_working_minutes", "resolution_working_minutes",
)  # fmt: skip
PAUSE_COLUMNS = ("ticket_id", "started_at", "reason", "started_by_id")
_OPEN = frozenset({"new", "assigned", "in_progress", "waiting_customer", "waiting_parts"})
EVENT_COLUMNS = ("id", "ticket_id", "at", "user_id", "kind", "details")
CALL_COLUMNS = (
    "id", "direction", "channel", "phone", "phone_e164", "customer_id", "contact_id",
    "agent_id", "started_at", "ended_at", "ticket_id", "wrap_up_code", "external_call_id",
    "notes",
)  # fmt: skip

# Field work of tickets resolved this many days before `now`, or still open, is kept for the
# field-service stage (its visits).
FIELD_JOB_DAYS = 21
BATCH_TICKETS = 20_000
WINDOW_DAYS = 730
SEVERITIES = ("critical", "major", "minor")
REPEAT_WINDOW = 30 * DAY
_FIELD_TYPES = frozenset({"onsite_repair", "part_replaced", "device_replaced"})


class FieldJob(NamedTuple):
    """A ticket that needs (or needed) an engineer on site, for the field-service stage."""

    ticket_id: int
    customer_id: int
    equipment_id: int
    region_id: int
    kind_index: int
    status: str
    engineer_id: int
    priority: str
    urgency: str
    reported: int
    responded: int | None
    resolved: int | None
    resolution_type: str
    solution_zh: str
    solution_en: str
    english: bool


@dataclass
class TicketTotals:
    tickets: int = 0
    events: int = 0
    calls: int = 0
    breached: int = 0
    # Last number handed out per year.
    counters: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Kind:
    """What the ticket loop needs of one product kind, flattened for speed."""

    code: str
    symptom_ids: tuple[int, ...]
    symptom_codes: tuple[str, ...]
    symptom_en: tuple[str, ...]
    symptom_zh: tuple[str, ...]
    error_codes: tuple[str, ...]
    severities: tuple[int, ...]
    resolutions: tuple[tuple[str, str, str, str, str], ...]


def _resolutions(kind_code: str) -> tuple[tuple[str, str, str, str, str], ...]:
    """(type, root cause zh, en, solution zh, en) options, repeated by weight."""
    parts = v.PARTS[kind_code]
    options: list[tuple[tuple[str, str, str, str, str], int]] = []
    for rtype, weight, causes, sol_zh, sol_en in v.RESOLUTIONS:
        variants = []
        for cause_zh, cause_en in causes:
            if "{part}" in cause_zh + sol_zh:
                for part_zh, part_en in parts:
                    variants.append(
                        (
                            rtype,
                            cause_zh.format(part=part_zh),
                            cause_en.format(part=part_en),
                            sol_zh.format(part=part_zh),
                            sol_en.format(part=part_en),
                        )
                    )
            else:
                variants.append((rtype, cause_zh, cause_en, sol_zh, sol_en))
        each = max(1, round(weight * 12 / len(variants)))
        options.extend((variant, each) for variant in variants)
    return tuple(expand(options))


class TicketFactory:
    """Holds the look-up tables and running state of the ticket stage."""

    def __init__(
        self,
        rng: random.Random,
        ref: Reference,
        customers: CustomerFactory,
        staff: Staff,
        text: TimeText,
        office: BusinessClock,
        now: int,
        first_call_id: int,
        counters: dict[int, int],
    ) -> None:
        self.rng = rng
        self.ref = ref
        self.pop: Population = customers.population
        self.phones: PhoneBook = customers.phones
        self.staff = staff
        self.text = text
        self.office = office
        self.now = now
        self.totals = TicketTotals(counters=dict(counters))
        self.next_call = first_call_id
        self.pauses: list[Row] = []  # clocks standing still (waiting for the customer)
        self.kinds: list[_Kind] = []
        for kind in ref.kinds:
            sev = kind.spec.severity_weights
            self.kinds.append(
                _Kind(
                    code=kind.code,
                    symptom_ids=tuple(s.id for s in kind.symptoms),
                    symptom_codes=tuple(s.code for s in kind.symptoms),
                    symptom_en=tuple(s.name_en for s in kind.symptoms),
                    symptom_zh=tuple(s.name_zh for s in kind.symptoms),
                    error_codes=kind.spec.error_codes,
                    severities=tuple(
                        expand([(i, sev.get(s, 0)) for i, s in enumerate(SEVERITIES)])
                    ),
                    resolutions=_resolutions(kind.code),
                )
            )
        kind_index = {k.code: i for i, k in enumerate(self.kinds)}
        self.model_kind = [kind_index[m.kind] for m in customers.models]
        self.model_ids = [m.id for m in customers.models]
        self.plans = customers.plans
        self.default_plan = self.plans.index(ref.default_plan) + 1
        tiers = ("vip", "key", "standard")
        self.priority = [[ref.priority[(s, t)] for t in tiers] for s in SEVERITIES]
        self.city_region = [ref.regions[c.region] for c in ALL_CITIES]
        self.front = ref.queues["FRONT"]
        self.tech = ref.queues["TECH"]
        self.field_queue = {
            region_id: ref.queues.get(f"FIELD-{code}", self.tech)
            for code, region_id in ref.regions.items()
        }
        all_engineers = sorted({e for ids in staff.engineers.values() for e in ids})
        self.engineers: dict[tuple[int, int], list[int]] = {}
        for region_id in ref.regions.values():
            in_region = sorted(
                {e for (r, _k), ids in staff.engineers.items() if r == region_id for e in ids}
            )
            for i, flat in enumerate(self.kinds):
                self.engineers[(region_id, i)] = (
                    staff.engineers.get((region_id, flat.code)) or in_region or all_engineers
                ) or staff.agents
        self.supervisors = {
            region_id: staff.supervisors.get(region_id) or staff.all_supervisors
            for region_id in ref.regions.values()
        }
        self.channels = expand(shapes.CHANNEL_WEIGHTS)
        self.after_hours_channels = expand(shapes.AFTER_HOURS_CHANNELS)
        self.urgency = {i: expand(shapes.URGENCY[s]) for i, s in enumerate(SEVERITIES)}
        self.hours = expand([(h, w) for h, w in enumerate(shapes.HOUR_WEIGHTS)])
        factors = ["[]"] * 17
        for factor in v.EXTERNAL_FACTORS:
            factors.append(json.dumps([factor]))
        factors.append(json.dumps(list(v.EXTERNAL_FACTORS[:2])))
        self.external_factors = factors
        self._descriptions: dict[tuple[int, int, int, str, bool], str] = {}
        count = self.pop.equipment
        self.field_jobs: list[FieldJob] = []
        self.eq_last_ticket = array("i", [0]) * (count + 1)
        self.eq_last_time = array("q", [0]) * (count + 1)

    # -- texts ---------------------------------------------------------------------

    def _description(self, kind: int, symptom: int, detail: int, code: str, english: bool) -> str:
        key = (kind, symptom, detail, code, english)
        text = self._descriptions.get(key)
        if text is None:
            k = self.kinds[kind]
            if english:
                text = f"{k.symptom_en[symptom]}. {v.DETAILS_EN[detail]}"
                if code:
                    text += f" Device shows error code {code}."
            else:
                text = f"{k.symptom_zh[symptom]}。{v.DETAILS_ZH[detail]}"
                if code:
                    text += f"设备显示错误代码 {code}。"
            self._descriptions[key] = text
        return text

    # -- the days ------------------------------------------------------------------

    def daily_counts(self, total: int, first_day: int, last_day: int) -> list[int]:
        """How many tickets each local day gets: weekday curve, holidays, growth; sums to total."""
        office = self.ref.office_calendar
        weights = []
        span = max(1, last_day - first_day)
        for d in range(first_day, last_day + 1):
            when = day_of(d)
            if when in office.workdays:
                weight = shapes.MAKE_UP_DAY_WEIGHT
            elif when in office.holidays:
                weight = shapes.HOLIDAY_WEIGHT
            else:
                weight = shapes.WEEKDAY_WEIGHTS[when.weekday()]
            weight *= 1 + shapes.GROWTH_OVER_WINDOW * (d - first_day) / span
            weights.append(weight)
        # Today is only partly over.
        elapsed = ((self.now + CHINA_OFFSET) % DAY) / DAY
        weights[-1] *= elapsed
        scale = total / sum(weights)
        counts = []
        carry = 0.0
        for weight in weights:
            exact = weight * scale + carry
            n = int(exact)
            carry = exact - n
            counts.append(n)
        counts[-1] += total - sum(counts)
        return counts

    # -- one ticket -----------------------------------------------------------------

    def _pick_equipment(self, day: int) -> int:
        rand = self.rng.random
        pop = self.pop
        count = pop.equipment
        hot = count // 10
        for _ in range(16):
            eid = 10 * (1 + int(rand() * hot)) if hot and rand() < 0.25 else 1 + int(rand() * count)
            if pop.eq_active[eid] and pop.eq_install[eid] < day:
                return eid
        return 0

    def ticket(
        self, reported: int, day: int, tickets: list[Row], events: list[Row], calls: list[Row]
    ) -> None:
        """One ticket reported at `reported` (UTC seconds), its events and calls."""
        rand = self.rng.random
        pop, text, totals = self.pop, self.text, self.totals
        stamp = text.stamp
        now = self.now

        eid = self._pick_equipment(day)
        model_id: int | None = None
        if eid:
            cid = pop.eq_customer[eid]
            kind_i = self.model_kind[pop.eq_model[eid]]
            model_id = self.model_ids[pop.eq_model[eid]]
        else:
            cid = 1 + int(rand() * pop.customers)
            kind_i = int(rand() * len(self.kinds))
        kind = self.kinds[kind_i]
        city_i = pop.cust_city[cid]
        city = ALL_CITIES[city_i]
        english = city.international
        region_id = self.city_region[city_i]
        tier = pop.cust_tier[cid]
        contact = pop.cust_first_contact[cid] + int(rand() * pop.cust_contacts[cid])

        local_hour = ((reported + CHINA_OFFSET) % DAY) // 3600
        if 8 <= local_hour < 20:
            channel = self.channels[int(rand() * len(self.channels))]
        else:
            channel = self.after_hours_channels[int(rand() * len(self.after_hours_channels))]
        symptom = int(rand() * len(kind.symptom_ids))
        severity = kind.severities[int(rand() * len(kind.severities))]
        priority = self.priority[severity][tier]
        code = ""
        if kind.symptom_codes[symptom] == "error_code" or rand() < 0.12:
            code = kind.error_codes[int(rand() * len(kind.error_codes))]
        description = self._description(
            kind_i, symptom, int(rand() * len(v.DETAILS_ZH)), code, english
        )
        factors = self.external_factors[int(rand() * len(self.external_factors))]
        urgencies = self.urgency[severity]
        urgency = urgencies[int(rand() * len(urgencies))]
        fault_started = None
        if rand() < 0.85:
            lead = shapes.FAULT_LEAD_HOURS[int(rand() * shapes.TABLE_SIZE)]
            fault_started = stamp(reported - int(lead * 3600))

        plan_i = self.default_plan
        if eid and pop.eq_plan[eid] and pop.eq_valid_from[eid] <= day <= pop.eq_valid_to[eid]:
            plan_i = pop.eq_plan[eid]
        plan = self.plans[plan_i - 1]
        response_minutes, resolution_minutes = plan.targets[priority]
        ratio = plan.at_risk_ratio
        if plan.round_the_clock:
            response_due = reported + response_minutes * 60
            resolution_due = reported + resolution_minutes * 60
            response_risk = reported + int(response_minutes * ratio * 60)
            resolution_risk = reported + int(resolution_minutes * ratio * 60)
        else:
            add = self.office.add
            response_due = add(reported, response_minutes)
            resolution_due = add(reported, resolution_minutes)
            response_risk = add(reported, max(1, int(response_minutes * ratio)))
            resolution_risk = add(reported, max(1, int(resolution_minutes * ratio)))

        totals.tickets += 1
        tid = totals.tickets
        year = day_of(day).year
        number = totals.counters.get(year, 0) + 1
        totals.counters[year] = number
        agents = self.staff.agents
        creator = agents[int(rand() * len(agents))]
        created_by = None if channel == "web" else creator

        repeat_of = None
        if eid:
            last = self.eq_last_ticket[eid]
            if last and reported - self.eq_last_time[eid] < REPEAT_WINDOW and rand() < 0.6:
                repeat_of = last
            self.eq_last_ticket[eid] = tid
            self.eq_last_time[eid] = reported

        # The intake call (or message) that opened the ticket.
        if channel == "phone":
            start = reported - 60 - int(rand() * 240)
            phone, e164 = self.phones.caller_id(city, contact)
        else:
            start = reported - 30 - int(rand() * 300)
            phone = e164 = ""
        fix_end = reported + int(shapes.FIRST_CALL_FIX_MINUTES[int(rand() * 4096)] * 60)
        first_call_fix = channel == "phone" and severity != 0 and rand() < 0.3 and fix_end <= now
        ticket_events: list[tuple[int, int | None, str, str]] = [
            (
                reported,
                created_by,
                "created",
                f'{{"channel": "{channel}", "severity": "{SEVERITIES[severity]}", '
                f'"priority": "{priority}"}}',
            )
        ]
        assignee = None
        first_response = resolved = closed = None
        resolution_type = root_cause = solution = ""
        field_option: tuple[str, str, str, str, str] | None = None
        if first_call_fix:
            end = fix_end
            status = "closed"
            queue = self.front
            assignee = creator
            first_response = reported
            resolved = closed = end
            resolution_type = "first_call_fix"
            cause_zh, cause_en = v.FIRST_CALL_ROOT_CAUSES[int(rand() * 3)]
            root_cause = cause_en if english else cause_zh
            solution = v.FIRST_CALL_SOLUTION[1 if english else 0]
            wrap_up = "resolved_on_call"
            ticket_events.append(
                (end, creator, "resolved", '{"resolution_type": "first_call_fix"}')
            )
            ticket_events.append((end, creator, "closed", '{"from": "resolved", "to": "closed"}'))
        else:
            end = min(now, reported + int(shapes.INTAKE_CALL_MINUTES[int(rand() * 4096)] * 60))
            wrap_up = "ticket_created"
            option = kind.resolutions[int(rand() * len(kind.resolutions))]
            field_work = option[0] in _FIELD_TYPES
            if field_work:
                field_option = option
            queue = self.field_queue[region_id] if field_work else self.tech
            pool = self.engineers[region_id, kind_i] if field_work else agents
            worker = pool[int(rand() * len(pool))]
            response_f = shapes.RESPONSE_FACTOR[int(rand() * 4096)]
            resolution_f = shapes.RESOLUTION_FACTOR[int(rand() * 4096)]
            if plan.round_the_clock:
                responded = reported + max(60, int(response_minutes * response_f * 60))
                fixed = reported + int(resolution_minutes * resolution_f * 60)
            else:
                responded = self.office.add(reported, max(1, int(response_minutes * response_f)))
                fixed = self.office.add(reported, max(1, int(resolution_minutes * resolution_f)))
            fixed = max(fixed, responded + 900)
            assigned_at = reported + max(120, (responded - reported) * 2 // 5)
            done = fixed + int(shapes.CLOSE_DAYS[int(rand() * 4096)] * DAY)
            supervisors = self.supervisors[region_id]
            dispatcher = supervisors[int(rand() * len(supervisors))]
            if now < assigned_at:
                status = "new"
            else:
                assignee = worker
                ticket_events.append(
                    (
                        assigned_at,
                        dispatcher,
                        "assigned",
                        f'{{"assignee_id": {worker}, "queue_id": {queue}}}',
                    )
                )
                if now < responded:
                    status = "assigned"
                else:
                    first_response = responded
                    if now < fixed:
                        roll = rand()
                        if option[0] == "part_replaced" and roll < 0.5:
                            status = "waiting_parts"
                        elif roll < 0.15:
                            status = "waiting_customer"
                        else:
                            status = "in_progress"
                        ticket_events.append(
                            (
                                responded,
                                worker,
                                "status_changed",
                                f'{{"from": "assigned", "to": "{status}"}}',
                            )
                        )
                    else:
                        resolved = fixed
                        resolution_type = option[0]
                        root_cause = option[2] if english else option[1]
                        solution = option[4] if english else option[3]
                        ticket_events.append(
                            (
                                fixed,
                                worker,
                                "resolved",
                                f'{{"resolution_type": "{resolution_type}"}}',
                            )
                        )
                        if now < done:
                            status = "resolved"
                        else:
                            status = "closed"
                            closed = done
                            ticket_events.append(
                                (done, creator, "closed", '{"from": "resolved", "to": "closed"}')
                            )
                            if rand() < 0.25:
                                # Follow-up call (回访) before closing.
                                f_phone, f_e164 = self.phones.caller_id(city, contact)
                                notes = v.FOLLOW_UP_NOTES[int(rand() * len(v.FOLLOW_UP_NOTES))]
                                calls.append(
                                    (
                                        self.next_call, "out", "phone", f_phone, f_e164, cid,
                                        contact, creator, stamp(done - 400), stamp(done - 200),
                                        tid, "follow_up", "", notes,
                                    )
                                )  # fmt: skip
                                self.next_call += 1
            if (resolved or now) > resolution_due:
                totals.breached += 1

        calls.append(
            (
                self.next_call, "in", channel, phone, e164, cid, contact, creator,
                stamp(start), stamp(end), tid, wrap_up, "", "",
            )
        )  # fmt: skip
        self.next_call += 1

        first_event = totals.events + 1
        for offset, (at, user, kind_name, details) in enumerate(ticket_events):
            events.append((first_event + offset, tid, stamp(at), user, kind_name, details))
        totals.events += len(ticket_events)
        last_at = ticket_events[-1][0]
        reported_text = stamp(reported)
        is_open = status in _OPEN
        # What services/working_minutes.py stores (no demo ticket is resolved after a pause).
        working = _wall_minutes if plan.round_the_clock else self.office.minutes_between
        paused_at = None
        if status == "waiting_customer" and first_response is not None:
            paused_at = stamp(first_response)
            self.pauses.append((tid, paused_at, "waiting_customer", assignee))
        tickets.append(
            (
                tid, f"SR-{year}-{number:06d}", channel, cid, contact, eid or None, model_id,
                reported_text, fault_started, kind.symptom_ids[symptom], code, description,
                factors, urgency, SEVERITIES[severity], priority, status, queue, assignee,
                plan.id, stamp(response_due), stamp(resolution_due),
                stamp(first_response) if first_response else None,
                stamp(resolved) if resolved else None,
                stamp(closed) if closed else None,
                resolution_type, root_cause, solution, int(first_call_fix), repeat_of,
                created_by, len(ticket_events), reported_text, stamp(last_at),
                stamp(response_risk) if is_open else None,
                stamp(resolution_risk) if is_open else None,
                _flag(now, first_response or now, response_risk, response_due) if is_open else "",
                _flag(now, now, resolution_risk, resolution_due) if is_open else "",
                paused_at, "fault",
                working(reported, first_response) if first_response else None,
                working(reported, resolved) if resolved else None,
            )
        )  # fmt: skip

        if (
            field_option is not None
            and assignee is not None
            and eid
            and (is_open or (resolved is not None and resolved >= now - FIELD_JOB_DAYS * DAY))
        ):
            self.field_jobs.append(
                FieldJob(
                    tid, cid, eid, region_id, kind_i, status, assignee, priority, urgency,
                    reported, first_response, resolved, field_option[0], field_option[3],
                    field_option[4], english,
                )
            )  # fmt: skip

    def info_call(self, at: int, calls: list[Row]) -> None:
        """A call that opened no ticket: a question, or a caller not in the database."""
        rand = self.rng.random
        pop = self.pop
        agents = self.staff.agents
        agent = agents[int(rand() * len(agents))]
        if rand() < 0.7:
            cid = 1 + int(rand() * pop.customers)
            contact: int | None = pop.cust_first_contact[cid]
            assert contact is not None
            city = ALL_CITIES[pop.cust_city[cid]]
            phone, e164 = self.phones.caller_id(city, contact)
            customer: int | None = cid
        else:
            # An unknown caller: a mobile number no contact has.
            customer = contact = None
            phone, e164 = self.phones.caller_id(ALL_CITIES[0], pop.contacts + 1 + int(rand() * 1e7))
        notes = v.INFO_CALL_NOTES[int(rand() * len(v.INFO_CALL_NOTES))]
        length = min(500, int(shapes.INTAKE_CALL_MINUTES[int(rand() * 4096)] * 60))
        calls.append(
            (
                self.next_call, "in", "phone", phone, e164, customer, contact, agent,
                self.text.stamp(at), self.text.stamp(at + length), None, "info_only", "", notes,
            )
        )  # fmt: skip
        self.next_call += 1


def _wall_minutes(start: int, end: int) -> int:
    """A 24x7 plan's working minutes: every minute counts."""
    return round((end - start) / 60)


def _flag(now: int, end: int, at_risk: int, due: int) -> str:
    """The warning a deadline has had by `now` (see SlaFlag), the clock stopping at `end`."""
    moment = min(now, end)
    if moment > due:
        return "breached"
    return "at_risk" if moment >= at_risk else ""


def generate_tickets(
    factory: TicketFactory,
    writer: BulkWriter,
    total: int,
    progress: Callable[[str, int, int], None],
) -> TicketTotals:
    """All tickets of the window, written in batches in time order."""
    rng = factory.rng
    rand = rng.random
    now = factory.now
    today = (now + CHINA_OFFSET) // DAY
    first_day = today - WINDOW_DAYS + 1
    counts = factory.daily_counts(total, first_day, today)
    hours = factory.hours
    tickets: list[Row] = []
    events: list[Row] = []
    calls: list[Row] = []

    def flush() -> None:
        writer.insert("tickets", TICKET_COLUMNS, tickets)
        writer.insert("ticket_events", EVENT_COLUMNS, events)
        writer.insert("calls", CALL_COLUMNS, calls)
        writer.insert("ticket_sla_pauses", PAUSE_COLUMNS, factory.pauses)
        factory.pauses.clear()
        tickets.clear()
        events.clear()
        calls.clear()
        progress("tickets", factory.totals.tickets, total)

    for offset, n in enumerate(counts):
        day = first_day + offset
        day_start = day * DAY - CHINA_OFFSET
        limit = now - day_start if day == today else DAY
        moments = []
        for _ in range(n):
            moment = hours[int(rand() * len(hours))] * 3600 + int(rand() * 3600)
            if moment >= limit:
                moment = int(rand() * max(1, limit))
            moments.append(moment)
        moments.sort()
        for moment in moments:
            factory.ticket(day_start + moment, day, tickets, events, calls)
            if rand() < 0.12:
                at = min(now - 600, day_start + moment + int(rand() * 1800))
                factory.info_call(at, calls)
        if len(tickets) >= BATCH_TICKETS:
            flush()
    flush()
    writer.checkpoint()
    return factory.totals
