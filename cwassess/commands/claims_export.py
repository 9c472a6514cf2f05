"""cwassess claims export --xlsx FILE: the 责任分解表 as a styled Excel workbook."""

from __future__ import annotations

from pathlib import Path

import typer

from cwassess.claims.export_xlsx import export_claims_xlsx
from cwassess.claims.import_table import claims_file_problems
from cwassess.commands.common import EXIT_USAGE, fail_with, load_workspace_or_exit
from cwassess.console import make_console, print_json
from cwassess.loading import display_path
from cwassess.problems import Problem


def export(
    ctx: typer.Context,
    xlsx: Path = typer.Option(..., "--xlsx", help="输出的 Excel 文件（.xlsx）", show_default=False),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """导出责任分解表（Excel），牵头、配合部门带下拉选项。

    每个适用条目一行：项目、内容、检查内容、标准及达到效果、分管市领导、牵头部门、配合（承办）部门、达标时间、责任人。
    填写后可用 cwassess claims import 导回。已存在的文件不会被覆盖，除非加 --force。
    """
    if xlsx.suffix.lower() != ".xlsx":
        make_console(stderr=True).print(f"--xlsx 的文件名应以 .xlsx 结尾（实际：{xlsx.name}）", markup=False)
        raise typer.Exit(EXIT_USAGE)
    ws = load_workspace_or_exit(ctx, as_json)
    broken = claims_file_problems(ws)
    if broken:
        fail_with(broken, as_json, "认领文件有错误，请先修正后再导出")
    shown = display_path(xlsx)
    if xlsx.exists() and not force:
        fail_with([Problem(code="export.exists", file=shown, message="文件已存在，未做任何改动（加 --force 覆盖）")], as_json, "未导出")
    result = export_claims_xlsx(xlsx, shown, ws.standard, ws.city, ws.claims)
    if result.problems:
        fail_with(result.problems, as_json, "未导出")
    if as_json:
        print_json({"ok": True, "file": shown, "rows": result.rows, "departments": result.departments})
        return
    make_console().print(f"已导出责任分解表：{result.rows} 条 → {shown}", markup=False)
