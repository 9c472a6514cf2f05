"""cwassess ledger add: register one problem by hand."""

from __future__ import annotations

from typing import Optional

import typer

from cwassess.ledger.commandkit import done, events_json, fail_fields, open_ledger, print_warnings, problem_json, store_errors
from cwassess.ledger.model import SOURCES
from cwassess.ledger.service import RawProblem, has_error


def add(
    ctx: typer.Context,
    source: str = typer.Option("手工录入", "--source", help="来源：" + "、".join(SOURCES)),
    found: Optional[str] = typer.Option(None, "--found", help="发现日期，如 2026-11-20（默认今天）", show_default=False),
    district: Optional[str] = typer.Option(None, "--district", help="区", show_default=False),
    street: Optional[str] = typer.Option(None, "--street", help="街道", show_default=False),
    grid: Optional[str] = typer.Option(None, "--grid", help="网格（见 ledger/grids.yaml）", show_default=False),
    address: Optional[str] = typer.Option(None, "--address", help="地址或点位名称", show_default=False),
    site_type: Optional[str] = typer.Option(None, "--site-type", help="点位类型，如 背街小巷、农贸市场", show_default=False),
    item: list[str] = typer.Option([], "--item", help="所涉标准条目（可重复）：编号如 env-roads，或条目名称、（十）", show_default=False),
    problem_class: Optional[str] = typer.Option(None, "--class", help="问题类别，如 乱堆乱摆", show_default=False),
    description: Optional[str] = typer.Option(None, "--description", help="问题描述", show_default=False),
    photo: list[str] = typer.Option([], "--photo", help="问题照片（可重复；须在工作区内，路径相对于工作区或当前目录，如 ledger/photos/x.jpg）", show_default=False),
    unit: Optional[str] = typer.Option(None, "--unit", help="责任单位（默认：属地问题为所在街道，行业问题为条目牵头部门）", show_default=False),
    deadline: Optional[str] = typer.Option(None, "--deadline", help="整改期限（默认按严重程度）", show_default=False),
    severity: Optional[str] = typer.Option(None, "--severity", help="严重程度（默认按问题类别）", show_default=False),
    actor: Optional[str] = typer.Option(None, "--as", help="登记单位（默认核验单位）", show_default=False),
    person: Optional[str] = typer.Option(None, "--by", help="经办人", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """手工登记一个问题。条目、责任单位、区和街道写错时给出“是否想写”的提示，什么也不写入。"""
    ledger, _ = open_ledger(ctx, as_json)
    raw = RawProblem(
        source=source, found=found if found is not None else ledger.today, district=district, street=street, grid=grid,
        address=address, site_type=site_type, items=item, problem_class=problem_class, description=description,
        photos=photo, unit=unit, deadline=deadline, severity=severity,
    )
    data, errors = ledger.validate(raw)
    if data is None or has_error(errors):
        fail_fields(errors, as_json, "未登记")
    if not as_json:
        print_warnings(errors)
    with store_errors(ledger, as_json):
        events, more = ledger.add([data], actor, person)
        if not events:
            fail_fields(more, as_json, "未登记")
        p = ledger.store.problem(events[0].subject)
    assert p is not None
    suggested = "（推荐）" if p.unit == p.suggested_unit else ""
    line = f"已登记问题 {p.id}：{p.problem_class}，责任单位 {ledger.label(p.unit)}{suggested}，整改期限 {p.deadline}（{p.severity}）"
    done(as_json, {"problem": problem_json(p, ledger), "events": events_json(events), "warnings": [e.as_problem().model_dump(exclude_none=True) for e in errors]}, [line])
