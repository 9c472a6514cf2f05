"""SQLite storage of the ledger (ledger/ledger.db): an append-only event table and a projection of problems.

Why SQLite (docs/ledger-storage.md has the long answer): every change is one transaction that appends its
events and updates the projection together, so a writer killed at any instant leaves either all of a change or
none of it; `BEGIN IMMEDIATE` serialises concurrent writers (each waits up to `BUSY_TIMEOUT` seconds); WAL with
`synchronous=FULL` makes a committed event durable; triggers refuse any UPDATE or DELETE of an event; each event
carries a SHA-256 chained to the one before it, so a rewritten history is detected by `check`.

Validation that depends on the current state (is this problem 待复核?) runs inside the write transaction, so two
verifiers racing on one problem cannot both succeed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cwassess.ledger.machine import ReplayError, apply, replay
from cwassess.ledger.model import CREATE, DOING, GRID_LOG, TODO, Event, GridLog, Problem

_day = dt.date.fromisoformat

DB_FILE = "ledger.db"
SCHEMA_VERSION = 1
BUSY_TIMEOUT = 30.0  # seconds a writer waits for another writer
ID_PREFIX = "ZG-"

SCHEMA: tuple[str, ...] = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE events (
    seq      INTEGER PRIMARY KEY,
    subject  TEXT NOT NULL,
    kind     TEXT NOT NULL,
    date     TEXT NOT NULL,
    unit     TEXT,
    person   TEXT,
    recorded TEXT NOT NULL,
    data     TEXT NOT NULL,
    digest   TEXT NOT NULL
    )""",
    "CREATE INDEX events_by_subject ON events (subject, seq)",
    "CREATE INDEX events_by_kind ON events (kind, seq)",
    "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, '整改台账的事件只能追加，不能修改'); END",
    "CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, '整改台账的事件只能追加，不能删除'); END",
    """CREATE TABLE problems (
    id             TEXT PRIMARY KEY,
    num            INTEGER NOT NULL UNIQUE,
    state          TEXT NOT NULL,
    unit           TEXT NOT NULL,
    found          TEXT NOT NULL,
    deadline       TEXT NOT NULL,
    closed         TEXT,
    last_date      TEXT NOT NULL,
    missed         INTEGER NOT NULL,
    inspection_key TEXT UNIQUE,
    origin         TEXT UNIQUE,
    last_seq       INTEGER NOT NULL,
    data           TEXT NOT NULL
    )""",
    "CREATE INDEX problems_by_unit ON problems (unit, state)",
    "CREATE INDEX problems_by_last_date ON problems (last_date)",
)


class LedgerError(Exception):
    """The ledger file cannot be used (not a database, from a newer version, corrupt)."""


def wall_clock() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_digest(previous: str, seq: int, subject: str, kind: str, date: str, unit: str | None, person: str | None, recorded: str, data: str) -> str:
    body = _canonical([previous, seq, subject, kind, date, unit, person, recorded, data])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _event(row: tuple[Any, ...]) -> Event:
    seq, subject, kind, date, unit, person, recorded, data = row[:8]
    return Event(seq=seq, subject=subject, kind=kind, date=dt.date.fromisoformat(date), unit=unit, person=person, recorded=recorded, data=json.loads(data))


def grid_log(event: Event) -> GridLog:
    d = event.data
    return GridLog(grid=event.subject, date=event.date, inspector=d.get("inspector") or "", note=d.get("note"), seq=event.seq, problems=tuple(d.get("problems") or ()))


def problem_number(problem_id: str) -> int:
    return int(problem_id.removeprefix(ID_PREFIX))


@dataclass
class LedgerState:
    """Everything stored, as read at one instant."""

    problems: dict[str, Problem] = field(default_factory=dict)  # in registration order
    grid_logs: list[GridLog] = field(default_factory=list)
    events: int = 0
    last_seq: int = 0


_EVENT_COLUMNS = "seq, subject, kind, date, unit, person, recorded, data"


