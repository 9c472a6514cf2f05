"""The scoring engine (模拟测评): models in, ScoreResult out. No I/O, deterministic."""

from __future__ import annotations

from collections import Counter

from cwassess import applicability
from cwassess.engine.context import Context
from cwassess.engine.results import (
    STATUS_ORDER,
    DepartmentResult,
    Finding,
    Gap,
    ItemResult,
    ScoreResult,
    SectionResult,
    Status,
    Totals,
    VetoResult,
    WaiverState,
)
from cwassess.evidence.model import WaiverRecord
from cwassess.models.standard import Item
from cwassess.rules import INDICATOR_RULES, conditional, document_present, material_set, open_problems, sampled_sites, survey_rate, veto
from cwassess.standard.model import item_label

HALF_CREDIT = {"达标": 1.0, "基本达标": 0.5, "未评估": 1.0}


def item_applies(ctx: Context, item: Item) -> bool:
    return applicability.item_applies(item, ctx.city)


def evaluate_item(ctx: Context, item: Item, waive: bool = True, assume: frozenset[str] = frozenset()) -> list[Finding]:
    """Every rule of one item, in a fixed order: indicators, surveys, materials, check points, sites.

    With `waive`, material and indicator waivers apply before check points summarise their materials.
    """
    findings: list[Finding] = []
    for ind in ctx.std.indicators_of(item.id):
        if ind.role != "indicator" or ctx.city.kind not in ind.applies_to:
            continue
        spec = ctx.thresholds.get(ind.id)
        module = INDICATOR_RULES[spec.type if spec else "record"]
        findings.append(module.evaluate(ctx, item, ind, spec))
        minimum = ctx.scheme.survey_min_sample.get(ind.id)
        if minimum:
            findings.append(survey_rate.evaluate(ctx, item, ind, minimum))
    materials: list[Finding] = []
    for mat in item.materials:
        gap = f"{item.id}/material/{mat.id}"
        if mat.applies_when is not None and not conditional.applies(ctx, mat.applies_when):
            materials.append(conditional.not_applicable(ctx, item, gap, f"材料：{mat.title}", mat.applies_when))
        else:
            materials.append(document_present.evaluate(ctx, item, mat))
    if waive:
        materials = apply_waivers(ctx, item, materials)[0]
    materials = assume_closed(materials, assume)  # before check points summarise them
    findings += materials
    on_site = False
    for req in item.requirements:
        if req.applies_when is not None and not conditional.applies(ctx, req.applies_when):
            findings.append(conditional.not_applicable(ctx, item, f"{item.id}/requirement/{req.id}", f"要点：{req.text}", req.applies_when))
            continue
        if any(m.requirement == req.id for m in item.materials):
            findings.append(material_set.evaluate(ctx, item, req, materials))
        on_site = on_site or req.on_site
    if on_site:
        findings += sampled_sites.evaluate(ctx, item)
    findings += open_problems.evaluate(ctx, item, {f.gap for f in findings if f.rule == sampled_sites.TYPE})
    return findings


def _active(waiver: WaiverRecord, ctx: Context) -> bool:
    return waiver.approved <= ctx.today <= waiver.expires


def apply_waivers(ctx: Context, item: Item, findings: list[Finding]) -> tuple[list[Finding], str | None]:
    """Findings with active waivers applied; the item-wide waiver id when the whole item is waived."""
    waivers = [w for w in ctx.evidence.waivers if w.item == item.id and _active(w, ctx)]
    whole = next((w for w in waivers if not w.material and not w.indicator), None)
    if whole is not None:
        return [f.model_copy(update={"status": "不适用", "points_lost": 0.0, "waived_by": whole.id}) for f in findings], whole.id
    result = []
    for f in findings:
        hit = next(
            (w for w in waivers if (w.material and f.gap == f"{item.id}/material/{w.material}") or (w.indicator and f.gap == f"{item.id}/indicator/{w.indicator}")),
            None,
        )
        result.append(f.model_copy(update={"status": "不适用", "points_lost": 0.0, "waived_by": hit.id}) if hit else f)
    return result, None


def assume_closed(findings: list[Finding], assume: frozenset[str]) -> list[Finding]:
    return [
        f.model_copy(update={"status": "达标", "points_lost": 0.0, "assumed": True, "reason": f"假设已整改：{f.reason}"})
        if f.gap in assume and not f.assumed
        else f
        for f in findings
    ]


