"""cwassess standard import-official FILE: turn the official document into a verified standard (as an overlay)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.cells import cell_len

from cwassess.commands.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    fail_with,
    print_problems,
    problem_counts,
    problems_json,
    state,
)
from cwassess.console import make_console, print_json
from cwassess.models.common import VERIFIED_ZH
from cwassess.problems import Problem, has_errors

KIND_ZH = {"txt": "文本", "docx": "Word", "pdf": "PDF"}
METHOD_ZH = {"number": "序号", "similarity": "相似度", "": "—"}
ROW_MARK = {"equal": "=", "change": "~", "bundled": "-", "official": "+"}
STATUS_MARK = {"match": "一致", "mismatch": "不一致", "no-rule": "无阈值", "info": "—"}
MIN_WIDTH, MAX_WIDTH = 60, 120


# ------------------------------------------------------------------------------------------ layout


NO_LINE_START = set("，。、；：！？）》」』”’…—％%")


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most `width` terminal cells (a Chinese character is two); no line starts with “，”."""
    lines: list[str] = []
    current = ""
    for ch in text:
        if cell_len(current + ch) > width and current:
            carry = ""
            if ch in NO_LINE_START and len(current) > 1 and current[-1] not in NO_LINE_START:
                current, carry = current[:-1], current[-1]
            lines.append(current)
            current = carry
            if not current and ch == " ":
                continue
        current += ch
    if current or not lines:
        lines.append(current)
    return lines


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def clip(text: str, width: int) -> str:
    if cell_len(text) <= width:
        return text
    out = ""
    for ch in text:
        if cell_len(out + ch + "…") > width:
            break
        out += ch
    return out + "…"


def side_by_side(rows: list[Any], width: int, indent: str = "  ") -> list[str]:
    column = (width - len(indent) - 2 - 3) // 2
    out = [indent + "  " + pad("自带", column) + " │ " + "官方"]
    for row in rows:
        left, right = wrap(row.bundled, column), wrap(row.official, column)
        for n in range(max(len(left), len(right))):
            mark = ROW_MARK[row.tag] if n == 0 else " "
            a = left[n] if n < len(left) else ""
            b = right[n] if n < len(right) else ""
            out.append(f"{indent}{mark} {pad(a, column)} │ {b}".rstrip())
    return out


def wrapped(prefix: str, text: str, width: int, indent: str | None = None) -> list[str]:
    """`prefix` + text wrapped, continuation lines indented under the text."""
    hang = indent if indent is not None else " " * cell_len(prefix)
    body = wrap(text, max(10, width - cell_len(prefix)))
    return [prefix + body[0]] + [hang + line for line in body[1:]]


# ------------------------------------------------------------------------------------------ documents


def _threshold_json(t: Any) -> dict[str, Any] | None:
    if t is None:
        return None
    return {"indicator": t.indicator, "name": t.name, "kind": t.kind, "value": t.value, "unit": t.unit, "op": t.op, "text": t.text, "origin": t.origin}


def _mapping_json(std: Any, result: Any) -> list[dict[str, Any]]:
    from cwassess.standard.model import item_label

    out = []
    for m in result.matches:
        item = std.items_by_id.get(m.item_id) if m.item_id else None
        out.append(
            {
                "official_number": m.parsed.number,
                "official_label": item_label(m.parsed.number),
                "section": m.parsed.section,
                "where": m.parsed.where,
                "item": m.item_id,
                "bundled_number": item.number if item else None,
                "method": m.method,
                "confidence": round(m.confidence, 2),
                "similarity": round(m.similarity, 2),
                "renumbered": bool(item and item.number != m.parsed.number),
            }
        )
    return out


def _comparison_json(c: Any) -> dict[str, Any]:
    return {
        "item": c.item_id,
        "title": c.title,
        "official_number": c.official_number,
        "bundled_number": c.bundled_number,
        "bundled_verified": c.bundled_verified,
        "identical": c.identical,
        "renumbered": c.renumbered,
        "bundled_text": c.bundled_text,
        "official_text": c.official_text,
        "rows": [{"tag": r.tag, "bundled": r.bundled, "official": r.official} for r in c.rows],
        "numbers": [
            {
                "written": n.written,
                "context": n.context,
                "kind": n.kind,
                "value": n.value,
                "unit": n.unit,
                "op": n.op,
                "status": n.status,
                "threshold": _threshold_json(n.threshold),
            }
            for n in c.numbers
        ],
        "unmentioned_thresholds": [_threshold_json(t) for t in c.unmentioned],
    }


def _summary(comparisons: list[Any]) -> dict[str, int]:
    return {
        "items": len(comparisons),
        "identical": sum(1 for c in comparisons if c.identical),
        "changed": sum(1 for c in comparisons if not c.identical),
        "changed_unverified": sum(1 for c in comparisons if not c.identical and c.bundled_verified != "verbatim"),
        "renumbered": sum(1 for c in comparisons if c.renumbered),
        "number_mismatches": sum(c.mismatches for c in comparisons),
        "newly_verified": sum(1 for c in comparisons if c.bundled_verified != "verbatim"),
    }


