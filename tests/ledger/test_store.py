"""The SQLite store: append-only events, the digest chain, replay = projection, reads as of a day, serialised writers."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cwassess.ledger.model import CREATE, START
from cwassess.ledger.store import SCHEMA_VERSION, LedgerError, LedgerStore
from cwassess.ledger.service import LedgerContext
from tests.helpers import REPO
from tests.ledger.conftest import add

D = dt.date
DATA = {
    "source": "投诉", "found": "2026-11-01", "problem_class": "乱堆乱摆", "severity": "一般", "description": "d", "unit": "一街道",
    "deadline": "2026-11-16", "items": ["env-roads"], "photos": [],
}


def test_missing_ledger_reads_as_empty_and_is_not_created(tmp_path: Path) -> None:
    store = LedgerStore(tmp_path / "ledger" / "ledger.db")
    assert store.state().problems == {} and store.events() == [] and store.problem("ZG-0001") is None and store.check() == []
    assert store.problems_as_of(D(2026, 11, 1)) == []
    assert not (tmp_path / "ledger").exists()


def test_events_cannot_be_changed_or_deleted(ctx: LedgerContext) -> None:
    add(ctx)
    conn = sqlite3.connect(ctx.store.path)
    with pytest.raises(sqlite3.DatabaseError, match="整改台账的事件只能追加，不能修改"):
        conn.execute("UPDATE events SET unit = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="整改台账的事件只能追加，不能删除"):
        conn.execute("DELETE FROM events")
    conn.close()


def test_check_detects_a_rewritten_history(ctx: LedgerContext) -> None:
    pid = add(ctx)
    ctx.transition(START, pid, "一街道")
    assert ctx.store.check() == []
    conn = sqlite3.connect(ctx.store.path)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET date = '2026-11-19' WHERE seq = 2")
    conn.commit()
    conn.close()
    assert ctx.store.check() == [("事件 #2", "摘要不符：历史记录被改动"), (f"问题 {pid}", "当前状态与事件重放结果不一致")]


def test_check_detects_a_projection_out_of_step(ctx: LedgerContext) -> None:
    pid = add(ctx)
    conn = sqlite3.connect(ctx.store.path)
    conn.execute("UPDATE problems SET data = replace(data, '\"state\":\"待整改\"', '\"state\":\"已销号\"')")
    conn.commit()
    conn.close()
    assert ctx.store.check() == [(f"问题 {pid}", "表中的状态与问题数据不一致"), (f"问题 {pid}", "当前状态与事件重放结果不一致")]


def test_not_a_ledger(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LedgerError, match="^无法打开整改台账：文件不是整改台账数据库$"):
        LedgerStore(path).state()
    with pytest.raises(LedgerError):
        with LedgerStore(path).transaction():
            pass
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_newer_format_is_refused(tmp_path: Path) -> None:
    store = LedgerStore(tmp_path / "ledger.db")
    with store.transaction() as tx:
        tx.append("ZG-0001", CREATE, D(2026, 11, 2), "aiweiban", None, DATA)
    conn = sqlite3.connect(store.path)
    conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION + 1),))
    conn.commit()
    conn.close()
    with pytest.raises(LedgerError, match=f"^整改台账由更新版本的 cwassess 创建（格式 {SCHEMA_VERSION + 1}），请升级 cwassess$"):
        store.state()


def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    store = LedgerStore(tmp_path / "ledger.db")
    with store.transaction() as tx:
        tx.append(tx.new_id(), CREATE, D(2026, 11, 2), "aiweiban", None, DATA)
    with pytest.raises(RuntimeError):
        with store.transaction() as tx:
            tx.append(tx.new_id(), CREATE, D(2026, 11, 2), "aiweiban", None, DATA)
            tx.append("ZG-0001", START, D(2026, 11, 3), "一街道", None, {})
            raise RuntimeError("boom")
    assert [e.seq for e in store.events()] == [1] and list(store.state().problems) == ["ZG-0001"]
    assert store.check() == []


def test_problems_as_of(tmp_path: Path) -> None:
    store = LedgerStore(tmp_path / "ledger.db")
    with store.transaction() as tx:
        tx.append("ZG-0001", CREATE, D(2026, 11, 2), "aiweiban", None, DATA)
        tx.append("ZG-0002", CREATE, D(2026, 11, 2), "aiweiban", None, dict(DATA, found="2026-11-05"))
    with store.transaction() as tx:
        tx.append("ZG-0001", START, D(2026, 11, 4), "一街道", None, {})
    assert store.problems_as_of(D(2026, 10, 31)) == []
    early = store.problems_as_of(D(2026, 11, 3))
    assert [(p.id, p.state) for p in early] == [("ZG-0001", "待整改")]
    assert [(p.id, p.state) for p in store.problems_as_of(D(2026, 11, 4))] == [("ZG-0001", "整改中")]
    assert [(p.id, p.state) for p in store.problems_as_of(D(2026, 11, 5))] == [("ZG-0001", "整改中"), ("ZG-0002", "待整改")]




def test_concurrent_writers_are_serialised(tmp_path: Path) -> None:
    """Four processes each register 25 problems, one transaction each: 100 problems, ids 1…100, chain intact."""
    db = tmp_path / "ledger.db"
    code = (
        "import datetime as dt, sys\n"
        "from pathlib import Path\n"
        "from cwassess.ledger.store import LedgerStore\n"
        "from cwassess.ledger.model import CREATE\n"
        f"data = {DATA!r}\n"
        "store = LedgerStore(Path(sys.argv[1]))\n"
        "for i in range(25):\n"
        "    with store.transaction() as tx:\n"
        "        tx.append(tx.new_id(), CREATE, dt.date(2026, 11, 2), sys.argv[2], None, data)\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, str(db), f"w{n}"], cwd=REPO) for n in range(4)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    store = LedgerStore(db)
    state = store.state()
    assert list(state.problems) == [f"ZG-{n:04d}" for n in range(1, 101)]
    assert sorted({e.unit for e in store.events()}) == ["w0", "w1", "w2", "w3"]
    assert store.check() == []
