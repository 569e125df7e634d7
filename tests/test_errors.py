"""Database errors a user can act on are told apart from bugs, on real failures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError, IntegrityError

from tests.conftest import pg_admin_url
from workstation.db import Database, sqlite_url
from workstation.errors import ProblemKind, classify
from workstation.models import Region
from workstation.schema import upgrade


def _failure(fn: object) -> BaseException:
    try:
        fn()  # type: ignore[operator]
    except DBAPIError as error:
        return error
    raise AssertionError("expected a database error")


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Database:
    db = Database.connect(sqlite_url(tmp_path / "desk.db"))
    upgrade(db.engine)
    return db


def test_a_locked_sqlite_file_is_busy_not_a_bug(sqlite_db: Database, tmp_path: Path) -> None:
    holder = sqlite3.connect(tmp_path / "desk.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with sqlite_db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout=50")

            def write() -> None:
                conn.execute(text("INSERT INTO regions (code, name) VALUES ('e', 'East')"))

            problem = classify(_failure(write))
        assert problem is not None and problem.kind is ProblemKind.BUSY
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        sqlite_db.dispose()


def test_a_read_only_sqlite_file_says_so(sqlite_db: Database, tmp_path: Path) -> None:
    sqlite_db.dispose()
    read_only = create_engine(f"sqlite:///file:{tmp_path / 'desk.db'}?mode=ro&uri=true")
    with read_only.connect() as conn:

        def write() -> None:
            conn.execute(text("INSERT INTO regions (code, name) VALUES ('e', 'East')"))

        problem = classify(_failure(write))
    read_only.dispose()
    assert problem is not None and problem.kind is ProblemKind.READ_ONLY


def test_a_constraint_violation_is_a_bug_on_both_back_ends(db: Database) -> None:
    with db.session() as session:
        session.add(Region(code="east", name="East"))
        session.commit()
    with db.session() as session:
        session.add(Region(code="east", name="East again"))
        error = _failure(session.commit)
    assert isinstance(error, IntegrityError)
    assert classify(error) is None


def test_a_postgresql_server_that_cannot_be_reached_is_a_lost_connection() -> None:
    db = Database.connect(pg_admin_url().set(port=1, host="127.0.0.1"))
    try:

        def connect() -> None:
            with db.engine.connect():
                pass

        problem = classify(_failure(connect))
    finally:
        db.dispose()
    assert problem is not None and problem.kind is ProblemKind.CONNECTION_LOST


def test_a_postgresql_connection_killed_mid_session_is_a_lost_connection() -> None:
    db = Database.connect(pg_admin_url())
    admin = create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        with db.engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with admin.connect() as killer:
                killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            problem = classify(_failure(lambda: conn.execute(text("SELECT 1"))))
        assert problem is not None and problem.kind is ProblemKind.CONNECTION_LOST
        with db.engine.connect() as conn:  # the pool recovers by itself
            assert conn.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        admin.dispose()
        db.dispose()


def test_anything_that_is_not_a_database_error_is_not_a_user_problem() -> None:
    assert classify(ValueError("x")) is None
