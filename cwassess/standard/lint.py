"""Semantic checks of an assembled standard: what a schema cannot see. Pure: models in, problems out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from cwassess.departments import DepartmentResolver, normalize_name
from cwassess.models.common import Provenance
from cwassess.models.evidence import DOC_TYPES
from cwassess.models.profile import ProfileFile
from cwassess.models.standard import Indicator, IndicatorRule, Item, PlanRule, ThresholdRule
from cwassess.problems import Problem
from cwassess.standard.load import Locator
from cwassess.standard.model import Standard, item_label
from cwassess.validation import did_you_mean

PERCENT_UNITS = {"%"}
LEVEL_UNIT = "级"


def lint_standard(std: Standard, loc: Locator) -> list[Problem]:
    resolver = DepartmentResolver(std.departments)
    problems: list[Problem] = []
    for check in (_counts, _items, _indicators, _departments, _sampling, _provenance):
        problems.extend(check(std, loc, resolver))
    for profile in std.profiles:
        problems.extend(lint_profile(profile, std, loc.problem_at(("profile", profile.id))))
    return problems


def _counts(std: Standard, loc: Locator, _: DepartmentResolver) -> Iterator[Problem]:
    expected = std.meta.expected
    actual = {
        "sections": len(std.sections),
        "items": len(std.items),
        "indicators": len(std.national_indicators()),
        "planning_targets": len(std.planning_targets()),
    }
    names = {"sections": "方面", "items": "条目", "indicators": "指标", "planning_targets": "规划目标"}
    for key, count in actual.items():
        want = getattr(expected, key)
        if count != want:
            yield loc.problem(
                ("standard",), ("expected", key), "count.mismatch", f"{names[key]}数量与标准不符",
                expected=str(want), found=str(count),
            )


def _duplicates(values: list[str]) -> set[str]:
    return {value for value, n in Counter(values).items() if n > 1}


def _check_department(ref: str, key: tuple[str, ...], sub: tuple[str | int, ...], loc: Locator, resolver: DepartmentResolver) -> Iterator[Problem]:
    code = resolver.resolve(ref)
    if code is None:
        yield loc.problem(key, sub, "ref.department", resolver.unknown_message(ref))
    elif code != ref:
        yield loc.problem(
            key, sub, "ref.department-alias", f"请用部门代码“{code}”代替名称“{ref}”", severity="warning",
        )


def _items(std: Standard, loc: Locator, resolver: DepartmentResolver) -> Iterator[Problem]:
    ids = [item.id for item in std.items]
    for dup in sorted(_duplicates(ids)):
        yield loc.problem(("item", dup), ("id",), "dup.item", f"条目编号“{dup}”重复")
    numbers = [item.number for item in std.items]
    seen: set[int] = set()
    for item in std.items:
        key = ("item", item.id)
        if item.number in seen:
            yield loc.problem(key, ("number",), "dup.number", f"条目序号 {item_label(item.number)} 重复")
        seen.add(item.number)
    if numbers and sorted(set(numbers)) != list(range(1, len(set(numbers)) + 1)):
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            yield loc.problem(
                ("standard",), ("sections",), "number.gap", "条目序号不连续",
                expected="连续编号", found="缺少 " + "、".join(item_label(n) for n in missing),
            )
    if numbers != sorted(numbers):
        yield loc.problem(("standard",), ("sections",), "number.order", "条目没有按序号排列")
    indicator_ids = {ind.id for ind in std.indicators}
    for item in std.items:
        yield from _item(item, loc, resolver, indicator_ids)


def _item(item: Item, loc: Locator, resolver: DepartmentResolver, indicator_ids: set[str]) -> Iterator[Problem]:
    key = ("item", item.id)
    if item.lead is None:
        yield loc.problem(key, (), "item.no-lead", f"条目{item_label(item.number)}没有牵头部门（lead）")
    else:
        yield from _check_department(item.lead, key, ("lead",), loc, resolver)
        if item.lead in item.support:
            yield loc.problem(key, ("support",), "item.lead-in-support", f"牵头部门“{item.lead}”不应同时列为配合部门")
    for i, ref in enumerate(item.support):
        yield from _check_department(ref, key, ("support", i), loc, resolver)
    for dup in sorted(_duplicates(item.support)):
        yield loc.problem(key, ("support",), "dup.support", f"配合部门“{dup}”重复")
    req_ids = [req.id for req in item.requirements]
    for dup in sorted(_duplicates(req_ids)):
        yield loc.problem(key, ("requirements",), "dup.requirement", f"检查要点编号“{dup}”重复")
    for i, req in enumerate(item.requirements):
        for j, ind in enumerate(req.indicators):
            if ind not in indicator_ids:
                yield loc.problem(key, ("requirements", i, "indicators", j), "ref.indicator", _unknown("指标", ind, indicator_ids))
    mat_ids = [mat.id for mat in item.materials]
    for dup in sorted(_duplicates(mat_ids)):
        yield loc.problem(key, ("materials",), "dup.material", f"材料编号“{dup}”重复")
    for i, mat in enumerate(item.materials):
        for j, doc_type in enumerate(mat.doc_types):
            if doc_type not in DOC_TYPES:
                yield loc.problem(
                    key, ("materials", i, "doc_types", j), "material.doc-type", f"文件类型“{doc_type}”无法提交：证据清单不认识这个类型",
                    expected="、".join(DOC_TYPES),
                )
        if mat.period is None:
            yield loc.problem(
                key, ("materials", i), "material.no-period", f"材料“{mat.title}”没有时间范围（period）",
                expected="现行有效、当年、近1年、近3年 或 近5年",
            )
        if mat.requirement is not None and mat.requirement not in req_ids:
            yield loc.problem(key, ("materials", i, "requirement"), "ref.requirement", _unknown("检查要点", mat.requirement, set(req_ids)))
        if mat.per_year and mat.period in {"现行有效", None}:
            yield loc.problem(key, ("materials", i, "per_year"), "material.per-year", "按年计数的材料须有年份范围", expected="近1年、近3年 或 近5年", found=str(mat.period))


def _unknown(kind: str, ref: str, known: set[str]) -> str:
    suggestion = did_you_mean(ref, sorted(known - {ref}))
    return f"未知{kind}“{ref}”" + (f"，是否想写“{suggestion}”？" if suggestion else "")


def _indicators(std: Standard, loc: Locator, resolver: DepartmentResolver) -> Iterator[Problem]:
    for dup in sorted(_duplicates([ind.id for ind in std.indicators])):
        yield loc.problem(("indicator", dup), ("id",), "dup.indicator", f"指标编号“{dup}”重复")
    seen_numbers: set[int] = set()
    for i, ind in enumerate(std.indicators):
        if ind.number is None:
            continue
        if ind.number in seen_numbers:
            yield loc.problem(("indicators-file",), ("indicators", i, "number"), "dup.indicator-number", f"指标序号 {ind.number} 重复")
        seen_numbers.add(ind.number)
    items = set(std.items_by_id)
    by_id = std.indicators_by_id
    for ind in std.indicators:
        key = ("indicator", ind.id)
        if ind.item not in items:
            yield loc.problem(key, ("item",), "ref.item", _unknown("条目", ind.item, items))
        for i, ref in enumerate(ind.owner):
            yield from _check_department(ref, key, ("owner", i), loc, resolver)
        if ind.role == "planning_target" and ind.number is not None:
            yield loc.problem(key, ("number",), "indicator.target-number", "规划目标不占指标序号，number 应留空")
        if ind.role == "indicator" and ind.number is None:
            yield loc.problem(key, (), "indicator.no-number", "指标缺少序号（number）")
        if ind.rule is not None:
            yield from _rule(ind.rule, ind, by_id, lambda sub, code, msg, **kw: loc.problem(key, ("rule", *sub), code, msg, **kw))


def _rule(rule: IndicatorRule, ind: Indicator, by_id: dict[str, Indicator], report) -> Iterator[Problem]:  # type: ignore[no-untyped-def]
    if rule.unit is not None and rule.unit != ind.unit:
        yield report(("unit",), "unit.mismatch", f"规则单位与指标“{ind.name}”的单位不一致", expected=ind.unit, found=rule.unit)
    if isinstance(rule, ThresholdRule):
        if rule.op == "range":
            if rule.min is None or rule.max is None or rule.min > rule.max:
                yield report(("op",), "rule.range", "范围规则须同时给出 min 和 max，且 min ≤ max")
        elif rule.value is None:
            yield report(("value",), "rule.no-value", "阈值规则缺少 value")
        values = [v for v in (rule.value, rule.min, rule.max) if v is not None]
        if ind.unit in PERCENT_UNITS and any(not 0 <= v <= 100 for v in values):
            yield report(("value",), "unit.percent-range", "百分比阈值应在 0–100 之间（95% 写作 95）", expected="0–100", found=", ".join(f"{v:g}" for v in values))
    if rule.type == "level" and ind.unit != LEVEL_UNIT:
        yield report(("type",), "unit.mismatch", "等级规则只能用于单位为“级”的指标", expected=LEVEL_UNIT, found=ind.unit)
    if rule.type in {"trend", "baseline"}:
        years = ind.series_years
        if rule.years > years:  # type: ignore[union-attr]
            yield report(("years",), "rule.series", "规则所需年数超过指标填报的年数", expected=f"≤ {years}", found=str(rule.years))  # type: ignore[union-attr]
    if isinstance(rule, PlanRule):
        plan = by_id.get(rule.plan)
        if plan is None:
            yield report(("plan",), "ref.indicator", _unknown("指标", rule.plan, set(by_id)))
        elif plan.role != "planning_target":
            yield report(("plan",), "rule.plan-role", f"“{rule.plan}”不是规划目标指标")
        elif plan.unit != ind.unit:
            yield report(("plan",), "unit.mismatch", "规划目标与指标单位不一致", expected=ind.unit, found=plan.unit)


def _departments(std: Standard, loc: Locator, _: DepartmentResolver) -> Iterator[Problem]:
    for dup in sorted(_duplicates([d.code for d in std.departments])):
        yield loc.problem(("department", dup), ("code",), "dup.department", f"部门代码“{dup}”重复")
    owner: dict[str, str] = {}
    for dept in std.departments:
        for i, name in enumerate((dept.name, *dept.aliases)):
            key = normalize_name(name)
            if key in owner and owner[key] != dept.code:
                sub: tuple[str | int, ...] = ("name",) if i == 0 else ("aliases", i - 1)
                yield loc.problem(("department", dept.code), sub, "dup.department-name", f"名称“{name}”同时指向“{owner[key]}”和“{dept.code}”")
            owner.setdefault(key, dept.code)


def _sampling(std: Standard, loc: Locator, _: DepartmentResolver) -> Iterator[Problem]:
    tiers = std.sampling.tiers
    tier_ids = [t.id for t in tiers]
    for i in range(1, len(tiers)):
        if tiers[i - 1].max_wan != tiers[i].min_wan:
            yield loc.problem(("sampling",), ("tiers", i, "min_wan"), "sampling.tiers", "人口规模档不连续", expected=str(tiers[i - 1].max_wan), found=str(tiers[i].min_wan))
    if tiers and tiers[-1].max_wan is not None:
        yield loc.problem(("sampling",), ("tiers", len(tiers) - 1, "max_wan"), "sampling.tiers", "最高档的上限应为空")
    for i, row in enumerate(std.sampling.rows):
        if sorted(row.minimum) != sorted(tier_ids):
            yield loc.problem(("sampling",), ("rows", i, "minimum"), "sampling.row", f"“{row.site_type}”的点位数须覆盖全部人口档", expected="、".join(tier_ids), found="、".join(row.minimum))


def _provenances(std: Standard) -> Iterator[tuple[tuple[str, ...], tuple[str | int, ...], Provenance]]:
    yield ("standard",), ("provenance",), std.meta.provenance
    yield ("standard",), ("scope_provenance",), std.meta.scope_provenance
    yield ("sampling",), ("provenance",), std.sampling.provenance
    for section in std.sections:
        yield ("section", section.info.id), ("provenance",), section.info.provenance
    for item in std.items:
        key = ("item", item.id)
        yield key, ("provenance",), item.provenance
        yield key, ("number_provenance",), item.number_provenance
        for i, req in enumerate(item.requirements):
            yield key, ("requirements", i, "provenance"), req.provenance
        for i, mat in enumerate(item.materials):
            yield key, ("materials", i, "provenance"), mat.provenance
    for ind in std.indicators:
        key = ("indicator", ind.id)
        yield key, ("provenance",), ind.provenance
        yield key, ("item_provenance",), ind.item_provenance
        if ind.rule is not None:
            yield key, ("rule", "provenance"), ind.rule.provenance
        for i, sub in enumerate(ind.sub_indicators):
            yield key, ("sub_indicators", i, "provenance"), sub.provenance


def _provenance(std: Standard, loc: Locator, _: DepartmentResolver) -> Iterator[Problem]:
    sources = {s.id for s in std.meta.sources}
    for key, sub, prov in _provenances(std):
        yield from _check_provenance(prov, sources, lambda s, c, m, **kw: loc.problem(key, (*sub, *s), c, m, **kw))


def _check_provenance(prov: Provenance, sources: set[str], report) -> Iterator[Problem]:  # type: ignore[no-untyped-def]
    if prov.verified in {"verbatim", "secondary"} and not prov.source:
        yield report((), "provenance.no-source", "标为已核实（verbatim/secondary）的内容必须注明来源（source）")
    for i, src in enumerate(prov.source):
        if src not in sources and not src.startswith("official:"):
            yield report(("source", i), "ref.source", _unknown("来源", src, sources))


def lint_profile(profile: ProfileFile, std: Standard, report) -> Iterator[Problem]:  # type: ignore[no-untyped-def]
    """Checks of a profile against the standard it overlays; `report(sub, code, message, **kw)`."""
    if profile.standard != std.meta.id:
        yield report(("standard",), "profile.standard", "配置适用的标准版本不符", expected=std.meta.id, found=profile.standard)
    sources = {s.id for s in std.meta.sources}
    yield from _check_provenance(profile.provenance, sources, lambda s, c, m, **kw: report(("provenance", *s), c, m, **kw))
    by_id = std.indicators_by_id
    for ind_id, rule in profile.thresholds.items():
        if ind_id not in by_id:
            yield report(("thresholds", ind_id), "ref.indicator", _unknown("指标", ind_id, set(by_id)))
            continue
        yield from _rule(rule, by_id[ind_id], by_id, lambda s, c, m, **kw: report(("thresholds", ind_id, *s), c, m, **kw))
        yield from _check_provenance(rule.provenance, sources, lambda s, c, m, **kw: report(("thresholds", ind_id, "provenance", *s), c, m, **kw))
    if profile.scoring is not None:
        yield from _lint_scoring(profile, std, report)
    known_vetoes = {v.id for p in std.profiles for v in p.vetoes} | {v.id for v in profile.vetoes}
    for i, veto_id in enumerate(profile.disable_vetoes):
        if veto_id not in known_vetoes:
            yield report(("disable_vetoes", i), "ref.veto", _unknown("否决条件", veto_id, known_vetoes))
    for dup in sorted(_duplicates([v.id for v in profile.vetoes])):
        yield report(("vetoes",), "dup.veto", f"否决条件编号“{dup}”重复")
    items = std.items_by_id
    for i, veto in enumerate(profile.vetoes):
        sub = ("vetoes", i)
        if not (veto.indicators or veto.materials or veto.incidents):
            yield report(sub, "veto.no-evidence", f"一票否决条件“{veto.title}”没有证据要求（indicators、materials 或 incidents 至少填一项）")
        if veto.item not in items:
            yield report((*sub, "item"), "ref.item", _unknown("条目", veto.item, set(items)))
        for j, ind in enumerate(veto.indicators):
            if ind not in by_id:
                yield report((*sub, "indicators", j), "ref.indicator", _unknown("指标", ind, set(by_id)))
        for j, ref in enumerate(veto.materials):
            item_id, _, mat_id = ref.partition("/")
            item = items.get(item_id)
            known = {m.id for m in item.materials} if item else set()
            if item is None or mat_id not in known:
                all_refs = {f"{it.id}/{m.id}" for it in std.items for m in it.materials}
                yield report((*sub, "materials", j), "ref.material", _unknown("材料", ref, all_refs))
        yield from _check_provenance(veto.provenance, sources, lambda s, c, m, **kw: report((*sub, "provenance", *s), c, m, **kw))


def _lint_scoring(profile: ProfileFile, std: Standard, report) -> Iterator[Problem]:  # type: ignore[no-untyped-def]
    scoring = profile.scoring
    assert scoring is not None
    items = set(std.items_by_id)
    for site_type, targets in scoring.site_types.items():
        for j, item_id in enumerate(targets):
            if item_id not in items:
                yield report(("scoring", "site_types", site_type, j), "ref.item", _unknown("条目", item_id, items))
    for problem_class, targets in scoring.problem_items.items():
        for j, item_id in enumerate(targets):
            if item_id not in items:
                yield report(("scoring", "problem_items", problem_class, j), "ref.item", _unknown("条目", item_id, items))
    for item_id in scoring.item_marks_override:
        if item_id not in items:
            yield report(("scoring", "item_marks_override", item_id), "ref.item", _unknown("条目", item_id, items))
    for ind_id in scoring.survey_min_sample:
        if ind_id not in std.indicators_by_id:
            yield report(("scoring", "survey_min_sample", ind_id), "ref.indicator", _unknown("指标", ind_id, set(std.indicators_by_id)))
    d = scoring.deductions
    # Missing evidence must never cost less than bad evidence, or hiding data would pay.
    if d.missing_indicator < d.indicator_fail:
        yield report(("scoring", "deductions", "missing_indicator"), "scoring.incentive", "指标未填报的扣分低于不达标的扣分，会鼓励不报数据", expected=f"≥ {d.indicator_fail:g}", found=f"{d.missing_indicator:g}")
    if d.missing_material < d.expired_material:
        yield report(("scoring", "deductions", "missing_material"), "scoring.incentive", "缺材料的扣分低于材料过期的扣分，会鼓励不交材料", expected=f"≥ {d.expired_material:g}", found=f"{d.missing_material:g}")
