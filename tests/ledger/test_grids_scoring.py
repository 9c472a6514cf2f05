"""Grid logs and the 7-day flag; the scoring link."""

from __future__ import annotations

import datetime as dt

from cwassess.evidence.load import load_evidence
from cwassess.ledger.grids import grid_statuses, log_inspection
from cwassess.ledger.model import GridLog, GridsFile
from cwassess.ledger.scoring import OpenProblem, closed_inspection_keys, load_ledger_state, open_problems_by_unit, open_problems_for_scoring
from cwassess.ledger.service import LedgerContext
from cwassess.ledger.sync import sync
from cwassess.loading import load_workspace
from tests.ledger.conftest import TODAY, add, db_bytes

D = dt.date


def test_seven_day_flag(ctx: LedgerContext) -> None:
    grids = ctx.grids
    logs = [GridLog("一街道第1网格", D(2026, 11, 13), "张三", None, 1), GridLog("三街道第1网格", D(2026, 11, 12), "李四", None, 2)]
    status = {s.grid.name: s for s in grid_statuses(grids, logs, [], TODAY)}
    assert (status["一街道第1网格"].stale, status["一街道第1网格"].days_since, status["一街道第1网格"].flag) == (False, 7, "")
    assert (status["三街道第1网格"].stale, status["三街道第1网格"].days_since, status["三街道第1网格"].flag) == (True, 8, "8 天未巡查")
    never = {s.grid.name: s for s in grid_statuses(grids, [], [], TODAY)}
    assert never["一街道第1网格"].flag == "从未巡查" and never["一街道第1网格"].stale
    future = [GridLog("一街道第1网格", D(2026, 11, 25), "张三", None, 1)]
    assert grid_statuses(grids, future, [], TODAY)[0].stale  # a log dated after today does not count
    assert grid_statuses(GridsFile(inspection_days=14, grids=grids.grids), logs, [], TODAY)[1].stale is False


def test_grid_log(ctx: LedgerContext) -> None:
    events, errors = log_inspection(ctx, "一街道第1网格", "2026-11-18", "网格员 张三", "按周巡查")
    assert not errors and events[0].unit == "chengguan"
    assert ctx.store.state().grid_logs[0] == GridLog("一街道第1网格", D(2026, 11, 18), "网格员 张三", "按周巡查", 1)
    before = db_bytes(ctx)
    _, errors = log_inspection(ctx, "一街道第一网格", "2026-11-21", "", None)
    assert [e.message for e in errors] == [
        "未知网格“一街道第一网格”，是否想写“一街道第1网格”？",
        "日期 2026-11-21 晚于今天（2026-11-20）",
        "须填写巡查人（--inspector）",
    ]
    assert db_bytes(ctx) == before
    pid = add(ctx)
    status = grid_statuses(ctx.grids, ctx.store.state().grid_logs, list(ctx.store.state().problems.values()), TODAY)
    assert (status[0].open_problems, status[0].logs_in_period, pid) == (1, 1, "ZG-0001")


def test_open_problems_for_scoring(ctx: LedgerContext) -> None:
    ws = load_workspace(ctx.root)
    evidence, _ = load_evidence(ws, TODAY)
    sync(ctx, evidence)
    manual = add(ctx, found="2026-11-01")  # deadline 11-16: 4 days overdue
    ctx.transition("start", "ZG-0001", "一街道")
    ctx.transition("submit", "ZG-0001", "一街道", description="已清理", photos=["ledger/photos/after.jpg"], photo_base=ctx.root)
    ctx.transition("verify", "ZG-0001", "aiweiban")
    state = ctx.store.state()
    got = open_problems_for_scoring(state, TODAY)
    assert [(o.problem_id, o.inspection_key, o.days_overdue) for o in got] == [
        ("ZG-0002", "aiweiban/mf-002/1", 12),
        ("ZG-0003", "aiweiban/mf-002/2", 8),
        (manual, None, 4),
    ]
    assert got[0] == OpenProblem(
        problem_id="ZG-0002", items=("food-small-businesses", "dis-vector-facilities"), source="模拟暗访", problem_class="直接入口食品场所有蝇",
        severity="严重", state="待整改", unit="shichang", found=D(2026, 11, 5), deadline=D(2026, 11, 8), days_overdue=12,
        inspection_key="aiweiban/mf-002/1", place="乙区三街道 三街道老刘面馆", description="凉菜间发现成蝇2只。",
    )
    assert got[0].site_gap("food-small-businesses") == "food-small-businesses/site/aiweiban/mf-002/1"
    assert got[2].site_gap("env-roads") is None
    assert closed_inspection_keys(state) == {"aiweiban/mf-001/1"}
    assert open_problems_for_scoring(state, D(2026, 10, 31)) == []  # nothing found yet on that day
    assert load_ledger_state(ctx.root / "nowhere").problems == {}
    assert {unit: [o.problem_id for o in rows] for unit, rows in open_problems_by_unit(state, TODAY).items()} == {"shichang": ["ZG-0002", "ZG-0003"], "一街道": [manual]}
