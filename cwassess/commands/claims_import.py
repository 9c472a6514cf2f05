"""cwassess claims import FILE: read a 责任分解表 back into the claims files."""

from __future__ import annotations

from pathlib import Path

import typer

from cwassess.claims.import_table import apply_plan, claims_file_problems, prepare_import
from cwassess.claims.table import CHANGE_ZH
from cwassess.commands.common import EXIT_INVALID, fail_with, load_workspace_or_exit, print_problems, problems_json
from cwassess.console import make_console, print_json
from cwassess.loading import CLAIMS_DIR, display_path


def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="责任分解表：.xlsx、.xls 或 .csv", show_default=False),
    dry_run: bool = typer.Option(False, "--dry-run", help="只显示将要做的更改，不写入"),
    partial: bool = typer.Option(False, "--partial", help="只导入有效的行（有无效行时退出码仍为 1）"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """导入责任分解表（.xlsx/.xls/.csv），按表更新各部门的认领。

    也可以是各市自制的表：合并单元格、表头不在第一行、表头写法不同、一格多个部门均可。
    表中出现的每一条，其牵头、配合部门以表为准；表中没有的条目不受影响。
    默认只有全部行都有效时才写入；--partial 只写入有效的行，并列出无效的行，退出码仍为 1。
    --dry-run 只显示将要做的更改。写入前，原认领文件备份到 .cwassess/history/。
    """
    ws = load_workspace_or_exit(ctx, as_json)
    broken = claims_file_problems(ws)
    if broken:
        fail_with(broken, as_json, "认领文件有错误，请先修正后再导入")
    shown = display_path(file)
    result = prepare_import(ws, file, shown)
    if not result.readable:
        fail_with(result.problems, as_json, "未导入")
    errors = result.errors
    apply = not dry_run and not result.plan.empty and (errors == 0 or partial)
    written: list[str] = []
    backup = None
    if apply:
        written, backup, write_problems = apply_plan(ws, result.plan)
        if write_problems:
            result.problems += write_problems
            errors = result.errors
    counts = result.plan.counts()
    folder = ws.root / CLAIMS_DIR
    if as_json:
        print_json(
            {
                "ok": errors == 0,
                "file": shown,
                "dry_run": dry_run,
                "partial": partial,
                "applied": bool(written),
                "counts": {
                    "rows": result.rows,
                    "valid": result.valid_rows,
                    "invalid": result.invalid_rows,
                    "skipped": result.skipped_rows,
                    **counts,
                },
                "departments": [
                    {
                        "code": d.department,
                        "name": d.name,
                        "file": display_path(folder / f"{d.department}.yaml"),
                        "new_file": not d.existed,
                        "changes": [c.as_json() for c in d.changes],
                    }
                    for d in result.plan.departments
                ],
                "written": written,
                "backup": backup,
                "problems": problems_json(result.problems),
            }
        )
        raise typer.Exit(EXIT_INVALID if errors else 0)
    console = make_console()
    print_problems(result.problems)
    for dept in result.plan.departments:
        where = display_path(folder / f"{dept.department}.yaml") + ("（新文件）" if not dept.existed else "")
        console.print(f"{dept.name}（{dept.department}）{where}：", markup=False)
        for change in dept.changes:
            console.print(f"  {change.render()}", markup=False, soft_wrap=True)
    summary = (
        f"{shown}：{result.rows} 行数据，有效 {result.valid_rows} 行，无效 {result.invalid_rows} 行，跳过 {result.skipped_rows} 行；"
        f"{CHANGE_ZH['add']} {counts['add']}，{CHANGE_ZH['remove']} {counts['remove']}，{CHANGE_ZH['change']} {counts['change']}。"
    )
    console.print(summary, markup=False, soft_wrap=True)
    if written:
        tail = f"已写入 {len(written)} 个认领文件" + (f"，原文件备份在 {backup}" if backup else "") + "。"
        if errors:
            tail += f"有 {result.invalid_rows} 行无效，未导入。"
        console.print(tail, style="red" if errors else "green", markup=False)
    elif dry_run:
        console.print("试运行：未写入任何文件。", style="red" if errors else None, markup=False)
    elif errors:
        console.print("有无效的行，未写入任何文件（可加 --partial 只导入有效的行）。", style="red", markup=False)
    else:
        console.print("没有需要更改的认领。", style="green", markup=False)
    raise typer.Exit(EXIT_INVALID if errors else 0)
