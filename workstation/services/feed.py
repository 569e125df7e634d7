"""Sort a change feed's errors like `classify` does, including the feed's own driver errors.

A feed talks to the database on a connection of its own (sqlite3 or psycopg,
not through SQLAlchemy), so its errors arrive unwrapped. Whoever follows a feed
needs to know: is this the connection (wait and reopen) or a bug (log it)?
"""

from __future__ import annotations

import sqlite3
import sys

from sqlalchemy import exc as sa_exc

from workstation.errors import DatabaseProblem, classify


def _driver_errors() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """(operational, any) error classes of the drivers loaded: a psycopg error can only exist
    once psycopg is imported, and a SQLite desk never imports it."""
    operational: list[type[BaseException]] = [sqlite3.OperationalError]
    driver: list[type[BaseException]] = [sqlite3.Error]
    psycopg = sys.modules.get("psycopg")
    if psycopg is not None:
        operational.append(psycopg.OperationalError)
        driver.append(psycopg.Error)
    return tuple(operational), tuple(driver)


def feed_problem(error: BaseException) -> DatabaseProblem | None:
    """The user-facing problem behind an error from opening or reading a feed; None for a bug."""
    if isinstance(error, sa_exc.DBAPIError):
        return classify(error)
    operational, driver = _driver_errors()
    if isinstance(error, operational):
        return classify(sa_exc.OperationalError(None, None, error))
    if isinstance(error, driver):
        return classify(sa_exc.DBAPIError(None, None, error))
    return None
