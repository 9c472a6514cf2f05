"""Never lose an event: a writer SIGKILLed mid-way leaves a readable ledger with every completed event and no
partial one (each transaction writes 5 events; the ledger always holds a whole number of transactions)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from cwassess.ledger.store import LedgerStore
from tests.helpers import REPO
from tests.ledger.kill_writer import BATCH


def run_and_kill(db: Path, commits: int) -> int:
    """Start a writer, let it report `commits` commits, SIGKILL it at once; the last sequence it reported."""
    proc = subprocess.Popen([sys.executable, "-m", "tests.ledger.kill_writer", str(db)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    last = 0
    try:
        for _ in range(commits):
            line = proc.stdout.readline()
            assert line, "the writer stopped by itself"
            last = int(line)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    return last


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_writers_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    reported = 0
    for commits in (40, 3, 120, 1):
        reported = run_and_kill(db, commits)
        store = LedgerStore(db)
        events = store.events()
        seqs = [e.seq for e in events]
        assert seqs == list(range(1, len(seqs) + 1))  # no gap
        assert len(seqs) >= reported  # every completed (reported) event is there
        assert len(seqs) - reported in (0, BATCH)  # at most the transaction committed after the last report
        assert len(seqs) % BATCH == 0  # no partial transaction, hence no partial event
        assert store.check() == []  # SQLite integrity, digest chain, replay = projection
        state = store.state()
        assert len(state.problems) == len(seqs) // BATCH * 3
    assert not (tmp_path / "ledger.db-journal").exists()
