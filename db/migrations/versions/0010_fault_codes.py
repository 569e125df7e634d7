"""fault codes: device error codes per product kind and call wrap-up codes, kept by admins

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23

Both lists were fixed in the program (the catalogue file's error codes, a wrap-up constant);
now an administrator adds, renames and retires them. Rows are never deleted: tickets and
calls keep the code they were saved with. The tables are seeded here, once, with what the
program offered so far (the catalogue file's codes; the wrap-up codes with the words the
wrap-up dialog showed), so every database, new or upgraded, starts with the same lists and
the reference loader leaves them alone.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from workstation.services.reference import read_reference_file

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (code, English, Chinese) as the wrap-up dialog worded them, in its order.
WRAP_UP_CODES = (
    ("resolved", "Resolved on the call", "电话中已解决"),
    ("ticket_created", "Ticket created", "已建工单"),
    ("added_to_ticket", "Added to an open ticket", "已追加到未关闭工单"),
    ("information_only", "Information only", "仅咨询"),
    ("wrong_number", "Wrong number", "打错电话"),
    ("callback_requested", "Callback requested", "需要回电"),
    ("complaint", "Complaint", "投诉"),
)


def upgrade() -> None:
    error_codes = op.create_table(
        "error_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("product_category", sa.String(length=40), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("name_zh", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_error_codes")),
        sa.UniqueConstraint(
            "product_category", "code", name=op.f("uq_error_codes_product_category_code")
        ),
    )
    wrap_up_codes = op.create_table(
        "wrap_up_codes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("name_zh", sa.String(length=100), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wrap_up_codes")),
        sa.UniqueConstraint("code", name=op.f("uq_wrap_up_codes_code")),
    )
    op.bulk_insert(
        error_codes,
        [
            {
                "product_category": kind["code"],
                "code": code,
                "name_en": "",
                "name_zh": "",
                "active": True,
            }
            for kind in read_reference_file("catalog")["kinds"]
            for code in kind["error_codes"]
        ],
    )
    op.bulk_insert(
        wrap_up_codes,
        [
            {"code": code, "name_en": en, "name_zh": zh, "active": True, "sort_order": order}
            for order, (code, en, zh) in enumerate(WRAP_UP_CODES, start=1)
        ],
    )


def downgrade() -> None:
    op.drop_table("wrap_up_codes")
    op.drop_table("error_codes")
