"""A ledger writer for the kill test (not a test module): writes transactions of BATCH events forever and
prints the last sequence number after each commit.

    python -m tests.ledger.kill_writer DB
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from cwassess.ledger.model import CREATE, START
from cwassess.ledger.store import LedgerStore

BATCH = 5  # events per transaction: 3 problems registered, 2 of them started
DATA = {
    "source": "投诉", "found": "2026-11-01", "problem_class": "乱堆乱摆", "severity": "一般", "description": "门前堆放杂物。" * 20,
    "unit": "一街道", "deadline": "2026-11-16", "items": ["env-roads"], "photos": [],
}


def main() -> None:
    store = LedgerStore(Path(sys.argv[1]))
    day = dt.date(2026, 11, 2)
    while True:
        with store.transaction() as tx:
            ids = [tx.new_id() for _ in range(3)]
            for pid in ids:
                tx.append(pid, CREATE, day, "aiweiban", None, DATA)
            for pid in ids[:2]:
                tx.append(pid, START, day, "一街道", None, {"note": "x" * 200})
            last = tx.appended[-1].seq
        sys.stdout.write(f"{last}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
