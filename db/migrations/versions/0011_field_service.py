"""field service: engineers' profiles and absences, visits and their service sheets, spare
parts and stock, preventive maintenance plans; contracts get a delivery date

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23

An engineer's booked visits never overlap. On PostgreSQL that is an exclusion constraint
over (engineer, [starts_at, ends_at)) of the visits that hold the engineer (booked or
completed): two dispatchers booking the same engineer at the same moment cannot both
commit. The engineer is compared as a one-value integer range, so the constraint needs no
extension (btree_gist). SQLite has no such constraint: the booking service checks and
inserts in one write transaction, which SQLite runs one at a time.

Stock never goes negative: CHECK constraints on stock_levels back the services' conditional
updates.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from workstation.models.base import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("unit_price", sa.Numeric(precision=12, scale=2), nullable=False),
        sa.Column("serialised", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parts")),
        sa.UniqueConstraint("code", name=op.f("uq_parts_code")),
    )
    op.create_table(
        "part_models",
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("product_model_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["part_id"], ["parts.id"], name=op.f("fk_part_models_part_id_parts")
        ),
        sa.ForeignKeyConstraint(
            ["product_model_id"],
            ["product_models.id"],
            name=op.f("fk_part_models_product_model_id_product_models"),
        ),
        sa.PrimaryKeyConstraint("part_id", "product_model_id", name=op.f("pk_part_models")),
    )
    op.create_index(
        op.f("ix_part_models_product_model_id"), "part_models", ["product_model_id"], unique=False
    )
    op.create_table(
        "engineer_absences",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("engineer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("starts_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_engineer_absences_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["engineer_id"], ["users.id"], name=op.f("fk_engineer_absences_engineer_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engineer_absences")),
    )
    op.create_index(
        "ix_engineer_absences_engineer_starts",
        "engineer_absences",
        ["engineer_id", "starts_at"],
        unique=False,
    )
    op.create_table(
        "engineer_profiles",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("base_city", sa.String(length=100), nullable=False),
        sa.Column("base_latitude", sa.Float(), nullable=True),
        sa.Column("base_longitude", sa.Float(), nullable=True),
        sa.Column("work_start_minute", sa.SmallInteger(), nullable=False),
        sa.Column("work_end_minute", sa.SmallInteger(), nullable=False),
        sa.Column("work_days", sa.String(length=7), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_engineer_profiles_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_engineer_profiles")),
    )
    op.create_table(
        "stock_locations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=True),
        sa.Column("engineer_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["engineer_id"], ["users.id"], name=op.f("fk_stock_locations_engineer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["region_id"], ["regions.id"], name=op.f("fk_stock_locations_region_id_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stock_locations")),
        sa.UniqueConstraint("code", name=op.f("uq_stock_locations_code")),
        sa.UniqueConstraint("engineer_id", name=op.f("uq_stock_locations_engineer_id")),
    )
    op.create_table(
        "stock_levels",
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("on_hand", sa.Integer(), nullable=False),
        sa.Column("reserved", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "on_hand >= reserved", name=op.f("ck_stock_levels_reserved_within_on_hand")
        ),
        sa.CheckConstraint("reserved >= 0", name=op.f("ck_stock_levels_reserved_not_negative")),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["stock_locations.id"],
            name=op.f("fk_stock_levels_location_id_stock_locations"),
        ),
        sa.ForeignKeyConstraint(
            ["part_id"], ["parts.id"], name=op.f("fk_stock_levels_part_id_parts")
        ),
        sa.PrimaryKeyConstraint("location_id", "part_id", name=op.f("pk_stock_levels")),
    )
    op.create_index(op.f("ix_stock_levels_part_id"), "stock_levels", ["part_id"], unique=False)
    op.create_table(
        "maintenance_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("equipment_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("visit_kind", sa.String(length=30), nullable=False),
        sa.Column("interval_months", sa.SmallInteger(), nullable=False),
        sa.Column("first_due_on", sa.Date(), nullable=False),
        sa.Column("lead_days", sa.SmallInteger(), nullable=False),
        sa.Column("duration_minutes", sa.SmallInteger(), nullable=False),
        sa.Column(
            "checklist",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(equipment_id IS NULL) <> (contract_id IS NULL)",
            name=op.f("ck_maintenance_plans_device_or_contract"),
        ),
        sa.CheckConstraint(
            "interval_months > 0", name=op.f("ck_maintenance_plans_interval_positive")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["service_contracts.id"],
            name=op.f("fk_maintenance_plans_contract_id_service_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_maintenance_plans_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["equipment_id"],
            ["equipment.id"],
            name=op.f("fk_maintenance_plans_equipment_id_equipment"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_maintenance_plans")),
    )
    op.create_index(
        op.f("ix_maintenance_plans_contract_id"), "maintenance_plans", ["contract_id"], unique=False
    )
    op.create_index(
        op.f("ix_maintenance_plans_equipment_id"),
        "maintenance_plans",
        ["equipment_id"],
        unique=False,
    )
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("equipment_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("engineer_id", sa.Integer(), nullable=True),
        sa.Column("starts_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("ends_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "checklist",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("arrived_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("departed_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("work_done", sa.Text(), nullable=False),
        sa.Column("result", sa.String(length=20), nullable=False),
        sa.Column("advice", sa.Text(), nullable=False),
        sa.Column("travel_km", sa.Numeric(precision=8, scale=1), nullable=True),
        sa.Column("labour_minutes", sa.Integer(), nullable=True),
        sa.Column("labour_cost", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("distance_cost", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("surcharge", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("total_cost", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("confirmed_by", sa.String(length=100), nullable=False),
        sa.Column("completed_by_id", sa.Integer(), nullable=True),
        sa.Column("completed_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("ends_at > starts_at", name=op.f("ck_visits_time_order")),
        sa.ForeignKeyConstraint(
            ["completed_by_id"], ["users.id"], name=op.f("fk_visits_completed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["service_contracts.id"],
            name=op.f("fk_visits_contract_id_service_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_visits_created_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_visits_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["engineer_id"], ["users.id"], name=op.f("fk_visits_engineer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["equipment_id"], ["equipment.id"], name=op.f("fk_visits_equipment_id_equipment")
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"], ["maintenance_plans.id"], name=op.f("fk_visits_plan_id_maintenance_plans")
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name=op.f("fk_visits_site_id_sites")),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_visits_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visits")),
        sa.UniqueConstraint(
            "plan_id", "equipment_id", "due_on", name=op.f("uq_visits_plan_id_equipment_id_due_on")
        ),
    )
    op.create_index(op.f("ix_visits_customer_id"), "visits", ["customer_id"], unique=False)
    op.create_index(
        "ix_visits_engineer_starts", "visits", ["engineer_id", "starts_at"], unique=False
    )
    op.create_index(op.f("ix_visits_equipment_id"), "visits", ["equipment_id"], unique=False)
    op.create_index("ix_visits_starts_at", "visits", ["starts_at"], unique=False)
    op.create_index("ix_visits_status_due", "visits", ["status", "due_on"], unique=False)
    op.create_index(op.f("ix_visits_ticket_id"), "visits", ["ticket_id"], unique=False)
    op.create_table(
        "visit_parts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("part_id", sa.Integer(), nullable=False),
        sa.Column("location_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("removed_serial", sa.String(length=60), nullable=False),
        sa.Column("fitted_serial", sa.String(length=60), nullable=False),
        sa.Column("reserved_by_id", sa.Integer(), nullable=True),
        sa.Column("reserved_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("settled_by_id", sa.Integer(), nullable=True),
        sa.Column("settled_at", UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_visit_parts_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["stock_locations.id"],
            name=op.f("fk_visit_parts_location_id_stock_locations"),
        ),
        sa.ForeignKeyConstraint(
            ["part_id"], ["parts.id"], name=op.f("fk_visit_parts_part_id_parts")
        ),
        sa.ForeignKeyConstraint(
            ["reserved_by_id"], ["users.id"], name=op.f("fk_visit_parts_reserved_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["settled_by_id"], ["users.id"], name=op.f("fk_visit_parts_settled_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["visit_id"], ["visits.id"], name=op.f("fk_visit_parts_visit_id_visits")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_parts")),
    )
    op.create_index(op.f("ix_visit_parts_visit_id"), "visit_parts", ["visit_id"], unique=False)
    op.add_column("service_contracts", sa.Column("delivery_date", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "ALTER TABLE visits ADD CONSTRAINT ex_visits_engineer_time EXCLUDE USING gist ("
            " int4range(engineer_id, engineer_id, '[]') WITH =,"
            " tstzrange(starts_at, ends_at) WITH &&"
            ") WHERE (status IN ('booked', 'completed'))"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE visits DROP CONSTRAINT ex_visits_engineer_time")
    op.drop_column("service_contracts", "delivery_date")
    op.drop_index(op.f("ix_visit_parts_visit_id"), table_name="visit_parts")
    op.drop_table("visit_parts")
    op.drop_index(op.f("ix_visits_ticket_id"), table_name="visits")
    op.drop_index("ix_visits_status_due", table_name="visits")
    op.drop_index("ix_visits_starts_at", table_name="visits")
    op.drop_index(op.f("ix_visits_equipment_id"), table_name="visits")
    op.drop_index("ix_visits_engineer_starts", table_name="visits")
    op.drop_index(op.f("ix_visits_customer_id"), table_name="visits")
    op.drop_table("visits")
    op.drop_index(op.f("ix_maintenance_plans_equipment_id"), table_name="maintenance_plans")
    op.drop_index(op.f("ix_maintenance_plans_contract_id"), table_name="maintenance_plans")
    op.drop_table("maintenance_plans")
    op.drop_index(op.f("ix_stock_levels_part_id"), table_name="stock_levels")
    op.drop_table("stock_levels")
    op.drop_table("stock_locations")
    op.drop_table("engineer_profiles")
    op.drop_index("ix_engineer_absences_engineer_starts", table_name="engineer_absences")
    op.drop_table("engineer_absences")
    op.drop_index(op.f("ix_part_models_product_model_id"), table_name="part_models")
    op.drop_table("part_models")
    op.drop_table("parts")
