"""A ticket's SLA timeline: when the clock ran, stood still and why, how its deadlines moved.

Pure functions over the ticket's timeline events (as plain values) and its business calendar:
the ticket screen shows the steps, and for a breach where the working time went (working
minutes per status; time the clock stood still is not counted).

The events carry what the steps need: the writers of workstation/services/ticket_work.py put
the deadlines before and after each change into `details["deadlines"]` as ISO strings
(`{"before": {"response_due_at": …, "resolution_due_at": …}, "after": {…}}`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from workstation.sla import WorkingCalendar

# The statuses whose time counts against the SLA, in the order of the workflow.
COUNTED_STATUSES = ("new", "assigned", "in_progress", "waiting_parts")

# Step kinds (stable codes; the screen words them).
CLOCK_STARTED = "clock_started"
PAUSED = "paused"
RESUMED = "resumed"
PRIORITY_CHANGED = "priority_changed"
PLAN_CHANGED = "plan_changed"
FIRST_RESPONSE = "first_response"
AT_RISK = "at_risk"
BREACHED = "breached"
RESOLVED = "resolved"
REOPENED = "reopened"

RESPONSE = "response"
RESOLUTION = "resolution"


@dataclass(frozen=True)
class EventInput:
    """One timeline event as the timeline builder needs it."""

    at: datetime
    user: str
    kind: str
    details: Mapping[str, Any]


@dataclass(frozen=True)
class SlaStep:
    """One step of the SLA timeline.

    `kind` is one of the step codes above. `deadline` names the deadline an at-risk or breach
    step is about ("response" | "resolution"). Deadlines before/after are set on steps that
    moved them (resumed, priority/plan changed, reopened) and `*_after` on the clock start.
    `within_deadline` says for a first response or a resolution whether it came in time.
    `synthetic` marks a breach nobody was warned of (no sweep ran): the instant is the deadline.
    """

    at: datetime
    kind: str
    user: str = ""
    reason: str = ""
    deadline: str = ""
    paused_minutes: float | None = None
    change_from: str = ""
    change_to: str = ""
    response_due_before: datetime | None = None
    response_due_after: datetime | None = None
    resolution_due_before: datetime | None = None
    resolution_due_after: datetime | None = None
    within_deadline: bool | None = None
    synthetic: bool = False


@dataclass(frozen=True)
class PhaseTime:
    """Working minutes the ticket spent in one status (paused time not counted)."""

    status: str
    working_minutes: float


def iso(moment: datetime | None) -> str | None:
    """How deadlines are written into event details."""
    return moment.isoformat() if moment is not None else None


def _parse(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(str(value))


def deadlines_detail(
    before: tuple[datetime | None, datetime | None], after: tuple[datetime | None, datetime | None]
) -> dict[str, dict[str, str | None]]:
    """The `deadlines` entry of an event: (response, resolution) before and after."""
    return {
        "before": {"response_due_at": iso(before[0]), "resolution_due_at": iso(before[1])},
        "after": {"response_due_at": iso(after[0]), "resolution_due_at": iso(after[1])},
    }


def _moved(step: SlaStep, details: Mapping[str, Any]) -> SlaStep:
    """The step with the deadlines before and after from the event's details."""
    deadlines = details.get("deadlines") or {}
    before = deadlines.get("before") or {}
    after = deadlines.get("after") or {}
    return replace(
        step,
        response_due_before=_parse(before.get("response_due_at")),
        response_due_after=_parse(after.get("response_due_at")),
        resolution_due_before=_parse(before.get("resolution_due_at")),
        resolution_due_after=_parse(after.get("resolution_due_at")),
    )


