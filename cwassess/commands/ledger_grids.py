"""cwassess ledger grids: the grids, their 包靠 leaders and units, and the weekly-inspection flag."""

from __future__ import annotations

import typer
from rich.table import Table

from cwassess.console import make_console, print_json
from cwassess.ledger.commandkit import open_ledger, store_errors
from cwassess.ledger.grids import grid_statuses


def grids(
    ctx: typer.Context,
    stale: bool = typer.Option(False, "--stale", help="只列出超过 7 天未巡查的网格"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """网格包靠：每个网格的包靠领导、牵头单位、成员单位，最近一次巡查和未销号问题数；超过 7 天未巡查的标出。"""
    ledger, _ = open_ledger(ctx, as_json)
    with store_errors(ledger, as_json):
        state = ledger.store.state()
    statuses = grid_statuses(ledger.grids, state.grid_logs, list(state.problems.values()), ledger.today)
    shown = [s for s in statuses if s.stale or not stale]
    period = ledger.grids.inspection_days
    if as_json:
        print_json(
            {
                "ok": True,
                "today": ledger.today.isoformat(),
                "inspection_days": period,
                "grids": [
                    {
                        "name": s.grid.name, "district": s.grid.district, "street": s.grid.street, "leader": s.grid.leader,
                        "lead_unit": s.grid.lead_unit, "members": s.grid.members, "last_inspection": s.last.isoformat() if s.last else None,
                        "days_since": s.days_since, "inspections_in_period": s.logs_in_period, "stale": s.stale, "flag": s.flag,
                        "open_problems": s.open_problems,
                    }
                    for s in shown
                ],
            }
        )
        return
    console = make_console()
    if not ledger.grids.grids:
        console.print("还没有定义网格：在 ledger/grids.yaml 中列出网格、包靠领导和包靠单位。", markup=False)
        return
    table = Table(pad_edge=False)
    for header in ("网格", "包靠领导", "牵头单位", "成员单位", "最近巡查", f"近{period}天", "未销号", "标记"):
        table.add_column(header, overflow="fold")
    for s in shown:
        table.add_row(
            s.grid.name, s.grid.leader, ledger.units.name(s.grid.lead_unit), "、".join(ledger.units.name(m) for m in s.grid.members) or "—",
            s.last.isoformat() if s.last else "—", str(s.logs_in_period), str(s.open_problems), s.flag,
        )
    console.print(table)
    flagged = sum(1 for s in statuses if s.stale)
    console.print(f"共 {len(statuses)} 个网格，{flagged} 个超过 {period} 天未巡查（每周至少一次，截至 {ledger.today}）。", style="red" if flagged else "green", markup=False)
