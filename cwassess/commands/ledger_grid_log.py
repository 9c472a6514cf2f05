"""cwassess ledger grid-log GRID --date --inspector --note: one weekly grid inspection."""

from __future__ import annotations

from typing import Optional

import typer

from cwassess.ledger.commandkit import done, events_json, fail_fields, open_ledger, store_errors
from cwassess.ledger.grids import log_inspection


def grid_log(
    ctx: typer.Context,
    grid: str = typer.Argument(..., metavar="GRID", help="网格名称（见 ledger/grids.yaml）", show_default=False),
    date: Optional[str] = typer.Option(None, "--date", help="巡查日期（默认今天）", show_default=False),
    inspector: Optional[str] = typer.Option(None, "--inspector", help="巡查人", show_default=False),
    note: Optional[str] = typer.Option(None, "--note", help="巡查情况", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """记录一次网格巡查（每个网格每周至少一次）。巡查发现的问题用 ledger add --source 网格巡查 登记。"""
    ledger, _ = open_ledger(ctx, as_json)
    with store_errors(ledger, as_json):
        events, errors = log_inspection(ledger, grid, date, inspector, note)
    if not events:
        fail_fields(errors, as_json, "未记录")
    e = events[0]
    done(as_json, {"events": events_json(events)}, [f"已记录 {e.subject} {e.date} 的巡查（{e.data['inspector']}）。"])
