"""cwassess standard list: sections and items with provenance marks, and how much is verified."""

from __future__ import annotations

from collections import Counter
from typing import Any

import typer
from rich.table import Table

from cwassess.commands.common import load_standard_or_exit
from cwassess.console import make_console, print_json
from cwassess.models.common import VERIFIED_MARK, VERIFIED_ZH
from cwassess.standard.describe import describe_rule
from cwassess.standard.model import Standard, item_label

LEGEND = "标记：V 原文核实  S 二手来源  I 推断  ? 未核实（前一个标记为条文，后一个为序号）"


def summary(std: Standard) -> dict[str, Any]:
    rules = [ind.rule.provenance.verified for ind in std.indicators if ind.rule is not None]
    return {
        "sections": len(std.sections),
        "items": len(std.items),
        "indicators": len(std.national_indicators()),
        "planning_targets": len(std.planning_targets()),
        "item_text": dict(Counter(item.effective_verified for item in std.items)),
        "item_number": dict(Counter(item.number_provenance.verified for item in std.items)),
        "indicator_names": dict(Counter(ind.provenance.verified for ind in std.indicators)),
        "indicator_rules": dict(Counter(rules)),
    }


def as_document(std: Standard) -> dict[str, Any]:
    names = std.departments_by_code
    return {
        "standard": {
            "id": std.meta.id,
            "title": std.meta.title,
            "document": std.meta.document,
            "issuer": std.meta.issuer,
            "provenance": std.meta.provenance.model_dump(exclude_none=True),
        },
        "counts": summary(std),
        "sections": [
            {
                "id": section.info.id,
                "number": section.info.number,
                "title": section.info.title,
                "items": [
                    {
                        "id": item.id,
                        "number": item.number,
                        "label": item_label(item.number),
                        "title": item.title,
                        "verified": item.effective_verified,
                        "number_verified": item.number_provenance.verified,
                        "lead": item.lead,
                        "lead_name": names[item.lead].name if item.lead in names else None,
                        "requirements": len(item.requirements),
                        "materials": len(item.materials),
                        "indicators": [ind.id for ind in std.indicators_of(item.id)],
                    }
                    for item in section.items
                ],
            }
            for section in std.sections
        ],
        "indicators": [
            {
                "id": ind.id,
                "number": ind.number,
                "role": ind.role,
                "name": ind.name,
                "unit": ind.unit,
                "item": ind.item,
                "verified": ind.provenance.verified,
                "rule": describe_rule(ind.rule, ind),
                "rule_version": ind.rule.version if ind.rule else None,
                "rule_verified": ind.rule.provenance.verified if ind.rule else None,
            }
            for ind in std.indicators
        ],
    }


def _counts_line(counter: dict[str, int]) -> str:
    return "，".join(f"{VERIFIED_ZH[k]} {counter.get(k, 0)}" for k in VERIFIED_ZH)


def list_(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """列出标准的方面和条目，带来源标记与核实情况统计。"""
    std = load_standard_or_exit(ctx, as_json)
    if as_json:
        print_json(as_document(std))
        return
    console = make_console()
    console.print(f"{std.meta.title}  {std.meta.document or ''}", style="bold", markup=False)
    names = std.departments_by_code
    for section in std.sections:
        table = Table(title=f"{section.info.number}、{section.info.title}（{len(section.items)} 条）", title_justify="left", expand=False)
        table.add_column("序号", no_wrap=True)
        table.add_column("标记", no_wrap=True)
        table.add_column("标题")
        table.add_column("牵头", no_wrap=True)
        table.add_column("指标", justify="right", no_wrap=True)
        for item in section.items:
            marks = VERIFIED_MARK[item.effective_verified] + VERIFIED_MARK[item.number_provenance.verified]
            lead = names[item.lead].name if item.lead in names else "—"
            table.add_row(item_label(item.number), marks, item.title, lead, str(len(std.indicators_of(item.id))))
        console.print(table)
    counts = summary(std)
    console.print(LEGEND, markup=False)
    console.print(
        f"共 {counts['sections']} 个方面，{counts['items']} 条，{counts['indicators']} 项指标，{counts['planning_targets']} 项规划目标",
        markup=False,
    )
    console.print(f"条文：{_counts_line(counts['item_text'])}", markup=False)
    console.print(f"序号：{_counts_line(counts['item_number'])}", markup=False)
    console.print(f"指标阈值：{_counts_line(counts['indicator_rules'])}", markup=False)
    console.print("未核实的条文和阈值不是官方原文，仅供自评参考。", style="yellow", markup=False)
