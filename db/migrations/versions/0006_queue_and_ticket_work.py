"""queue and ticket work: at-risk instants and SLA flags, pauses, presence, follow-ups, complaints

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

A ticket keeps the instant each deadline turns "at risk" (the plan's share of its
target used), so the queue and the dashboard count and highlight at-risk tickets
in SQL, and a flag per deadline so the warning and the breach escalation go out
once whichever desk sees the crossing first. Pauses of the SLA clock get a table
of their own (the SLA timeline shows them); a ticket open on a desk is in
`ticket_presence`; a resolved ticket gets a follow-up call (回访) in `follow_ups`.

Open tickets of an earlier revision get their at-risk instants by clock-time
proportion (reported + share × (due − reported)); new ones are computed on the
plan's business calendar by the services.
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OPEN = ("new", "assigned", "in_progress", "waiting_customer", "waiting_parts")
_DEFAULT_AT_RISK = 0.8


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("response_at_risk_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("resolution_at_risk_at", sa.DateTime(timezone=True)))
        batch.add_column(
            sa.Column("response_sla_flag", sa.String(10), nullable=False, server_default="")
        )
        batch.add_column(
            sa.Column("resolution_sla_flag", sa.String(10), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("sla_paused_at", sa.DateTime(timezone=True)))
        batch.add_column(sa.Column("kind", sa.String(12), nullable=False, server_default="fault"))
        batch.add_column(sa.Column("complaint_of_id", sa.Integer()))
        batch.create_foreign_key(
            op.f("fk_tickets_complaint_of_id_tickets"), "tickets", ["complaint_of_id"], ["id"]
        )
    op.create_index("ix_tickets_status_resolution_due", "tickets", ["status", "resolution_due_at"])

    op.create_table(
        "ticket_sla_pauses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.String(length=30), nullable=False),
        sa.Column("started_by_id", sa.Integer(), nullable=True),
        sa.Column("ended_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_sla_pauses_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["started_by_id"], ["users.id"], name=op.f("fk_ticket_sla_pauses_started_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["ended_by_id"], ["users.id"], name=op.f("fk_ticket_sla_pauses_ended_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_sla_pauses")),
    )
    op.create_index(
        op.f("ix_ticket_sla_pauses_ticket_id"), "ticket_sla_pauses", ["ticket_id"], unique=False
    )

    op.create_table(
        "ticket_presence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("desk", sa.String(length=80), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_ticket_presence_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_ticket_presence_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ticket_presence")),
        sa.UniqueConstraint(
            "ticket_id", "user_id", "desk", name=op.f("uq_ticket_presence_ticket_id_user_id_desk")
        ),
    )

    op.create_table(
        "follow_ups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("reached", sa.Boolean(), nullable=True),
        sa.Column("confirmed_fixed", sa.Boolean(), nullable=True),
        sa.Column("satisfaction", sa.SmallInteger(), nullable=True),
        sa.Column("comments", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("complaint_ticket_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_follow_ups_ticket_id_tickets")
        ),
        sa.ForeignKeyConstraint(
            ["done_by_id"], ["users.id"], name=op.f("fk_follow_ups_done_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["complaint_ticket_id"],
            ["tickets.id"],
            name=op.f("fk_follow_ups_complaint_ticket_id_tickets"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_ups")),
    )
    op.create_index(op.f("ix_follow_ups_ticket_id"), "follow_ups", ["ticket_id"], unique=False)
    op.create_index("ix_follow_ups_status_due", "follow_ups", ["status", "due_at"], unique=False)

    _backfill_at_risk()


def _backfill_at_risk() -> None:
    """Open tickets of an earlier revision: at-risk instants by clock-time proportion."""
    bind = op.get_bind()
    tickets = sa.table(
        "tickets",
        sa.column("id", sa.Integer()),
        sa.column("status", sa.String()),
        sa.column("sla_plan_id", sa.Integer()),
        sa.column("reported_at", sa.DateTime(timezone=True)),
        sa.column("response_due_at", sa.DateTime(timezone=True)),
        sa.column("resolution_due_at", sa.DateTime(timezone=True)),
        sa.column("response_at_risk_at", sa.DateTime(timezone=True)),
        sa.column("resolution_at_risk_at", sa.DateTime(timezone=True)),
    )
    plans = sa.table("sla_plans", sa.column("id", sa.Integer()), sa.column("at_risk_ratio"))
    ratios = {
        int(i): float(r) for i, r in bind.execute(sa.select(plans.c.id, plans.c.at_risk_ratio))
    }
    rows = bind.execute(
        sa.select(
            tickets.c.id,
            tickets.c.sla_plan_id,
            tickets.c.reported_at,
            tickets.c.response_due_at,
            tickets.c.resolution_due_at,
        ).where(tickets.c.status.in_(_OPEN))
    ).all()
    updates = []
    for ticket_id, plan_id, reported, response_due, resolution_due in rows:
        ratio = ratios.get(plan_id, _DEFAULT_AT_RISK)
        updates.append(
            {
                "ticket_id": ticket_id,
                "response": _share(reported, response_due, ratio),
                "resolution": _share(reported, resolution_due, ratio),
            }
        )
    if updates:
        bind.execute(
            tickets.update()
            .where(tickets.c.id == sa.bindparam("ticket_id"))
            .values(
                response_at_risk_at=sa.bindparam("response"),
                resolution_at_risk_at=sa.bindparam("resolution"),
            ),
            updates,
        )


def _share(start: object, end: object, ratio: float) -> datetime | None:
    begin, finish = _aware(start), _aware(end)
    if begin is None or finish is None:
        return None
    moment = begin + (finish - begin) * ratio
    return moment if op.get_bind().dialect.name != "sqlite" else moment.replace(tzinfo=None)


def _aware(value: object) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def downgrade() -> None:
    op.drop_index("ix_follow_ups_status_due", table_name="follow_ups")
    op.drop_index(op.f("ix_follow_ups_ticket_id"), table_name="follow_ups")
    op.drop_table("follow_ups")
    op.drop_table("ticket_presence")
    op.drop_index(op.f("ix_ticket_sla_pauses_ticket_id"), table_name="ticket_sla_pauses")
    op.drop_table("ticket_sla_pauses")
    op.drop_index("ix_tickets_status_resolution_due", table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_constraint(op.f("fk_tickets_complaint_of_id_tickets"), type_="foreignkey")
        for column in (
            "complaint_of_id",
            "kind",
            "sla_paused_at",
            "resolution_sla_flag",
            "response_sla_flag",
            "resolution_at_risk_at",
            "response_at_risk_at",
        ):
            batch.drop_column(column)