class Transaction:
    """One write: read the current state, append events; all of it commits together or not at all."""

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], str]) -> None:
        self.conn = conn
        self.clock = clock
        self.appended: list[Event] = []
        row = conn.execute("SELECT seq, digest FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        self._seq, self._digest = (row[0], row[1]) if row else (0, "")
        self._num = conn.execute("SELECT coalesce(max(num), 0) FROM problems").fetchone()[0]

    def problem(self, problem_id: str) -> Problem | None:
        row = self.conn.execute("SELECT data FROM problems WHERE id = ?", (problem_id,)).fetchone()
        return Problem.from_json(json.loads(row[0])) if row else None

    def by_inspection_key(self, key: str) -> str | None:
        row = self.conn.execute("SELECT id FROM problems WHERE inspection_key = ?", (key,)).fetchone()
        return row[0] if row else None

    def by_origin(self, origin: str) -> str | None:
        row = self.conn.execute("SELECT id FROM problems WHERE origin = ?", (origin,)).fetchone()
        return row[0] if row else None

    def new_id(self) -> str:
        self._num += 1
        return f"{ID_PREFIX}{self._num:04d}"

    def append(self, subject: str, kind: str, date: dt.date, unit: str | None, person: str | None, data: dict[str, Any]) -> Event:
        self._seq += 1
        recorded = self.clock()
        text = _canonical(data)
        day = date.isoformat()
        digest = event_digest(self._digest, self._seq, subject, kind, day, unit, person, recorded, text)
        self.conn.execute(
            "INSERT INTO events (seq, subject, kind, date, unit, person, recorded, data, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self._seq, subject, kind, day, unit, person, recorded, text, digest),
        )
        self._digest = digest
        event = Event(seq=self._seq, subject=subject, kind=kind, date=date, unit=unit, person=person, recorded=recorded, data=json.loads(text))
        if kind != GRID_LOG:
            current = None if kind == CREATE else self.problem(subject)
            self._save(apply(current, event))
        self.appended.append(event)
        return event

    def _save(self, p: Problem) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO problems"
            " (id, num, state, unit, found, deadline, closed, last_date, missed, inspection_key, origin, last_seq, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p.id, problem_number(p.id), p.state, p.unit, p.found.isoformat(), p.deadline.isoformat(),
                p.closed.isoformat() if p.closed else None, (p.last_date or p.found).isoformat(), p.missed_deadlines,
                p.inspection_key, p.origin, p.last_seq, _canonical(p.to_json()),
            ),
        )


