"""cwassess/engine/score.py: item aggregation, waivers, --assume, gaps, departments, verdict, determinism."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from cwassess.engine.results import Finding
from cwassess.engine.score import aggregate, assume_closed, score
from cwassess.evidence.model import Evidence
from cwassess.models.claims import ClaimsFile
from cwassess.rules.base import finding
from tests import builders as b

W_START, W_END = dt.date(2027, 1, 1), dt.date(2027, 12, 31)


def make_ctx(evidence: Evidence | None = None, *, profiles: list[str] | tuple[str, ...] = (), extra_profiles: list | tuple = (), **kw: object):  # type: ignore[no-untyped-def,type-arg]
    """The context the tests reason with: the bundled standard and scoring-default, pinned to 2 marks per item and
    basic_ratio 0.8 by the test-fixed profile (see tests/builders.py); later profiles still replace it."""
    return b.context(evidence, profiles=["test-fixed", *profiles], extra_profiles=[b.fixed_scoring(), *extra_profiles], **kw)  # type: ignore[arg-type]


def _f(status: str, points: float = 0.0, gap: str = "x/y") -> Finding:
    return finding(gap=gap, rule="record", item="org-agenda", subject="s", requirement_text="r", status=status, reason="因为", points_lost=points)  # type: ignore[arg-type]


def _without(ev: Evidence, *, materials: set[str] = set(), indicators: set[str] = set(), **extra: list) -> Evidence:  # type: ignore[type-arg]
    update = {
        "documents": [d for d in ev.documents if f"{d.item}/{d.material}" not in materials],
        "series": [s for s in ev.series if s.indicator not in indicators],
    }
    for key, records in extra.items():
        update[key] = [*update.get(key, getattr(ev, key)), *records]
    return ev.model_copy(update=update)


def _item(result, item_id: str):  # type: ignore[no-untyped-def]
    return next(it for it in result.items if it.item == item_id)


@pytest.fixture(scope="module")
def complete() -> Evidence:
    return b.complete_evidence()


# -- aggregation of one item ---------------------------------------------------------------------


def test_the_worst_status_wins_and_deductions_add_up() -> None:
    ctx = make_ctx()
    assert aggregate(ctx, "org-agenda", [_f("达标"), _f("基本达标", 0.2), _f("不达标", 1.0)]) == ("不达标", pytest.approx(0.8), pytest.approx(1.2))
    assert aggregate(ctx, "org-agenda", [_f("达标"), _f("基本达标", 0.2)]) == ("基本达标", pytest.approx(1.8), pytest.approx(0.2))
    assert aggregate(ctx, "org-agenda", [_f("达标"), _f("达标")]) == ("达标", 2.0, 0.0)


def test_deductions_are_capped_at_the_item_marks() -> None:
    ctx = make_ctx()
    findings = [_f("缺材料", 0.5, f"g{n}") for n in range(7)]
    assert aggregate(ctx, "org-agenda", findings) == ("不达标", 0.0, 2.0)


def test_basic_ratio_decides_between_basic_and_fail() -> None:
    """Default profile: 2 marks, basic_ratio 0.8 → losing 0.4 is still 基本达标, losing more is 不达标."""
    ctx = make_ctx()
    assert aggregate(ctx, "org-agenda", [_f("基本达标", 0.2), _f("基本达标", 0.2)]) == ("基本达标", pytest.approx(1.6), pytest.approx(0.4))
    status, score_, lost = aggregate(ctx, "org-agenda", [_f("基本达标", 0.2), _f("基本达标", 0.21)])
    assert (status, score_, lost) == ("不达标", pytest.approx(1.59), pytest.approx(0.41))
    # A site problem below the ratio with no 基本达标 finding is still 基本达标 because points were lost.
    assert aggregate(ctx, "org-agenda", [_f("达标", 0.1)])[0] == "基本达标"


def test_missing_status_survives_when_little_is_lost() -> None:
    ctx = make_ctx()
    assert aggregate(ctx, "org-agenda", [_f("达标"), _f("缺材料", 0.0)]) == ("缺材料", 2.0, 0.0)
    assert aggregate(ctx, "org-agenda", [_f("缺材料", 0.1667), _f("基本达标", 0.2)]) == ("缺材料", pytest.approx(1.6333), pytest.approx(0.3667))


def test_not_applicable_and_unevaluated_findings_do_not_count() -> None:
    ctx = make_ctx()
    assert aggregate(ctx, "org-agenda", [_f("不适用", 0.5), _f("未评估"), _f("达标")]) == ("达标", 2.0, 0.0)
    assert aggregate(ctx, "org-agenda", [_f("不适用"), _f("未评估")]) == ("未评估", 2.0, 0.0)


def test_status_scheme_gives_half_credit_for_basic() -> None:
    ctx = make_ctx(profiles=["by-status"], extra_profiles=[{"id": "by-status", "scoring": {"scheme": "status", "item_marks": 4}}])
    assert ctx.scheme.scheme == "status"
    assert aggregate(ctx, "org-agenda", [_f("达标")]) == ("达标", 4.0, 0.0)
    assert aggregate(ctx, "org-agenda", [_f("基本达标", 0.2)]) == ("基本达标", 2.0, 2.0)
    assert aggregate(ctx, "org-agenda", [_f("缺材料", 0.5)]) == ("缺材料", 0.0, 4.0)
    assert aggregate(ctx, "org-agenda", [_f("不达标", 1.0)]) == ("不达标", 0.0, 4.0)
    # The ratio rule belongs to the deduction scheme: losing most points is still only 基本达标 here.
    assert aggregate(ctx, "org-agenda", [_f("基本达标", 3.9)]) == ("基本达标", 2.0, 2.0)


def test_item_marks_override() -> None:
    ctx = make_ctx(profiles=["heavy"], extra_profiles=[{"id": "heavy", "scoring": {"scheme": "deduction", "item_marks_override": {"org-agenda": 5}}}])
    assert (ctx.marks("org-agenda"), ctx.marks("org-committee")) == (5.0, 2.0)
    # 0.5 of 5 marks keeps the ratio above basic_ratio, so the status is the finding's own 缺材料.
    assert aggregate(ctx, "org-agenda", [_f("缺材料", 0.5)]) == ("缺材料", 4.5, 0.5)
    assert aggregate(make_ctx(), "org-agenda", [_f("缺材料", 0.5)]) == ("不达标", 1.5, 0.5)


def test_a_later_profile_scoring_changes_only_what_it_writes() -> None:
    ctx = make_ctx(profiles=["strict"], extra_profiles=[{"id": "strict", "scoring": {"scheme": "deduction", "pass_ratio": 0.95}}])
    default = make_ctx().scheme
    assert ctx.profiles == ["scoring-default", "test-fixed", "strict"]
    # Only pass_ratio changes: deductions, zero tolerance and site types stay those of the profiles below.
    assert ctx.scheme == default.model_copy(update={"pass_ratio": 0.95})
    assert default.zero_tolerance and default.site_types


# -- the whole city -------------------------------------------------------------------------------


def test_complete_evidence_passes(complete: Evidence) -> None:
    result = score(make_ctx(complete))
    assert (result.verdict, result.verdict_reasons, result.veto_failed) == ("模拟通过", [], False)
    assert (result.totals.marks, result.totals.score, result.totals.ratio) == (90.0, 90.0, 1.0)
    assert result.totals.counts == {"不达标": 0, "缺材料": 0, "基本达标": 0, "达标": 45, "未评估": 0, "不适用": 0}
    assert result.gaps == []
    assert (result.days_left, result.today, result.assessment_date) == (80, b.TODAY, b.ASSESSMENT)
    assert (result.scheme, result.profiles, result.standard, result.city, result.kind) == ("deduction", ["scoring-default", "test-fixed"], "nhc-2021", "测试市", "city")
    assert result.totals_before_waivers == result.totals


def test_empty_evidence_fails_with_exact_reasons() -> None:
    result = score(make_ctx())
    assert result.verdict == "不通过"
    assert result.verdict_reasons == [
        "45 条不达标：（一）、（二）、（三）、（四）、（五）、（六）、（七）、（八）、（九）、（十）等",
        "总得分率 7.2%，低于 90%",
    ]
    assert (result.totals.marks, result.totals.score) == (90.0, 6.5)


def test_verdict_lists_failing_items_and_the_ratio(complete: Evidence) -> None:
    ev = _without(complete, indicators={"road-lighting-rate", "green-coverage-rate"})
    result = score(make_ctx(ev))
    assert result.verdict_reasons == ["2 条不达标：（十）、（十二）"]
    assert result.verdict == "不通过"
    strict = make_ctx(ev, profiles=["strict"], extra_profiles=[{"id": "strict", "scoring": {"scheme": "deduction", "pass_ratio": 0.99}}])
    assert score(strict).verdict_reasons == ["2 条不达标：（十）、（十二）", "总得分率 97.8%，低于 99%"]


def test_eleven_failing_items_are_shortened(complete: Evidence) -> None:
    items = [it for it in b.bundled().items[:11]]
    ev = complete.model_copy(update={"documents": [d for d in complete.documents if d.item not in {it.id for it in items}]})
    reasons = score(make_ctx(ev)).verdict_reasons
    assert reasons[0] == "11 条不达标：（一）、（二）、（三）、（四）、（五）、（六）、（七）、（八）、（九）、（十）等"


def test_a_failed_veto_fails_the_verdict_with_exact_reasons(complete: Evidence) -> None:
    ev = _without(complete, indicators={"waste-harmless-rate"}, series=[b.series("waste-harmless-rate", {2026: 85})])
    result = score(make_ctx(ev, profiles=["veto-2014"]))
    assert result.veto_failed is True
    assert result.verdict == "不通过"
    assert result.verdict_reasons == [
        "一票否决“城市生活垃圾无害化处理率≥90%”未通过：不满足：城市生活垃圾无害化处理率",
        "1 条不达标：（十四）",
    ]


def test_an_unproven_veto_says_what_is_missing_once(complete: Evidence) -> None:
    """Regression: the verdict once read “无法证明：无法证明：缺 …”."""
    ev = _without(complete, materials={"org-committee/office-establishment"})
    result = score(make_ctx(ev, profiles=["veto-2014"]))
    assert [v.status for v in result.vetoes if v.status != "通过"] == ["缺材料"]
    assert result.verdict_reasons[0] == "一票否决“爱卫办机构设置和人员组成”无法证明：缺 爱卫办机构编制文件（机构、职能、人员）"


def test_a_failed_veto_fails_even_a_full_score(complete: Evidence) -> None:
    ev = complete.model_copy(update={"incidents": [b.incident("重大食品安全事故", dt.date(2026, 6, 1))]})
    result = score(make_ctx(ev, profiles=["veto-2014"]))
    assert (result.totals.ratio, result.verdict, result.veto_failed) == (1.0, "不通过", True)
    assert result.verdict_reasons == [
        "一票否决“近3年未发生重大环境污染和生态、食品安全、职业病危害和实验室生物安全事故”未通过：不满足：2026-06-01 重大食品安全事故"
    ]


# -- waivers --------------------------------------------------------------------------------------


def test_an_active_item_waiver_excludes_the_item(complete: Evidence) -> None:
    ev = _without(complete, materials={"org-agenda/performance-rules"}, waivers=[b.waiver("w-agenda", "org-agenda", W_START, W_END)])
    result = score(make_ctx(ev))
    item = _item(result, "org-agenda")
    assert (item.status, item.marks, item.score, item.points_lost, item.waiver, item.applicable) == ("不适用", 0.0, 0.0, 0.0, "w-agenda", True)
    assert {f.waived_by for f in item.findings} == {"w-agenda"}
    assert {f.status for f in item.findings} == {"不适用"}
    assert (result.totals.marks, result.totals.score, result.totals.ratio) == (88.0, 88.0, 1.0)
    assert (result.totals_before_waivers.marks, result.totals_before_waivers.score) == (90.0, 89.5)
    assert result.totals_before_waivers.counts["不达标"] == 1
    assert [w.model_dump() for w in result.waivers] == [
        {"id": "w-agenda", "item": "org-agenda", "material": None, "indicator": None, "reason": "本市不涉及", "approver": "市爱卫办", "expires": W_END, "active": True}
    ]
    assert "org-agenda/material/performance-rules" not in {g.gap for g in result.gaps}


def test_an_expired_waiver_is_ignored_and_reported_inactive(complete: Evidence) -> None:
    ev = _without(complete, materials={"org-agenda/performance-rules"}, waivers=[b.waiver("w-old", "org-agenda", dt.date(2025, 1, 1), dt.date(2027, 2, 28))])
    result = score(make_ctx(ev))
    item = _item(result, "org-agenda")
    assert (item.status, item.score, item.waiver) == ("不达标", 1.5, None)
    assert [(w.id, w.active) for w in result.waivers] == [("w-old", False)]
    assert result.totals == result.totals_before_waivers


@pytest.mark.parametrize(
    ("approved", "expires", "active"),
    [
        (b.TODAY, b.TODAY, True),
        (dt.date(2027, 3, 2), W_END, False),  # approved after today: not yet in force
        (W_START, dt.date(2027, 2, 28), False),
    ],
)
def test_waiver_dates_are_inclusive(complete: Evidence, approved: dt.date, expires: dt.date, active: bool) -> None:
    ev = complete.model_copy(update={"waivers": [b.waiver("w", "org-agenda", approved, expires)]})
    result = score(make_ctx(ev))
    assert [w.active for w in result.waivers] == [active]
    assert (_item(result, "org-agenda").waiver == "w") is active


def test_a_material_waiver_waives_only_that_material(complete: Evidence) -> None:
    ev = _without(
        complete,
        materials={"org-agenda/performance-rules", "org-agenda/development-plan"},
        waivers=[b.waiver("w-rules", "org-agenda", W_START, W_END, material="performance-rules")],
    )
    item = _item(score(make_ctx(ev)), "org-agenda")
    by_gap = {f.gap: f for f in item.findings}
    assert (by_gap["org-agenda/material/performance-rules"].status, by_gap["org-agenda/material/performance-rules"].waived_by) == ("不适用", "w-rules")
    assert (by_gap["org-agenda/material/development-plan"].status, by_gap["org-agenda/material/development-plan"].points_lost) == ("缺材料", 0.5)
    assert (item.score, item.waiver) == (1.5, None)


def test_a_material_waiver_completes_its_check_point(complete: Evidence) -> None:
    """Regression: the check point's material_set finding used to be computed before waivers, so it still said 缺 the
    waived material and the item stayed 缺材料 although nothing required was missing."""
    ev = _without(complete, materials={"org-agenda/performance-rules"}, waivers=[b.waiver("w-rules", "org-agenda", W_START, W_END, material="performance-rules")])
    item = _item(score(make_ctx(ev)), "org-agenda")
    assert (item.status, item.score) == ("达标", 2.0)
    assert {f.status for f in item.findings if f.gap == "org-agenda/set/performance"} <= {"达标", "不适用", "未评估"}


def test_an_indicator_waiver(complete: Evidence) -> None:
    ev = _without(complete, indicators={"road-lighting-rate"}, waivers=[b.waiver("w-light", "env-roads", W_START, W_END, indicator="road-lighting-rate")])
    item = _item(score(make_ctx(ev)), "env-roads")
    found = next(f for f in item.findings if f.gap == "env-roads/indicator/road-lighting-rate")
    assert (found.status, found.points_lost, found.waived_by) == ("不适用", 0.0, "w-light")
    assert (item.status, item.score) == ("达标", 2.0)


# -- --assume -------------------------------------------------------------------------------------


def test_assume_closes_exactly_the_named_gaps(complete: Evidence) -> None:
    ev = _without(complete, materials={"org-agenda/performance-rules"}, indicators={"road-lighting-rate", "green-coverage-rate"})
    ctx = make_ctx(ev)
    before = score(ctx)
    named = frozenset({"env-roads/indicator/road-lighting-rate", "env-greening/indicator/green-coverage-rate"})
    after = score(ctx, named)
    assert after.assumed == ["env-greening/indicator/green-coverage-rate", "env-roads/indicator/road-lighting-rate"]
    changed = {}
    for it_before, it_after in zip(before.items, after.items):
        for f_before, f_after in zip(it_before.findings, it_after.findings):
            if f_before != f_after:
                changed[f_after.gap] = (f_after.status, f_after.points_lost, f_after.assumed, f_after.reason)
    assert changed == {
        "env-roads/indicator/road-lighting-rate": ("达标", 0.0, True, "假设已整改：未填报该指标"),
        "env-greening/indicator/green-coverage-rate": ("达标", 0.0, True, "假设已整改：未填报该指标"),
    }
    assert (before.totals.score, after.totals.score) == (87.5, 89.5)
    assert [g.gap for g in after.gaps] == ["org-agenda/material/performance-rules"]


def test_assume_closed_leaves_other_findings_alone() -> None:
    findings = [_f("缺材料", 0.5, "a"), _f("不达标", 1.0, "b"), _f("达标", 0.0, "c")]
    closed = assume_closed(findings, frozenset({"a", "zzz"}))
    assert closed[1:] == findings[1:]
    assert (closed[0].status, closed[0].points_lost, closed[0].assumed, closed[0].reason) == ("达标", 0.0, True, "假设已整改：因为")


def test_assuming_a_material_completes_its_check_point(complete: Evidence) -> None:
    """BUG: --assume closes the material but the check point's material_set finding was computed before, so the item
    stays 缺材料 (with full marks) instead of 达标."""
    ev = _without(complete, materials={"org-agenda/performance-rules"})
    item = _item(score(make_ctx(ev), frozenset({"org-agenda/material/performance-rules"})), "org-agenda")
    assert (item.status, item.score) == ("达标", 2.0)


# -- gaps and points at stake ---------------------------------------------------------------------


def test_gaps_are_ordered_by_points_at_stake_then_item_number(complete: Evidence) -> None:
    ev = _without(
        complete,
        materials={"org-committee/budget", "env-roads/lighting-ledger"},
        indicators={"green-coverage-rate"},
        inspections=[b.inspection("学校", dt.date(2027, 2, 1), id="school-x", problems=["卫生死角"])],
    )
    ev = ev.model_copy(update={"documents": [d for d in ev.documents if d.id != "meeting-minutes-2"]})
    result = score(make_ctx(ev))
    assert [(g.gap, g.status, g.points_at_stake) for g in result.gaps] == [
        ("env-greening/indicator/green-coverage-rate", "缺材料", 1.0),
        ("org-committee/material/budget", "缺材料", 0.5),
        ("env-roads/material/lighting-ledger", "缺材料", 0.5),
        ("place-schools/site/aiweiban/school-x/1", "基本达标", 0.3),
        ("org-agenda/material/meeting-minutes", "缺材料", 0.1667),
    ]
    gap = result.gaps[0]
    assert (gap.item, gap.label, gap.subject, gap.reason, gap.departments) == (
        "env-greening", "（十二）", "指标 18 建成区绿化覆盖率", "未填报该指标", ["yuanlin"]
    )


def test_points_at_stake_stop_at_the_item_cap(complete: Evidence) -> None:
    """Six missing materials in one item lose 3 points but the item can only lose 2: closing one gains nothing alone."""
    ev = complete.model_copy(update={"documents": [d for d in complete.documents if d.item != "org-annual-work"]})
    result = score(make_ctx(ev))
    assert _item(result, "org-annual-work").score == 0.0
    # Still listed, so the worst items never vanish from 差距, but closing one alone gains nothing.
    gaps = [g for g in result.gaps if g.item == "org-annual-work"]
    assert gaps and {(g.status, g.points_at_stake) for g in gaps} == {("缺材料", 0.0)}


def test_status_scheme_lists_a_missing_material_as_a_gap(complete: Evidence) -> None:
    """BUG: with scheme: status, closing the material leaves its check point 缺材料, so the stake is 0 and the only
    thing wrong with the item disappears from the gap list."""
    ev = _without(complete, materials={"org-agenda/performance-rules"})
    ctx = make_ctx(ev, profiles=["by-status"], extra_profiles=[{"id": "by-status", "scoring": {"scheme": "status"}}])
    result = score(ctx)
    assert (_item(result, "org-agenda").status, _item(result, "org-agenda").score) == ("缺材料", 0.0)
    assert {g.gap: g.points_at_stake for g in result.gaps}.get("org-agenda/material/performance-rules") == 2.0


def test_adding_a_valid_document_never_lowers_the_score(complete: Evidence) -> None:
    """BUG: when expired_material < missing_material, a per-year material whose documents are all expired loses
    expired_material × 3/3 = 0.2; adding one valid year switches to missing_material × 2/3 = 0.33 and the score drops."""
    cheap_expiry = {"id": "cheap-expiry", "scoring": {"scheme": "deduction", "deductions": {"expired_material": 0.2, "missing_material": 0.5}}}
    rest = _without(complete, materials={"org-agenda/meeting-minutes"})
    old = [b.document("org-agenda", "meeting-minutes", id=f"m{y}", issued=dt.date(y, 7, 1)) for y in (2020, 2021)]
    new = b.document("org-agenda", "meeting-minutes", id="m2025", issued=dt.date(2025, 7, 1))

    def agenda_score(docs: list) -> float:  # type: ignore[type-arg]
        ev = rest.model_copy(update={"documents": [*rest.documents, *docs]})
        ctx = make_ctx(ev, profiles=["cheap-expiry"], extra_profiles=[cheap_expiry])
        return _item(score(ctx), "org-agenda").score

    # Documents of years outside 2024–2026 cover none of the lacking years: they cost as much as nothing.
    assert agenda_score(old) == pytest.approx(1.5)
    assert agenda_score([*old, new]) >= agenda_score(old)


# -- departments ----------------------------------------------------------------------------------


def test_departments_rank_lead_departments_first(complete: Evidence) -> None:
    ev = _without(complete, materials={"env-roads/lighting-ledger", "env-roads/site-ledger", "org-agenda/performance-rules"})
    result = score(make_ctx(ev))
    rows = result.departments
    assert [d.rank for d in rows] == list(range(1, len(rows) + 1))
    leads = [d for d in rows if d.lead_ratio is not None]
    supports = [d for d in rows if d.lead_ratio is None]
    assert rows == leads + supports
    assert [d.lead_ratio for d in leads] == sorted((d.lead_ratio for d in leads), reverse=True)
    assert [(d.code, d.lead_ratio) for d in leads[-2:]] == [("aiweiban", 0.9643), ("chengguan", 0.9167)]
    chengguan = leads[-1]
    # gaps counts the two materials and the two check points they leave incomplete (no points of their own).
    assert (chengguan.lead_items, chengguan.lead_marks, chengguan.lead_score, chengguan.gaps, chengguan.points_lost, chengguan.rank) == (
        ["env-roads", "env-ads", "env-sanitation-facilities", "env-waste-sorting", "env-toilets", "env-city-management"],
        12.0, 11.0, 4, 1.0, len(leads),
    )
    assert all(d.lead_ratio == 1.0 for d in leads[:-2])
    assert supports and all(d.lead_items == [] for d in supports)
    assert [d.code for d in supports] == sorted(d.code for d in supports)


def test_claims_decide_the_lead(complete: Evidence) -> None:
    claims = [
        ClaimsFile.model_validate({"department": "zhujian", "claims": [{"item": "env-roads", "role": "lead"}, {"item": "org-agenda", "role": "support"}]}),
        ClaimsFile.model_validate({"department": "chengguan", "claims": [{"item": "env-roads", "role": "support"}]}),
    ]
    ev = _without(complete, materials={"env-roads/lighting-ledger"})
    result = score(make_ctx(ev, claims=claims))
    roads = _item(result, "env-roads")
    assert (roads.lead, roads.support) == ("zhujian", ["chengguan"])
    assert (_item(result, "org-agenda").lead, _item(result, "org-agenda").support) == (None, ["zhujian"])
    missing = next(f for f in roads.findings if f.gap == "env-roads/material/lighting-ledger")
    assert missing.departments == ["zhujian"]


# -- determinism ----------------------------------------------------------------------------------


def test_scoring_twice_gives_identical_results(complete: Evidence) -> None:
    ev = _without(complete, materials={"org-agenda/performance-rules"}, inspections=[b.inspection("学校", dt.date(2027, 2, 1), id="s1", problems=["卫生死角", "乱堆乱摆"])])
    first = score(make_ctx(ev, profiles=["veto-2014"])).model_dump(mode="json")
    second = score(make_ctx(ev, profiles=["veto-2014"])).model_dump(mode="json")
    assert first == second


def test_the_order_of_records_does_not_matter(complete: Evidence) -> None:
    extra = {
        "inspections": [
            b.inspection("学校", dt.date(2027, 2, 1), id="s1", problems=["卫生死角"]),
            b.inspection("学校", dt.date(2027, 2, 1), id="s2", department="jiaoyu", problems=["乱堆乱摆"]),
        ],
        "vectors": [b.vector("fly", 2026, "D", department="aiweiban")],
        "incidents": [b.incident("重大食品安全事故", dt.date(2026, 6, 1))],
        "waivers": [b.waiver("w2", "env-ads", W_START, W_END), b.waiver("w1", "env-ads", W_START, dt.date(2027, 2, 1))],
    }
    ev = _without(complete, materials={"org-agenda/performance-rules"}, **extra)
    expected = score(make_ctx(ev, profiles=["veto-2014"])).model_dump(mode="json")
    rng = random.Random(7)
    for _ in range(3):
        shuffled = ev.model_copy(update={key: rng.sample(getattr(ev, key), len(getattr(ev, key))) for key in Evidence.model_fields})
        assert score(make_ctx(shuffled, profiles=["veto-2014"])).model_dump(mode="json") == expected


def test_veto_incidents_do_not_depend_on_the_order_they_were_read() -> None:
    """Regression (found by test_properties): rules/veto.py walked ctx.evidence.incidents in input order, so the veto's
    reason and evidence changed with the order of files/records."""
    kind = "因防控措施不力导致的甲、乙类传染病暴发流行"
    first, second = b.incident(kind, dt.date(2025, 1, 1)), b.incident(kind, dt.date(2025, 1, 2))
    reasons = []
    for incidents in ([first, second], [second, first]):
        result = score(make_ctx(Evidence(incidents=incidents), profiles=["veto-2014"]))
        reasons.append(next(v.reason for v in result.vetoes if v.id == "veto-2014-09"))
    assert reasons == [f"不满足：2025-01-01 {kind}；2025-01-02 {kind}"] * 2


def test_two_monitoring_records_of_one_pest_do_not_depend_on_their_order() -> None:
    """BUG: the context sorts vector results by (pest, year, department) only; two records of the same department and
    year (e.g. spring and autumn monitoring) keep their input order, and so does the level finding's evidence trail.
    Found by test_properties."""
    spring = b.vector("rat", 2026, "B", where="evidence/jikong/manifest.yaml:30")
    autumn = b.vector("rat", 2026, "C", where="evidence/jikong/manifest.yaml:36")
    trails = []
    for vectors in ([spring, autumn], [autumn, spring]):
        item = _item(score(make_ctx(Evidence(vectors=vectors))), "dis-vector-density")
        trails.append(next(f for f in item.findings if f.gap == "dis-vector-density/indicator/rat-density").model_dump())
    assert trails[0] == trails[1]
