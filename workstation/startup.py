"""Bring a desk's database to the program's schema, or refuse with a message that says why.

An SQLite file is the desk's own: it is copied aside and upgraded. A shared
PostgreSQL schema is the administrator's: behind or ahead, the desk stops and
names the command that fixes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workstation.config import DatabaseChoice
from workstation.db import Database, describe_url
from workstation.revision import SCHEMA_REVISION, database_revision


class SchemaMismatch(Exception):
    """The database's schema is not the one this program was written for."""


@dataclass(frozen=True)
class PreparedDatabase:
    created: bool  # the schema was made from nothing (a new embedded file)
    upgraded_from: str | None
    backup: Path | None


def upgrade_command(url_text: str) -> str:
    return f"python main.py db upgrade --database {url_text}"


def prepare_database(db: Database, url_text: str) -> PreparedDatabase:
    """Check the schema; upgrade an SQLite file (after a backup); refuse a shared one."""
    if database_revision(db.engine) == SCHEMA_REVISION:
        return PreparedDatabase(created=False, upgraded_from=None, backup=None)
    from workstation.schema import SchemaState, backup_sqlite_file, check_schema, upgrade

    check = check_schema(db.engine)
    if check.state is SchemaState.CURRENT:
        return PreparedDatabase(created=False, upgraded_from=None, backup=None)
    if check.state is SchemaState.AHEAD:
        raise SchemaMismatch(
            f"This database has schema revision {check.database_revision}, made by a newer "
            f"version of the workstation (this program expects {check.program_revision}). "
            "Install the newer version on this desk."
        )
    if db.backend != "sqlite":
        found = check.database_revision or "no schema"
        raise SchemaMismatch(
            f"The shared database is at schema revision {found}; this program needs "
            f"{check.program_revision}. A desk never migrates a shared database by itself: "
            f"ask the administrator to run\n\n    {upgrade_command(url_text)}"
        )
    backup = None
    if check.state is SchemaState.BEHIND:
        assert db.url.database
        backup = backup_sqlite_file(Path(db.url.database), check.database_revision)
    upgrade(db.engine)
    return PreparedDatabase(
        created=check.state is SchemaState.EMPTY,
        upgraded_from=check.database_revision,
        backup=backup,
    )


@dataclass(frozen=True)
class DeskDatabase:
    """A database a desk may work on, open at the program's schema revision."""

    db: Database
    label: str  # what the status bar shows: the SQLite file, or PostgreSQL host/db
    demo_customers: int  # demo customers to load now (a new embedded database), else 0


def open_desk_database(choice: DatabaseChoice, *, demo_customers: int) -> DeskDatabase:
    """Connect and bring the schema to the program's revision (see prepare_database).

    `demo_customers` are loaded only into an embedded database this call created.
    """
    if choice.is_embedded_sqlite and choice.url.database:
        Path(choice.url.database).parent.mkdir(parents=True, exist_ok=True)
    db = Database.connect(choice.url)
    try:
        prepared = prepare_database(db, choice.url.render_as_string(hide_password=True))
    except BaseException:
        db.dispose()
        raise
    created_here = prepared.created and choice.is_embedded_sqlite
    return DeskDatabase(db, describe_url(choice.url), demo_customers if created_here else 0)
