"""cwassess ledger verify ID --as UNIT: 待复核 → 已销号 (核验单位 only, never the responsible unit)."""

from __future__ import annotations

from typing import Optional

import typer

from cwassess.ledger.commandkit import run_transition
from cwassess.ledger.model import VERIFY


def verify(
    ctx: typer.Context,
    problem_id: str = typer.Argument(..., metavar="ID", help="问题编号", show_default=False),
    actor: Optional[str] = typer.Option(None, "--as", help="办理单位：核验单位（创卫办），不能是责任单位", show_default=False),
    date: Optional[str] = typer.Option(None, "--date", help="复核日期（默认今天）", show_default=False),
    person: Optional[str] = typer.Option(None, "--by", help="复核人", show_default=False),
    note: Optional[str] = typer.Option(None, "--note", help="复核意见", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """复核通过并销号：待复核 → 已销号。只有核验单位可以销号，责任单位不能为自己的问题销号。"""
    run_transition(ctx, VERIFY, problem_id, actor, as_json, date=date, person=person, note=note)
