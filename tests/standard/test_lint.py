"""cwassess/standard/lint.py (with load.py): the mini standard is clean; each broken file gives exactly its problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cwassess.models.profile import ProfileFile
from cwassess.standard.lint import lint_profile, lint_standard
from cwassess.standard.load import load_standard
from tests.broken_cases import BROKEN_CASES, Case
from tests.helpers import BROKEN, lint_rendered


def test_mini_standard_lints_with_zero_problems(mini: Path) -> None:
    assert lint_rendered(mini) == []


def test_mini_standard_has_the_counts_it_declares(mini: Path) -> None:
    std = load_standard(mini).standard
    assert std is not None
    assert (len(std.sections), len(std.items), len(std.national_indicators()), len(std.planning_targets())) == (2, 3, 3, 1)
    assert [item.number for item in std.items] == [1, 2, 3]
    assert [p.id for p in std.profiles] == ["strict"]


def test_table_has_at_least_25_distinct_fixtures() -> None:
    names = [case.fixture for case in BROKEN_CASES]
    assert len(names) >= 25
    assert len(set(names)) == len(names)
    assert sorted(p.name for p in BROKEN.iterdir()) == sorted(names)


@pytest.mark.parametrize("case", BROKEN_CASES, ids=[c.fixture.removesuffix(".yaml") for c in BROKEN_CASES])
def test_broken_file(case: Case, mini: Path) -> None:
    target = mini / case.target
    assert target.is_file(), f"{case.target} is not a file of the mini standard"
    shutil.copyfile(BROKEN / case.fixture, target)
    assert lint_rendered(mini) == sorted(case.expected)


# --- focused checks the table cannot express ----------------------------------------------------------------


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unknown_veto_material_never_suggests_itself(mini: Path) -> None:
    """BUG: with a duplicate item id, items_by_id keeps the last item but the suggestion list has both,
    so the veto material "org-plan/plan-doc" is rejected with 是否想写“org-plan/plan-doc”？"""
    _replace(mini / "sections/b.yaml", "  - id: vector-control\n", "  - id: org-plan\n")
    rendered = lint_rendered(mini)
    assert "mini/sections/a.yaml:8:5: 错误: items.0.id: 条目编号“org-plan”重复" in rendered
    assert [r for r in rendered if "未知材料“org-plan/plan-doc”，是否想写“org-plan/plan-doc”" in r] == []


def test_scope_provenance_source_is_checked(mini: Path) -> None:
    """BUG: standard.yaml's scope_provenance is not among the provenances lint checks."""
    _replace(mini / "standard.yaml", "scope_provenance: {verified: verbatim, source: [M1]}", "scope_provenance: {verified: verbatim, source: [M9]}")
    assert lint_rendered(mini) == ["mini/standard.yaml:9:49: 错误: scope_provenance.source.0: 未知来源“M9”"]


def test_sampling_provenance_source_is_checked(mini: Path) -> None:
    """BUG: sampling.yaml's provenance is not among the provenances lint checks."""
    _replace(mini / "sampling.yaml", "provenance: {verified: inferred, source: [M1]}", "provenance: {verified: inferred, source: [M9]}")
    assert lint_rendered(mini) == ["mini/sampling.yaml:2:43: 错误: provenance.source.0: 未知来源“M9”"]


def test_sub_indicator_provenance_source_is_checked(mini: Path) -> None:
    """BUG: sub-indicators' provenance is not among the provenances lint checks."""
    _replace(mini / "indicators.yaml", "        levels: {A: 1, B: 3, C: 5, D: null}\n        provenance: {verified: inferred}",
             "        levels: {A: 1, B: 3, C: 5, D: null}\n        provenance: {verified: secondary}")
    assert lint_rendered(mini) == [
        "mini/indicators.yaml:49:9: 错误: indicators.2.sub_indicators.0.provenance: 标为已核实（verbatim/secondary）的内容必须注明来源（source）"
    ]


