"""cwassess ledger reject ID --as UNIT --reason …: 待复核 → 整改中."""

from __future__ import annotations

from typing import Optional

import typer

from cwassess.ledger.commandkit import run_transition
from cwassess.ledger.model import REJECT


def reject(
    ctx: typer.Context,
    problem_id: str = typer.Argument(..., metavar="ID", help="问题编号", show_default=False),
    actor: Optional[str] = typer.Option(None, "--as", help="办理单位：核验单位（创卫办）", show_default=False),
    reason: Optional[str] = typer.Option(None, "--reason", help="退回原因", show_default=False),
    date: Optional[str] = typer.Option(None, "--date", help="复核日期（默认今天）", show_default=False),
    person: Optional[str] = typer.Option(None, "--by", help="复核人", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """复核不通过，退回重新整改：待复核 → 整改中，须说明原因；整改期限顺延（见 ledger/config.yaml 的 rework_days）。"""
    run_transition(ctx, REJECT, problem_id, actor, as_json, date=date, person=person, reason=reason)
