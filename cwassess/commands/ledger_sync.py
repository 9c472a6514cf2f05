"""cwassess ledger sync: every problem in the inspection records becomes a ledger problem (idempotent)."""

from __future__ import annotations

import typer

from cwassess.commands.common import print_problems, problems_json
from cwassess.console import make_console, print_json
from cwassess.evidence.load import load_evidence
from cwassess.ledger.commandkit import open_ledger, store_errors
from cwassess.ledger.sync import sync as run_sync


def sync(
    ctx: typer.Context,
    dry_run: bool = typer.Option(False, "--dry-run", help="只显示将要登记的问题，不写入"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """把检查记录（证据清单和 inspections/ 中的模拟暗访、自查、暗访通报等）里的问题登记进整改台账。

    每个问题按“部门/检查编号/问题序号”只登记一次，重复运行不会重复登记。
    """
    ledger, ws = open_ledger(ctx, as_json)
    evidence, _ = load_evidence(ws, ledger.today)
    with store_errors(ledger, as_json):
        result = run_sync(ledger, evidence, dry_run=dry_run)
    new = result.planned
    if as_json:
        print_json(
            {
                "ok": True,
                "dry_run": dry_run,
                "found": result.found,
                "existing": result.existing,
                "created": [{"id": e.subject, "inspection_key": e.data.get("inspection_key"), "unit": e.data.get("unit")} for e in result.created],
                "planned": [{"inspection_key": k, "unit": d.get("unit"), "problem_class": d.get("problem_class")} for k, d in new] if dry_run else [],
                "problems": problems_json(result.problems),
            }
        )
        return
    console = make_console()
    print_problems(result.problems)
    for event in result.created:
        d = event.data
        console.print(f"  {event.subject} ← {d['inspection_key']} {d['problem_class']}，责任单位 {ledger.label(d['unit'])}，期限 {d['deadline']}", markup=False, soft_wrap=True)
    if dry_run:
        for key, d in new:
            console.print(f"  将登记 {key} {d['problem_class']}，责任单位 {ledger.label(d['unit'])}，期限 {d['deadline']}", markup=False, soft_wrap=True)
        console.print(f"试运行：检查记录中有 {result.found} 个问题，{result.existing} 个已在台账中，将登记 {len(new)} 个；未写入。", markup=False)
    else:
        console.print(f"检查记录中有 {result.found} 个问题：新登记 {len(result.created)} 个，{result.existing} 个已在台账中。", style="green", markup=False)