# ------------------------------------------------------------------------------------------ printing


def _mapping_lines(std: Any, result: Any, width: int) -> list[str]:
    from cwassess.standard.model import item_label

    lines = ["对应关系（官方条目 → 自带条目，对应方式，可信度）："]
    id_width = max(12, width - 2 - 12 - 3 - 12 - 12 - 10)
    for m in result.matches:
        label = pad(item_label(m.parsed.number), 12)
        if m.item_id is None:
            lines.append(f"  {label}→ {pad('（无）', 12 + id_width)}{'—':>6} {m.confidence:.2f}")
            continue
        item = std.items_by_id[m.item_id]
        line = f"  {label}→ {pad(item_label(item.number), 12)}{pad(clip(item.id, id_width), id_width)}"
        line += f"{pad(METHOD_ZH[m.method or ''], 6)} {m.confidence:.2f}"
        if item.number != m.parsed.number:
            line += "  序号变动"
        lines.append(line)
    return lines


def _comparison_lines(c: Any, width: int) -> list[str]:
    from cwassess.standard.model import item_label

    lines = ["─" * width]
    head = f"{item_label(c.official_number)} {c.title}  [{c.item_id}]"
    lines += wrapped("", head, width)
    lines.append(
        f"  自带条文：{VERIFIED_ZH[c.bundled_verified]}；对应方式：{METHOD_ZH[c.method]}，可信度 {c.confidence:.2f}"
        + (f"；自带序号{item_label(c.bundled_number)}" if c.renumbered else "")
    )
    if c.identical:
        lines.append("  条文与自带文本完全一致。")
    else:
        lines += side_by_side(c.rows, width)
    if c.numbers:
        lines.append("  条文中的数字（官方文本 ↔ 自带阈值）：")
        for n in c.numbers:
            prefix = f"    [{STATUS_MARK[n.status]}] {n.written}（{_kind_zh(n.kind)}）"
            if n.threshold is not None:
                text = f" ↔ {n.threshold.name} {n.threshold.text}（{n.threshold.origin}）"
            elif n.status == "no-rule":
                text = " ↔ 自带规则中没有对应的阈值"
            else:
                text = ""
            lines += wrapped(prefix, text, width, indent="      ")
    if c.unmentioned:
        lines.append("  条文未写明的自带阈值：")
        for t in c.unmentioned:
            lines += wrapped("    · ", f"{t.name} {t.text}（{t.origin}）", width, indent="      ")
    return lines


def _kind_zh(kind: str) -> str:
    from cwassess.official.compare import KIND_ZH as NUMBER_KIND_ZH

    return NUMBER_KIND_ZH[kind]


def _print(lines: list[str], style: str | None = None) -> None:
    console = make_console()
    flag = f"[{STATUS_MARK['mismatch']}]"
    for line in lines:
        console.print(line, markup=False, style=style or ("yellow" if flag in line else None), soft_wrap=True, highlight=False)


# ------------------------------------------------------------------------------------------ command


def bundled_standard_or_exit(root: Path, as_json: bool):  # type: ignore[no-untyped-def]
    """The standard as shipped (or the workspace's own copy), linted, WITHOUT the official-text overlay:
    matching and the byte-identical rewrite must compare against the bundled text, whatever was imported before."""
    from cwassess.standard.lint import lint_standard
    from cwassess.standard.load import load_standard
    from cwassess.workspace import standard_dir

    result = load_standard(standard_dir(root))
    problems = list(result.problems)
    if result.standard is not None:
        problems += lint_standard(result.standard, result.locator)
    if result.standard is None or has_errors(problems):
        fail_with(problems, as_json, "标准文件有错误，请先运行 cwassess standard lint 修正")
    return result.standard



