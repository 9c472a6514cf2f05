"""cwassess ledger submit ID --as UNIT --photo … --description …: 整改中 → 待复核."""

from __future__ import annotations

from typing import Optional

import typer

from cwassess.ledger.commandkit import run_transition
from cwassess.ledger.model import SUBMIT


def submit(
    ctx: typer.Context,
    problem_id: str = typer.Argument(..., metavar="ID", help="问题编号", show_default=False),
    actor: Optional[str] = typer.Option(None, "--as", help="办理单位：须是责任单位", show_default=False),
    photo: list[str] = typer.Option([], "--photo", help="整改后照片（可重复；须在工作区内，路径相对于工作区或当前目录，如 ledger/photos/x.jpg）", show_default=False),
    description: Optional[str] = typer.Option(None, "--description", help="整改情况说明", show_default=False),
    date: Optional[str] = typer.Option(None, "--date", help="办理日期（默认今天）", show_default=False),
    person: Optional[str] = typer.Option(None, "--by", help="经办人", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """提交复核：整改中 → 待复核，须附整改后照片和整改情况说明。"""
    run_transition(ctx, SUBMIT, problem_id, actor, as_json, date=date, person=person, description=description, photos=photo)
