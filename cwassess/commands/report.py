"""cwassess report: the reports people hand over, written into reports/ (HTML, PDF, Excel, JSON)."""

from __future__ import annotations

import json
from typing import Optional

import typer

from cwassess.commands.common import EXIT_INVALID, EXIT_USAGE, department_or_exit, fail_with, load_workspace_or_exit, problem_counts
from cwassess.console import make_console, print_json

SCORE_FILE = "score.json"


def parse_formats(text: str) -> list[str] | None:
    """'html,pdf' → ['html', 'pdf']; 'all' → every format; None when a name is unknown."""
    from cwassess.reports.write import FORMATS

    names = [part.strip().lower() for part in text.replace("，", ",").split(",") if part.strip()]
    if not names or "all" in names:
        return list(FORMATS)
    if any(n not in FORMATS for n in names):
        return None
    return [f for f in FORMATS if f in names]


def _open_problems(ws, day):  # type: ignore[no-untyped-def]
    """Open ledger problems per department sheet; a street's or district's problems go to the 属地 sheets."""
    from cwassess.ledger.scoring import load_ledger_state, open_problems_by_unit
    from cwassess.reports.departments import OpenProblemRow

    streets = {s for d in ws.city.districts for s in d.streets}
    districts = {d.name for d in ws.city.districts}
    rows: dict[str, list[OpenProblemRow]] = {}
    for unit, problems in open_problems_by_unit(load_ledger_state(ws.root), day).items():
        code = "jiedao" if unit in streets else "quzhengfu" if unit in districts else unit
        rows.setdefault(code, []).extend(
            OpenProblemRow(
                id=p.problem_id, place=p.place, description=p.description, deadline=p.deadline,
                days_overdue=max(p.days_overdue, 0), state=p.state, problem_class=p.problem_class,
            )
            for p in problems
        )
    return rows


def report(
    ctx: typer.Context,
    fmt: str = typer.Option("all", "--format", "-f", help="格式：html、pdf、xlsx、json，逗号分隔，或 all"),
    department: Optional[str] = typer.Option(None, "--department", "-d", help="只生成某个部门的责任清单（代码或名称）"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档（写出的文件）"),
) -> None:
    """生成报告，写入 reports/：差距分析报告、迎评材料缺口清单、部门责任清单（每个部门一份）。

    先按当前的认领、证据和豁免模拟测评（同时更新 reports/score.json），报告中的数字与 score.json 一致。
    PDF 需要中文字体 Noto Sans CJK SC（Debian/Ubuntu：sudo apt-get install fonts-noto-cjk）。
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from cwassess.engine.run import run_score
    from cwassess.fileio import folders_outside, write_atomic
    from cwassess.loading import display_path
    from cwassess.render.pdf import RenderError, check_cjk_font
    from cwassess.render.templates import num, pct
    from cwassess.reports.common import ReportInputs
    from cwassess.reports.write import REPORTS_DIR, Written, plan_reports
    from cwassess.textio import format_size
    from cwassess.workspace import today

    err = make_console(stderr=True)
    formats = parse_formats(fmt)
    if formats is None:
        err.print(f"未知格式“{fmt}”（可用：html、pdf、xlsx、json，逗号分隔，或 all）", markup=False)
        raise typer.Exit(EXIT_USAGE)
    ws = load_workspace_or_exit(ctx, as_json)
    code = department_or_exit(ws, department) if department else None
    if "pdf" in formats:
        try:
            check_cjk_font()
        except RenderError as exc:
            if as_json:
                print_json({"ok": False, "error": str(exc), "files": []})
            else:
                err.print(str(exc), style="red", markup=False, soft_wrap=True)
            raise typer.Exit(EXIT_INVALID) from None

    run = run_score(ws, today())
    result = run.result
    errors, warnings = problem_counts([*ws.problems, *run.problems])
    document = result.model_dump(mode="json")
    document["input_problems"] = {"errors": errors, "warnings": warnings}
    score_path = ws.root / REPORTS_DIR / SCORE_FILE
    inputs = ReportInputs(result=result, standard=ws.standard, city=ws.city, claims=ws.claims, input_errors=errors, input_warnings=warnings)
    by_department = _open_problems(ws, today())
    jobs = plan_reports(inputs, ws.root, formats, department=code, open_problems=lambda dept: by_department.get(dept, []))
    outside = folders_outside(ws.root, [score_path, *(job.path for job in jobs)])
    if outside:
        fail_with(outside, as_json, "未生成报告")
    write_atomic(score_path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")

    written: list[Written] = []
    console = make_console()

    def done(w: Written) -> str:
        pages = f"，{w.pages} 页" if w.pages else ""
        return f"已写入 {display_path(w.path)}（{format_size(w.size)}{pages}）"

    if as_json:
        written = [job.run() for job in jobs]
    elif not console.is_terminal:  # a log or a pipe: one plain line per file, no live display
        for job in jobs:
            written.append(job.run())
            console.print(done(written[-1]), markup=False, soft_wrap=True)
    else:
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("生成报告", total=len(jobs))
            for job in jobs:
                progress.update(task, description=f"正在生成 {job.path.name}")
                written.append(job.run())
                progress.console.print(done(written[-1]), markup=False, soft_wrap=True)
                progress.advance(task)

    refused = [msg for w in written for msg in w.refused]
    if as_json:
        print_json(
            {
                "ok": errors == 0,
                "errors": errors,
                "warnings": warnings,
                "verdict": result.verdict,
                "score": result.totals.score,
                "marks": result.totals.marks,
                "ratio": result.totals.ratio,
                "score_file": display_path(score_path),
                "files": [
                    {"path": display_path(w.path), "report": w.report, "format": w.format, "bytes": w.size, "pages": w.pages} for w in written
                ],
                "refused": refused,
            }
        )
        raise typer.Exit(EXIT_INVALID if errors else 0)

    for msg in refused:
        console.print(msg, style="yellow", markup=False, soft_wrap=True)
    console.print(
        f"{result.city}：{result.verdict}，得分 {num(result.totals.score)} / {num(result.totals.marks)}（{pct(result.totals.ratio)}）；"
        f"共写入 {len(written)} 个文件到 {display_path(ws.root / REPORTS_DIR)}，评分结果已更新 {display_path(score_path)}",
        style="green" if not errors else "yellow",
        markup=False,
        soft_wrap=True,
    )
    if errors or warnings:
        console.print(
            f"输入有 {errors} 个错误、{warnings} 个警告（有错误的记录未计入），详见 cwassess evidence check。",
            style="red" if errors else "yellow",
            markup=False,
        )
    raise typer.Exit(EXIT_INVALID if errors else 0)
