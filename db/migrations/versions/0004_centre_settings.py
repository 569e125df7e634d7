"""centre settings: values every desk shares, such as the repeat-fault window

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

A row exists only for a setting the centre changed; without one the program's
default applies (workstation/services/centre_settings.py).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "centre_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_centre_settings_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_centre_settings")),
        sa.UniqueConstraint("name", name=op.f("uq_centre_settings_name")),
    )


def downgrade() -> None:
    op.drop_table("centre_settings")
