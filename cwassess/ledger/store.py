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
from typing import Any, NamedTuple

from cwassess.ledger.machine import ReplayError, apply, replay
from cwassess.ledger.model import CREATE, DOING, EVENT_DATA, GRID_LOG, KIND_ZH, PROBLEM_FIELDS, PENDING, Event, GridLog, Problem, shape_error
from cwassess.problems import shorten

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


class Finding(NamedTuple):
    """One thing wrong with the stored ledger: where (“事件 #12”, “问题 ZG-0001”, None for the whole file) and what."""

    where: str | None
    message: str


class LedgerError(Exception):
    """The ledger file cannot be used (not a database, from a newer version, corrupt)."""

    def __init__(self, message: str, where: str | None = None) -> None:
        super().__init__(message)
        self.finding = Finding(where, message)


class DamagedRow(LedgerError):
    """A row that cannot be read back: ledger.db was edited by another program (the triggers were dropped, or
    the problems table was changed by hand)."""


# SQLite's own messages are English; the ones a damaged or busy file gives, in Chinese.
_SQLITE_ZH = {
    "file is not a database": "文件不是整改台账数据库",
    "database disk image is malformed": "数据库文件已损坏",
    "database is locked": "台账正被其他程序占用，请稍后重试",
    "unable to open database file": "无法打开数据库文件",
    "attempt to write a readonly database": "台账文件只读，无法写入",
    "disk I/O error": "磁盘读写出错",
    "database or disk is full": "磁盘已满",
}


def sqlite_zh(exc: sqlite3.Error) -> str:
    text = str(exc)
    return next((zh for en, zh in _SQLITE_ZH.items() if en in text), "数据库错误（表结构可能被其他程序改动）")


def wall_clock() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_digest(previous: str, seq: int, subject: str, kind: str, date: str, unit: str | None, person: str | None, recorded: str, data: str) -> str:
    body = _canonical([previous, seq, subject, kind, date, unit, person, recorded, data])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _json(text: object, where: str) -> object:
    try:
        return json.loads(text)  # type: ignore[arg-type]
    except (TypeError, ValueError, RecursionError):
        raise DamagedRow("数据不是有效的 JSON", where) from None


def _stored_day(value: object, where: str, what: str = "日期") -> dt.date:
    try:
        return dt.date.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise DamagedRow(f"{what}“{shorten(value)}”无效", where) from None


def _event(row: tuple[Any, ...]) -> Event:
    """An event row, checked: every event that leaves the store has a known kind and data of that kind's shape."""
    seq, subject, kind, date, unit, person, recorded, data = row[:8]
    where = f"事件 #{seq}"
    if kind not in KIND_ZH:
        raise DamagedRow(f"未知的事件类型“{shorten(kind)}”", where)
    if not all(isinstance(v, str) for v in (subject, recorded)) or not all(v is None or isinstance(v, str) for v in (unit, person)):
        raise DamagedRow("事件的对象、单位、经办人或记录时间无效", where)
    day = _stored_day(date, where)
    payload = _json(data, where)
    why = shape_error(payload, EVENT_DATA[kind])
    if why:
        raise DamagedRow(why, where)
    assert isinstance(payload, dict)
    return Event(seq=seq, subject=subject, kind=kind, date=day, unit=unit, person=person, recorded=recorded, data=payload)


def _problem(pid: object, data: object) -> Problem:
    """A row of the problems table (its JSON), checked."""
    where = f"问题 {shorten(pid)}"
    try:
        return Problem.from_json(_json(data, where))
    except ValueError as exc:
        raise DamagedRow(str(exc), where) from None


# The problems table's indexed columns, as _save writes them from a problem; `check` compares them with the JSON.
_COLUMNS = ("id", "num", "state", "unit", "found", "deadline", "closed", "last_date", "missed", "inspection_key", "origin", "last_seq")
_COLUMN_ZH = {
    "id": "编号", "num": "序号", "state": "状态", "unit": "责任单位", "found": "发现日期", "deadline": "整改期限", "closed": "销号日期",
    "last_date": "最近办理日期", "missed": "逾期次数", "inspection_key": "检查记录", "origin": "导入来源", "last_seq": "最近事件编号",
}


def _columns(p: Problem) -> tuple[Any, ...]:
    return (
        p.id, problem_number(p.id), p.state, p.unit, p.found.isoformat(), p.deadline.isoformat(),
        p.closed.isoformat() if p.closed else None, (p.last_date or p.found).isoformat(), p.missed_deadlines,
        p.inspection_key, p.origin, p.last_seq,
    )


