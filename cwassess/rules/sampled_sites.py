"""sampled_sites: problems found on inspected sites cost points per problem class; too few sites is a gap."""

from __future__ import annotations

import datetime as dt
import unicodedata

from cwassess.applicability import item_applies, requirement_applies
from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.evidence.model import Inspection
from cwassess.models.standard import Item
from cwassess.rules.base import RuleDoc, finding
from cwassess.standard.model import item_label

TYPE = "sampled_sites"
DOC = RuleDoc(
    title="现场抽查",
    requirement="抽查点位数不少于人口规模对应的最低数量；每个问题点按类别扣分，零容忍类别出现即不达标；一处点位对应多个条目时，其问题只在第一个条目扣分。",
    why="国家评估以暗访为主，专家按点位记录问题并扣分。",
    example="120万人口城市主次干道至少抽查 12 处；抽查 14 处、发现“乱堆乱摆”2 处 → 扣 0.4 分。",
    remedy="按问题清单限期整改并复查销号；扩大自查覆盖面，达到最低点位数。",
)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def sites_for(ctx: Context, item_id: str) -> list[Inspection]:
    """Recent inspections that count for an item: named explicitly, or mapped from their site type."""
    _index(ctx)
    assert ctx.sites_by_item is not None
    return ctx.sites_by_item.get(item_id, [])


def site_owners(ctx: Context) -> dict[str, str]:
    """"dept/inspection id/n" → the item inspection problem n costs points on."""
    _index(ctx)
    return ctx.site_owner


def _index(ctx: Context) -> None:
    """Built once per context. A site counts toward the sample of every item it maps to, but each of its problems
    costs points on one item only: the first item the profile's problem_items lists for its class among the site's
    items (无三防 at a 小餐饮店 → 防蝇防鼠设施), else the site's first item assessed on site in this city."""
    if ctx.sites_by_item is not None:
        return
    earliest = ctx.today - dt.timedelta(days=ctx.scheme.inspection_days)
    mapping = {_fold(k): v for k, v in ctx.scheme.site_types.items()}
    preferred = {_fold(k): v for k, v in ctx.scheme.problem_items.items()}
    index: dict[str, list[Inspection]] = {}
    owners: dict[str, str] = {}
    on_site: dict[str, bool] = {}
    for inspection in ctx.inspections:
        if not earliest <= inspection.date <= ctx.today:
            continue
        targets = inspection.items or mapping.get(_fold(inspection.site_type), [])
        for target in targets:
            index.setdefault(target, []).append(inspection)
            if target not in on_site:
                on_site[target] = _assessed_on_site(ctx, target)
        default = next((t for t in targets if on_site[t]), None)
        for n, problem in enumerate(inspection.problems, start=1):
            wanted = preferred.get(_fold(problem.problem_class), [])
            owner = next((t for t in wanted if t in targets and on_site[t]), default)
            if owner is not None:
                owners[f"{_site_key(inspection)}/{n}"] = owner
    ctx.sites_by_item = index
    ctx.site_owner = owners


def _site_key(site: Inspection) -> str:
    return f"{site.department}/{site.id}"


def _assessed_on_site(ctx: Context, item_id: str) -> bool:
    item = ctx.std.items_by_id.get(item_id)
    return (
        item is not None
        and item_applies(item, ctx.city)
        and any(r.on_site and requirement_applies(r, ctx.city) for r in item.requirements)
    )


def _title(ctx: Context, item_id: str) -> str:
    item = ctx.std.items_by_id[item_id]
    return f"{item_label(item.number)}“{item.title}”"


def minimum_sites(ctx: Context, item_id: str) -> int:
    if ctx.tier is None:
        return 0
    mapping = ctx.scheme.site_types
    return sum(
        row.minimum.get(ctx.tier, 0)
        for row in ctx.std.sampling.rows
        if not row.subtotal and item_id in mapping.get(_fold(row.site_type), [])
    )


def evaluate(ctx: Context, item: Item) -> list[Finding]:
    sites = sites_for(ctx, item.id)
    need = minimum_sites(ctx, item.id)
    deductions = ctx.scheme.deductions
    zero = {_fold(c) for c in ctx.scheme.zero_tolerance}
    findings: list[Finding] = []
    depts = ctx.responsible(item.id)
    if need and len(sites) < need:
        findings.append(
            finding(
                gap=f"{item.id}/sample",
                rule=TYPE,
                item=item.id,
                subject="现场抽查点位数",
                requirement_text=f"不少于 {need} 处（人口规模档 {ctx.tier}）",
                status="缺材料",
                reason=f"近{ctx.scheme.inspection_days}天仅抽查 {len(sites)} 处，少于最低 {need} 处",
                points_lost=deductions.sample_shortfall,
                deduction=f"抽查点位不足扣 {deductions.sample_shortfall:g} 分",
                departments=depts,
            )
        )
    counted_elsewhere: set[str] = set()
    for site in sites:
        for n, problem in enumerate(site.problems, start=1):
            owner = ctx.site_owner.get(f"{_site_key(site)}/{n}", item.id)
            if owner != item.id:
                counted_elsewhere.add(owner)
                continue
            cls = _fold(problem.problem_class)
            points = deductions.site_problem.get(cls, deductions.site_problem_default)
            if f"{site.department}/{site.id}/{n}" in ctx.closed_sites:
                findings.append(
                    finding(
                        gap=f"{item.id}/site/{site.department}/{site.id}/{n}",
                        rule=TYPE,
                        item=item.id,
                        subject=f"现场问题：{site.site_type}「{site.site}」{problem.problem_class}",
                        requirement_text="现场无问题点",
                        status="达标",
                        reason=f"已整改并复核销号：{problem.description}",
                        evidence=[f"{site.where} {site.kind} {site.date}", "整改台账：已销号"],
                        departments=depts,
                    )
                )
                continue
            findings.append(
                finding(
                    gap=f"{item.id}/site/{site.department}/{site.id}/{n}",
                    rule=TYPE,
                    item=item.id,
                    subject=f"现场问题：{site.site_type}「{site.site}」{problem.problem_class}",
                    requirement_text="现场无问题点" + ("（零容忍）" if cls in zero else ""),
                    status="不达标" if cls in zero else "基本达标",
                    reason=problem.description,
                    points_lost=points,
                    deduction=f"“{problem.problem_class}”每处扣 {points:g} 分" + ("，零容忍类别" if cls in zero else ""),
                    evidence=[f"{site.where} {site.kind} {site.date} {site.district or ''}{site.street or ''} {site.inspector or ''}".strip()]
                    + ([f"照片：{problem.photo}"] if problem.photo else []),
                    departments=depts,
                )
            )
    if sites and not any(f.gap.startswith(f"{item.id}/site/") for f in findings):
        findings.append(
            finding(
                gap=f"{item.id}/sites-clean",
                rule=TYPE,
                item=item.id,
                subject="现场抽查",
                requirement_text="现场无问题点",
                status="达标",
                reason=f"抽查 {len(sites)} 处，未发现问题"
                if not counted_elsewhere
                else f"抽查 {len(sites)} 处；其中发现的问题已计入{'、'.join(_title(ctx, i) for i in sorted(counted_elsewhere))}，本条不重复扣分",
                departments=depts,
            )
        )
    return findings
