"""cwassess ledger start ID --as UNIT: 待整改 → 整改中."""

from __future__ import annotations

from typing import Optional

import typer

from cwassess.ledger.commandkit import run_transition
from cwassess.ledger.model import START


def start(
    ctx: typer.Context,
    problem_id: str = typer.Argument(..., metavar="ID", help="问题编号，如 ZG-0012", show_default=False),
    actor: Optional[str] = typer.Option(None, "--as", help="办理单位：责任单位（或创卫办）", show_default=False),
    date: Optional[str] = typer.Option(None, "--date", help="办理日期（默认今天）", show_default=False),
    person: Optional[str] = typer.Option(None, "--by", help="经办人", show_default=False),
    note: Optional[str] = typer.Option(None, "--note", help="备注", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """开始整改：待整改 → 整改中（责任单位办理）。"""
    run_transition(ctx, START, problem_id, actor, as_json, date=date, person=person, note=note)
