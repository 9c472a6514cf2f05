"""cwassess ledger list [--unit] [--state] [--overdue] [--json]."""

from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from cwassess.console import make_console, print_json
from cwassess.ledger.commandkit import fail_fields, open_ledger, problem_json, store_errors
from cwassess.ledger.deadlines import LEVEL_ZH, days_overdue, escalation
from cwassess.ledger.model import STATES
from cwassess.ledger.service import FieldError
from cwassess.validation import did_you_mean


def list_(
    ctx: typer.Context,
    unit: Optional[str] = typer.Option(None, "--unit", help="只列出该责任单位的问题", show_default=False),
    state: Optional[str] = typer.Option(None, "--state", help="只列出该状态：" + "、".join(STATES) + "；“未销号”为前三者", show_default=False),
    overdue: bool = typer.Option(False, "--overdue", help="只列出逾期的问题"),
    source: Optional[str] = typer.Option(None, "--source", help="只列出该来源的问题", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """列出台账中的问题：状态、责任单位、期限、逾期天数和预警等级。"""
    ledger, _ = open_ledger(ctx, as_json)
    errors: list[FieldError] = []
    code = None
    if unit is not None:
        code, message = ledger.units.resolve(unit)
        if code is None:
            errors.append(FieldError("unit", "ledger.unit", message or ""))
    if state is not None and state not in (*STATES, "未销号"):
        guess = did_you_mean(state, [*STATES, "未销号"])
        errors.append(FieldError("state", "ledger.state.unknown", f"未知状态“{state}”" + (f"，是否想写“{guess}”？" if guess else f"（可选：{'、'.join(STATES)}、未销号）")))
    if errors:
        fail_fields(errors, as_json, "无法列出")
    with store_errors(ledger, as_json):
        problems = list(ledger.store.state().problems.values())
    today = ledger.today
    chosen = [
        p
        for p in problems
        if (code is None or p.unit == code)
        and (state is None or p.state == state or (state == "未销号" and p.is_open))
        and (not overdue or days_overdue(p, today) > 0)
        and (source is None or p.source == source)
    ]
    if as_json:
        print_json({"ok": True, "today": today.isoformat(), "count": len(chosen), "problems": [problem_json(p, ledger) for p in chosen]})
        return
    console = make_console()
    if not chosen:
        console.print("没有符合条件的问题。" if problems else "台账中还没有问题（可用 cwassess ledger sync 从检查记录登记，或 ledger add / ledger import）。", markup=False)
        return
    table = Table(show_lines=False, pad_edge=False)
    for header, wrap in (("编号", False), ("状态", False), ("责任单位", True), ("问题", True), ("期限", False), ("逾期", False)):
        table.add_column(header, no_wrap=not wrap, overflow="fold")
    for p in chosen:
        days = days_overdue(p, today)
        level = LEVEL_ZH[escalation(p, today, ledger.config)]
        where = p.address or p.grid or p.street or p.district or ""
        table.add_row(
            p.id, p.state, ledger.units.name(p.unit), f"{p.problem_class}" + (f"：{where}" if where else ""), p.deadline.isoformat(),
            f"{days} 天 {level}" if days else "",
        )
    console.print(table)
    open_count = sum(1 for p in chosen if p.is_open)
    late = sum(1 for p in chosen if days_overdue(p, today))
    console.print(f"共 {len(chosen)} 个问题，未销号 {open_count} 个，逾期 {late} 个（截至 {today}）。", markup=False)

