"""cwassess packet: the 迎评资料汇编 — one PDF per item (一条一盒), the 总目录, one combined volume, manifest, ZIP."""

from __future__ import annotations

from typing import Optional

import typer

from cwassess.commands.common import EXIT_INVALID, EXIT_USAGE, load_workspace_or_exit
from cwassess.console import make_console, print_json


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _resolve_items(queries: list[str], boxes: list[tuple[str, int, str]]) -> tuple[set[str], list[str]]:
    """Item ids for what people type: the id (env-roads), the number (10, 十, （十）) or the box code (三-（十））."""
    from cwassess.refs import parse_item_number

    found: set[str] = set()
    unknown: list[str] = []
    for query in queries:
        q = query.strip()
        number = parse_item_number(q.split("-", 1)[-1]) if "-" in q and not q.isascii() else parse_item_number(q)
        hit = next((item for item, n, code in boxes if q in (item, code) or (number is not None and n == number)), None)
        if hit is None:
            unknown.append(query)
        else:
            found.add(hit)
    return found, unknown


def packet(
    ctx: typer.Context,
    item: Optional[list[str]] = typer.Option(None, "--item", "-i", help="只生成这些条目的资料盒（编号、序号或盒号，可重复）；不更新总目录和合订本"),
    force: bool = typer.Option(False, "--force", help="全部重新生成（默认只重新生成输入有变化的资料盒）"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档（生成结果和问题清单）"),
) -> None:
    """生成迎评资料汇编，写入 reports/packet/：每条一盒（封面、目录、自评说明、证据、缺项占位页）、总目录、合订本、manifest.json，
    以及压缩包 reports/迎评资料汇编.zip。

    只装入已采纳的材料（可打开、类型正确、在有效期内），按 文件→会议→台账→数据→影像→宣传 排列，同类中新的在前。
    缺失、过期或不全的必备材料，以及无法打开的文件，各放一页“缺：…”占位页，并列入 build-report.json。
    输入未变的资料盒不重新生成；同样的输入生成完全相同的文件。PDF 需要中文字体 Noto Sans CJK SC（sudo apt-get install fonts-noto-cjk）。
    """
    from cwassess.engine.run import run_score
    from cwassess.loading import display_path
    from cwassess.packet.plan import packet_inputs, plan_packet
    from cwassess.packet.fonts import FontError, check_fonts
    from cwassess.validation import did_you_mean
    from cwassess.workspace import today

    err = make_console(stderr=True)
    ws = load_workspace_or_exit(ctx, as_json)
    try:
        check_fonts()
    except FontError as exc:
        if as_json:
            print_json({"ok": False, "error": str(exc)})
        else:
            err.print(str(exc), style="red", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_INVALID) from None

    run = run_score(ws, today())
    plan = plan_packet(packet_inputs(ws, run))
    only: set[str] | None = None
    if item:
        only, unknown = _resolve_items(item, [(b.item, b.number, b.code) for b in plan.boxes])
        if unknown:
            ids = [b.item for b in plan.boxes]
            for q in unknown:
                guess = did_you_mean(q, ids)
                err.print(f"没有条目“{q}”的资料盒（不适用的条目不装盒）" + (f"，是否想写“{guess}”？" if guess else ""), markup=False)
            raise typer.Exit(EXIT_USAGE)

    from cwassess.packet.run import build_packet

    console = make_console()
    total = len(plan.boxes) if only is None else len(only)
    steps = 0 if only is not None else 4

    def box_label(box: object) -> str:
        return f"{box.code} {box.title}"  # type: ignore[attr-defined]

    if as_json:
        result = build_packet(plan, ws.root, force=force, only=only, limits=ws.limits)
    elif not console.is_terminal:
        done = {"n": 0}

        def on_box(box: object, rebuilt: bool) -> None:
            if only is not None and box.item not in only:  # type: ignore[attr-defined]
                return
            done["n"] += 1
            if rebuilt:
                console.print(f"[{done['n']}/{total}] 已生成 {box_label(box)}", markup=False, soft_wrap=True)

        result = build_packet(plan, ws.root, force=force, only=only, on_box=on_box, on_step=lambda s: console.print(f"正在生成{s}", markup=False),
                              limits=ws.limits)
    else:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("生成资料盒", total=total + steps)

            def on_box(box: object, rebuilt: bool) -> None:
                if only is not None and box.item not in only:  # type: ignore[attr-defined]
                    return
                progress.update(task, description=f"{'已生成' if rebuilt else '未变化'} {box_label(box)}")
                progress.advance(task)

            def on_step(name: str) -> None:
                progress.update(task, description=f"正在生成{name}")
                progress.advance(task)

            result = build_packet(plan, ws.root, force=force, only=only, on_box=on_box, on_step=on_step, limits=ws.limits)

    report = result.report
    problems = [p for r in result.records for p in r.issues]
    placeholders = [p for r in result.records for p in r.placeholders]
    if as_json:
        print_json(
            {
                "ok": True,
                "partial": result.partial,
                "folder": display_path(result.folder),
                "boxes": len(result.records),
                "rebuilt": result.rebuilt,
                "removed": result.removed,
                "volumes_rebuilt": result.volumes_rebuilt,
                "pages": sum(r.pages for r in result.records),
                "files": result.files,
                "zip": {"path": display_path(result.zip_path), "sha256": result.zip_sha256} if result.zip_path else None,
                "placeholders": placeholders,
                "problems": problems,
                "report": display_path(result.folder / "build-report.json") if report else None,
            }
        )
        raise typer.Exit(0)

    pages = sum(r.pages for r in result.records)
    console.print(
        f"{plan.city}迎评资料汇编：{len(result.records)} 盒，{pages} 页；本次重新生成 {len(result.rebuilt)} 盒"
        + ("（其余未变化）" if len(result.rebuilt) < len(result.records) else ""),
        style="green", markup=False, soft_wrap=True,
    )
    errors = [p for p in problems if p["level"] == "error"]
    if placeholders:
        console.print(f"缺项占位页 {len(placeholders)} 页（标“缺：”），其中无法使用的文件 {len(errors)} 个：", style="yellow", markup=False)
        for p in errors[:20]:
            console.print(f"  · {p['box']} {p['department'] or ''} {p['message']}", markup=False, soft_wrap=True)
        if len(errors) > 20:
            console.print(f"  ……另有 {len(errors) - 20} 个，见 build-report.json", markup=False)
    warnings = [p for p in problems if p["level"] != "error"]
    if warnings:
        kinds: dict[str, int] = {}
        for p in warnings:
            kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
        names = {"unsupported": "非 PDF 电子文件（已作为附件嵌入）", "repaired": "已自动修复的 PDF"}
        console.print("提示：" + "，".join(f"{names.get(k, k)} {n} 个" for k, n in sorted(kinds.items())), markup=False, soft_wrap=True)
    if result.partial:
        console.print("只生成了指定条目的资料盒；总目录、合订本、manifest 和压缩包未更新（不带 --item 运行即可更新）。", markup=False, soft_wrap=True)
    else:
        console.print(f"已写入 {display_path(result.folder)}（总目录、合订本、资料盒、manifest.json、build-report.json）", markup=False, soft_wrap=True)
        if result.zip_path is not None and result.zip_path.is_file():
            console.print(f"压缩包 {display_path(result.zip_path)}（{_size(result.zip_path.stat().st_size)}）", markup=False, soft_wrap=True)
    raise typer.Exit(0)
