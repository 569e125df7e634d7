"""Alembic environment: one migration path for SQLite (batch mode) and PostgreSQL.

The program passes a live connection in `config.attributes["connection"]`
(tests and start-up); the command line passes a URL as `sqlalchemy.url`.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from workstation.db import make_engine
from workstation.models import Base
from workstation.services.lookup import is_search_index_object

config = context.config
target_metadata = Base.metadata


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """Leave out of autogenerate what models cannot describe: FTS5 tables, trigram indexes."""
    return not is_search_index_object(name, type_)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "")
    try:
        with engine.connect() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported: give a database URL")
run_migrations_online()
