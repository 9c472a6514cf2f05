"""How fast the rectification ledger is with 20,000 problems and 100,000 events, against raw sqlite3.

    .venv/bin/python benchmarks/bench_ledger.py [--runs 7] [--problems 20000] [--keep DIR]

Builds a synthetic ledger in a temporary folder through the ledger's own Transaction API (the same code path as
every command: append → apply → projection), batched 500 problems per transaction to build quickly, for the
example city (示例市: its units, config and standard). Lifecycles: 7,000 problems closed after two rejections
(8 events), 7,000 closed at once (4), 2,000 waiting for review (3), 3,000 in progress and reassigned once (3),
1,000 not started (1): 20,000 problems, 100,000 events. Found dates spread over 2026-03-02 … 2026-11-27.

Then the median of N runs of:
  bulletin       the weekly 通报's data for the current week (store.problems_as_of + build_bulletin), the same
                 for a past week (problems changed after it are replayed from their events), and the Excel file
  transition     one `ledger start` (LedgerContext.transition: validation, BEGIN IMMEDIATE, state check,
                 event + projection, COMMIT with fsync), each run on another 待整改 problem; also submit
                 (with the after-photo check) and verify
  raw            the floor, the same reads/writes with sqlite3 alone: for the bulletin one GROUP BY query of the
                 per-unit counts plus the overdue rows; for a transition BEGIN IMMEDIATE, SELECT the row, INSERT
                 the event, UPDATE the row, COMMIT (same pragmas: WAL, synchronous=FULL)
  cli            `cwassess ledger bulletin --format json` as a subprocess (includes Python start-up and loading
                 the workspace and standard), for information

Targets (the issue): bulletin ≤ 2 s, one transition ≤ 50 ms. PASS/FAIL is printed for both; exit 1 on FAIL.
Wall and CPU (user+sys, children included) are both shown: on a shared 2-core machine other processes stretch
wall time; CPU time is what the code costs.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cwassess.ledger.bulletin import build_bulletin, parse_week  # noqa: E402
from cwassess.ledger.bulletin_xlsx import bulletin_xlsx  # noqa: E402
from cwassess.ledger.model import ASSIGN, CREATE, REJECT, START, SUBMIT, VERIFY  # noqa: E402
from cwassess.ledger.service import LedgerContext, open_context  # noqa: E402
from cwassess.ledger.store import DB_FILE, LedgerStore  # noqa: E402
from cwassess.loading import load_workspace  # noqa: E402

TODAY = dt.date(2026, 11, 28)
FIRST = dt.date(2026, 3, 2)
BULLETIN_LIMIT = 2.0
TRANSITION_LIMIT = 0.050
PATTERNS = [  # (count per 20,000, events after create)
    (7000, [START, SUBMIT, REJECT, SUBMIT, REJECT, SUBMIT, VERIFY]),
    (7000, [START, SUBMIT, VERIFY]),
    (2000, [START, SUBMIT]),
    (3000, [START, ASSIGN]),
    (1000, []),
]
CLASSES = ["乱堆乱摆", "卫生死角", "垃圾满溢", "无三防", "无健康证明", "乱停乱放", "病媒孳生地", "直接入口食品场所有蝇"]
PHOTO = "inspections/photos/mf-2026-021-1.jpg"


def build(ctx: LedgerContext, problems: int) -> tuple[int, int]:
    """Fill ctx.store; returns (problems, events)."""
    units = [u for u in ctx.units.names if u not in ctx.verifiers][:40]
    streets = list(ctx.units.street_district)
    plan: list[list[str]] = []
    scale = problems / 20000
    for count, steps in PATTERNS:
        plan += [steps] * round(count * scale)
    span = (TODAY - FIRST).days - 1
    n = 0
    with_photo = [PHOTO] if (REPO / PHOTO).is_file() else []
    while n < len(plan):
        with ctx.store.transaction() as tx:
            for _ in range(min(500, len(plan) - n)):
                steps = plan[n]
                found = FIRST + dt.timedelta(days=(n * 7919) % span)
                unit = units[n % len(units)]
                street = streets[n % len(streets)]
                cls = CLASSES[n % len(CLASSES)]
                deadline = found + dt.timedelta(days=(3, 7, 15)[n % 3])
                pid = tx.new_id()
                tx.append(pid, CREATE, found, "aiweiban", None, {
                    "source": "网格巡查", "found": found.isoformat(), "district": ctx.units.street_district[street], "street": street,
                    "grid": None, "address": f"示例路{n % 500}号", "site_type": "背街小巷", "items": ["env-roads", "env-old-areas"],
                    "problem_class": cls, "severity": "一般", "description": f"合成问题 {n}：门前堆放杂物。", "photos": with_photo,
                    "unit": unit, "suggested_unit": street, "deadline": deadline.isoformat(),
                })
                day = found
                for i, kind in enumerate(steps):
                    day = min(TODAY, day + dt.timedelta(days=1 + (n + i) % 4))
                    data: dict = {}
                    if kind == SUBMIT:
                        data = {"description": "已整改", "photos": with_photo}
                    elif kind == REJECT:
                        data = {"reason": "仍有残留", "deadline": (day + dt.timedelta(days=5)).isoformat()}
                    elif kind == ASSIGN:
                        data = {"unit": units[(n + 1) % len(units)], "from": unit}
                    actor = "aiweiban" if kind in (VERIFY, REJECT, ASSIGN) else (unit if kind != ASSIGN else "aiweiban")
                    if kind == SUBMIT and i > 0 and steps[i - 1] == ASSIGN:
                        actor = units[(n + 1) % len(units)]
                    tx.append(pid, kind, day, actor, None, data)
                n += 1
    state = ctx.store.state()
    return len(state.problems), state.events


def _cpu() -> float:
    """CPU seconds (user + sys) of this process and of its finished children."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(fn, runs: int) -> tuple[float, float, list[float]]:  # type: ignore[no-untyped-def]
    walls, cpus = [], []
    for _ in range(runs):
        c0, t0 = _cpu(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(_cpu() - c0)
    return statistics.median(walls), statistics.median(cpus), walls


def raw_bulletin(path: Path, start: dt.date, end: dt.date, as_of: dt.date) -> None:
    conn = sqlite3.connect(path)
    s, e, a = start.isoformat(), end.isoformat(), as_of.isoformat()
    conn.execute(
        "SELECT unit, sum(found BETWEEN ? AND ?), sum(closed BETWEEN ? AND ?), sum(closed IS NULL),"
        " sum(closed IS NULL AND state IN ('待整改','整改中') AND deadline < ?), count(*), sum(closed IS NOT NULL)"
        " FROM problems WHERE found <= ? GROUP BY unit",
        (s, e, s, e, a, a),
    ).fetchall()
    conn.execute(
        "SELECT id, unit, deadline, data FROM problems WHERE state IN ('待整改','整改中') AND deadline < ? AND found <= ?", (a, a)
    ).fetchall()
    conn.close()


def raw_transition(path: Path, pid: str) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("BEGIN IMMEDIATE")
    row = conn.execute("SELECT data, last_seq FROM problems WHERE id = ?", (pid,)).fetchone()
    seq = conn.execute("SELECT max(seq) FROM events").fetchone()[0] + 1
    conn.execute(
        "INSERT INTO events (seq, subject, kind, date, unit, person, recorded, data, digest) VALUES (?, ?, 'raw', ?, 'x', NULL, 't', '{}', 'd')",
        (seq, pid, TODAY.isoformat()),
    )
    conn.execute("UPDATE problems SET last_seq = ?, data = ? WHERE id = ?", (seq, row[0], pid))
    conn.execute("COMMIT")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--problems", type=int, default=20000)
    parser.add_argument("--keep", type=Path, help="build the ledger in DIR and keep it")
    args = parser.parse_args()

    ws = load_workspace(REPO)
    base, problems = open_context(ws, TODAY)
    if base is None:
        raise SystemExit("示例工作区的台账配置有错误：" + "; ".join(p.render() for p in problems))
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-ledger-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / DB_FILE
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    builder = dataclasses.replace(base, store=LedgerStore(db, durable=False), today=TODAY)
    t0 = time.perf_counter()
    n_problems, n_events = build(builder, args.problems)
    builder.store.close()
    build_time = time.perf_counter() - t0
    size = db.stat().st_size
    print(f"合成台账：{n_problems} 个问题、{n_events} 条事件，{size / 1024 / 1024:.1f} MB，生成用时 {build_time:.1f} s（{folder}）")
    print(f"每项 {args.runs} 次取中位数（墙钟 / CPU）。")

    ctx = dataclasses.replace(base, store=LedgerStore(db), today=TODAY)
    (w_start, w_end), _ = parse_week("2026-W48")
    as_of = min(w_end, TODAY)
    (p_start, p_end), _ = parse_week("2026-W40")

    def bulletin_now() -> None:
        build_bulletin(ctx.store.problems_as_of(as_of, light=True), w_start, w_end, as_of, ctx.config, ctx.units, "示例市")

    def bulletin_past() -> None:
        build_bulletin(ctx.store.problems_as_of(p_end, light=True), p_start, p_end, p_end, ctx.config, ctx.units, "示例市")

    def bulletin_excel() -> None:
        bulletin_xlsx(build_bulletin(ctx.store.problems_as_of(as_of, light=True), w_start, w_end, as_of, ctx.config, ctx.units, "示例市"))

    rows: list[tuple[str, float, float, float | None]] = []
    check = build_bulletin(ctx.store.problems_as_of(as_of, light=True), w_start, w_end, as_of, ctx.config, ctx.units, "示例市")
    print(f"本周通报：{len(check.rows)} 个责任单位，未销号 {check.total.open}，逾期 {check.total.overdue}")
    raw_b = timed(lambda: raw_bulletin(db, w_start, w_end, as_of), args.runs)
    for label, fn in (("通报数据（本周）", bulletin_now), ("通报数据（第40周，需重放）", bulletin_past), ("通报数据 + Excel", bulletin_excel)):
        wall, cpu, _ = timed(fn, args.runs)
        rows.append((label, wall, cpu, BULLETIN_LIMIT))
    rows.append(("原始 sqlite3：通报统计查询", raw_b[0], raw_b[1], None))

    todo = [p.id for p in ctx.store.state().problems.values() if p.state == "待整改"]
    need = args.runs * 3 + 2
    if len(todo) < need:
        raise SystemExit("待整改的问题不够做转换测试")
    picks = iter(todo)
    started: list[str] = []

    def start_one() -> None:
        pid = next(picks)
        p = ctx.store.problem(pid)
        assert p is not None
        events, errors = ctx.transition(START, pid, p.unit)
        assert events, errors
        started.append(pid)

    wall, cpu, _ = timed(start_one, args.runs)
    rows.append(("一次转换：开始整改（start）", wall, cpu, TRANSITION_LIMIT))
    submitted: list[str] = []
    sub_iter = iter(list(started))

    def submit_one() -> None:
        pid = next(sub_iter)
        p = ctx.store.problem(pid)
        assert p is not None
        events, errors = ctx.transition(SUBMIT, pid, p.unit, description="已整改", photos=[PHOTO], photo_base=REPO)
        assert events, errors
        submitted.append(pid)

    if (REPO / PHOTO).is_file():
        wall, cpu, _ = timed(submit_one, args.runs)
        rows.append(("一次转换：提交复核（含照片检查）", wall, cpu, TRANSITION_LIMIT))
        ver_iter = iter(list(submitted))

        def verify_one() -> None:
            events, errors = ctx.transition(VERIFY, next(ver_iter), "aiweiban")
            assert events, errors

        wall, cpu, _ = timed(verify_one, args.runs)
        rows.append(("一次转换：销号（verify）", wall, cpu, TRANSITION_LIMIT))
    raw_ids = iter(todo[-args.runs:])
    raw_t = timed(lambda: raw_transition(db, next(raw_ids)), args.runs)
    rows.append(("原始 sqlite3：一次转换", raw_t[0], raw_t[1], None))
    ctx.store.close()

    env = dict(os.environ, CWASSESS_TODAY=TODAY.isoformat())
    ws_copy = folder / "ws"
    if not ws_copy.exists():
        ws_copy.mkdir()
        for name in ("city.yaml", "claims", "profiles", "ledger"):
            src = REPO / name
            if src.is_dir():
                shutil.copytree(src, ws_copy / name, ignore=shutil.ignore_patterns("ledger.db*", "photos", "imports"))
            elif src.is_file():
                shutil.copy(src, ws_copy / name)
        (ws_copy / "ledger").mkdir(exist_ok=True)
        shutil.copy(db, ws_copy / "ledger" / DB_FILE)
    cli = [sys.executable, "-m", "cwassess", "--workspace", str(ws_copy), "ledger", "bulletin", "--format", "json"]
    subprocess.run(cli, env=env, capture_output=True, check=True)  # warm the YAML cache
    wall, cpu, _ = timed(lambda: subprocess.run(cli, env=env, capture_output=True, check=True), max(3, args.runs // 2))
    rows.append(("命令行 cwassess ledger bulletin --format json（整个进程）", wall, cpu, None))
    cli_x = [*cli[:-2], "--format", "xlsx", "--out", str(folder / "bulletin.xlsx")]
    wall, cpu, _ = timed(lambda: subprocess.run(cli_x, env=env, capture_output=True, check=True), max(3, args.runs // 2))
    rows.append(("命令行 cwassess ledger bulletin --format xlsx（整个进程）", wall, cpu, None))

    print()
    failed = False
    for label, wall, cpu, limit in rows:
        verdict = ""
        if limit is not None:
            ok = wall <= limit
            failed |= not ok
            verdict = f"{'PASS' if ok else 'FAIL'}（≤ {limit * 1000:g} ms）" if limit < 1 else f"{'PASS' if ok else 'FAIL'}（≤ {limit:g} s）"
        print(f"{label:<44} {wall * 1000:9.1f} ms  CPU {cpu * 1000:8.1f} ms  {verdict}")
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps({label: round(wall, 4) for label, wall, _, _ in rows}, ensure_ascii=False))
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
