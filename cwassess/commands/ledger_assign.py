"""cwassess ledger assign ID --unit UNIT --as VERIFIER: 改派 (another responsible unit)."""

from __future__ import annotations

from typing import Optional

import typer

from cwassess.ledger.commandkit import run_transition
from cwassess.ledger.model import ASSIGN


def assign(
    ctx: typer.Context,
    problem_id: str = typer.Argument(..., metavar="ID", help="问题编号", show_default=False),
    unit: Optional[str] = typer.Option(None, "--unit", help="新的责任单位", show_default=False),
    actor: Optional[str] = typer.Option(None, "--as", help="办理单位：核验单位（创卫办）", show_default=False),
    date: Optional[str] = typer.Option(None, "--date", help="办理日期（默认今天）", show_default=False),
    person: Optional[str] = typer.Option(None, "--by", help="经办人", show_default=False),
    note: Optional[str] = typer.Option(None, "--note", help="改派理由", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """改派责任单位（待整改、整改中的问题；核验单位办理）。"""
    run_transition(ctx, ASSIGN, problem_id, actor, as_json, date=date, person=person, unit=unit, note=note)