def test_lead_also_in_support_and_duplicate_support(mini: Path) -> None:
    _replace(mini / "sections/b.yaml", "    support: [aiweiban]", "    support: [jikong, aiweiban, aiweiban]")
    assert lint_rendered(mini) == [
        "mini/sections/b.yaml:16:5: 错误: items.0.support: 牵头部门“jikong”不应同时列为配合部门",
        "mini/sections/b.yaml:16:5: 错误: items.0.support: 配合部门“aiweiban”重复",
    ]


def test_support_alias_and_unknown_owner(mini: Path) -> None:
    _replace(mini / "sections/b.yaml", "    support: [aiweiban]", "    support: [市创卫办]")
    _replace(mini / "indicators.yaml", "    owner: [jikong]", "    owner: [疾控所]")
    assert lint_rendered(mini) == [
        "mini/indicators.yaml:38:13: 错误: indicators.2.owner.0: 未知部门“疾控所”，是否想写“jikong（疾控中心）”？",
        "mini/sections/b.yaml:16:15: 警告: items.0.support.0: 请用部门代码“aiweiban”代替名称“市创卫办”",
    ]


def test_per_year_material_needs_a_year_range(mini: Path) -> None:
    _replace(mini / "sections/a.yaml", "        period: 近3年\n        per_year: true", "        period: 现行有效\n        per_year: true")
    assert lint_rendered(mini) == [
        "mini/sections/a.yaml:57:9: 错误: items.1.materials.0.per_year: 按年计数的材料须有年份范围（应为：近1年、近3年 或 近5年；实际：现行有效）"
    ]


def test_items_out_of_order(mini: Path) -> None:
    _replace(mini / "standard.yaml", "  - sections/a.yaml\n  - sections/b.yaml", "  - sections/b.yaml\n  - sections/a.yaml")
    assert lint_rendered(mini) == ["mini/standard.yaml:11:1: 错误: sections: 条目没有按序号排列"]


def test_planning_target_with_number_and_indicator_without(mini: Path) -> None:
    _replace(mini / "indicators.yaml", "  - id: beds-target\n    role: planning_target", "  - id: beds-target\n    number: 9\n    role: planning_target")
    _replace(mini / "indicators.yaml", "  - id: rodent-density\n    number: 3\n", "  - id: rodent-density\n")
    assert lint_rendered(mini) == [
        "mini/indicators.yaml:31:5: 错误: indicators.2: 指标缺少序号（number）",
        "mini/indicators.yaml:50:5: 错误: indicators.3.number: 规划目标不占指标序号，number 应留空",
    ]


def test_plan_rule_must_point_at_a_planning_target_of_the_same_unit(mini: Path) -> None:
    _replace(mini / "indicators.yaml", "      plan: beds-target", "      plan: rodent-density")
    assert lint_rendered(mini) == ["mini/indicators.yaml:28:7: 错误: indicators.1.rule.plan: “rodent-density”不是规划目标指标"]


def test_plan_rule_unit_must_match_the_target(mini: Path) -> None:
    path = mini / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.endswith("    unit: 张\n")  # the planning target is the last entry
    path.write_text(text.removesuffix("张\n") + "床\n", encoding="utf-8")
    assert lint_rendered(mini) == ["mini/indicators.yaml:28:7: 错误: indicators.1.rule.plan: 规划目标与指标单位不一致（应为：张；实际：床）"]


def test_range_rule_and_series_years(mini: Path) -> None:
    _replace(mini / "indicators.yaml", '      op: ">="\n      value: 90', '      op: range\n      min: 95\n      max: 90')
    _replace(mini / "indicators.yaml", "      type: vs_plan\n      plan: beds-target", "      type: trend\n      direction: up\n      years: 5")
    assert lint_rendered(mini) == [
        "mini/indicators.yaml:13:7: 错误: indicators.0.rule.op: 范围规则须同时给出 min 和 max，且 min ≤ max",
        "mini/indicators.yaml:30:7: 错误: indicators.1.rule.years: 规则所需年数超过指标填报的年数（应为：≤ 3；实际：5）",
    ]