def grid_log(event: Event) -> GridLog:
    d = event.data
    return GridLog(grid=event.subject, date=event.date, inspector=d.get("inspector") or "", note=d.get("note"), seq=event.seq, problems=tuple(d.get("problems") or ()))


def problem_number(problem_id: str) -> int:
    try:
        return int(problem_id.removeprefix(ID_PREFIX))
    except ValueError:
        raise DamagedRow("问题编号无效", f"问题 {shorten(problem_id)}") from None


@dataclass
class LedgerState:
    """Everything stored, as read at one instant."""

    problems: dict[str, Problem] = field(default_factory=dict)  # in registration order
    grid_logs: list[GridLog] = field(default_factory=list)
    events: int = 0
    last_seq: int = 0
    damaged: list[Finding] = field(default_factory=list)  # rows left out by a tolerant read (see `state`)


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
        return _problem(problem_id, row[0]) if row else None

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
            try:
                after = apply(current, event)
            except ReplayError as exc:  # the stored problem cannot take this event: its row was changed by hand
                raise DamagedRow(str(exc), f"问题 {subject}") from None
            self._save(after)
        self.appended.append(event)
        return event

    def _save(self, p: Problem) -> None:
        self.conn.execute(
            f"INSERT OR REPLACE INTO problems ({', '.join(_COLUMNS)}, data) VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})",
            (*_columns(p), _canonical(p.to_json())),
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
    # Messages do not name the file: whoever shows them puts the file (as the user knows it) in front.
    def _connect(self) -> sqlite3.Connection:
        """This store's connection, opened once and kept (closing the last connection checkpoints the WAL,
        which costs an fsync: one per process, not one per read)."""
        if self._conn is not None:
            return self._conn
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            conn.execute("PRAGMA synchronous = FULL" if self.durable else "PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"无法打开整改台账：{sqlite_zh(exc)}") from exc
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
            raise LedgerError(f"不是有效的整改台账：{sqlite_zh(exc)}") from exc
        if row is None:
            raise LedgerError("不是有效的整改台账：缺少版本信息")
        version = row[0]
        if not (isinstance(version, str) and version.isdigit()):
            raise LedgerError(f"不是有效的整改台账：版本信息“{shorten(version)}”无效")
        if int(version) > SCHEMA_VERSION:
            raise LedgerError(f"整改台账由更新版本的 cwassess 创建（格式 {version}），请升级 cwassess")

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
            raise LedgerError(f"读取整改台账失败：{sqlite_zh(exc)}") from exc

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
            raise LedgerError(f"无法写入整改台账：{sqlite_zh(exc)}") from exc
        try:
            if not self._has_schema(conn):  # a new ledger: DDL is transactional in SQLite
                for statement in SCHEMA:
                    conn.execute(statement)
                conn.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            self._check_schema(conn)
            tx = Transaction(conn, self.clock)
            yield tx
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise LedgerError(f"无法写入整改台账：{sqlite_zh(exc)}") from exc
            raise

    @staticmethod
    def _has_schema(conn: sqlite3.Connection) -> bool:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone() is not None

    # -- reads ------------------------------------------------------------------------------------------------
    # Every row is checked as it is decoded; a damaged one raises DamagedRow naming it (see `_event`, `_problem`).
    def state(self, tolerant: bool = False) -> LedgerState:
        """Everything stored. `tolerant`: leave damaged rows out and list them in `damaged` (for scoring, which
        should still count the readable problems) instead of raising DamagedRow at the first."""
        state = LedgerState()

        def read(decode: Callable[[], Any]) -> Any:
            try:
                return decode()
            except DamagedRow as exc:
                if not tolerant:
                    raise
                state.damaged.append(exc.finding)
                return None

        with self._reading() as conn:
            if conn is None:
                return state
            for pid, data in conn.execute("SELECT id, data FROM problems ORDER BY num"):
                p = read(lambda: _problem(pid, data))
                if p is not None:
                    state.problems[p.id] = p
            for row in conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events WHERE kind = ? ORDER BY seq", (GRID_LOG,)):
                log = read(lambda: grid_log(_event(row)))
                if log is not None:
                    state.grid_logs.append(log)
            state.events, state.last_seq = conn.execute("SELECT count(*), coalesce(max(seq), 0) FROM events").fetchone()
            return state

    def problem(self, problem_id: str) -> Problem | None:
        with self._reading() as conn:
            if conn is None:
                return None
            row = conn.execute("SELECT data FROM problems WHERE id = ?", (problem_id,)).fetchone()
            return _problem(problem_id, row[0]) if row else None

    def problem_ids(self) -> list[str]:
        with self._reading() as conn:
            return [] if conn is None else [str(r[0]) for r in conn.execute("SELECT id FROM problems ORDER BY num")]

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
                params: tuple = (PENDING, DOING, cutoff, cutoff)
            else:
                query, params = "SELECT id, last_date, NULL, NULL, NULL, NULL, NULL, NULL, data", (cutoff,)
            for pid, last_date, state, unit, found, deadline, closed, missed, data in conn.execute(
                query + " FROM problems WHERE found <= ? ORDER BY num", params
            ):
                where = f"问题 {shorten(pid)}"
                if _stored_day(last_date, where, "最近办理日期") > day:
                    out[pid] = None  # rebuilt below, keeping the order
                    later.append(pid)
                elif data is not None:
                    out[pid] = _problem(pid, data)
                else:
                    columns = {"id": pid, "state": state, "unit": unit, "found": found, "deadline": deadline, "closed": closed, "missed_deadlines": missed}
                    why = shape_error(columns, {k: PROBLEM_FIELDS[k] for k in columns})
                    if why:
                        raise DamagedRow(why, where)
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
                        try:
                            rebuilt[event.subject] = apply(rebuilt.get(event.subject), event)
                        except ReplayError as exc:
                            raise DamagedRow(str(exc), f"问题 {shorten(event.subject)}") from None
                for pid in later:
                    if pid not in rebuilt:
                        raise DamagedRow("找不到它的登记事件", f"问题 {shorten(pid)}")
                    out[pid] = rebuilt[pid]
            return [p for p in out.values() if p is not None]

    # -- integrity --------------------------------------------------------------------------------------------
    def check(self) -> list[Finding]:
        """Everything wrong with the stored ledger (empty when sound): SQLite's own check, the digest chain, every
        row readable, the problems' indexed columns against their JSON, and the problems against a replay."""
        if not self.exists:
            return []
        wrong: list[Finding] = []
        with self._reading() as conn:
            assert conn is not None
            result = [r[0] for r in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                wrong += [Finding(None, f"SQLite 完整性检查：{r}") for r in result]
            previous = ""
            events: list[Event] = []
            readable = True
            expected = 1
            for row in conn.execute(f"SELECT {_EVENT_COLUMNS}, digest FROM events ORDER BY seq"):
                seq, digest = row[0], row[8]
                if seq != expected:
                    wrong.append(Finding(None, f"事件编号不连续：应为 {expected}，实际 {seq}"))
                expected = seq + 1
                if _digest_of(previous, row[:8]) != digest:
                    wrong.append(Finding(f"事件 #{seq}", "摘要不符：历史记录被改动"))
                previous = digest
                try:
                    events.append(_event(row))
                except DamagedRow as exc:
                    wrong.append(exc.finding)
                    readable = False
            replayed: dict[str, Problem] | None = None
            if readable:  # a replay without the damaged events would only repeat them as wrong states
                try:
                    replayed = replay(events)
                except ReplayError as exc:
                    wrong.append(Finding(None, f"事件无法重放：{exc}"))
            stored: dict[str, Problem] = {}
            damaged: set[str] = set()
            for row in conn.execute(f"SELECT {', '.join(_COLUMNS)}, data FROM problems ORDER BY num"):
                pid = row[0]
                try:
                    p = _problem(pid, row[-1])
                    want = _columns(p)
                except DamagedRow as exc:
                    wrong.append(exc.finding)
                    damaged.add(pid)
                    continue
                stored[p.id] = p
                differ = [_COLUMN_ZH[name] for name, have, should in zip(_COLUMNS, row, want) if have != should]
                if differ:
                    wrong.append(Finding(f"问题 {shorten(pid)}", f"表中的{'、'.join(differ)}与问题数据不一致"))
            if replayed is not None:
                for pid in sorted((set(replayed) | set(stored)) - damaged):
                    if replayed.get(pid) != stored.get(pid):
                        wrong.append(Finding(f"问题 {pid}", "当前状态与事件重放结果不一致"))
        return wrong


def _digest_of(previous: str, row: tuple[Any, ...]) -> str | None:
    """The digest an event row should carry; None when its columns cannot even be hashed (bytes put in by hand)."""
    try:
        return event_digest(previous, *row)
    except (TypeError, ValueError):
        return None
