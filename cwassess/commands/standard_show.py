"""cwassess standard show ID: one item, indicator or department in full."""

from __future__ import annotations

from typing import Any

import typer

from cwassess.commands.common import EXIT_USAGE, load_standard_or_exit
from cwassess.console import make_console, print_json
from cwassess.departments import DepartmentResolver
from cwassess.models.common import VERIFIED_ZH
from cwassess.models.standard import Indicator, Item
from cwassess.refs import parse_item_number
from cwassess.standard.describe import describe_provenance, describe_rule, rule_origin
from cwassess.standard.model import Standard, item_label
from cwassess.validation import did_you_mean


def find(std: Standard, query: str) -> Item | Indicator | str | None:
    """An item (by id or any number form), an indicator (by id or 指标N), or a department code."""
    if query in std.items_by_id:
        return std.items_by_id[query]
    if query in std.indicators_by_id:
        return std.indicators_by_id[query]
    if query.startswith("指标") and query[2:].isascii() and query[2:].isdigit() and len(query) <= 6:
        number = int(query[2:])
        return next((ind for ind in std.indicators if ind.number == number), None)
    number = parse_item_number(query)
    if number is not None:
        return std.items_by_number.get(number)
    return DepartmentResolver(std.departments).resolve(query)


def _provenance_detail(item: Item) -> str:
    prov = item.provenance
    parts = (["来源 " + "、".join(prov.source)] if prov.source else []) + ([prov.note] if prov.note else [])
    return f"（{'；'.join(parts)}）" if parts else ""


def _item_document(std: Standard, item: Item) -> dict[str, Any]:
    data = item.model_dump(exclude_none=True)
    data["label"] = item_label(item.number)
    data["section"] = std.section_of[item.id].model_dump(exclude_none=True)
    data["effective_text"] = item.effective_text
    data["verified"] = item.effective_verified
    data["indicators"] = [ind.id for ind in std.indicators_of(item.id)]
    return data


def _show_item(std: Standard, item: Item) -> None:
    console = make_console()
    names = std.departments_by_code
    section = std.section_of[item.id]
    out = [
        f"{section.number}、{section.title} › {item_label(item.number)} {item.title}  [{item.id}]",
        f"序号：{VERIFIED_ZH[item.number_provenance.verified]}；条文：{VERIFIED_ZH[item.effective_verified]}"
        + ("（官方原文）" if item.official_text else _provenance_detail(item)),
        "",
        item.effective_text,
        "",
        f"适用：{'、'.join('城市' if k == 'city' else '县' for k in item.applies_to)}"
        + (f"；条件：{item.applies_when.describe()}" if item.applies_when else "")
        + f"；范围：{item.scope}",
        f"牵头：{names[item.lead].name if item.lead in names else '（无）'}",
        f"配合：{'、'.join(names[c].name if c in names else c for c in item.support) or '（无）'}",
    ]
    if item.effective_verified != "verbatim":
        out.insert(1, "注意：本条条文未经原文核实，不是官方原文。")
    if item.requirements:
        out += ["", "检查要点："]
        for n, req in enumerate(item.requirements, start=1):
            cond = f"（{req.applies_when.describe()}）" if req.applies_when else ""
            site = "［现场］" if req.on_site else ""
            out.append(f"  {n}. {req.text}{cond}{site}  [{VERIFIED_ZH[req.provenance.verified]}]")
    if item.materials:
        out += ["", "所需材料："]
        for n, mat in enumerate(item.materials, start=1):
            count = f"每年 {mat.count} 份" if mat.per_year else f"{mat.count} 份"
            need = "必备" if mat.mandatory else "可选"
            out.append(f"  {n}. [{mat.kind}] {mat.title}（{mat.period or '未定'}，{count}，{need}，{'/'.join(mat.formats)}）")
    indicators = std.indicators_of(item.id)
    if indicators:
        out += ["", "指标："]
        for ind in indicators:
            rule = f"{describe_rule(ind.rule, ind)}（{rule_origin(ind.rule)}）" if ind.rule else describe_rule(None, ind)
            out.append(f"  {ind.number or '规划'}. {ind.name}［{ind.unit}］：{rule}")
    console.print("\n".join(out), markup=False, soft_wrap=True)


def _show_indicator(std: Standard, ind: Indicator) -> None:
    item = std.items_by_id.get(ind.item)
    out = [
        f"指标 {ind.number or '（规划目标）'}：{ind.name}  [{ind.id}]",
        f"名称：{describe_provenance(ind.provenance)}",
        f"所属条目：{item_label(item.number) + ' ' + item.title if item else ind.item}（{VERIFIED_ZH[ind.item_provenance.verified]}）",
        f"单位：{ind.unit}；填报年数：{ind.series_years}" + (f"（县 {ind.series_years_county}）" if ind.series_years_county else ""),
        f"适用：{'、'.join('城市' if k == 'city' else '县' for k in ind.applies_to)}",
    ]
    if ind.rule is not None:
        out.append(f"要求：{describe_rule(ind.rule, ind)}（{rule_origin(ind.rule)}；{describe_provenance(ind.rule.provenance)}）")
        if ind.rule.provenance.verified != "verbatim":
            out.append("注意：该阈值未经原文核实，不是官方阈值。")
    if ind.baseline_2014:
        out.append(f"2014版：{ind.baseline_2014}")
    for sub in ind.sub_indicators:
        levels = "，".join(f"{k} {'?' if v is None else f'{v:g}'}" for k, v in sub.levels.items())
        out.append(f"  · {sub.name}（{sub.unit}，{sub.op}）：{levels}  [{VERIFIED_ZH[sub.provenance.verified]}]")
    make_console().print("\n".join(out), markup=False, soft_wrap=True)


def show(
    ctx: typer.Context,
    query: str = typer.Argument(..., help="条目编号或序号（如 org-agenda、12、（十二）、第十二条），指标编号或“指标12”，部门代码", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """查看一个条目、指标或部门的全部内容。"""
    std = load_standard_or_exit(ctx, as_json)
    found = find(std, query)
    if found is None:
        candidates = [*std.items_by_id, *std.indicators_by_id, *std.departments_by_code]
        guess = did_you_mean(query, candidates)
        make_console(stderr=True).print(f"找不到“{query}”" + (f"，是否想查“{guess}”？" if guess else ""), markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    if isinstance(found, Item):
        if as_json:
            print_json({"kind": "item", "item": _item_document(std, found)})
        else:
            _show_item(std, found)
    elif isinstance(found, Indicator):
        if as_json:
            print_json({"kind": "indicator", "indicator": found.model_dump(exclude_none=True)})
        else:
            _show_indicator(std, found)
    else:
        dept = std.departments_by_code[found]
        leads = [item for item in std.items if item.lead == found]
        supports = [item for item in std.items if found in item.support]
        if as_json:
            print_json({"kind": "department", "department": dept.model_dump(), "lead": [i.id for i in leads], "support": [i.id for i in supports]})
            return
        lines = [f"{dept.name}  [{dept.code}]  别名：{'、'.join(dept.aliases) or '无'}", f"默认牵头 {len(leads)} 条："]
        lines += [f"  {item_label(i.number)} {i.title}" for i in leads]
        lines.append(f"默认配合 {len(supports)} 条：")
        lines += [f"  {item_label(i.number)} {i.title}" for i in supports]
        make_console().print("\n".join(lines), markup=False, soft_wrap=True)
