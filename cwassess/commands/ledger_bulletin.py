"""cwassess ledger bulletin [--week YYYY-Www] [--format …]: the weekly 通报 of the ledger."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Optional

import typer
from rich.table import Table

from cwassess.commands.common import EXIT_INVALID, EXIT_USAGE, print_problems
from cwassess.console import make_console, print_json
from cwassess.fileio import folders_outside, write_atomic
from cwassess.ledger.bulletin import Bulletin, build_bulletin, parse_week, week_label
from cwassess.ledger.commandkit import open_ledger, store_errors
from cwassess.ledger.model import LedgerConfig
from cwassess.loading import display_path

FORMATS = ("text", "json", "xlsx", "html", "pdf")


def bulletin(
    ctx: typer.Context,
    week: Optional[str] = typer.Option(None, "--week", help="周次，如 2026-W47（默认本周）", show_default=False),
    formats: list[str] = typer.Option([], "--format", "-f", help="输出格式：text（默认，屏幕）、json、xlsx、html、pdf；可重复", show_default=False),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="输出文件或目录（默认 reports/）", show_default=False),
) -> None:
    """整改工作周通报：各责任单位本周新增、本周销号、未销号、逾期、销号率和排名，以及逾期问题清单。"""
    err = make_console(stderr=True)
    chosen = [f.strip().lower() for value in formats for f in value.split(",") if f.strip()] or ["text"]
    bad = [f for f in chosen if f not in FORMATS]
    if bad:
        err.print(f"--format 只能是 {'、'.join(FORMATS)}（实际：{'、'.join(bad)}）", markup=False)
        raise typer.Exit(EXIT_USAGE)
    as_json = chosen == ["json"]
    ledger, ws = open_ledger(ctx, as_json)
    today = ledger.today
    if week is None:
        start = today - dt.timedelta(days=today.weekday())
        end = start + dt.timedelta(days=6)
    else:
        span, message = parse_week(week)
        if span is None:
            err.print(f"--week：{message}", markup=False)
            raise typer.Exit(EXIT_USAGE)
        start, end = span
        if start > today:
            err.print(f"--week：{week_label(start)} 还没有开始（今天是 {today}）", markup=False)
            raise typer.Exit(EXIT_USAGE)
    as_of = min(end, today)
    with store_errors(ledger, as_json):
        problems = ledger.store.problems_as_of(as_of, light=True)
    city = ws.city.name if ws.city else ""
    data = build_bulletin(problems, start, end, as_of, ledger.config, ledger.units, city)
    issuer = ledger.units.name(ledger.verifiers[0])
    files = [f for f in chosen if f in ("xlsx", "html", "pdf")]
    targets = {fmt: _target(out, ws.root, data.week, fmt, len(files) > 1) for fmt in files}
    outside = folders_outside(ws.root, list(targets.values())) if out is None else []  # --out: the user's choice
    if outside:
        print_problems(outside)
        raise typer.Exit(EXIT_INVALID)
    console = make_console()
    if "json" in chosen:
        print_json({"ok": True, **data.as_json()})
    if "text" in chosen:
        print_text(data)
    for fmt in files:
        target = targets[fmt]
        from cwassess.render.pdf import RenderError  # imported here: WeasyPrint is slow to import

        try:
            payload = render(data, fmt, issuer, ws.root, ledger.config)
        except RenderError as exc:
            err.print(str(exc), style="red", markup=False, soft_wrap=True)
            raise typer.Exit(EXIT_INVALID) from None
        write_atomic(target, payload)
        if not as_json:
            console.print(f"已生成 {display_path(target)}", style="green", markup=False)


def render(data: Bulletin, fmt: str, issuer: str, root: Path, config: LedgerConfig) -> bytes:
    from cwassess.ledger.bulletin_render import bulletin_html, bulletin_pdf
    from cwassess.ledger.bulletin_xlsx import bulletin_xlsx

    if fmt == "xlsx":
        return bulletin_xlsx(data, issuer)
    if fmt == "html":
        return bulletin_html(data, issuer, config.escalation).encode("utf-8")
    return bulletin_pdf(data, issuer, root, config.escalation)


def _target(out: Path | None, root: Path, week: str, fmt: str, several: bool) -> Path:
    name = f"ledger-bulletin-{week}.{fmt}"
    if out is None:
        return root / "reports" / name
    if out.is_dir() or several or not out.suffix:
        return out / name
    return out


def print_text(data: Bulletin) -> None:
    console = make_console()
    console.print(data.title, style="bold", markup=False)
    console.print(data.period, markup=False)
    if not data.rows:
        console.print("台账中没有截至本周的问题。", markup=False)
        return
    table = Table(pad_edge=False)
    for header in ("排名", "责任单位", "本周新增", "本周销号", "未销号", "其中逾期", "累计问题", "销号率"):
        table.add_column(header, justify="left" if header == "责任单位" else "right", overflow="fold")

    def rate(r):  # type: ignore[no-untyped-def]
        return "—" if r.rate is None else f"{r.rate:.1%}"

    for r in data.rows:
        table.add_row(str(r.rank), r.name, str(r.new), str(r.closed), str(r.open), str(r.overdue), str(r.total), rate(r))
    t = data.total
    table.add_row("", "合计", str(t.new), str(t.closed), str(t.open), str(t.overdue), str(t.total), rate(t), style="bold")
    console.print(table)
    if data.overdue:
        console.print(f"逾期问题（{len(data.overdue)} 个）：", markup=False)
        for o in data.overdue:
            lead = f"，分管 {o.leader}" if o.leader and o.level >= 3 else ""
            console.print(
                f"  {o.id} {o.name} {o.place} {o.problem_class}：期限 {o.deadline}，逾期 {o.days} 天（第 {o.times} 次）{o.level_zh}{lead}",
                markup=False,
                soft_wrap=True,
            )
    else:
        console.print("无逾期问题。", markup=False)
