"""cwassess ledger import FILE: problems from a spreadsheet (.xlsx/.xls/.csv)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cwassess.commands.common import fail_with
from cwassess.commands.import_output import ImportOutcome, finish_import
from cwassess.ledger.commandkit import open_ledger, store_errors
from cwassess.ledger.importing import apply, prepare
from cwassess.loading import display_path


def import_(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="问题清单：.xlsx、.xls 或 .csv", show_default=False),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查，不写入"),
    partial: bool = typer.Option(False, "--partial", help="只导入有效的行（有无效行时退出码仍为 1）"),
    source: Optional[str] = typer.Option(None, "--source", help="表中没有“来源”列时，所有行的来源", show_default=False),
    actor: Optional[str] = typer.Option(None, "--as", help="登记单位（默认核验单位）", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """从表格导入问题（暗访通报、网格巡查、投诉等）。

    表头按名称识别：来源、发现日期、区、街道、网格、地址、点位类型、条目、问题类别、问题描述、照片、责任单位、整改期限、严重程度；
    至少要有“发现日期”和“问题描述”。照片路径相对于工作区。每个错误都指明工作表、行和列。
    默认只有全部行都有效时才写入；--partial 只写入有效的行。已导入过的相同问题自动跳过。
    """
    ledger, _ = open_ledger(ctx, as_json)
    shown = display_path(file)
    with store_errors(ledger, as_json):
        result = prepare(ledger, file, shown, source)
        if not result.readable:
            fail_with(result.problems, as_json, "未导入")
        errors = result.errors
        if not dry_run and (errors == 0 or partial):
            apply(ledger, result, actor)
            errors = result.errors
    duplicates = sum(1 for r in result.valid if r.duplicate_of)
    counts = {"rows": len(result.rows), "valid": len(result.valid), "invalid": result.invalid, "duplicates": duplicates, "created": len(result.created)}
    done = None
    if result.created:
        first, last = result.created[0].subject, result.created[-1].subject
        done = f"已登记 {len(result.created)} 个问题（{first if first == last else f'{first}—{last}'}）。"
    outcome = ImportOutcome(
        file=shown,
        problems=result.problems,
        errors=errors,
        invalid_rows=result.invalid,
        dry_run=dry_run,
        partial=partial,
        summary=f"{shown}：{counts['rows']} 行数据，有效 {counts['valid']} 行，无效 {counts['invalid']} 行，其中已登记过 {duplicates} 行。",
        done=done,
        noun="问题",
        nothing="没有需要登记的新问题。",
        data={"counts": counts, "created": [{"id": e.subject, "row": None, "unit": e.data.get("unit")} for e in result.created]},
    )
    finish_import(outcome, as_json)