def aggregate(ctx: Context, item_id: str, findings: list[Finding]) -> tuple[Status, float, float]:
    """(status, score, points lost) of one applicable item."""
    counted = [f for f in findings if f.status not in {"不适用", "未评估"} and f.rule != material_set.TYPE]
    return _aggregate(ctx, item_id, sum(f.points_lost for f in counted), Counter(f.status for f in counted))


def _aggregate(ctx: Context, item_id: str, points: float, statuses: Counter[str]) -> tuple[Status, float, float]:
    marks = ctx.marks(item_id)
    lost = min(marks, points)
    present = {s for s, n in statuses.items() if n > 0}
    if not present:
        status: Status = "未评估"
    elif "不达标" in present:
        status = "不达标"
    elif ctx.scheme.scheme == "deduction" and (marks - lost) / marks < ctx.scheme.basic_ratio:
        status = "不达标"
    elif "缺材料" in present:
        status = "缺材料"
    elif "基本达标" in present or lost > 0:
        status = "基本达标"
    else:
        status = "达标"
    if ctx.scheme.scheme == "status":
        score = marks * HALF_CREDIT.get(status, 0.0)
        return status, score, marks - score
    return status, marks - lost, lost


def _totals(items: list[ItemResult]) -> Totals:
    counted = [it for it in items if it.status != "不适用"]
    marks = sum(it.marks for it in counted)
    score = sum(it.score for it in counted)
    counts = Counter(it.status for it in items)
    return Totals(
        marks=round(marks, 4), score=round(score, 4), ratio=round(score / marks, 4) if marks else 1.0,
        counts={k: counts.get(k, 0) for k in STATUS_ORDER},
    )


def _item_result(ctx: Context, item: Item, findings: list[Finding], waiver: str | None) -> ItemResult:
    applicable = item_applies(ctx, item)
    section = ctx.std.section_of[item.id]
    base = dict(
        item=item.id, number=item.number, label=item_label(item.number), title=item.title,
        section=section.id, verified=item.effective_verified, lead=ctx.lead_of.get(item.id), support=ctx.support_of.get(item.id, []),
    )
    if not applicable or waiver:
        return ItemResult(**base, applicable=applicable, status="不适用", marks=0.0, score=0.0, points_lost=0.0, waiver=waiver, findings=findings)
    status, score, lost = aggregate(ctx, item.id, findings)
    return ItemResult(
        **base, applicable=True, status=status, marks=ctx.marks(item.id), score=round(score, 4), points_lost=round(lost, 4), findings=findings
    )


def _points_at_stake(ctx: Context, result: ItemResult, counted: tuple[float, Counter[str]], gap: Finding) -> float:
    """How much the item's score rises if this one gap is closed."""
    points, statuses = counted
    closed = Counter(statuses)
    closed[gap.status] -= 1
    closed["达标"] += 1
    _, score, _ = _aggregate(ctx, result.item, points - gap.points_lost, closed)
    return round(score - result.score, 4)


def _departments(ctx: Context, items: list[ItemResult]) -> list[DepartmentResult]:
    names = {d.code: d.name for d in ctx.std.departments}
    names.update({e.code: e.name for e in ctx.city.departments if e.name})
    codes = sorted({c for it in items for c in ([it.lead] if it.lead else []) + it.support})
    rows = []
    for code in codes:
        lead = [it for it in items if it.lead == code and it.status != "不适用"]
        support = [it for it in items if code in it.support and it.status != "不适用"]
        lead_marks = sum(it.marks for it in lead)
        lead_score = sum(it.score for it in lead)
        sup_marks = sum(it.marks for it in support)
        mine = [f for it in items for f in it.findings if code in f.departments and f.status in {"不达标", "缺材料", "基本达标"}]
        rows.append(
            dict(
                code=code, name=names.get(code, code), lead_items=[it.item for it in lead], lead_marks=round(lead_marks, 4),
                lead_score=round(lead_score, 4), lead_ratio=round(lead_score / lead_marks, 4) if lead_marks else None,
                support_items=[it.item for it in support],
                support_ratio=round(sum(it.score for it in support) / sup_marks, 4) if sup_marks else None,
                gaps=len(mine), points_lost=round(sum(f.points_lost for f in mine), 4),
            )
        )
    # Lead departments first, best ratio first; support-only departments after them.
    rows.sort(key=lambda r: (r["lead_ratio"] is None, -(r["lead_ratio"] or 0.0), r["points_lost"], r["code"]))
    return [DepartmentResult(**row, rank=n) for n, row in enumerate(rows, start=1)]


