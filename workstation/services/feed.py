"""Sort a change feed's errors like `classify` does, including the feed's own driver errors.

A feed talks to the database on a connection of its own (sqlite3 or psycopg,
not through SQLAlchemy), so its errors arrive unwrapped. Whoever follows a feed
needs to know: is this the connection (wait and reopen) or a bug (log it)?
"""

from __future__ import annotations

import sqlite3

import psycopg
from sqlalchemy import exc as sa_exc

from workstation.errors import DatabaseProblem, classify

_OPERATIONAL = (sqlite3.OperationalError, psycopg.OperationalError)
_DRIVER = (sqlite3.Error, psycopg.Error)


def feed_problem(error: BaseException) -> DatabaseProblem | None:
    """The user-facing problem behind an error from opening or reading a feed; None for a bug."""
    if isinstance(error, sa_exc.DBAPIError):
        return classify(error)
    if isinstance(error, _OPERATIONAL):
        return classify(sa_exc.OperationalError(None, None, error))
    if isinstance(error, _DRIVER):
        return classify(sa_exc.DBAPIError(None, None, error))
    return None
