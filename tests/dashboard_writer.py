"""Another desk for the dashboard's tests, in a process of its own: opens tickets.

Run as `python -m tests.dashboard_writer URL CUSTOMER_ID COUNT INTERVAL_MS REPORTED_ISO`
(with the worktree on PYTHONPATH): commits COUNT open tickets of the customer, reported at
REPORTED_ISO, each with its change-log row, INTERVAL_MS apart; prints `ready` once
connected, `committed TICKET_ID` after each commit and `done` at the end.
"""

from __future__ import annotations

import sys
import time
from datetime import datetime

from tests.dashboard_data import add_dashboard_ticket
from tests.factories import CustomerIds
from workstation.db import Database


def main(argv: list[str]) -> int:
    url, customer_id, count, interval_ms, reported = argv
    db = Database.connect(url)
    customer = CustomerIds(int(customer_id), (), 0)
    at = datetime.fromisoformat(reported)
    print("ready", flush=True)
    for n in range(int(count)):
        ticket = add_dashboard_ticket(db, customer, at, number=f"SR-WRITER-{n:06d}")
        print(f"committed {ticket}", flush=True)
        time.sleep(int(interval_ms) / 1000)
    print("done", flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
