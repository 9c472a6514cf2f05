"""cwassess evidence template DEPT: the department's Excel template, pre-filled with what it already submitted."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cwassess.commands.common import EXIT_INVALID, EXIT_USAGE, department_or_exit, load_workspace_or_exit
from cwassess.console import make_console, print_json


def template(
    ctx: typer.Context,
    department: str = typer.Argument(..., help="部门代码或名称", show_default=False),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="输出文件（默认 reports/证据模板-部门.xlsx）"),
    force: bool = typer.Option(False, "--force", help="覆盖已存在的文件"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """生成部门证据填报模板（只含本部门认领的指标、材料和自评说明，带单位、下拉选项和填写说明）。"""
    from cwassess.claims.duties import department_duties
    from cwassess.departments import display_name
    from cwassess.evidence.load import EVIDENCE_DIR, MANIFEST
    from cwassess.evidence.template import write_template
    from cwassess.models.evidence import EvidenceManifest
    from cwassess.validation import validate_document
    from cwassess.workspace import today
    from cwassess.yamlio import load_yaml

    ws = load_workspace_or_exit(ctx, as_json)
    code = department_or_exit(ws, department)
    name = display_name(code, ws.standard.departments_by_code, ws.city)
    claims = next((c for c in ws.claims if c.department == code), None)
    duties = department_duties(ws.standard, ws.city, claims, code, name, today())
    manifest = None
    manifest_path = ws.root / EVIDENCE_DIR / code / MANIFEST
    if manifest_path.is_file():
        doc = load_yaml(manifest_path, str(manifest_path))
        manifest = validate_document(doc, EvidenceManifest)
        if manifest is None:
            make_console(stderr=True).print(f"{manifest_path} 有错误，请先运行 cwassess evidence check 修正", markup=False, soft_wrap=True)
            raise typer.Exit(EXIT_INVALID)
    target = out or ws.root / "reports" / f"证据模板-{name}.xlsx"
    if target.exists() and not force:
        make_console(stderr=True).print(f"文件已存在：{target}（加 --force 覆盖）", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    target.parent.mkdir(parents=True, exist_ok=True)
    counts = write_template(target, ws.standard, duties, manifest)
    if as_json:
        print_json({"file": str(target), "department": code, "rows": counts})
        return
    make_console().print(
        f"已生成 {target}：指标 {counts['指标']} 行，文件 {counts['文件']} 行，自评说明 {counts['自评说明']} 行", markup=False, soft_wrap=True
    )
