"""Shared fixtures: a real database on each back end, and checks that keep the suite strict.

Every test that takes `db` runs twice: on an SQLite file in tmp_path and on a
private database of a real PostgreSQL server (`WORKSTATION_TEST_PG_URL`, default
the local server), each a copy of a template migrated once per run. The PostgreSQL
half is never skipped: an unreachable server fails the run.
"""

from __future__ import annotations

import gc
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine, make_url

from workstation.db import Database, normalise_url, sqlite_url
from workstation.schema import upgrade

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Desks started by tests never hand over to a workstation running on this machine.
os.environ.setdefault("WORKSTATION_INSTANCE", f"tests-{os.getpid()}")

DEFAULT_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/workstation_test"
BACKENDS = [
    b for b in os.environ.get("WORKSTATION_TEST_BACKENDS", "sqlite,postgresql").split(",") if b
]


def pg_admin_url() -> URL:
    """The PostgreSQL database tests create their private schemas in."""
    return normalise_url(os.environ.get("WORKSTATION_TEST_PG_URL", DEFAULT_PG_URL))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated once; each test gets a copy."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database.connect(sqlite_url(path))
    upgrade(db.engine)
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A PostgreSQL database migrated once; each test gets a copy (CREATE DATABASE … TEMPLATE
    takes about 80 ms where running the migrations takes 500 ms)."""
    name = f"wst_tpl_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        db = Database.connect(pg_admin_url().set(database=name), poolclass=_null_pool())
        upgrade(db.engine)
        db.dispose()
        yield name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@pytest.fixture
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[URL]:
    """The URL of a fresh, migrated, empty database on the back end of this run."""
    backend = getattr(request, "param", "sqlite")
    if backend == "sqlite":
        path = tmp_path / "workstation.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield sqlite_url(path)
        return
    template = request.getfixturevalue("pg_template")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
        yield pg_admin_url().set(database=name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def _admin_engine() -> Engine:
    return create_engine(pg_admin_url(), isolation_level="AUTOCOMMIT", poolclass=_null_pool())


def _null_pool() -> type:
    from sqlalchemy.pool import NullPool

    return NullPool


@pytest.fixture
def db(database_url: URL) -> Iterator[Database]:
    """A connected Database on a fresh migrated schema."""
    database = Database.connect(database_url)
    yield database
    database.dispose()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Any test that (indirectly) uses database_url runs once per back end.
    if "database_url" in metafunc.fixturenames:
        metafunc.parametrize("database_url", BACKENDS, indirect=True)


@pytest.fixture(autouse=True, scope="session")
def _garbage_collected_on_the_main_thread() -> Iterator[None]:
    """As in the desk (ui/garbage.py): a worker thread must never collect a cycle holding Qt
    objects, or their destructors run off the GUI thread and the process crashes."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_each_test() -> Iterator[None]:
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _no_thread_left_running() -> Iterator[None]:
    """A test that leaves a worker thread running fails (napari's rule)."""
    before = set(threading.enumerate())
    yield
    leftover = [
        t for t in threading.enumerate() if t not in before and t.is_alive() and not t.daemon
    ]
    for thread in leftover:
        thread.join(timeout=2.0)
    still = [t.name for t in leftover if t.is_alive()]
    assert not still, f"threads left running: {still}"


def url_for_subprocess(url: URL) -> str:
    """A URL string another process can use to reach the same database."""
    return make_url(url).render_as_string(hide_password=False)
