"""Plain words for the database problems a user can act on (wait, retry, call IT)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from workstation.errors import DatabaseProblem, ProblemKind


def problem_message(problem: DatabaseProblem) -> str:
    """One sentence or two for the user: what is wrong and what to do."""
    match problem.kind:
        case ProblemKind.CONNECTION_LOST:
            return QCoreApplication.translate(
                "Problems",
                "Cannot reach the database. Check the network connection, then try again.",
            )
        case ProblemKind.BUSY:
            return QCoreApplication.translate(
                "Problems", "The database is busy. Wait a moment, then try again."
            )
        case ProblemKind.READ_ONLY:
            return QCoreApplication.translate(
                "Problems",
                "The database is read-only at the moment, so nothing can be saved. "
                "Tell your administrator.",
            )
        case ProblemKind.DISK_FULL:
            return QCoreApplication.translate(
                "Problems", "The database server's disk is full. Tell your administrator."
            )
    return QCoreApplication.translate("Problems", "The database cannot be used. Try again.")
