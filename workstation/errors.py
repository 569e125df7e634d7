"""Sort database errors into the ones to tell the user and the ones that are bugs.

Connection lost, database busy or read-only, disk full: the user gets a plain
message and may retry. Anything else (a constraint violated, a bad query) is
a bug: logged with detail and reported as an internal error.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum


class ProblemKind(StrEnum):
    CONNECTION_LOST = "connection_lost"
    BUSY = "busy"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"


@dataclass(frozen=True)
class DatabaseProblem:
    """A database error the user can do something about (wait, retry, call IT)."""

    kind: ProblemKind
    detail: str


_SQLITE_MESSAGES = (
    ("database is locked", ProblemKind.BUSY),
    ("database table is locked", ProblemKind.BUSY),
    ("attempt to write a readonly database", ProblemKind.READ_ONLY),
    ("database or disk is full", ProblemKind.DISK_FULL),
    ("unable to open database file", ProblemKind.CONNECTION_LOST),
    ("disk i/o error", ProblemKind.CONNECTION_LOST),
)

# PostgreSQL SQLSTATE classes/codes that are the environment's fault, not ours.
_PG_STATES = {
    "08": ProblemKind.CONNECTION_LOST,  # connection exception class
    "57P01": ProblemKind.CONNECTION_LOST,  # admin shutdown
    "57P02": ProblemKind.CONNECTION_LOST,  # crash shutdown
    "57P03": ProblemKind.CONNECTION_LOST,  # cannot connect now
    "53100": ProblemKind.DISK_FULL,
    "25006": ProblemKind.READ_ONLY,  # read-only transaction (a replica)
    "55P03": ProblemKind.BUSY,  # lock not available
    "40P01": ProblemKind.BUSY,  # deadlock detected: retry
    "40001": ProblemKind.BUSY,  # serialization failure: retry
}


def classify(error: BaseException) -> DatabaseProblem | None:
    """The user-facing problem behind `error`, or None when it is a bug."""
    # Looked up, not imported: before SQLAlchemy is loaded no error can be one of its own, and
    # the sign-in window shows before SQLAlchemy loads (cold-start budget).
    sa_exc = sys.modules.get("sqlalchemy.exc")
    if sa_exc is None or not isinstance(error, sa_exc.DBAPIError):
        return None
    detail = str(error.orig) if error.orig is not None else str(error)
    if error.connection_invalidated:
        return DatabaseProblem(ProblemKind.CONNECTION_LOST, detail)
    state = getattr(error.orig, "sqlstate", None)
    if isinstance(state, str):
        kind = _PG_STATES.get(state) or _PG_STATES.get(state[:2])
        if kind is not None:
            return DatabaseProblem(kind, detail)
    if isinstance(error, sa_exc.OperationalError):
        lowered = detail.lower()
        for needle, kind in _SQLITE_MESSAGES:
            if needle in lowered:
                return DatabaseProblem(kind, detail)
        if state is None and "sqlite" not in type(error.orig).__module__:
            # psycopg without a SQLSTATE: the connection could not be made at all.
            return DatabaseProblem(ProblemKind.CONNECTION_LOST, detail)
    return None
