"""The bundled standard (standards/nhc-2021): clean, complete, and honest about what is verbatim."""

from __future__ import annotations

import pytest

from cwassess.departments import DepartmentResolver
from cwassess.standard.lint import lint_standard
from cwassess.standard.load import LoadResult, load_standard
from cwassess.standard.model import Standard
from tests.helpers import BUNDLED

VERBATIM_ITEMS = {1, 2, 3, 4, 5, 10, 11, 12, 13, 14}
VERBATIM_SOURCE = {**{n: "S1" for n in (1, 2, 3, 4, 5)}, **{n: "S2" for n in (10, 11, 12, 13, 14)}}


@pytest.fixture(scope="module")
def loaded() -> LoadResult:
    return load_standard(BUNDLED)


@pytest.fixture(scope="module")
def std(loaded: LoadResult) -> Standard:
    assert loaded.standard is not None, "\n".join(p.render() for p in loaded.problems)
    return loaded.standard


def test_lints_with_zero_problems(loaded: LoadResult, std: Standard) -> None:
    problems = list(loaded.problems) + lint_standard(std, loaded.locator)
    assert [p.render() for p in problems] == []


def test_counts(std: Standard) -> None:
    assert len(std.sections) == 7
    assert len(std.items) == 45
    assert len(std.national_indicators()) == 65
    assert len(std.planning_targets()) == 6
    expected = std.meta.expected
    assert (expected.sections, expected.items, expected.indicators, expected.planning_targets) == (7, 45, 65, 6)


def test_item_numbers_are_1_to_45_in_order(std: Standard) -> None:
    assert [item.number for item in std.items] == list(range(1, 46))


def test_indicator_numbers_are_1_to_65(std: Standard) -> None:
    assert sorted(ind.number for ind in std.national_indicators()) == list(range(1, 66))  # type: ignore[type-var]
    assert [ind.number for ind in std.planning_targets()] == [None] * 6


def test_section_numbers(std: Standard) -> None:
    assert [s.info.number for s in std.sections] == ["一", "二", "三", "四", "五", "六", "七"]


def test_every_item_has_a_lead_given_by_its_code(std: Standard) -> None:
    codes = {d.code for d in std.departments}
    resolver = DepartmentResolver(std.departments)
    for item in std.items:
        assert item.lead is not None, f"（{item.number}）{item.title}"
        assert item.lead in codes, f"（{item.number}）lead {item.lead!r} 不是部门代码（{resolver.resolve(item.lead)}）"


def test_items_1_to_5_and_10_to_14_are_verbatim_with_their_source(std: Standard) -> None:
    for item in std.items:
        if item.number in VERBATIM_ITEMS:
            assert item.effective_verified == "verbatim", item.number
            assert item.provenance.verified == "verbatim", item.number
            assert VERBATIM_SOURCE[item.number] in item.provenance.source, item.number


def test_no_unverified_text_is_claimed_verbatim(std: Standard) -> None:
    """An item whose text is secondary/inferred/unverified must not carry official_text (which makes it verbatim),
    and must be shown as not verbatim everywhere (effective_verified)."""
    for item in std.items:
        if item.provenance.verified != "verbatim":
            assert item.official_text is None, item.number
            assert item.effective_verified == item.provenance.verified, item.number
            assert item.effective_verified != "verbatim", item.number


def test_every_verified_claim_cites_a_known_source(std: Standard) -> None:
    sources = {s.id for s in std.meta.sources}
    provenances = [std.meta.provenance, std.meta.scope_provenance, std.sampling.provenance]
    provenances += [s.info.provenance for s in std.sections]
    for item in std.items:
        provenances += [item.provenance, item.number_provenance]
        provenances += [r.provenance for r in item.requirements] + [m.provenance for m in item.materials]
    for ind in std.indicators:
        provenances += [ind.provenance, ind.item_provenance] + [s.provenance for s in ind.sub_indicators]
    for prov in provenances:
        if prov.verified in {"verbatim", "secondary"}:
            assert prov.source, prov
        assert set(prov.source) <= sources, prov


def test_every_indicator_rule_has_a_provenance(std: Standard) -> None:
    sources = {s.id for s in std.meta.sources}
    rules = [ind for ind in std.indicators if ind.rule is not None]
    assert rules, "no indicator has a rule"
    for ind in rules:
        prov = ind.rule.provenance  # type: ignore[union-attr]
        assert prov.verified in {"verbatim", "secondary", "inferred", "unverified"}, ind.id
        if prov.verified in {"verbatim", "secondary"}:
            assert prov.source and set(prov.source) <= sources, ind.id
        else:
            assert prov.source or prov.note, f"{ind.id}: 推断/未核实的阈值应说明依据（source 或 note）"


def test_every_indicator_belongs_to_an_existing_item(std: Standard) -> None:
    assert {ind.item for ind in std.indicators} <= set(std.items_by_id)


def test_profiles_apply_to_this_standard(std: Standard) -> None:
    assert std.profiles, "no profile"
    assert {p.standard for p in std.profiles} == {std.meta.id}
    assert "veto-2014" in {path.stem for path in (BUNDLED / "profiles").glob("*.yaml")}
