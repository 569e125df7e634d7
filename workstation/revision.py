"""The schema revision this program was written for, checked without loading Alembic.

Start-up reads `alembic_version` with one query and compares it with this
constant; Alembic (a tenth of a second to import) loads only when the two
differ. A test keeps the constant equal to the migrations' head.
"""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text

SCHEMA_REVISION = "0011"


def database_revision(engine: Engine) -> str | None:
    """The revision stamped in the database; None when it has no schema yet."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
