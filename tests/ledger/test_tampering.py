"""A ledger.db edited by another program (triggers dropped, rows rewritten by hand): every damaged row is reported
where it is — by the store as a DamagedRow, by `ledger check` as one finding each, by the commands as exit 1 naming
the file — and scoring counts what is still readable."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cwassess.cli import app
from cwassess.ledger.model import PROBLEM_FIELDS, Problem, shape_error
from cwassess.ledger.scoring import ledger_problems, load_ledger_state
from cwassess.ledger.service import LedgerContext
from cwassess.ledger.store import DamagedRow, Finding, LedgerStore
from tests.commands.ledger_helpers import add_one, ledger
from tests.ledger.conftest import add

DROP = "DROP TRIGGER events_no_update; "


def tamper(store: LedgerStore, sql: str) -> None:
    store.close()
    conn = sqlite3.connect(store.path)
    conn.executescript(sql)
    conn.commit()
    conn.close()


def damage(call: object) -> Finding:
    with pytest.raises(DamagedRow) as caught:
        call()  # type: ignore[operator]
    return caught.value.finding


EVENTS = [
    ("UPDATE events SET data = 'not json' WHERE seq = 1", ("事件 #1", "数据不是有效的 JSON")),
    ("UPDATE events SET data = '[1]' WHERE seq = 1", ("事件 #1", "数据不是 JSON 对象")),
    ("UPDATE events SET date = '2024-13-01' WHERE seq = 1", ("事件 #1", "日期“2024-13-01”无效")),
    ("UPDATE events SET kind = 'explode' WHERE seq = 1", ("事件 #1", "未知的事件类型“explode”")),
    ("UPDATE events SET data = '{\"unit\": 5}' WHERE seq = 1", ("事件 #1", "缺少字段“source”")),
    ("UPDATE events SET data = json_set(data, '$.items', json('[1]')) WHERE seq = 1", ("事件 #1", "字段“items”的值无效")),
    ("UPDATE events SET unit = x'00' WHERE seq = 1", ("事件 #1", "事件的对象、单位、经办人或记录时间无效")),
]


@pytest.mark.parametrize(("sql", "finding"), EVENTS, ids=[f[1] for _, f in EVENTS])
def test_a_damaged_event_is_named(ctx: LedgerContext, sql: str, finding: tuple[str, str]) -> None:
    pid = add(ctx)
    tamper(ctx.store, DROP + sql)
    assert damage(lambda: ctx.store.history(pid)) == finding
    assert damage(lambda: ctx.store.problems_as_of(dt.date(2026, 11, 10))) == finding  # rebuilt from its events
    assert ctx.store.check() == [("事件 #1", "摘要不符：历史记录被改动"), finding]


def test_a_damaged_problem_row_is_named(ctx: LedgerContext) -> None:
    first, second = add(ctx), add(ctx, description="另一处杂物。")
    tamper(ctx.store, f"UPDATE problems SET data = '[]' WHERE id = '{first}'")
    assert damage(ctx.store.state) == (f"问题 {first}", "数据不是 JSON 对象")
    assert damage(lambda: ctx.store.problem(first)) == (f"问题 {first}", "数据不是 JSON 对象")
    assert ctx.store.check() == [(f"问题 {first}", "数据不是 JSON 对象")]
    tolerant = ctx.store.state(tolerant=True)
    assert list(tolerant.problems) == [second] and tolerant.damaged == [(f"问题 {first}", "数据不是 JSON 对象")]


def test_check_compares_the_indexed_columns_with_the_problem(ctx: LedgerContext) -> None:
    """The bulletin selects by these columns: a row whose dates differ from its problem would silently drop out."""
    pid = add(ctx)
    tamper(ctx.store, "UPDATE problems SET found = '2030-01-01', deadline = '2030-01-02', missed = 4")
    assert ctx.store.check() == [(f"问题 {pid}", "表中的发现日期、整改期限、逾期次数与问题数据不一致")]
    tamper(ctx.store, "UPDATE problems SET found = '2026-11-10', last_date = 'soon', missed = 'x', deadline = '2026-11-25'")
    assert damage(lambda: ctx.store.problems_as_of(dt.date(2026, 11, 20), light=True)) == (f"问题 {pid}", "最近办理日期“soon”无效")


def test_a_writer_refuses_a_damaged_problem(ctx: LedgerContext) -> None:
    pid = add(ctx)
    tamper(ctx.store, "UPDATE problems SET data = json_set(data, '$.unit', 7)")
    assert damage(lambda: ctx.transition("start", pid, "一街道")) == (f"问题 {pid}", "字段“unit”的值无效")
    tamper(ctx.store, "UPDATE problems SET data = json_set(data, '$.unit', '一街道', '$.state', '已销号')")

    def start_anyway() -> None:  # what the service would refuse first; the store refuses it too
        with ctx.store.transaction() as tx:
            tx.append(pid, "start", dt.date(2026, 11, 20), "一街道", None, {})

    assert damage(start_anyway) == (f"问题 {pid}", "事件 #2（开始整改）不能跟在“已销号”之后")
    assert [e.seq for e in ctx.store.events()] == [1]  # rolled back


def test_scoring_reads_what_it_can(ctx: LedgerContext, tmp_path: Path) -> None:
    ctx = dataclasses.replace(ctx, store=LedgerStore.for_workspace(tmp_path))
    first, second = add(ctx), add(ctx, description="另一处杂物。")
    tamper(ctx.store, f"UPDATE problems SET data = 'x' WHERE id = '{first}'")
    state = load_ledger_state(tmp_path)
    assert list(state.problems) == [second]
    assert [p.render() for p in ledger_problems(state, "ledger/ledger.db")] == [
        f"ledger/ledger.db: 错误: 问题 {first}: 数据不是有效的 JSON（该部分未计入模拟测评，可运行 cwassess ledger check 检查）"
    ]
    ctx.store.path.write_text("这不是数据库", encoding="utf-8")
    state = load_ledger_state(tmp_path)
    assert state.problems == {} and state.damaged == [(None, "无法打开整改台账：文件不是整改台账数据库")]


def test_the_commands_name_the_file_and_the_row(cli_ws: Path) -> None:
    add_one()
    store = LedgerStore.for_workspace(cli_ws)
    tamper(store, DROP + "UPDATE events SET date = '2024-13-01' WHERE seq = 1")
    result = ledger("show", "ZG-0001")
    assert (result.exit_code, result.output.splitlines()) == (1, [
        "ws/ledger/ledger.db: 错误: 事件 #1: 日期“2024-13-01”无效（台账文件可能被其他程序改动过，可运行 cwassess ledger check 检查）",
        "整改台账无法使用：1 个错误，0 个警告",
    ])
    result = ledger("check")
    assert (result.exit_code, result.output.splitlines()) == (1, [
        "ws/ledger/ledger.db: 错误: 事件 #1: 摘要不符：历史记录被改动",
        "ws/ledger/ledger.db: 错误: 事件 #1: 日期“2024-13-01”无效",
        "整改台账有问题：2 个错误，0 个警告",
    ])


def test_problem_json_shape() -> None:
    good = Problem(
        id="ZG-0001", source="投诉", found=dt.date(2026, 11, 1), problem_class="乱堆乱摆", severity="一般", description="d",
        unit="一街道", deadline=dt.date(2026, 11, 16), items=("env-roads",),
    ).to_json()
    assert Problem.from_json(good).to_json() == good and shape_error(good, PROBLEM_FIELDS) is None
    for bad, message in [
        ([], "数据不是 JSON 对象"),
        ({k: v for k, v in good.items() if k != "unit"}, "缺少字段“unit”"),
        (dict(good, found="2026-02-30"), "字段“found”的值无效"),
        (dict(good, rejections=True), "字段“rejections”的值无效"),
        (dict(good, photos="a.jpg"), "字段“photos”的值无效"),
        (dict(good, extra=1), "未知字段“extra”"),
    ]:
        with pytest.raises(ValueError) as caught:
            Problem.from_json(bad)
        assert str(caught.value) == message


def test_score_says_what_it_left_out(cli_ws: Path) -> None:
    first = add_one()
    tamper(LedgerStore.for_workspace(cli_ws), f"UPDATE problems SET data = 'x' WHERE id = '{first}'")
    result = CliRunner().invoke(app, ["--workspace", "ws", "score", "--json"])
    assert result.exit_code == 1, result.output
    messages = [p["message"] for p in json.loads(result.output)["problems"] if p["file"] == "ws/ledger/ledger.db"]
    assert messages == ["数据不是有效的 JSON（该部分未计入模拟测评，可运行 cwassess ledger check 检查）"]
