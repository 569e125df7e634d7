"""Migrations and start-up: one path for both back ends, and desks that refuse a wrong schema."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import URL

from workstation.db import Database, sqlite_url
from workstation.models import Base
from workstation.revision import SCHEMA_REVISION
from workstation.schema import (
    SchemaState,
    backup_sqlite_file,
    check_schema,
    downgrade,
    head_revision,
    upgrade,
)
from workstation.services.lookup import is_search_index_object
from workstation.services.sla_watch import WATCH_INDEX_PREFIX
from workstation.startup import SchemaMismatch, prepare_database


def _differences(db: Database) -> list[object]:
    with db.engine.connect() as conn:
        # The lookup's FTS5 tables and trigram indexes are made by migration 0003 only.
        context = MigrationContext.configure(
            conn,
            opts={
                "compare_type": True,
                "include_name": lambda name, type_, _parents: (
                    not is_search_index_object(name, type_)
                    and not (name or "").startswith(WATCH_INDEX_PREFIX)
                ),
            },
        )
        return list(compare_metadata(context, Base.metadata))


def test_the_quick_revision_check_matches_the_migrations_head() -> None:
    assert head_revision() == SCHEMA_REVISION


def test_models_and_migrations_agree(db: Database) -> None:
    assert _differences(db) == []


def test_downgrade_to_base_and_up_again(db: Database) -> None:
    downgrade(db.engine, "base")
    assert check_schema(db.engine).state is SchemaState.EMPTY
    with db.engine.connect() as conn:
        names = set(db.engine.dialect.get_table_names(conn))
    assert names <= {"alembic_version"}
    upgrade(db.engine)
    assert check_schema(db.engine).state is SchemaState.CURRENT
    assert _differences(db) == []


def test_constraint_names_follow_the_convention(db: Database) -> None:
    from sqlalchemy import inspect

    inspector = inspect(db.engine)
    assert inspector.get_pk_constraint("tickets")["name"] in ("pk_tickets", None)
    fk_names = {fk["name"] for fk in inspector.get_foreign_keys("tickets")}
    assert "fk_tickets_customer_id_customers" in fk_names
    unique_names = {uq["name"] for uq in inspector.get_unique_constraints("equipment")}
    unique_names |= {ix["name"] for ix in inspector.get_indexes("equipment") if ix["unique"]}
    assert "uq_equipment_serial_number" in unique_names


def test_a_current_database_starts_as_it_is(db: Database, database_url: URL) -> None:
    prepared = prepare_database(db, str(database_url))
    assert not prepared.created and prepared.backup is None


def test_a_database_behind_the_program_is_upgraded_only_when_it_is_the_desks_own(
    db: Database,
) -> None:
    downgrade(db.engine, "base")
    if db.backend == "sqlite":
        assert prepare_database(db, "desk.db").created
        assert check_schema(db.engine).state is SchemaState.CURRENT
        return
    with pytest.raises(SchemaMismatch) as refused:
        prepare_database(db, "postgresql://centre-db/service")
    assert "python main.py db upgrade --database postgresql://centre-db/service" in str(
        refused.value
    )
    assert check_schema(db.engine).state is SchemaState.EMPTY  # nothing was migrated


def test_a_database_ahead_of_the_program_is_refused_on_both_back_ends(db: Database) -> None:
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00dfeed'"))
    assert check_schema(db.engine).state is SchemaState.AHEAD
    with pytest.raises(SchemaMismatch, match="newer version"):
        prepare_database(db, "x")


def test_a_new_embedded_file_is_created_at_the_program_revision(tmp_path: Path) -> None:
    db = Database.connect(sqlite_url(tmp_path / "desk.db"))
    try:
        prepared = prepare_database(db, "desk.db")
        assert prepared.created
        assert check_schema(db.engine).database_revision == head_revision()
    finally:
        db.dispose()


def test_an_embedded_file_is_copied_aside_before_an_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    db = Database.connect(sqlite_url(path))
    try:
        upgrade(db.engine)
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO regions (code, name) VALUES ('east', '华东')"))
        (tmp_path / "desk.before-upgrade-0001-20260101-000000.db.partial").write_bytes(b"cut")
        copy = backup_sqlite_file(path, "0001")
    finally:
        db.dispose()
    assert copy is not None and copy.exists() and "before-upgrade-0001" in copy.name
    assert not list(tmp_path.glob("*.partial"))  # a copy cut off by a killed start is gone
    saved = Database.connect(sqlite_url(copy))
    try:
        with saved.engine.connect() as conn:
            assert conn.execute(text("SELECT name FROM regions")).scalar_one() == "华东"
    finally:
        saved.dispose()


def test_sqlite_in_memory_is_refused() -> None:
    with pytest.raises(ValueError, match="must be a file"):
        Database.connect("sqlite://")