class LedgerStore:
    def __init__(self, path: Path, clock: Callable[[], str] = wall_clock, durable: bool = True) -> None:
        """`durable=False` (tests, benchmarks of the pure overhead only) skips the fsync at each commit: a killed
        process still loses nothing, but a power cut may lose the last commits."""
        self.path = path
        self.clock = clock
        self.durable = durable
        self._conn: sqlite3.Connection | None = None

    @classmethod
    def for_workspace(cls, root: Path, clock: Callable[[], str] = wall_clock) -> LedgerStore:
        return cls(root / "ledger" / DB_FILE, clock)

    @property
    def exists(self) -> bool:
        return self.path.is_file()

    # -- connections ------------------------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        """This store's connection, opened once and kept (closing the last connection checkpoints the WAL,
        which costs an fsync: one per process, not one per read)."""
        if self._conn is not None:
            return self._conn
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            conn.execute("PRAGMA synchronous = FULL" if self.durable else "PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"无法打开整改台账 {self.path}：{exc}") from exc
        self._conn = conn
        return conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _check_schema(self, conn: sqlite3.Connection) -> None:
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"{self.path} 不是有效的整改台账：{exc}") from exc
        if row is None:
            raise LedgerError(f"{self.path} 不是有效的整改台账：缺少版本信息")
        if int(row[0]) > SCHEMA_VERSION:
            raise LedgerError(f"整改台账 {self.path} 由更新版本的 cwassess 创建（格式 {row[0]}），请升级 cwassess")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        if not self.exists:
            yield None
            return
        conn = self._connect()
        try:
            if not self._has_schema(conn) and not conn.execute("SELECT 1 FROM sqlite_master").fetchone():
                yield None  # created by a writer whose first transaction was refused: still empty
                return
            self._check_schema(conn)
            conn.execute("BEGIN")  # one consistent snapshot for every read below
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self.close()
            raise LedgerError(f"读取整改台账 {self.path} 失败：{exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """A serialised write: BEGIN IMMEDIATE … COMMIT; any exception rolls everything back."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = self._connect()
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            self.close()
            raise LedgerError(f"无法写入整改台账 {self.path}：{exc}") from exc
        try:
            if not self._has_schema(conn):  # a new ledger: DDL is transactional in SQLite
                for statement in SCHEMA:
                    conn.execute(statement)
                conn.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            self._check_schema(conn)
            tx = Transaction(conn, self.clock)
            yield tx
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    @staticmethod
    def _has_schema(conn: sqlite3.Connection) -> bool:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone() is not None

    # -- reads ------------------------------------------------------------------------------------------------
    def state(self) -> LedgerState:
        with self._reading() as conn:
            if conn is None:
                return LedgerState()
            problems = {}
            for (data,) in conn.execute("SELECT data FROM problems ORDER BY num"):
                p = Problem.from_json(json.loads(data))
                problems[p.id] = p
            logs = [grid_log(_event(r)) for r in conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE kind = ? ORDER BY seq", (GRID_LOG,))]
            count, last = conn.execute("SELECT count(*), coalesce(max(seq), 0) FROM events").fetchone()
            return LedgerState(problems=problems, grid_logs=logs, events=count, last_seq=last)

    def problem(self, problem_id: str) -> Problem | None:
        with self._reading() as conn:
            if conn is None:
                return None
            row = conn.execute("SELECT data FROM problems WHERE id = ?", (problem_id,)).fetchone()
            return Problem.from_json(json.loads(row[0])) if row else None

    def problem_ids(self) -> list[str]:
        with self._reading() as conn:
            return [] if conn is None else [r[0] for r in conn.execute("SELECT id FROM problems ORDER BY num")]

    def history(self, subject: str) -> list[Event]:
        with self._reading() as conn:
            if conn is None:
                return []
            return [_event(r) for r in conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE subject = ? ORDER BY seq", (subject,))]

    def events(self) -> list[Event]:
        with self._reading() as conn:
            return [] if conn is None else [_event(r) for r in conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events ORDER BY seq")]

    def problems_as_of(self, day: dt.date, light: bool = False) -> list[Problem]:
        """Every problem found by `day`, as it stood at the end of `day` (events dated later are left out).

        `light`: a problem that has not changed since `day` and is not overdue at `day` is built from the indexed
        columns only (state, unit, dates, missed deadlines; no description, place or items) — what the weekly
        bulletin counts, without parsing 20,000 JSON documents. Overdue and replayed problems are always whole."""
        with self._reading() as conn:
            if conn is None:
                return []
            cutoff = day.isoformat()
            out: dict[str, Problem | None] = {}
            later: list[str] = []
            if light:
                query = "SELECT id, last_date, state, unit, found, deadline, closed, missed, CASE WHEN state IN (?, ?) AND deadline < ? THEN data END"
                params: tuple = (TODO, DOING, cutoff, cutoff)
            else:
                query, params = "SELECT id, last_date, NULL, NULL, NULL, NULL, NULL, NULL, data", (cutoff,)
            for pid, last_date, state, unit, found, deadline, closed, missed, data in conn.execute(
                query + " FROM problems WHERE found <= ? ORDER BY num", params
            ):
                if last_date > cutoff:
                    out[pid] = None  # rebuilt below, keeping the order
                    later.append(pid)
                elif data is not None:
                    out[pid] = Problem.from_json(json.loads(data))
                else:
                    out[pid] = Problem(
                        id=pid, source="", found=_day(found), problem_class="", severity="", description="", unit=unit,
                        deadline=_day(deadline), state=state, closed=_day(closed) if closed else None, missed_deadlines=missed,
                        last_date=_day(last_date),
                    )
            if later:
                rows = conn.execute(
                    f"SELECT {_EVENT_COLUMNS} FROM events WHERE subject IN (SELECT id FROM problems WHERE found <= ? AND last_date > ?)"
                    " ORDER BY seq",
                    (cutoff, cutoff),
                )
                rebuilt: dict[str, Problem] = {}
                for row in rows:
                    event = _event(row)
                    if event.kind == CREATE or event.date <= day:
                        rebuilt[event.subject] = apply(rebuilt.get(event.subject), event)
                for pid in later:
                    out[pid] = rebuilt[pid]
            return [p for p in out.values() if p is not None]

    # -- integrity --------------------------------------------------------------------------------------------
    def check(self) -> list[str]:
        """Everything wrong with the stored ledger (empty when sound): SQLite's own check, the digest chain,
        and the projection against a replay of the events."""
        if not self.exists:
            return []
        wrong: list[str] = []
        with self._reading() as conn:
            assert conn is not None
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                wrong += [f"SQLite 完整性检查：{r}" for r in result]
            previous = ""
            events: list[Event] = []
            expected = 1
            for row in conn.execute(f"SELECT {_EVENT_COLUMNS}, digest FROM events ORDER BY seq"):
                seq, subject, kind, date, unit, person, recorded, data, digest = row
                if seq != expected:
                    wrong.append(f"事件编号不连续：应为 {expected}，实际 {seq}")
                expected = seq + 1
                if event_digest(previous, seq, subject, kind, date, unit, person, recorded, data) != digest:
                    wrong.append(f"事件 {seq} 的摘要不符：历史记录被改动")
                previous = digest
                events.append(_event(row))
            try:
                replayed = replay(events)
            except ReplayError as exc:
                return [*wrong, f"事件无法重放：{exc}"]
            stored = {}
            for (data,) in conn.execute("SELECT data FROM problems ORDER BY num"):
                p = Problem.from_json(json.loads(data))
                stored[p.id] = p
            for pid in sorted(set(replayed) | set(stored)):
                if replayed.get(pid) != stored.get(pid):
                    wrong.append(f"问题 {pid} 的当前状态与事件重放结果不一致")
        return wrong
