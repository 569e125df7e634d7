"""The SLA clock: working time on a business calendar, deadlines, pauses, and the SLA state.

Pure functions on plain values, no database: a service loads the calendar once
(`WorkingCalendar`) and asks it. The clock only runs inside working periods of
the calendar's own time zone; public holidays stop it, make-up working days
(调休: a Saturday or Sunday worked instead of a holiday) start it with the
working periods of the weekday they stand in for. A paused ticket (waiting for
the customer or for parts) does not use up its SLA: the time in its pauses is
taken out of the elapsed working time and added to its deadlines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

# A calendar with no working minute for this many days is a mistake, not a calendar.
MAX_IDLE_DAYS = 366 * 2

Period = tuple[time, time]


def _minute_of_day(moment: time, *, is_end: bool = False) -> float:
    """Minutes since midnight; an end such as 23:59:59.999999 counts as the end of the day."""
    minutes = moment.hour * 60 + moment.minute + moment.second / 60 + moment.microsecond / 6e7
    if is_end and minutes >= 24 * 60 - 1 / 60:
        return 24 * 60.0
    return minutes


@dataclass(frozen=True)
class WorkingCalendar:
    """Weekly working periods (index 0 = Monday) in `timezone`, with dated exceptions."""

    weekly: Sequence[Sequence[Period]]
    timezone: str = "Asia/Shanghai"
    holidays: frozenset[date] = frozenset()
    # A make-up working day → the weekday (0 = Monday) whose periods it works.
    workdays: Mapping[date, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.weekly) != 7:
            raise ValueError("a week has seven days: give the periods of each (may be empty)")
        for periods in self.weekly:
            for start, end in periods:
                if _minute_of_day(end, is_end=True) <= _minute_of_day(start):
                    raise ValueError(f"a working period must end after it starts: {start}-{end}")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def periods_on(self, day: date) -> list[tuple[float, float]]:
        """The working periods of a date, as (start, end) minutes since local midnight."""
        if day in self.workdays:
            periods = self.weekly[self.workdays[day]]
        elif day in self.holidays:
            return []
        else:
            periods = self.weekly[day.weekday()]
        return sorted(
            (_minute_of_day(start), _minute_of_day(end, is_end=True)) for start, end in periods
        )

    def is_working_time(self, moment: datetime) -> bool:
        local = _local(moment, self.zone)
        minute = _minute_of_day(local.time())
        return any(start <= minute < end for start, end in self.periods_on(local.date()))

    def add_working_minutes(self, start: datetime, minutes: float) -> datetime:
        """The instant when `minutes` working minutes have passed since `start` (aware, UTC)."""
        if minutes < 0:
            raise ValueError("working minutes to add must not be negative")
        if minutes == 0:
            return start.astimezone(UTC)
        zone = self.zone
        local = _local(start, zone)
        day = local.date()
        minute = _minute_of_day(local.time())
        remaining = float(minutes)
        for _ in range(MAX_IDLE_DAYS + int(minutes // (24 * 60)) + 1):
            for begin, end in self.periods_on(day):
                if end <= minute:
                    continue
                begin = max(begin, minute)
                if remaining <= end - begin:
                    return _instant(day, begin + remaining, zone)
                remaining -= end - begin
            day += timedelta(days=1)
            minute = 0.0
        raise ValueError("the calendar has no working time within two years")

    def working_minutes_between(self, start: datetime, end: datetime) -> float:
        """Working minutes from `start` to `end` (0 when end is not after start)."""
        if end <= start:
            return 0.0
        zone = self.zone
        first, last = _local(start, zone), _local(end, zone)
        total = 0.0
        day = first.date()
        while day <= last.date():
            low = _minute_of_day(first.time()) if day == first.date() else 0.0
            high = _minute_of_day(last.time()) if day == last.date() else 24 * 60.0
            for begin, finish in self.periods_on(day):
                total += max(0.0, min(finish, high) - max(begin, low))
            day += timedelta(days=1)
        return total


def _local(moment: datetime, zone: ZoneInfo) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("SLA times must be aware datetimes (UTC in the database)")
    return moment.astimezone(zone)


def _instant(day: date, minute_of_day: float, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local day and minute (24:00 is the next midnight)."""
    midnight = datetime.combine(day, time(0), tzinfo=zone)
    return (midnight + timedelta(minutes=minute_of_day)).astimezone(UTC)


@dataclass(frozen=True)
class Pause:
    """The clock stood still from `start` to `end` (None: still paused)."""

    start: datetime
    end: datetime | None = None


def elapsed_working_minutes(
    calendar: WorkingCalendar, start: datetime, now: datetime, pauses: Iterable[Pause] = ()
) -> float:
    """Working minutes the ticket has used since `start`, its pauses not counted."""
    used = calendar.working_minutes_between(start, now)
    for pause in pauses:
        pause_end = min(pause.end or now, now)
        used -= calendar.working_minutes_between(max(pause.start, start), pause_end)
    return max(0.0, used)


def deadline(
    calendar: WorkingCalendar,
    start: datetime,
    target_minutes: float,
    pauses: Iterable[Pause] = (),
    now: datetime | None = None,
) -> datetime:
    """When `target_minutes` of working time will have been used, pauses not counted.

    For a ticket paused now (a pause without an end) the deadline is as if it resumed `now`;
    it moves on as long as the pause lasts.
    """
    moment = start
    remaining = float(target_minutes)
    for pause in sorted(pauses, key=lambda p: p.start):
        pause_start = max(pause.start, start)
        before = calendar.working_minutes_between(moment, pause_start)
        if before >= remaining:
            break
        remaining -= before
        pause_end = pause.end or now or pause_start
        moment = max(moment, pause_end)
    return calendar.add_working_minutes(moment, remaining)


class SlaState(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    BREACHED = "breached"
    MET = "met"


def sla_state(used_minutes: float, target_minutes: float, at_risk_ratio: float) -> SlaState:
    """On track, at risk (at or past `at_risk_ratio` of the target) or breached (past it)."""
    if target_minutes <= 0:
        raise ValueError("an SLA target must be positive")
    if used_minutes > target_minutes:
        return SlaState.BREACHED
    if used_minutes >= at_risk_ratio * target_minutes:
        return SlaState.AT_RISK
    return SlaState.ON_TRACK
