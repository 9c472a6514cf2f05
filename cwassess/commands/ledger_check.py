"""cwassess ledger check: the stored ledger is sound (SQLite check, digest chain, replay = projection)."""

from __future__ import annotations

import typer

from cwassess.commands.common import fail_with
from cwassess.console import make_console, print_json
from cwassess.ledger.commandkit import open_ledger, store_errors
from cwassess.loading import display_path
from cwassess.problems import Problem


def check(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """检查整改台账文件：数据库完整、事件摘要链未被改动、当前状态与全部事件重放的结果一致。"""
    ledger, _ = open_ledger(ctx, as_json)
    shown = display_path(ledger.store.path)
    with store_errors(ledger, as_json):
        wrong = ledger.store.check()
        if wrong:
            fail_with([Problem(code="ledger.check", file=shown, key=w.where, message=w.message) for w in wrong], as_json, "整改台账有问题")
        state = ledger.store.state()
    if as_json:
        print_json({"ok": True, "file": shown, "events": state.events, "problems": len(state.problems)})
        return
    make_console().print(f"{shown}：{state.events} 条事件、{len(state.problems)} 个问题，检查通过。", style="green", markup=False)
