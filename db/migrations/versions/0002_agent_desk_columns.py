"""agent desk: a ticket's product model, merged customers, replaced equipment, caller name

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

The fault form records the product model even for a device without a known
serial, and similar past faults are found by model and error code: the model
goes on the ticket (filled from the device for existing rows). A customer
merged into another keeps its row (history points at it) with `merged_into_id`;
a replaced device points at its replacement unit.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("product_model_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_tickets_product_model_id_product_models"),
            "product_models",
            ["product_model_id"],
            ["id"],
        )
        batch_op.create_index(
            "ix_tickets_model_error", ["product_model_id", "error_code"], unique=False
        )
        batch_op.create_index(
            "ix_tickets_model_symptom", ["product_model_id", "symptom_category_id"], unique=False
        )
    op.execute(
        "UPDATE tickets SET product_model_id = (SELECT e.product_model_id FROM equipment e "
        "WHERE e.id = tickets.equipment_id) WHERE equipment_id IS NOT NULL"
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_customers_merged_into_id_customers"),
            "customers",
            ["merged_into_id"],
            ["id"],
        )
    with op.batch_alter_table("equipment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("replaced_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_equipment_replaced_by_id_equipment"),
            "equipment",
            ["replaced_by_id"],
            ["id"],
        )
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("caller_name", sa.String(length=100), nullable=False, server_default="")
        )
        batch_op.create_index(
            "ix_calls_contact_started", ["contact_id", "started_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.drop_index("ix_calls_contact_started")
        batch_op.drop_column("caller_name")
    with op.batch_alter_table("equipment", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_equipment_replaced_by_id_equipment"), type_="foreignkey"
        )
        batch_op.drop_column("replaced_by_id")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_customers_merged_into_id_customers"), type_="foreignkey"
        )
        batch_op.drop_column("merged_into_id")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_model_symptom")
        batch_op.drop_index("ix_tickets_model_error")
        batch_op.drop_constraint(
            batch_op.f("fk_tickets_product_model_id_product_models"), type_="foreignkey"
        )
        batch_op.drop_column("product_model_id")
