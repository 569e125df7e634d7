"""search indexes for the caller lookup: company names by any part (trigram)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24

SQLite: an FTS5 table with the `trigram` tokenizer over customers.name
(external content: it stores only the index), kept in step with customers by
three triggers, and filled from the existing rows ('rebuild').
PostgreSQL: the pg_trgm extension (installed once per database, in `public`
unless it is there already) and a GIN `gin_trgm_ops` index on customers.name,
so `name ILIKE '%part%'` is answered from the index. The operator class is
named with the extension's schema, so a schema whose search_path does not
include it (every test schema) can build the index too.

Both answer only parts of three characters or more; shorter names are found by
prefix on ix_customers_name. A later migration that rebuilds the customers
table on SQLite (batch mode "move and copy") drops these triggers: it must
create them again.
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_TABLE = "customers_fts"
TRIGRAM_INDEX = "ix_customers_name_trgm"

_SQLITE_UP = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "name, content='customers', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER {FTS_TABLE}_ai AFTER INSERT ON customers BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, name) VALUES (new.id, new.name); END",
    f"CREATE TRIGGER {FTS_TABLE}_ad AFTER DELETE ON customers BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name) VALUES ('delete', old.id, old.name); "
    "END",
    f"CREATE TRIGGER {FTS_TABLE}_au AFTER UPDATE OF name ON customers BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name) VALUES ('delete', old.id, old.name); "
    f"INSERT INTO {FTS_TABLE}(rowid, name) VALUES (new.id, new.name); END",
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
)

_SQLITE_DOWN = (
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_au",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_ai",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _SQLITE_UP:
            op.execute(statement)
        return
    installed = bind.execute(
        text(
            "SELECT n.nspname FROM pg_extension e "
            "JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'"
        )
    ).scalar()
    if installed is None:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        installed = "public"
    op.execute(
        f'CREATE INDEX {TRIGRAM_INDEX} ON customers USING gin (name "{installed}".gin_trgm_ops)'
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_DOWN:
            op.execute(statement)
        return
    op.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")
