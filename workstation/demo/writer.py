"""Bulk loading of plain tuples: sqlite3 `executemany`, PostgreSQL `COPY FROM STDIN`.

The ORM costs tens of microseconds a row; a demo set of 40 million rows
needs the driver's own bulk paths. Every row carries its primary key, so
foreign keys line up without reading ids back. Values are already the
text or numbers each column stores (see clock.py for timestamps).
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from typing import Any

from workstation.db import Database

Row = tuple[Any, ...]


class BulkWriter(ABC):
    """A connection of its own, taken out of the pool, for one load."""

    backend: str

    @abstractmethod
    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        """Append rows (each with every listed column, in order)."""

    @abstractmethod
    def checkpoint(self) -> None:
        """A stage is done: make it durable if the back end loads stage by stage."""

    @abstractmethod
    def scalar(self, sql: str) -> Any:
        """The first column of the first row of a query."""

    @abstractmethod
    def execute(self, sql: str) -> None:
        """A statement without parameters, in the load's transaction."""

    @abstractmethod
    def rows(self, sql: str) -> list[Row]:
        """Every row of a query (a small one: what a stage reads back), in the transaction."""

    @abstractmethod
    def finish(self, tables_with_ids: Iterable[str]) -> None:
        """Commit, set what the back end needs for the next normal insert, gather statistics."""

    @abstractmethod
    def abort(self) -> None:
        """Roll back what is not committed yet."""

    @abstractmethod
    def close(self) -> None: ...


class SqliteWriter(BulkWriter):
    """One transaction per stage, durability relaxed for the load's own connection only."""

    backend = "sqlite"

    def __init__(self, db: Database) -> None:
        self._proxy = db.engine.raw_connection()
        conn = self._proxy.driver_connection
        # Out of the pool: the relaxed pragmas below must not reach a desk's session.
        self._proxy.detach()
        assert isinstance(conn, sqlite3.Connection)
        self._conn = conn
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-1048576")  # 1 GiB while loading
        conn.execute("PRAGMA temp_store=MEMORY")
        self._statements: dict[tuple[str, tuple[str, ...]], str] = {}
        self._conn.execute("BEGIN")

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        if not rows:
            return
        key = (table, tuple(columns))
        sql = self._statements.get(key)
        if sql is None:
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
            self._statements[key] = sql
        self._conn.executemany(sql, rows)

    def checkpoint(self) -> None:
        self._conn.execute("COMMIT")
        self._conn.execute("BEGIN")

    def scalar(self, sql: str) -> Any:
        row = self._conn.execute(sql).fetchone()
        return row[0] if row else None

    def execute(self, sql: str) -> None:
        self._conn.execute(sql)

    def rows(self, sql: str) -> list[Row]:
        return [tuple(row) for row in self._conn.execute(sql).fetchall()]

    def finish(self, tables_with_ids: Iterable[str]) -> None:
        # INTEGER PRIMARY KEY continues from max(rowid): nothing to advance.
        self._conn.execute("COMMIT")
        # A sampled ANALYZE: seconds instead of a full scan of every index.
        self._conn.execute("PRAGMA analysis_limit=1000")
        self._conn.execute("ANALYZE")
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def abort(self) -> None:
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def close(self) -> None:
        self._proxy.close()


class PostgresWriter(BulkWriter):
    """COPY in one transaction; secondary indexes and foreign keys built once at the end.

    Maintaining seven indexes and checking nine foreign keys row by row costs
    more than building them once over the loaded table. DDL is transactional
    in PostgreSQL, so a load that fails leaves the schema exactly as it was.
    """

    backend = "postgresql"

    def __init__(self, db: Database, defer_tables: Sequence[str] = ()) -> None:
        self._proxy = db.engine.raw_connection()
        conn = self._proxy.driver_connection
        self._proxy.detach()
        assert conn is not None
        self._conn: Any = conn
        self._cur = self._conn.cursor()
        # Timestamps arrive as naive UTC text.
        self._cur.execute("SET TIME ZONE 'UTC'")
        self._cur.execute("SET maintenance_work_mem = '512MB'")
        self._deferred: list[str] = []
        if defer_tables:
            self._defer(list(defer_tables))

    def _defer(self, tables: list[str]) -> None:
        """Drop foreign keys, unique constraints and plain (not partial) indexes of these tables;
        keep how."""
        constraints = self._cur.execute(
            "SELECT c.conname, t.relname, pg_get_constraintdef(c.oid), c.contype "
            "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
            "WHERE t.relnamespace = current_schema()::regnamespace "
            "AND t.relname = ANY(%s) AND c.contype IN ('f', 'u') "
            "ORDER BY c.contype, c.conname",
            (tables,),
        ).fetchall()
        indexes = self._cur.execute(
            "SELECT i.indexname, i.tablename, i.indexdef FROM pg_indexes i "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "  WHERE c.conname = i.indexname "
            "  AND c.connamespace = current_schema()::regnamespace) "
            # Partial indexes (open tickets only) stay: small to keep up, and re-created from
            # pg_indexes their WHERE would read differently from the migration's.
            "AND i.indexdef NOT LIKE '%% WHERE %%' "
            "ORDER BY i.indexname",
            (tables,),
        ).fetchall()
        # Foreign keys ('f') sort before unique constraints ('u'): dropped first, re-added last.
        for name, table, _definition, _kind in constraints:
            self._cur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _table, _definition in indexes:
            self._cur.execute(f'DROP INDEX "{name}"')
        self._deferred = [definition for _name, _table, definition in indexes]
        self._deferred += [
            f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
            for name, table, definition, _kind in reversed(constraints)
        ]

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Row]) -> None:
        if not rows:
            return
        with self._cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            write = copy.write_row
            for row in rows:
                write(row)

    def checkpoint(self) -> None:
        pass

    def scalar(self, sql: str) -> Any:
        row = self._cur.execute(sql).fetchone()
        return row[0] if row else None

    def execute(self, sql: str) -> None:
        self._cur.execute(sql)

    def rows(self, sql: str) -> list[Row]:
        return [tuple(row) for row in self._cur.execute(sql).fetchall()]

    def rebuild(self) -> None:
        """Recreate what `_defer` dropped (indexes, then unique constraints, then foreign keys)."""
        for statement in self._deferred:
            self._cur.execute(statement)
        self._deferred = []

    def finish(self, tables_with_ids: Iterable[str]) -> None:
        self.rebuild()
        tables = list(tables_with_ids)
        for table in tables:
            # The app's next insert takes nextval(): move it past the loaded ids.
            self._cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
            )
        self._conn.commit()
        self._conn.autocommit = True
        for table in tables:
            self._cur.execute(f"ANALYZE {table}")

    def abort(self) -> None:
        self._conn.rollback()

    def close(self) -> None:
        self._proxy.close()


def open_writer(db: Database, defer_tables: Sequence[str] = ()) -> BulkWriter:
    """The bulk writer for this database's back end."""
    if db.backend == "sqlite":
        return SqliteWriter(db)
    return PostgresWriter(db, defer_tables)
