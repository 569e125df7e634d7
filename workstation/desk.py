"""Which running desk this is: one id per process, the same for as long as it runs.

Presence rows are keyed by (ticket, user, desk), so the same user at two desks (or two
windows of the program) counts twice, and a desk leaving removes only its own row.
"""

from __future__ import annotations

import os
import socket
import uuid
from functools import cache

DESK_ID_LENGTH = 80  # ticket_presence.desk


@cache
def desk_id() -> str:
    """`host:pid:random`, made once per process: stable while the desk runs, new after a
    restart (so a crashed desk's rows go stale instead of being taken over)."""
    suffix = f":{os.getpid()}:{uuid.uuid4().hex[:8]}"
    host = socket.gethostname() or "desk"
    return host[: DESK_ID_LENGTH - len(suffix)] + suffix
