"""The schema's revision: compare the database with the program, upgrade, back up.

A desk upgrades its own SQLite file (after copying it aside) but never a
shared PostgreSQL schema: an administrator runs `python main.py db upgrade`.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "db" / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic's configuration, built in code (no alembic.ini to lose)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option(
            "sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%")
        )
    return config


def head_revision() -> str:
    """The revision this program was written for."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


class SchemaState(StrEnum):
    CURRENT = "current"
    EMPTY = "empty"
    BEHIND = "behind"
    AHEAD = "ahead"


@dataclass(frozen=True)
class SchemaCheck:
    state: SchemaState
    database_revision: str | None
    program_revision: str


def check_schema(engine: Engine) -> SchemaCheck:
    """Whether the database's schema is the one this program expects."""
    head = head_revision()
    current = current_revision(engine)
    if current == head:
        state = SchemaState.CURRENT
    elif current is None:
        state = SchemaState.EMPTY
    else:
        known = {
            rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()
        }
        state = SchemaState.BEHIND if current in known else SchemaState.AHEAD
    return SchemaCheck(state, current, head)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` on this engine's database."""
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def downgrade(engine: Engine, revision: str) -> None:
    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


PARTIAL_SUFFIX = ".partial"


def backup_sqlite_file(path: Path, revision: str | None) -> Path | None:
    """Copy an SQLite file aside before upgrading it; returns the copy's path.

    SQLite's online backup gives a consistent copy even while another connection writes
    (a plain file copy of the database and its WAL does not). The copy is written under a
    `.partial` name and renamed when complete, so a start killed half-way (a large file
    takes minutes) leaves no copy that looks whole; such leftovers are removed next time.
    """
    if not path.exists():
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(
        f"{path.stem}.before-upgrade-{revision or 'empty'}-{stamp}{path.suffix}"
    )
    for stale in path.parent.glob(f"{path.stem}.before-upgrade-*{PARTIAL_SUFFIX}"):
        stale.unlink(missing_ok=True)
    partial = target.with_name(target.name + PARTIAL_SUFFIX)
    with closing(sqlite3.connect(path)) as source, closing(sqlite3.connect(partial)) as copy:
        source.backup(copy)
    partial.replace(target)
    return target