def test_sampling_tiers_and_rows(mini: Path) -> None:
    _replace(mini / "sampling.yaml", "min_wan: 50}", "min_wan: 60, max_wan: 100}")
    _replace(mini / "sampling.yaml", "    minimum: {small: 2, large: 4}", "    minimum: {small: 2}")
    assert lint_rendered(mini) == [
        "mini/sampling.yaml:14:5: 错误: rows.1.minimum: “农贸市场”的点位数须覆盖全部人口档（应为：small、large；实际：small）",
        "mini/sampling.yaml:5:34: 错误: tiers.1.min_wan: 人口规模档不连续（应为：50.0；实际：60.0）",
        "mini/sampling.yaml:5:47: 错误: tiers.1.max_wan: 最高档的上限应为空",
    ]


def test_department_code_and_name_clashes(mini: Path) -> None:
    with (mini / "departments.yaml").open("a", encoding="utf-8") as f:
        f.write("  - code: jikong\n    name: 疾控所\n  - code: caiwu\n    name: 卫健局\n")
    assert lint_rendered(mini) == [
        "mini/departments.yaml:21:5: 错误: departments.6.name: 名称“卫健局”同时指向“weijianwei”和“caiwu”",
        "mini/departments.yaml:9:5: 错误: departments.2.code: 部门代码“jikong”重复",
    ]


def test_profile_for_another_standard(mini: Path) -> None:
    _replace(mini / "profiles/p.yaml", "standard: mini", "standard: nhc-2021")
    assert lint_rendered(mini) == ["mini/profiles/p.yaml:6:1: 错误: standard: 配置适用的标准版本不符（应为：mini；实际：nhc-2021）"]


def test_lint_profile_reports_through_the_given_reporter(mini: Path) -> None:
    std = load_standard(mini).standard
    assert std is not None
    profile = ProfileFile.model_validate(
        {
            "id": "x",
            "title": "x",
            "provenance": {"verified": "verbatim"},
            "standard": "mini",
            "vetoes": [{"id": "v", "title": "否决", "text": "t", "item": "org-plan", "version": "2021",
                        "provenance": {"verified": "inferred", "source": ["M7"]}, "indicators": ["nope"]}],
        }
    )
    seen = [(tuple(sub), code, msg) for sub, code, msg in
            lint_profile(profile, std, lambda sub, code, msg, **kw: (sub, code, msg))]
    assert seen == [
        (("provenance",), "provenance.no-source", "标为已核实（verbatim/secondary）的内容必须注明来源（source）"),
        (("vetoes", 0, "indicators", 0), "ref.indicator", "未知指标“nope”"),
        (("vetoes", 0, "provenance", "source", 0), "ref.source", "未知来源“M7”"),
    ]


def test_scoring_tables_name_known_items(mini: Path) -> None:
    std = load_standard(mini).standard
    assert std is not None
    profile = ProfileFile.model_validate(
        {
            "id": "x", "title": "x", "provenance": {"verified": "unverified"}, "standard": "mini",
            "scoring": {"scheme": "deduction", "site_types": {"学校": ["org-plann"]}, "problem_items": {"无三防": ["org-plan", "org-plam"]}},
        }
    )
    seen = [(tuple(sub), code, msg) for sub, code, msg in lint_profile(profile, std, lambda sub, code, msg, **kw: (sub, code, msg))]
    assert seen == [
        (("scoring", "site_types", "学校", 0), "ref.item", "未知条目“org-plann”，是否想写“org-plan”？"),
        (("scoring", "problem_items", "无三防", 1), "ref.item", "未知条目“org-plam”，是否想写“org-plan”？"),
    ]


def test_lint_is_pure(mini: Path) -> None:
    """Linting twice gives the same problems and leaves the standard untouched."""
    result = load_standard(mini)
    assert result.standard is not None
    before = result.standard.model_dump()
    first = [p.render() for p in lint_standard(result.standard, result.locator)]
    second = [p.render() for p in lint_standard(result.standard, result.locator)]
    assert first == second == []
    assert result.standard.model_dump() == before
