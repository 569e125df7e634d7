"""Time for bulk rows: instants as integer UTC seconds, written as the text the database stores.

Building aware datetimes and converting them costs microseconds a value;
with tens of millions of timestamps that is minutes. The generator works in
epoch seconds and formats through lookup tables instead, in exactly the
form SQLAlchemy writes to SQLite ('YYYY-MM-DD HH:MM:SS.ffffff', naive UTC),
which PostgreSQL reads as timestamptz when the session time zone is UTC.
Asia/Shanghai has had no daylight saving since 1991, so local time is UTC+8.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

DAY = 86_400
CHINA_OFFSET = 8 * 3600
_EPOCH = date(1970, 1, 1)


def epoch_day(day: date) -> int:
    """Days since 1970-01-01."""
    return (day - _EPOCH).days


def day_of(epoch_days: int) -> date:
    return _EPOCH + timedelta(days=epoch_days)


def epoch_seconds(instant: datetime) -> int:
    """Whole UTC seconds of an aware instant (a naive one is taken as UTC)."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return int(instant.timestamp())


class TimeText:
    """Formats epoch seconds and epoch days between `first_day` and `last_day` as SQL text."""

    def __init__(self, first_day: int, last_day: int) -> None:
        self.first_day = first_day
        self._days = [day_of(d).isoformat() for d in range(first_day, last_day + 1)]
        self._stamp_days = [f"{d} " for d in self._days]
        self._hms = [
            f"{h:02d}:{m:02d}:{s:02d}.000000"
            for h in range(24)
            for m in range(60)
            for s in range(60)
        ]

    def stamp(self, seconds: int) -> str:
        """'2025-03-04 05:06:07.000000' for an instant in UTC seconds."""
        day, rest = divmod(seconds, DAY)
        return self._stamp_days[day - self.first_day] + self._hms[rest]

    def date(self, epoch_days: int) -> str:
        """'2025-03-04' for a day number."""
        return self._days[epoch_days - self.first_day]


class BusinessClock:
    """Adds working minutes to an instant on a weekly pattern with dated exceptions.

    Exact to the minute inside the days it was built for (beyond them it falls
    back to counting every minute). Good enough for demo SLA deadlines; the
    product's own SLA service computes them properly.
    """

    def __init__(
        self,
        periods: Sequence[Sequence[tuple[time, time]]],
        holidays: Iterable[date],
        workdays: dict[date, int],
        first_day: int,
        last_day: int,
        utc_offset: int = CHINA_OFFSET,
    ) -> None:
        # periods[weekday] = working periods of that weekday (local time).
        self._offset = utc_offset
        self._first = first_day
        patterns = [self._pattern(day_periods) for day_periods in periods]
        holiday_set = set(holidays)
        self._cum_in_day: list[list[int] | None] = []
        self._inverse: list[list[int] | None] = []
        starts = [0]
        for d in range(first_day, last_day + 1):
            when = day_of(d)
            if when in workdays:
                pattern = patterns[workdays[when]]
            elif when in holiday_set:
                pattern = None
            else:
                pattern = patterns[when.weekday()]
            cum, inverse = pattern if pattern else (None, None)
            self._cum_in_day.append(cum)
            self._inverse.append(inverse)
            starts.append(starts[-1] + (len(inverse) - 1 if inverse else 0))
        self._starts = starts

    @staticmethod
    def _pattern(day_periods: Sequence[tuple[time, time]]) -> tuple[list[int], list[int]] | None:
        working = [False] * 1440
        for start, end in day_periods:
            first = start.hour * 60 + start.minute
            last = end.hour * 60 + end.minute + (1 if end.second or end.microsecond else 0)
            for minute in range(first, min(last, 1440)):
                working[minute] = True
        if not any(working):
            return None
        cum = [0]
        inverse = [0]
        for minute, works in enumerate(working):
            cum.append(cum[-1] + works)
            if works:
                inverse.append(minute + 1)
        return cum, inverse

    def _worked(self, seconds: int) -> int | None:
        """Working minutes from the first day's midnight to `seconds`; None outside the days."""
        local = seconds + self._offset
        index = local // DAY - self._first
        if not 0 <= index < len(self._cum_in_day):
            return None
        cum = self._cum_in_day[index]
        return self._starts[index] + (cum[(local % DAY) // 60] if cum else 0)

    def minutes_between(self, start: int, end: int) -> int:
        """Working minutes from `start` to `end` (UTC seconds), as the KPIs store them."""
        first, last = self._worked(start), self._worked(end)
        if first is None or last is None:
            return round((end - start) / 60)
        return max(0, last - first)

    def add(self, seconds: int, minutes: int) -> int:
        """The instant `minutes` working minutes after `seconds` (both UTC seconds)."""
        worked = self._worked(seconds)
        if worked is None or minutes <= 0:
            return seconds + minutes * 60
        target = worked + minutes
        day = bisect_left(self._starts, target) - 1
        if day >= len(self._inverse):
            return seconds + minutes * 60
        inverse = self._inverse[day]
        assert inverse is not None
        minute_of_day = inverse[target - self._starts[day]]
        return (self._first + day) * DAY + minute_of_day * 60 - self._offset


def wall_clock_add(seconds: int, minutes: int) -> int:
    """A 24x7 plan's clock: every minute counts."""
    return seconds + minutes * 60
