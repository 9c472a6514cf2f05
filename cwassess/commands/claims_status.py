"""cwassess claims status: who leads and supports each item, and everything wrong with the claims."""

from __future__ import annotations

import typer
from rich.table import Table

from cwassess.claims.coverage import check_claims
from cwassess.commands.common import EXIT_INVALID, load_workspace_or_exit, print_problems, problems_json
from cwassess.console import make_console, print_json
from cwassess.standard.model import item_label


def status(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """认领情况：每条的牵头、配合部门，无人牵头、多头牵头、无效认领等问题。"""
    ws = load_workspace_or_exit(ctx, as_json)
    coverage = check_claims(ws.standard, ws.city, ws.claims, ws.locator)
    problems = [*ws.problems, *coverage.problems]
    errors = sum(1 for p in problems if p.severity == "error")
    applicable = [it for it in coverage.items if it.applicable]
    led = sum(1 for it in applicable if len(it.lead) == 1)
    if as_json:
        print_json(
            {
                "ok": errors == 0,
                "counts": {
                    "applicable_items": len(applicable),
                    "items_with_one_lead": led,
                    "errors": errors,
                    "warnings": len(problems) - errors,
                },
                "items": [it.model_dump() for it in coverage.items],
                "departments": [d.model_dump() for d in coverage.departments],
                "problems": problems_json(problems),
            }
        )
        raise typer.Exit(EXIT_INVALID if errors else 0)
    console = make_console()
    names = {d.code: d.name for d in coverage.departments}
    table = Table(title=f"{ws.city.name} 认领情况", title_justify="left")
    table.add_column("序号", no_wrap=True)
    table.add_column("条目")
    table.add_column("牵头")
    table.add_column("配合")
    for it in applicable:
        lead = "、".join(names.get(c, c) for c in it.lead) or "（无）"
        style = None if len(it.lead) == 1 else "red"
        table.add_row(item_label(it.number), it.title, lead, "、".join(names.get(c, c) for c in it.support), style=style)
    console.print(table)
    dept_table = Table(title="部门认领汇总", title_justify="left")
    dept_table.add_column("部门")
    dept_table.add_column("牵头", justify="right")
    dept_table.add_column("配合", justify="right")
    for dept in coverage.departments:
        dept_table.add_row(dept.name, str(len(dept.lead)), str(len(dept.support)))
    console.print(dept_table)
    print_problems(problems)
    console.print(
        f"适用 {len(applicable)} 条，已明确唯一牵头 {led} 条；{errors} 个错误，{len(problems) - errors} 个警告",
        style="red" if errors else "green",
        markup=False,
    )
    raise typer.Exit(EXIT_INVALID if errors else 0)
