"""Engine and session factory for both back ends: embedded SQLite and shared PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 5000


def normalise_url(url: str | URL) -> URL:
    """Accept `postgresql://…` as typed by people and make it mean psycopg 3."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def sqlite_url(path: Path) -> URL:
    """The URL of an embedded database file."""
    return URL.create("sqlite", database=str(path))


def describe_url(url: str | URL) -> str:
    """What the status bar shows: the SQLite file, or PostgreSQL host/db (no password)."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"SQLite {parsed.database}"
    host = parsed.host or "localhost"
    port = f":{parsed.port}" if parsed.port else ""
    return f"PostgreSQL {host}{port}/{parsed.database}"


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers go on while one writer writes; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _on_sqlite_begin(conn: Any) -> None:
    # pysqlite's own transaction handling defers BEGIN; issue it ourselves so
    # SAVEPOINTs and "BEGIN IMMEDIATE" for writers behave (SQLAlchemy docs recipe).
    conn.exec_driver_sql("BEGIN")


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine with the pragmas and pool settings each back end wants."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database in (None, "", ":memory:"):
            raise ValueError("an SQLite database must be a file: each thread would see its own")
        engine = create_engine(
            parsed,
            connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
            **kwargs,
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        # Autocommit at the driver level, transactions begun explicitly above.
        event.listen(
            engine,
            "connect",
            lambda dbapi_conn, _rec: setattr(dbapi_conn, "isolation_level", None),
        )
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    if "poolclass" not in kwargs:
        kwargs.setdefault("pool_size", 4)
    return create_engine(parsed, **kwargs)


@dataclass(frozen=True)
class Database:
    """One database the program talks to: its engine and a session factory.

    Services take a Database and open one short session per use case. The ORM loads on the
    first session, not on connect: the sign-in window shows before it is needed.
    """

    engine: Engine

    @classmethod
    def connect(cls, url: str | URL, **engine_kwargs: Any) -> Database:
        return cls(make_engine(url, **engine_kwargs))

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine, expire_on_commit=False)

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def backend(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.engine.url.get_backend_name()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: leaving without `commit()` rolls back."""
        with self.sessions() as session:
            try:
                yield session
            except BaseException:
                session.rollback()
                raise

    def dispose(self) -> None:
        self.engine.dispose()
