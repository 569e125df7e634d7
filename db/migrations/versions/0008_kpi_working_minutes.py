"""KPIs: the working minutes each ticket took to its first response and to its resolution

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23

Working time follows each SLA plan's business calendar (holidays, make-up days, the
customer's waits kept out): no SQL can compute it, so it is stored when the first
response or the resolution is written (workstation/services/working_minutes.py) and
the KPIs average and take medians of these columns in SQL. Existing tickets are
backfilled here in batches with the same calendar code (workstation/sla.py). The
indexes serve the KPI periods: tickets first responded / resolved in a period, and
follow-up answers given in it.
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

import sqlalchemy as sa
from alembic import op

from workstation.sla import Pause, WorkingCalendar, elapsed_working_minutes

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000
COLUMNS = ("response_working_minutes", "resolution_working_minutes")


def upgrade() -> None:
    for column in COLUMNS:
        op.add_column("tickets", sa.Column(column, sa.Integer(), nullable=True))
    op.create_index("ix_tickets_first_response_at", "tickets", ["first_response_at"])
    op.create_index("ix_tickets_resolved_at", "tickets", ["resolved_at"])
    op.create_index("ix_follow_ups_done_at", "follow_ups", ["done_at"])
    _backfill(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_follow_ups_done_at", table_name="follow_ups")
    op.drop_index("ix_tickets_resolved_at", table_name="tickets")
    op.drop_index("ix_tickets_first_response_at", table_name="tickets")
    for column in COLUMNS:
        # Both back ends drop a plain column in place (SQLite since 3.35): a batch copy of
        # the tickets table would trip over the rows that point at it.
        op.execute(f"ALTER TABLE tickets DROP COLUMN {column}")


def _instant(value: Any) -> datetime:
    """A stored instant as aware UTC (SQLite hands back ISO text, PostgreSQL timestamptz)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _clock(value: Any) -> time:
    return time.fromisoformat(value) if isinstance(value, str) else value


def _day(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _calendars(conn: sa.Connection) -> dict[int, WorkingCalendar]:
    """Each plan's calendar, built like workstation/services/sla_plans.load_calendar."""
    zones = dict(conn.execute(sa.text("SELECT id, timezone FROM business_calendars")).all())
    weekly: dict[int, defaultdict[int, list[tuple[time, time]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for cal, weekday, start, end in conn.execute(
        sa.text("SELECT calendar_id, weekday, start_time, end_time FROM calendar_periods")
    ):
        weekly[cal][weekday].append((_clock(start), _clock(end)))
    holidays: defaultdict[int, set[date]] = defaultdict(set)
    workdays: defaultdict[int, dict[date, int]] = defaultdict(dict)
    for cal, day, kind, like in conn.execute(
        sa.text("SELECT calendar_id, day, kind, works_like_weekday FROM calendar_days")
    ):
        if kind == "holiday":
            holidays[cal].add(_day(day))
        elif kind == "workday":
            workdays[cal][_day(day)] = like if like is not None else 0
    by_calendar = {
        cal: WorkingCalendar(
            weekly=tuple(tuple(weekly[cal][d]) for d in range(7)),
            timezone=zone,
            holidays=frozenset(holidays[cal]),
            workdays=workdays[cal],
        )
        for cal, zone in zones.items()
    }
    plans = conn.execute(sa.text("SELECT id, calendar_id FROM sla_plans")).all()
    return {plan: by_calendar[cal] for plan, cal in plans}


def _minutes(
    calendars: dict[int, WorkingCalendar], row: Any, until: Any, pauses: list[Pause]
) -> int | None:
    """Working minutes from the report to `until` (None: not reached), as the services store."""
    if until is None:
        return None
    calendar = calendars[row.sla_plan_id]
    return round(
        elapsed_working_minutes(calendar, _instant(row.reported_at), _instant(until), pauses)
    )


def _backfill(conn: sa.Connection) -> None:
    """Working minutes of every responded or resolved ticket, a batch of ids at a time."""
    calendars = _calendars(conn)
    select_batch = sa.text(
        "SELECT id, sla_plan_id, reported_at, first_response_at, resolved_at FROM tickets"
        " WHERE id > :after AND sla_plan_id IS NOT NULL"
        " AND (first_response_at IS NOT NULL OR resolved_at IS NOT NULL)"
        " ORDER BY id LIMIT :size"
    )
    update = sa.text(
        "UPDATE tickets SET response_working_minutes = :response,"
        " resolution_working_minutes = :resolution WHERE id = :id"
    )
    after = 0
    while True:
        rows = conn.execute(select_batch, {"after": after, "size": BATCH}).all()
        if not rows:
            return
        after = rows[-1].id
        pauses: defaultdict[int, list[Pause]] = defaultdict(list)
        for ticket_id, start, end in conn.execute(
            sa.text(
                "SELECT ticket_id, started_at, ended_at FROM ticket_sla_pauses"
                " WHERE ticket_id >= :low AND ticket_id <= :high"
            ),
            {"low": rows[0].id, "high": after},
        ):
            pauses[ticket_id].append(Pause(_instant(start), _instant(end) if end else None))
        values = [
            {
                "id": row.id,
                "response": _minutes(calendars, row, row.first_response_at, pauses[row.id]),
                "resolution": _minutes(calendars, row, row.resolved_at, pauses[row.id]),
            }
            for row in rows
        ]
        conn.execute(update, values)