def score(ctx: Context, assume: frozenset[str] = frozenset()) -> ScoreResult:
    items: list[ItemResult] = []
    before: list[ItemResult] = []
    for item in ctx.std.items:
        applicable = item_applies(ctx, item)
        findings = assume_closed(evaluate_item(ctx, item, assume=assume), assume) if applicable else []
        waived_here = applicable and any(w.item == item.id for w in ctx.evidence.waivers)
        unwaived = assume_closed(evaluate_item(ctx, item, waive=False, assume=assume), assume) if waived_here else findings
        waived, waiver = apply_waivers(ctx, item, findings)
        items.append(_item_result(ctx, item, waived, waiver))
        before.append(_item_result(ctx, item, unwaived, None))
    by_gap = {f.gap: f for it in items for f in it.findings}
    vetoes: list[VetoResult] = [veto.evaluate(ctx, profile, v, by_gap) for profile, v in ctx.vetoes]
    totals = _totals(items)
    sections = [
        SectionResult(id=s.info.id, number=s.info.number, title=s.info.title, totals=_totals([it for it in items if it.section == s.info.id]))
        for s in ctx.std.sections
    ]
    gaps = []
    for it in items:
        counted_findings = [f for f in it.findings if f.status not in {"不适用", "未评估"} and f.rule != material_set.TYPE]
        counted = (sum(f.points_lost for f in counted_findings), Counter(f.status for f in counted_findings))
        for f in it.findings:
            if f.status in {"不达标", "缺材料", "基本达标"}:
                stake = _points_at_stake(ctx, it, counted, f)
                if stake > 0 or f.status == "不达标" or (f.status == "缺材料" and f.rule != material_set.TYPE):
                    gaps.append(Gap(gap=f.gap, item=it.item, label=it.label, subject=f.subject, status=f.status, points_at_stake=stake, reason=f.reason, departments=f.departments))
    gaps.sort(key=lambda g: (-g.points_at_stake, ctx.std.items_by_id[g.item].number, g.gap))
    reasons = []
    failed_vetoes = [v for v in vetoes if v.status != "通过"]
    for v in failed_vetoes:
        reasons.append(f"一票否决“{v.title}”{'未通过' if v.status == '否决' else '无法证明'}：{v.reason}")
    failing = [it for it in items if it.status == "不达标"]
    if failing:
        shown = "、".join(it.label for it in failing[:10]) + ("等" if len(failing) > 10 else "")
        reasons.append(f"{len(failing)} 条不达标：{shown}")
    if totals.ratio < ctx.scheme.pass_ratio:
        reasons.append(f"总得分率 {totals.ratio:.1%}，低于 {ctx.scheme.pass_ratio:.0%}")
    unverified_thresholds = sorted(
        ind.id for ind in ctx.std.indicators
        if ind.role == "indicator" and ind.id in ctx.thresholds and ctx.thresholds[ind.id].provenance.verified != "verbatim"
    )
    return ScoreResult(
        city=ctx.city.name,
        kind=ctx.city.kind,
        standard=ctx.std.meta.id,
        assessment_date=ctx.city.assessment_date,
        today=ctx.today,
        days_left=(ctx.city.assessment_date - ctx.today).days,
        scheme=ctx.scheme.scheme,
        profiles=ctx.profiles,
        verdict="不通过" if reasons else "模拟通过",
        verdict_reasons=reasons,
        veto_failed=bool(failed_vetoes),
        totals=totals,
        totals_before_waivers=_totals(before),
        sections=sections,
        items=items,
        departments=_departments(ctx, items),
        vetoes=vetoes,
        gaps=gaps,
        waivers=[
            WaiverState(id=w.id, item=w.item, material=w.material, indicator=w.indicator, reason=w.reason, approver=w.approver, expires=w.expires, active=_active(w, ctx))
            for w in sorted(ctx.evidence.waivers, key=lambda w: w.id)
        ],
        unverified_items=[it.item for it in items if it.verified != "verbatim"],
        unverified_thresholds=unverified_thresholds,
        assumed=sorted(assume),
    )
