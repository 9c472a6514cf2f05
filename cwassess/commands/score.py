"""cwassess score: mock scoring (模拟测评) of the whole city, with explanations and what-if."""

from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from cwassess.commands.common import EXIT_INVALID, EXIT_USAGE, load_workspace_or_exit, problem_counts, problems_json
from cwassess.console import make_console, print_json
from cwassess.engine.results import ItemResult, ScoreResult
from cwassess.refs import parse_item_number

SCORE_FILE = "score.json"
STATUS_STYLE = {"达标": "green", "基本达标": "yellow", "不达标": "red", "缺材料": "magenta", "不适用": "dim", "未评估": "dim"}


def _num(value: float) -> str:
    """Scores as people write them: at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _days(n: int) -> str:
    return f"距评估还有 {n} 天" if n >= 0 else f"评估日期已过 {-n} 天"


def _find_item(result: ScoreResult, query: str) -> ItemResult | None:
    number = parse_item_number(query)
    return next((it for it in result.items if it.item == query or (number is not None and it.number == number)), None)


def print_summary(result: ScoreResult, names: dict[str, str], top: int = 10) -> None:
    console = make_console()
    t = result.totals
    verdict_style = "bold green" if result.verdict == "模拟通过" else "bold red"
    console.print(f"{result.city} 模拟测评（{result.today}，{_days(result.days_left)}，评估日期 {result.assessment_date}）", style="bold", markup=False)
    if result.assumed:
        console.print(f"假设以下差距已整改（推演结果，未写入 score.json）：{'、'.join(result.assumed)}", style="bold yellow", markup=False, soft_wrap=True)
    console.print(f"结论：{result.verdict}    得分 {_num(t.score)} / {_num(t.marks)}（{t.ratio:.1%}）", style=verdict_style, markup=False)
    for reason in result.verdict_reasons:
        console.print(f"  · {reason}", markup=False, soft_wrap=True)
    b = result.totals_before_waivers
    if b.score != t.score or b.marks != t.marks:
        console.print(f"豁免前得分 {_num(b.score)} / {_num(b.marks)}（{b.ratio:.1%}），豁免后 {_num(t.score)} / {_num(t.marks)}（{t.ratio:.1%}）", markup=False)
    counts = "，".join(f"{k} {v}" for k, v in t.counts.items() if v)
    console.print(f"条目：{counts}", markup=False)

    sections = Table(title="各方面得分", title_justify="left")
    for col in ("方面", "得分", "满分", "得分率", "不达标", "缺材料"):
        sections.add_column(col, justify="right" if col != "方面" else "left")
    for s in result.sections:
        sections.add_row(f"{s.number}、{s.title}", f"{_num(s.totals.score)}", f"{_num(s.totals.marks)}", f"{s.totals.ratio:.0%}", str(s.totals.counts["不达标"]), str(s.totals.counts["缺材料"]))
    console.print(sections)

    worst = sorted((it for it in result.items if it.status not in {"达标", "不适用", "未评估"}), key=lambda it: (-it.points_lost, it.number))[:top]
    if worst:
        table = Table(title=f"失分最多的条目（前 {len(worst)}）", title_justify="left")
        for col in ("序号", "条目", "状态", "失分", "牵头"):
            table.add_column(col)
        for it in worst:
            table.add_row(it.label, it.title, it.status, f"{_num(it.points_lost)}", names.get(it.lead or "", it.lead or "—"), style=STATUS_STYLE.get(it.status))
        console.print(table)

    if result.gaps:
        table = Table(title=f"差距（按可挽回分值排序，前 {min(top, len(result.gaps))} / 共 {len(result.gaps)}）", title_justify="left")
        for col in ("分值", "序号", "差距", "原因", "编号"):
            table.add_column(col)
        for g in result.gaps[:top]:
            table.add_row(f"{_num(g.points_at_stake)}", g.label, g.subject, g.reason, g.gap)
        console.print(table)

    ranking = Table(title="部门排名（按牵头条目得分率）", title_justify="left")
    for col in ("名次", "部门", "牵头", "得分率", "差距", "失分"):
        ranking.add_column(col)
    for d in result.departments:
        ratio = f"{d.lead_ratio:.0%}" if d.lead_ratio is not None else "—"
        ranking.add_row(str(d.rank), d.name, str(len(d.lead_items)), ratio, str(d.gaps), f"{_num(d.points_lost)}")
    console.print(ranking)

    for v in result.vetoes:
        style = "green" if v.status == "通过" else "red"
        console.print(f"一票否决 {v.title}：{v.status}（{v.reason}）", style=style, markup=False, soft_wrap=True)
    active = [w for w in result.waivers if w.active]
    expired = [w for w in result.waivers if not w.active]
    if active or expired:
        console.print(f"豁免：有效 {len(active)} 项，已过期 {len(expired)} 项（过期的不再生效）", markup=False)
    if result.unverified_items:
        console.print(
            f"注意：{len(result.unverified_items)} 条条文、{len(result.unverified_thresholds)} 项指标阈值未经原文核实，结果仅供自评参考。",
            style="yellow",
            markup=False,
        )


def print_explain(item: ItemResult, names: dict[str, str]) -> None:
    console = make_console()
    lead = names.get(item.lead or "", item.lead or "—")
    console.print(f"{item.label}{item.title}  [{item.item}]", style="bold", markup=False)
    console.print(f"状态：{item.status}  得分 {_num(item.score)} / {_num(item.marks)}，失分 {_num(item.points_lost)}  牵头：{lead}", markup=False)
    if item.waiver:
        console.print(f"已豁免：{item.waiver}", markup=False)
    for n, f in enumerate(item.findings, start=1):
        console.print(f"{n}. [{f.status}] {f.subject}  （规则 {f.rule}，编号 {f.gap}）", style=STATUS_STYLE.get(f.status), markup=False, soft_wrap=True)
        console.print(f"   要求：{f.requirement_text}" + (f"（{f.origin}）" if f.origin else ""), markup=False, soft_wrap=True)
        console.print(f"   结果：{f.reason}", markup=False, soft_wrap=True)
        if f.deduction and f.points_lost:
            console.print(f"   扣分：{f.deduction}", markup=False, soft_wrap=True)
        if f.waived_by:
            console.print(f"   豁免：{f.waived_by}", markup=False)
        for line in f.evidence:
            console.print(f"   证据：{line}", markup=False, soft_wrap=True)
        if not f.evidence and f.status in {"缺材料"}:
            console.print("   证据：无", markup=False)


def score(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档（即 score.json 的内容）"),
    explain: Optional[str] = typer.Option(None, "--explain", help="解释某一条的每一分：规则 → 证据 → 扣分"),
    assume: list[str] = typer.Option([], "--assume", help="假设某个差距已整改（差距编号，可多次使用）"),
    profile: list[str] = typer.Option([], "--profile", help="临时追加的配置（可多次使用）"),
    top: int = typer.Option(10, "--top", min=1, max=200, help="列出的条目和差距数量"),
) -> None:
    """模拟测评：全市得分、结论、距评估天数、各方面得分、失分条目、部门排名、差距，并写出 reports/score.json。"""
    from cwassess.engine.results import InputProblems, ScoreFile, ScoreResult
    from cwassess.engine.run import run_score
    from cwassess.fileio import write_atomic
    from cwassess.workspace import today

    ws = load_workspace_or_exit(ctx, as_json)
    unknown_profiles = [p for p in profile if p not in ws.standard.profiles_by_id]
    if unknown_profiles:
        make_console(stderr=True).print(f"未知配置：{'、'.join(unknown_profiles)}（可用：{'、'.join(ws.standard.profiles_by_id)}）", markup=False)
        raise typer.Exit(EXIT_USAGE)
    run = run_score(ws, today(), frozenset(assume), profile)
    result = run.result
    known_gaps = {f.gap for it in result.items for f in it.findings}
    stray = [g for g in assume if g not in known_gaps]
    if stray:
        make_console(stderr=True).print(f"未知差距编号：{'、'.join(stray)}（差距编号见 cwassess score 或 --explain 的输出）", markup=False)
        raise typer.Exit(EXIT_USAGE)
    problems = [*ws.problems, *run.problems]
    errors, warnings = problem_counts(problems)
    counts = InputProblems(errors=errors, warnings=warnings)
    if not assume and not profile:
        # pydantic's own serialiser: a large city's score.json is written in a fraction of json.dumps's time
        stored = ScoreFile.model_construct(**{name: getattr(result, name) for name in ScoreResult.model_fields}, input_problems=counts)
        write_atomic(ws.root / "reports" / SCORE_FILE, stored.model_dump_json(indent=1, exclude={"problems"}) + "\n")
    names = {d.code: d.name for d in result.departments}
    names.update({d.code: d.name for d in ws.standard.departments if d.code not in names})
    if explain is not None:
        item = _find_item(result, explain)
        if item is None:
            make_console(stderr=True).print(f"找不到条目“{explain}”", markup=False)
            raise typer.Exit(EXIT_USAGE)
        if as_json:
            print_json(item.model_dump(mode="json"))
        else:
            print_explain(item, names)
        raise typer.Exit(EXIT_INVALID if errors else 0)
    if as_json:
        document = result.model_dump(mode="json")
        document["input_problems"] = counts.model_dump()
        document["problems"] = problems_json(problems)
        print_json(document)
        raise typer.Exit(EXIT_INVALID if errors else 0)
    print_summary(result, names, top)
    if problems:
        make_console().print(
            f"输入有 {errors} 个错误、{warnings} 个警告（有错误的记录未计入），详见 cwassess evidence check。",
            style="red" if errors else "yellow",
            markup=False,
        )
    if not assume and not profile:
        make_console().print(f"结果已写入 {ws.root / 'reports' / SCORE_FILE}", markup=False)
    elif profile:
        make_console().print(f"临时追加配置 {'、'.join(profile)}：推演结果，未写入 score.json", markup=False)
    raise typer.Exit(EXIT_INVALID if errors else 0)
