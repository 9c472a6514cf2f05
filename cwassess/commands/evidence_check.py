"""cwassess evidence check: every submitted file and record validated, all problems at once.

Unlike `score`, it opens every file as what its extension says (evidence/content.py): slower, and the place
where a damaged PDF should be found — before the packet is built.
"""

from __future__ import annotations

from typing import Optional

import typer

from cwassess.commands.common import EXIT_INVALID, EXIT_USAGE, load_workspace_or_exit, print_problems, problem_counts, problems_json
from cwassess.console import make_console, print_json
from cwassess.problems import Problem


def check(
    ctx: typer.Context,
    department: Optional[str] = typer.Option(None, "--department", "-d", help="只看某个部门（代码或名称）"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """检查证据：文件缺失、无法读取或打不开（PDF 损坏或加密、图片损坏、页数或像素超限）、路径越界、有效期、单位、日期、数值格式等。"""
    from cwassess.departments import DepartmentResolver, city_departments
    from cwassess.evidence.load import load_evidence
    from cwassess.evidence.validity import in_window
    from cwassess.workspace import today

    ws = load_workspace_or_exit(ctx, as_json)
    evidence, problems = load_evidence(ws, today(), open_files=True)
    code = None
    if department:
        code = DepartmentResolver(city_departments(ws.standard.departments, ws.city)).resolve(department)
        if code is None:
            make_console(stderr=True).print(f"未知部门“{department}”", markup=False)
            raise typer.Exit(EXIT_USAGE)
    for doc in evidence.documents:
        item = ws.standard.items_by_id[doc.item]
        material = next(m for m in item.materials if m.id == doc.material)
        if doc.usable and material.period:
            ok, why = in_window(doc, material, ws.city.assessment_date)
            if not ok:
                file, _, line = doc.where.rpartition(":")
                problems.append(
                    Problem(code="evidence.window", severity="warning", file=file or doc.where, line=int(line) if line.isdigit() else None,
                            key=f"documents.{doc.id}", message=f"「{doc.title}」不在有效期内：{why}（不计入评分）")
                )
    if code:
        folder = f"evidence/{code}/"
        problems = [p for p in problems if p.file and folder in p.file.replace("\\", "/")]
        evidence = evidence.model_copy(update={"documents": [d for d in evidence.documents if d.department == code]})
    errors, warnings = problem_counts(problems)
    usable = sum(1 for d in evidence.documents if d.usable)
    counts = {
        "documents": len(evidence.documents),
        "usable_documents": usable,
        "indicator_series": len(evidence.series),
        "inspections": len(evidence.inspections),
        "surveys": len(evidence.surveys),
        "vectors": len(evidence.vectors),
        "waivers": len(evidence.waivers),
    }
    if as_json:
        print_json({"ok": errors == 0, "errors": errors, "warnings": warnings, "counts": counts, "problems": problems_json(problems)})
        raise typer.Exit(EXIT_INVALID if errors else 0)
    print_problems(problems)
    make_console().print(
        f"文件 {counts['documents']} 份（可用 {usable}），指标 {counts['indicator_series']} 项，检查记录 {counts['inspections']} 条，"
        f"调查 {counts['surveys']} 项，病媒 {counts['vectors']} 项，豁免 {counts['waivers']} 项；{errors} 个错误，{warnings} 个警告",
        style="red" if errors else "green",
        markup=False,
    )
    raise typer.Exit(EXIT_INVALID if errors else 0)
