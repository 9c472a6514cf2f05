"""cwassess claims import FILE: read a 责任分解表 back into the claims files."""

from __future__ import annotations

from pathlib import Path

import typer

from cwassess.claims.import_table import apply_plan, claims_file_problems, prepare_import
from cwassess.claims.table import CHANGE_ZH
from cwassess.commands.common import fail_with, load_workspace_or_exit
from cwassess.commands.import_output import ImportOutcome, finish_import
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
    result = prepare_import(ws, file, shown, ws.sheet_limits)  # city.yaml `limits:` (sheet_mb, sheet_rows)
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
    details = []
    for dept in result.plan.departments:
        where = display_path(folder / f"{dept.department}.yaml") + ("（新文件）" if not dept.existed else "")
        details.append(f"{dept.name}（{dept.department}）{where}：")
        details += [f"  {change.render()}" for change in dept.changes]
    done = None
    if written:
        done = f"已写入 {len(written)} 个认领文件" + (f"，原文件备份在 {backup}" if backup else "") + "。"
    summary = (
        f"{shown}：{result.rows} 行数据，有效 {result.valid_rows} 行，无效 {result.invalid_rows} 行，跳过 {result.skipped_rows} 行；"
        f"{CHANGE_ZH['add']} {counts['add']}，{CHANGE_ZH['remove']} {counts['remove']}，{CHANGE_ZH['change']} {counts['change']}。"
    )
    data = {
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
    }
    outcome = ImportOutcome(
        file=shown,
        problems=result.problems,
        errors=errors,
        invalid_rows=result.invalid_rows,
        dry_run=dry_run,
        partial=partial,
        summary=summary,
        done=done,
        noun="文件",
        nothing="没有需要更改的认领。",
        details=details,
        data=data,
    )
    finish_import(outcome, as_json)
