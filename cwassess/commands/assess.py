"""cwassess assess: the whole picture in one command — lint, claims, evidence, score, reports, packet, bulletin."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import typer

from cwassess.commands.common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, state
from cwassess.console import make_console

STEPS: tuple[tuple[str, str], ...] = (
    ("lint", "检查标准和配置"),
    ("claims", "检查认领"),
    ("evidence", "检查证据"),
    ("score", "模拟测评"),
    ("report", "生成报告"),
    ("packet", "汇编迎评资料"),
    ("bulletin", "整改工作周通报"),
)
STEP_NAMES = tuple(name for name, _ in STEPS)
LOG_FILE = "assess-log.txt"
STATE_FILE = ".assess-state.json"


@dataclass
class StepResult:
    name: str
    title: str
    code: int
    output: str
    skipped: str | None = None


def _steps(only: str | None, skip: str | None) -> list[str] | str:
    """The steps to run, or a usage error message."""
    chosen = list(STEP_NAMES)
    for option, value in (("--only", only), ("--skip", skip)):
        if value is None:
            continue
        names = [v.strip() for v in value.split(",") if v.strip()]
        unknown = [n for n in names if n not in STEP_NAMES]
        if unknown:
            return f"{option} 的步骤名无效：{'、'.join(unknown)}（可用：{'、'.join(STEP_NAMES)}）"
        chosen = [n for n in chosen if n in names] if option == "--only" else [n for n in chosen if n not in names]
    return chosen


def _capture(ctx: typer.Context, func: Callable[..., Any], **kwargs: Any) -> tuple[int, str]:
    """Run one command in-process with its output captured; its exit code, never an exception from typer."""
    buffer = io.StringIO()
    code = EXIT_OK
    with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
        try:
            ctx.invoke(func, ctx, **kwargs)
        except typer.Exit as exc:
            code = exc.exit_code
    return code, buffer.getvalue()


def _fingerprint(root: Path) -> str:
    """What the reports depend on: the score, every input a report shows (claims, roster, ledger) and the version."""
    from cwassess import __version__

    digest = hashlib.sha256(__version__.encode())
    inputs = [root / "reports" / "score.json", root / "city.yaml", root / "waivers.yaml", root / "ledger" / "ledger.db"]
    for pattern in ("claims/*.yaml", "evidence/*/manifest.yaml", "profiles/*.yaml", "overlays/*.yaml", "ledger/*.yaml"):
        inputs += sorted(root.glob(pattern))
    for path in inputs:
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _run_step(ctx: typer.Context, name: str, root: Path) -> tuple[int, str, str | None]:
    if name == "lint":
        from cwassess.commands.standard_lint import lint

        return (*_capture(ctx, lint, path=None, as_json=False), None)
    if name == "claims":
        from cwassess.commands.claims_status import status

        return (*_capture(ctx, status, as_json=False), None)
    if name == "evidence":
        from cwassess.commands.evidence_check import check

        return (*_capture(ctx, check, department=None, as_json=False), None)
    if name == "score":
        from cwassess.commands.score import score

        return (*_capture(ctx, score, as_json=False, explain=None, assume=[], profile=[], top=10), None)
    if name == "report":
        from cwassess.commands.report import report

        state_path = root / "reports" / STATE_FILE
        fingerprint = _fingerprint(root)
        try:
            previous = json.loads(state_path.read_text(encoding="utf-8")).get("report")
        except (OSError, ValueError):
            previous = None
        if previous == fingerprint and (root / "reports" / "差距分析报告.pdf").is_file():
            return EXIT_OK, "", "测评结果未变化，沿用上次生成的报告"
        code, output = _capture(ctx, report, fmt="all", department=None, as_json=False)
        if code == EXIT_OK:
            state_path.write_text(json.dumps({"report": _fingerprint(root)}), encoding="utf-8")
        return code, output, None
    if name == "packet":
        from cwassess.commands.packet import packet

        return (*_capture(ctx, packet, item=None, force=False, as_json=False), None)
    from cwassess.commands.ledger_bulletin import bulletin

    if not (root / "ledger").is_dir():
        return EXIT_OK, "", "工作区没有整改台账（ledger/），跳过"
    return (*_capture(ctx, bulletin, week=None, formats=["xlsx", "pdf"], out=None), None)


def _summary(root: Path, results: list[StepResult]) -> list[str]:
    lines = []
    score_path = root / "reports" / "score.json"
    if score_path.is_file() and any(r.name == "score" and r.code != EXIT_USAGE for r in results):
        data = json.loads(score_path.read_text(encoding="utf-8"))
        totals = data["totals"]
        days = data["days_left"]
        when = f"距评估还有 {days} 天" if days >= 0 else f"评估日期已过 {-days} 天"
        lines.append(f"结论：{data['verdict']}  得分 {totals['score']:.2f} / {totals['marks']:.2f}（{totals['ratio']:.1%}）  {when}（{data['assessment_date']}）")
        for reason in data["verdict_reasons"][:3]:
            lines.append(f"  · {reason}")
        gaps = data["gaps"][:5]
        if gaps:
            lines.append("最大的五个差距：")
            lines += [f"  {n}. {g['label']} {g['subject']}（可挽回 {g['points_at_stake']:g} 分）：{g['reason']}" for n, g in enumerate(gaps, start=1)]
    overdue = _overdue(root)
    if overdue is not None:
        lines.append(f"整改台账：逾期未销号 {overdue} 个问题")
    outputs = [
        ("评分结果", root / "reports" / "score.json"),
        ("差距分析报告", root / "reports" / "差距分析报告.pdf"),
        ("迎评材料缺口清单", root / "reports" / "迎评材料缺口清单.xlsx"),
        ("部门责任清单", root / "reports" / "部门责任清单"),
        ("迎评资料汇编", root / "reports" / "packet"),
        ("资料压缩包", root / "reports" / "迎评资料汇编.zip"),
        ("运行日志", root / "reports" / LOG_FILE),
    ]
    lines.append("输出：")
    lines += [f"  {label}：{path}" for label, path in outputs if path.exists()]
    bulletins = sorted((root / "reports").glob("ledger-bulletin-*"))
    if bulletins:
        lines.append(f"  整改工作周通报：{bulletins[-1]}")
    return lines


def _overdue(root: Path) -> int | None:
    if not (root / "ledger").is_dir():
        return None
    from cwassess.ledger.scoring import load_ledger_state, open_problems_for_scoring
    from cwassess.workspace import today

    return sum(1 for p in open_problems_for_scoring(load_ledger_state(root), today()) if p.days_overdue > 0)


def assess(
    ctx: typer.Context,
    only: str | None = typer.Option(None, "--only", help=f"只运行这些步骤，逗号分隔：{','.join(STEP_NAMES)}"),
    skip: str | None = typer.Option(None, "--skip", help="跳过这些步骤，逗号分隔"),
) -> None:
    """一条命令完成全部工作：检查标准、认领、证据 → 模拟测评 → 报告 → 迎评资料 → 整改周通报，最后给出简要结论。

    退出码：0 全部完成（差距和“不通过”是结果，不是错误）；1 输入有错误；2 命令用法错误。
    各步骤的完整输出写在 reports/assess-log.txt。
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from cwassess.workspace import resolve_workspace

    chosen = _steps(only, skip)
    console = make_console()
    console.file = sys.stdout  # fixed now: steps redirect sys.stdout while they run
    if isinstance(chosen, str):
        make_console(stderr=True).print(chosen, markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    root = resolve_workspace(state(ctx).workspace_option)
    if not (root / "city.yaml").is_file():
        make_console(stderr=True).print(f"不是工作区：{root} 中找不到 city.yaml（可用 cwassess init 创建）", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_INVALID)
    titles = dict(STEPS)
    results: list[StepResult] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("评估", total=len(chosen))
        for name in chosen:
            progress.update(task, description=f"正在{titles[name]}")
            code, output, skipped = _run_step(ctx, name, root)
            results.append(StepResult(name=name, title=titles[name], code=code, output=output, skipped=skipped))
            mark = "跳过" if skipped else ("完成" if code == EXIT_OK else "有错误" if code == EXIT_INVALID else "失败")
            console.print(f"{titles[name]}：{mark}" + (f"（{skipped}）" if skipped else ""), markup=False, soft_wrap=True,
                          style="red" if code not in (EXIT_OK,) else None)
            progress.advance(task)
            if name == "lint" and code != EXIT_OK:
                break  # without a usable standard nothing else can run
    log = "\n".join(f"===== {r.title}（退出码 {r.code}）=====\n{r.skipped or r.output}" for r in results)
    (root / "reports").mkdir(exist_ok=True)
    (root / "reports" / LOG_FILE).write_text(log, encoding="utf-8")
    for line in _summary(root, results):
        console.print(line, markup=False, soft_wrap=True)
    failed = [r for r in results if r.code != EXIT_OK]
    if failed:
        console.print(
            "输入有错误的步骤：" + "、".join(r.title for r in failed) + f"（详见 {root / 'reports' / LOG_FILE}，或单独运行相应命令）",
            style="red", markup=False, soft_wrap=True,
        )
        raise typer.Exit(EXIT_USAGE if any(r.code == EXIT_USAGE for r in failed) else EXIT_INVALID)
