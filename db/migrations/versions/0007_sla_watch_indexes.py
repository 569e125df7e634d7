"""SLA watch: partial indexes for the sweep that flags at-risk and breached deadlines

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23

Every desk sweeps every 30 s; nearly always nothing crossed. Without these indexes
each sweep re-read every open ticket already past its due date and every ticket
still owing a first response (553 ms on SQLite, 196 ms on PostgreSQL with 50,000
open tickets); with them each of its four questions is an index range of the few
tickets that can cross next. Each WHERE is the sweep's predicate word for word
(workstation/services/sla_watch.py WATCH_PREDICATES): SQLite uses a partial index
only when the query repeats its predicate as constants. Alembic's model comparison
cannot express them, so they live here only (like the search indexes of 0003).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RUNNING = "status IN ('new', 'assigned', 'in_progress', 'waiting_parts')"
_UNANSWERED = "status IN ('new', 'assigned') AND first_response_at IS NULL"

# name → (columns on PostgreSQL, columns on SQLite, WHERE)
INDEXES = {
    "ix_tickets_watch_resolution_breached": (
        "resolution_due_at",
        # SQLite's planner passed over the one-column index; with the status first it is used.
        "status, resolution_due_at",
        f"{_RUNNING} AND resolution_sla_flag <> 'breached'",
    ),
    "ix_tickets_watch_resolution_at_risk": (
        "resolution_at_risk_at",
        "resolution_at_risk_at",
        f"{_RUNNING} AND resolution_sla_flag = ''",
    ),
    "ix_tickets_watch_response_breached": (
        "response_due_at",
        "response_due_at",
        f"{_UNANSWERED} AND response_sla_flag <> 'breached'",
    ),
    "ix_tickets_watch_response_at_risk": (
        "response_at_risk_at",
        "response_at_risk_at",
        f"{_UNANSWERED} AND response_sla_flag = ''",
    ),
}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, (pg_columns, sqlite_columns, where) in INDEXES.items():
        columns = sqlite_columns if sqlite else pg_columns
        op.execute(f"CREATE INDEX {name} ON tickets ({columns}) WHERE {where}")
        if sqlite:
            # Without statistics SQLite's planner passes the new index over (seen at full
            # scale); a partial index over open tickets is small to analyse.
            op.execute(f"ANALYZE {name}")


def downgrade() -> None:
    for name in INDEXES:
        op.execute(f"DROP INDEX {name}")