def sla_steps(
    *,
    reported_at: datetime,
    events: Sequence[EventInput],
    response_due_at: datetime | None,
    resolution_due_at: datetime | None,
    first_response_at: datetime | None,
    resolved_at: datetime | None,
    now: datetime,
) -> tuple[SlaStep, ...]:
    """The SLA steps of a ticket, oldest first."""
    steps: list[SlaStep] = []
    warned: set[tuple[str, str]] = set()
    first_moved: SlaStep | None = None
    for event in events:
        d = event.details
        kind = event.kind
        reason = str(d.get("reason", ""))
        step: SlaStep | None = None
        if kind == "sla_paused":
            steps.append(SlaStep(event.at, PAUSED, event.user, reason))
        elif kind in ("sla_resumed", "reopened"):
            step = SlaStep(
                event.at,
                RESUMED if kind == "sla_resumed" else REOPENED,
                event.user,
                reason,
                paused_minutes=_float(d.get("paused_minutes")),
            )
        elif kind in ("priority_changed", "sla_plan_changed"):
            is_priority = kind == "priority_changed"
            step = SlaStep(
                event.at,
                PRIORITY_CHANGED if is_priority else PLAN_CHANGED,
                event.user,
                reason,
                change_from=str(d.get("priority_before" if is_priority else "plan_before", "")),
                change_to=str(d.get("priority_after" if is_priority else "plan_after", "")),
            )
        elif kind in ("sla_at_risk", "sla_breached"):
            which = str(d.get("deadline", ""))
            level = AT_RISK if kind == "sla_at_risk" else BREACHED
            warned.add((which, level))
            due = _parse(d.get("due_at"))  # the deadline the warning is about
            steps.append(
                SlaStep(
                    event.at,
                    level,
                    event.user,
                    deadline=which,
                    response_due_after=due if which == RESPONSE else None,
                    resolution_due_after=due if which == RESOLUTION else None,
                )
            )
        elif kind == "resolved":
            steps.append(SlaStep(event.at, RESOLVED, event.user, str(d.get("resolution_type", ""))))
        if step is not None:
            step = _moved(step, d)
            first_moved = first_moved or step
            steps.append(step)
    start_response = response_due_at
    start_resolution = resolution_due_at
    if first_moved is not None:
        start_response = first_moved.response_due_before or response_due_at
        start_resolution = first_moved.resolution_due_before or resolution_due_at
    steps.append(
        SlaStep(
            reported_at,
            CLOCK_STARTED,
            response_due_after=start_response,
            resolution_due_after=start_resolution,
        )
    )
    if first_response_at is not None:
        steps.append(
            SlaStep(
                first_response_at,
                FIRST_RESPONSE,
                within_deadline=(
                    first_response_at <= response_due_at if response_due_at is not None else None
                ),
            )
        )
    # A breach nobody was warned of (no desk swept): shown at the deadline itself.
    response_end = first_response_at or now
    if (
        response_due_at is not None
        and response_end > response_due_at
        and (RESPONSE, BREACHED) not in warned
    ):
        steps.append(SlaStep(response_due_at, BREACHED, deadline=RESPONSE, synthetic=True))
    resolution_end = resolved_at or now
    if (
        resolution_due_at is not None
        and resolution_end > resolution_due_at
        and (RESOLUTION, BREACHED) not in warned
    ):
        steps.append(SlaStep(resolution_due_at, BREACHED, deadline=RESOLUTION, synthetic=True))
    # The last resolution of the ticket says whether it came in time.
    final = []
    last_resolved = max((i for i, s in enumerate(steps) if s.kind == RESOLVED), default=None)
    for i, step in enumerate(steps):
        if i == last_resolved and resolution_due_at is not None and resolved_at is not None:
            step = _with_within(step, resolved_at <= resolution_due_at)
        final.append(step)
    final.sort(key=lambda s: (s.at, s.kind != CLOCK_STARTED))
    return tuple(final)


def _with_within(step: SlaStep, within: bool) -> SlaStep:
    return replace(step, within_deadline=within)


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None


def status_after(event: EventInput, status: str) -> str:
    """The ticket's status after `event`, given the status before it."""
    to = event.details.get("to")
    if isinstance(to, str) and to:
        return to
    if event.kind == "assigned" and status == "new":
        return "assigned"
    if event.kind == "resolved":
        return "resolved"
    if event.kind == "closed":
        return "closed"
    return status


def where_time_went(
    calendar: WorkingCalendar,
    *,
    reported_at: datetime,
    events: Sequence[EventInput],
    end: datetime,
) -> tuple[PhaseTime, ...]:
    """Working minutes per status from `reported_at` to `end` (the resolution or now).

    Only statuses whose time counts are listed (waiting for the customer and a resolved
    stretch are paused time); statuses the ticket never spent working time in are left out.
    """
    status = "new"
    since = reported_at
    totals: dict[str, float] = {}

    def close(until: datetime) -> None:
        if status in COUNTED_STATUSES and until > since:
            minutes = calendar.working_minutes_between(since, min(until, end))
            totals[status] = totals.get(status, 0.0) + minutes

    for event in events:
        if event.kind == "created":
            continue
        after = status_after(event, status)
        if after == status:
            continue
        if event.at >= end:
            break
        close(event.at)
        status, since = after, max(since, event.at)
    close(end)
    return tuple(
        PhaseTime(s, round(totals[s], 1)) for s in COUNTED_STATUSES if totals.get(s, 0.0) > 0
    )
