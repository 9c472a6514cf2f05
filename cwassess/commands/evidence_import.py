"""cwassess evidence import DEPT FILE: a filled template into the department's manifest, all rows or none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from cwassess.commands.common import EXIT_INVALID, EXIT_USAGE, department_or_exit, load_workspace_or_exit, print_problems, problem_counts, problems_json
from cwassess.console import make_console, print_json


def import_(
    ctx: typer.Context,
    department: str = typer.Argument(..., help="部门代码或名称", show_default=False),
    file: Path = typer.Argument(..., help="填好的证据模板（.xlsx/.xls）", show_default=False),
    dry_run: bool = typer.Option(False, "--dry-run", help="只检查并显示将要变更的内容，不写入"),
    partial: bool = typer.Option(False, "--partial", help="只导入没有错误的行（有错误时仍以 1 退出）"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """导入部门证据模板：逐行检查（工作表、行、列），默认全部正确才写入；文件记录摘要并保留历史版本。"""
    from cwassess.evidence.intake import apply_intake, plan_intake
    from cwassess.evidence.load import EVIDENCE_DIR, MANIFEST
    from cwassess.loading import display_path
    from cwassess.models.evidence import EvidenceManifest
    from cwassess.problems import Problem, has_errors
    from cwassess.textio import os_error_zh
    from cwassess.validation import validate_document
    from cwassess.yamlio import load_yaml

    ws = load_workspace_or_exit(ctx, as_json)
    code = department_or_exit(ws, department)
    if not _is_file(file):
        make_console(stderr=True).print(f"文件不存在：{file}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    manifest_path = ws.root / EVIDENCE_DIR / code / MANIFEST
    manifest = None
    if manifest_path.is_file():
        doc = load_yaml(manifest_path, display_path(manifest_path), ws.limits.text_bytes)
        manifest = validate_document(doc, EvidenceManifest)
        if manifest is None:
            if as_json:
                print_json({"ok": False, "written": None, "problems": problems_json(doc.problems)})
            else:
                print_problems(doc.problems)
                make_console().print("现有证据清单有错误，未导入；请先修正。", style="red", markup=False)
            raise typer.Exit(EXIT_INVALID)
    plan = plan_intake(file, display_path(file), ws.root, ws.standard, code, manifest, ws.sheet_limits, ws.limits)
    write = plan.changed and not dry_run and (partial or not has_errors(plan.problems))
    written = None
    if write:
        try:
            written = apply_intake(ws.root, code, plan, dt.datetime.now())
        except OSError as exc:  # disk full, a read-only share: the manifest is unchanged
            plan.problems.append(
                Problem(code="file.unwritable", file=display_path(manifest_path), message=f"无法写入证据清单，未做任何改动：{os_error_zh(exc, '写入')}")
            )
    errors, warnings = problem_counts(plan.problems)
    summary = {
        "added_values": plan.added_values,
        "changed_values": plan.changed_values,
        "added_documents": plan.added_documents,
        "new_versions": plan.new_versions,
        "statements": plan.statements,
        "rejected_rows": plan.rejected_rows,
    }
    if as_json:
        print_json({"ok": errors == 0, "written": display_path(written) if written else None, "summary": summary, "problems": problems_json(plan.problems)})
        raise typer.Exit(EXIT_INVALID if errors else 0)
    print_problems(plan.problems)
    line = (
        f"指标数值新增 {plan.added_values}、修改 {plan.changed_values}；文件新增 {plan.added_documents}、新版本 {plan.new_versions}；"
        f"自评说明 {plan.statements}；有错误的行 {plan.rejected_rows}"
    )
    console = make_console()
    console.print(line, markup=False, soft_wrap=True)
    if written:
        console.print(f"已写入 {display_path(written)}（原清单已保留在 .cwassess/history/）", style="green", markup=False, soft_wrap=True)
    elif dry_run:
        console.print("预览（--dry-run），未写入任何文件。", markup=False)
    elif errors == 0:
        console.print("没有需要写入的变更，证据清单保持不变。", style="green", markup=False)
    else:
        console.print(f"有 {errors} 个错误，未写入任何文件（可修正后重新导入，或加 --partial 只导入正确的行）。", style="red", markup=False)
    raise typer.Exit(EXIT_INVALID if errors else 0)


def _is_file(path: Path) -> bool:
    """Path.is_file() raises for a name too long for the file system or one holding a NUL."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False
