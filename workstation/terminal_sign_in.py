"""Who runs a command without a window (scheduled reports, imports): a real sign-in.

The password is asked on the terminal, or read from WORKSTATION_PASSWORD for a scheduled
job, so a command line never carries it and a report or an import is done by a named,
checked user like everything else on the audit trail.
"""

from __future__ import annotations

import getpass
import os

from workstation.db import Database
from workstation.services.auth import SignedInUser, sign_in

PASSWORD_VARIABLE = "WORKSTATION_PASSWORD"


def password_for(username: str) -> str:
    """The password from the environment, else asked on the terminal (not echoed)."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        password = getpass.getpass(f"password for {username}: ")
    return password


def terminal_sign_in(db: Database, username: str) -> SignedInUser:
    """Sign `username` in with the password from `password_for` (SignInFailed if wrong)."""
    return sign_in(db, username, password_for(username))
