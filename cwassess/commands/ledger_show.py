"""cwassess ledger show ID: one problem with its whole history."""

from __future__ import annotations

import typer

from cwassess.console import make_console, print_json
from cwassess.ledger.commandkit import describe_event, events_json, fail_fields, open_ledger, problem_json, store_errors
from cwassess.ledger.deadlines import LEVEL_ZH, days_overdue, escalation, overdue_times
from cwassess.ledger.service import FieldError, normalize_id
from cwassess.standard.model import item_label
from cwassess.validation import did_you_mean


def show(
    ctx: typer.Context,
    problem_id: str = typer.Argument(..., metavar="ID", help="问题编号", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """显示一个问题：地点、条目、责任单位、期限、照片，以及全部办理记录。"""
    ledger, _ = open_ledger(ctx, as_json)
    with store_errors(ledger, as_json):
        p = ledger.store.problem(normalize_id(problem_id))
        if p is None:
            guess = did_you_mean(normalize_id(problem_id), ledger.store.problem_ids())
            fail_fields([FieldError("id", "ledger.id", f"未知问题编号“{problem_id}”" + (f"，是否想写“{guess}”？" if guess else ""))], as_json, "无法显示")
        history = ledger.store.history(p.id)
    if as_json:
        print_json({"ok": True, "problem": problem_json(p, ledger), "history": events_json(history)})
        return
    today = ledger.today
    items = ledger.std.items_by_id
    days = days_overdue(p, today)
    rows = [
        ("编号", p.id),
        ("状态", p.state),
        ("来源", p.source),
        ("发现日期", p.found.isoformat()),
        ("地点", "".join(x for x in (p.district, p.street) if x) + (f"（{p.grid}）" if p.grid else "") + (f" {p.address}" if p.address else "") or "—"),
        ("点位类型", p.site_type or "—"),
        ("条目", "、".join(f"{item_label(items[i].number)}{items[i].title}（{i}）" if i in items else i for i in p.items) or "—"),
        ("问题类别", f"{p.problem_class}（{p.severity}）"),
        ("问题描述", p.description),
        ("照片", "、".join(p.photos) or "—"),
        ("责任单位", ledger.label(p.unit) + ("" if p.suggested_unit in (None, p.unit) else f"（推荐为 {ledger.label(p.suggested_unit or '')}）")),
        ("整改期限", p.deadline.isoformat() + (f"，逾期 {days} 天（第 {overdue_times(p, today)} 次逾期，{LEVEL_ZH[escalation(p, today, ledger.config)]}）" if days else "")),
    ]
    if p.inspection_key:
        rows.append(("检查记录", p.inspection_key))
    if p.recurs:
        rows.append(("复发自", p.recurs))
    if p.recurrences:
        rows.append(("复发为", "、".join(p.recurrences)))
    if p.rectification:
        rows.append(("整改情况", p.rectification))
    if p.after_photos:
        rows.append(("整改后照片", "、".join(p.after_photos)))
    console = make_console()
    for name, value in rows:
        console.print(f"{name}：{value}", markup=False, soft_wrap=True)
    console.print("办理记录：", markup=False)
    for event in history:
        console.print("  " + describe_event(event, ledger), markup=False, soft_wrap=True)