def import_official(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="官方文件（全爱卫发〔2021〕6号及附件）：.txt、.docx 或带文字层的 .pdf", show_default=False),
    apply: bool = typer.Option(False, "--apply", help="写入工作区的 overlays/official-text.yaml"),
    dry_run: bool = typer.Option(False, "--dry-run", help="只预览，不写入（默认）"),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """导入官方原文：解析、与自带条目对应、逐条对比文字和数字；加 --apply 写入工作区覆盖层（自带标准不改动）。"""
    from cwassess.loading import CITY_FILE, display_path
    from cwassess.official.compare import compare_all
    from cwassess.official.extract import extract_file
    from cwassess.official.match import match_items
    from cwassess.official.overlay import build_overlay, overlay_path, render_overlay, write_overlay
    from cwassess.official.parse import parse_official
    from cwassess.workspace import resolve_workspace

    if apply and dry_run:
        make_console(stderr=True).print("--apply 和 --dry-run 不能同时使用", markup=False)
        raise typer.Exit(EXIT_USAGE)
    root = resolve_workspace(state(ctx).workspace_option)
    if apply and not (root / CITY_FILE).is_file():
        problem = Problem(code="workspace.no-city", file=display_path(root / CITY_FILE), message="不是工作区：找不到 city.yaml（可用 cwassess init 创建）")
        fail_with([problem], as_json, "未写入")
    std = bundled_standard_or_exit(root, as_json)

    extracted = extract_file(file, str(file))
    if extracted.text is None or extracted.kind is None:
        fail_with(extracted.problems, as_json, "无法读取官方文件")
    locator = {"txt": "line", "docx": "paragraph", "pdf": "page"}[extracted.kind]
    parsed = parse_official(
        extracted.text,
        file=str(file),
        locator=locator,  # type: ignore[arg-type]
        expected_items=std.meta.expected.items,
        expected_sections=std.meta.expected.sections,
    )
    problems = list(extracted.problems) + parsed.problems
    if has_errors(problems):
        fail_with(problems, as_json, "官方文件的结构有误，未导入")
    result = match_items(parsed.items, std, file=str(file))
    problems += result.problems
    width = max(MIN_WIDTH, min(MAX_WIDTH, make_console().width))
    source = {
        "file": str(file),
        "name": extracted.name,
        "kind": extracted.kind,
        "pages": extracted.pages,
        "sha256": extracted.sha256,
        "sections": len(parsed.sections),
        "items": len(parsed.items),
        "removed_headers": parsed.removed_headers,
        "removed_page_numbers": parsed.removed_page_numbers,
    }
    intro = [
        f"官方文件：{extracted.name}（{KIND_ZH[extracted.kind]}"
        + (f"，{extracted.pages} 页" if extracted.pages else "")
        + f"，sha256 {(extracted.sha256 or '')[:12]}…）",
        f"解析：{len(parsed.sections)} 个部分，{len(parsed.items)} 条"
        + (f"；已去除页眉页脚 {parsed.removed_headers} 行、页码 {parsed.removed_page_numbers} 行" if parsed.removed_headers or parsed.removed_page_numbers else ""),
        "",
    ]
    if has_errors(problems):
        errors, warnings = problem_counts(problems)
        if as_json:
            print_json(
                {"ok": False, "source": source, "mapping": _mapping_json(std, result), "errors": errors, "warnings": warnings, "problems": problems_json(problems)}
            )
        else:
            _print(intro + _mapping_lines(std, result, width) + [""])
            print_problems(problems)
            make_console().print(f"无法确定对应关系，未导入：{errors} 个错误，{warnings} 个警告", style="bold red", markup=False)
        raise typer.Exit(EXIT_INVALID)

    comparisons = compare_all(std, result)
    summary = _summary(comparisons)
    overlay = build_overlay(std, extracted.name, extracted.sha256 or "", result)
    target = overlay_path(root)
    outcome = None
    previous = None
    if apply:
        written = write_overlay(root, render_overlay(overlay, root))
        if written.problems:
            fail_with(written.problems, as_json, "未写入")
        outcome, previous = written.outcome, written.previous_source
    errors, warnings = problem_counts(problems)
    if as_json:
        print_json(
            {
                "ok": True,
                "source": source,
                "mapping": _mapping_json(std, result),
                "items": [_comparison_json(c) for c in comparisons],
                "summary": summary,
                "applied": apply,
                "outcome": outcome,
                "overlay": display_path(target),
                "errors": errors,
                "warnings": warnings,
                "problems": problems_json(problems),
            }
        )
        raise typer.Exit(EXIT_OK)

    lines = intro + _mapping_lines(std, result, width) + [""]
    for c in comparisons:
        lines += _comparison_lines(c, width)
    lines += ["─" * width]
    _print(lines)
    print_problems(problems)
    tail = [
        f"汇总：{summary['items']} 条全部对应；与自带文本一致 {summary['identical']} 条，有变化 {summary['changed']} 条"
        f"（其中自带未经原文核实 {summary['changed_unverified']} 条）；序号变动 {summary['renumbered']} 条；"
        f"数字与自带阈值不一致 {summary['number_mismatches']} 处。",
        f"导入后 {summary['items']} 条均为“原文核实”，来源：{extracted.name}",
        f"sha256：{extracted.sha256}",
    ]
    for line in tail:
        _print(wrapped("", line, width))
    shown = display_path(target)
    if not apply:
        ending = ["预览（--dry-run），未写入任何文件。", f"确认无误后加 --apply 写入 {shown}"]
    elif outcome == "unchanged":
        ending = [f"未改动：{shown}", "已是该文件的导入结果。"]
    else:
        replaced = f"（替换了之前从 {previous} 导入的内容）" if previous and previous != extracted.name else ""
        ending = [f"已写入 {shown}{replaced}"]
    _print(ending)  # paths are not wrapped: they stay copyable
    raise typer.Exit(EXIT_OK)
