"""Golden pass/fail cases for every rule type: tests/golden/<rule-type>/<case>.<outcome>.yaml.

Each case is one small YAML file:

    description: 为什么有这个用例
    indicator: road-lighting-rate      # indicator rules, survey_rate (the item is the indicator's item)
    item: org-agenda                   # document_present, material_set, sampled_sites, conditional
    material: meeting-minutes          # document_present
    requirement: agenda                # material_set
    gap: org-agenda/material/regulation  # conditional: which finding of the item to check
    veto: veto-2014-03                 # veto: a bundled veto (its profile is switched on), or a mapping
    open_problems: [{problem_id: P-1, items: [env-roads], ...}]   # ledger problems not yet 已销号 (open_problems, sampled_sites)
    closed_sites: [aiweiban/insp-1/1]  # inspection problems 已销号 in the ledger (sampled_sites)
    site_gaps: [env-roads/site/...]    # open_problems: site findings that already deduct a problem
    rule: {type: threshold, op: ">=", value: 100}   # optional: replaces the indicator's rule
    minimum: 1000                      # survey_rate: optional, default from the scoring profile
    city: {legislative_power: false}   # optional: fields of city.yaml (defaults in tests/builders.py)
    today: 2027-03-01                  # optional
    profiles: [veto-2014]              # optional: bundled profiles to switch on
    extra_profiles: [{id: ..., ...}]   # optional: profiles added as a workspace would add them
    evidence: {series: [...], documents: [...], inspections: [...], surveys: [...], vectors: [...], incidents: [...]}
    expected: {status: 达标, points_lost: 0, reason: 精确的中文原因}   # or a list, one per finding (sampled_sites)

The outcome in the file name (pass, fail, basic, missing, na, …) must agree with expected.status.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from cwassess.engine.results import Finding, VetoResult
from cwassess.engine.score import evaluate_item, item_applies
from cwassess.evidence.model import Evidence
from cwassess.models.profile import Veto
from cwassess.rules import INDICATOR_RULES, RULES, conditional, document_present, material_set, open_problems, sampled_sites, survey_rate, veto
from cwassess.rules.base import RuleDoc
from tests import builders as b

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = sorted(GOLDEN.glob("*/*.yaml"))
# What each outcome in a file name means: the statuses a finding (or veto) may then have.
OUTCOMES = {
    "pass": {"达标", "通过"},
    "fail": {"不达标", "否决", "缺材料"},
    "basic": {"基本达标"},
    "missing": {"缺材料"},
    "na": {"不适用"},
    "optional": {"未评估"},
    "disabled": {None},
}


def _load(path: Path) -> dict[str, Any]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(case, dict) and case.get("description") and "expected" in case, path
    unknown = set(case) - {
        "description", "indicator", "item", "material", "requirement", "gap", "veto", "rule", "minimum", "city", "today",
        "profiles", "extra_profiles", "evidence", "expected", "open_problems", "closed_sites", "site_gaps",
    }
    assert not unknown, f"{path.name}: unknown keys {unknown}"
    return case


def _evidence(case: dict[str, Any]) -> Evidence:
    raw = case.get("evidence") or {}
    unknown = set(raw) - {"series", "documents", "inspections", "surveys", "vectors", "incidents", "waivers"}
    assert not unknown, unknown
    docs = []
    for n, d in enumerate(raw.get("documents", []), start=1):
        d = dict(d)
        item = d.pop("item", case.get("item"))
        material = d.pop("material", case.get("material"))
        if "period" in d:
            d["period"] = (d["period"]["start"], d["period"]["end"])
        d.setdefault("id", f"{material}-{n}")
        docs.append(b.document(item, material, **d))
    inspections = []
    for n, i in enumerate(raw.get("inspections", []), start=1):
        i = dict(i)
        i.setdefault("id", f"insp-{n}")
        inspections.append(b.inspection(i.pop("site_type"), i.pop("date"), **i))
    return Evidence(
        series=[b.series(s["indicator"], s["values"], s.get("department"), s.get("source")) for s in raw.get("series", [])],
        documents=docs,
        inspections=inspections,
        surveys=[b.survey(**s) for s in raw.get("surveys", [])],
        vectors=[b.vector(**s) for s in raw.get("vectors", [])],
        incidents=[b.incident(s["type"], s["date"], **{k: v for k, v in s.items() if k not in {"type", "date"}}) for s in raw.get("incidents", [])],
        waivers=[b.waiver(w.pop("id"), w.pop("item"), w.pop("approved"), w.pop("expires"), **w) for w in map(dict, raw.get("waivers", []))],
    )


def _bundled_veto(veto_id: str) -> tuple[str, Veto]:
    for prof in b.bundled().profiles:
        for v in prof.vetoes:
            if v.id == veto_id:
                return prof.id, v
    raise AssertionError(f"no bundled veto {veto_id}")


def evaluate_case(rule_type: str, case: dict[str, Any]) -> list[Finding] | list[VetoResult]:
    """Builds a minimal Context for the case and calls the rule's own evaluate."""
    profiles = list(case.get("profiles", []))
    if rule_type == "veto" and isinstance(case["veto"], str):
        owner, _ = _bundled_veto(case["veto"])
        profiles = [*profiles, owner] if owner not in profiles else profiles
    ctx = b.context(
        _evidence(case),
        city_file=b.city(**case.get("city", {})),
        today=case.get("today", b.TODAY),
        profiles=profiles,
        extra_profiles=case.get("extra_profiles", []),
        open_problems=[b.open_problem(p.pop("problem_id"), p.pop("items"), **p) for p in map(dict, case.get("open_problems", []))],
        closed_sites=set(case.get("closed_sites", [])),
    )
    std = ctx.std
    if rule_type in INDICATOR_RULES or rule_type == "survey_rate":
        ind = std.indicators_by_id[case["indicator"]]
        item = std.items_by_id[ind.item]
        if rule_type == "survey_rate":
            minimum = case.get("minimum", ctx.scheme.survey_min_sample.get(ind.id))
            return [survey_rate.evaluate(ctx, item, ind, minimum)]
        spec = b.rule(case["rule"]) if "rule" in case else ctx.thresholds.get(ind.id)
        if spec is not None:
            assert spec.type == rule_type, f"the case's rule is {spec.type}, not {rule_type}"
        return [INDICATOR_RULES[rule_type].evaluate(ctx, item, ind, spec)]
    if rule_type == "veto":
        if isinstance(case["veto"], str):
            profile_id, spec = _bundled_veto(case["veto"])
        else:
            profile_id, spec = "test", Veto.model_validate({"version": "default", "provenance": {"verified": "unverified"}, **case["veto"]})
        enabled = [v for p, v in ctx.vetoes if v.id == spec.id]
        if not enabled:
            return []
        by_gap = {f.gap: f for it in std.items if item_applies(ctx, it) for f in evaluate_item(ctx, it)}
        return [veto.evaluate(ctx, profile_id, enabled[0], by_gap)]
    item = std.items_by_id[case["item"]]
    if rule_type == "document_present":
        return [document_present.evaluate(ctx, item, b.material_of(item.id, case["material"]))]
    if rule_type == "material_set":
        req = next(r for r in item.requirements if r.id == case["requirement"])
        mats = [document_present.evaluate(ctx, item, m) for m in item.materials]
        return [material_set.evaluate(ctx, item, req, mats)]
    if rule_type == "sampled_sites":
        return sampled_sites.evaluate(ctx, item)
    if rule_type == "open_problems":
        return open_problems.evaluate(ctx, item, set(case.get("site_gaps", [])))
    if rule_type == "conditional":
        found = [f for f in evaluate_item(ctx, item) if f.gap == case["gap"]]
        assert len(found) == 1, f"{case['gap']} not among the item's findings"
        return found
    raise AssertionError(f"no runner for rule type {rule_type}")


def _compare(actual: Finding | VetoResult, expected: dict[str, Any]) -> None:
    shown = actual.model_dump()
    for key, want in expected.items():
        assert key in shown, f"{type(actual).__name__} has no field {key}"
        got = shown[key]
        if isinstance(want, (int, float)) and not isinstance(want, bool):
            assert got == pytest.approx(want, abs=1e-4), key
        else:
            assert got == want, key


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_golden_case(path: Path) -> None:
    rule_type = path.parent.name
    assert rule_type in RULES, f"{path.parent.name} is not a rule type"
    case = _load(path)
    outcome = path.stem.rsplit(".", 1)[-1]
    assert outcome in OUTCOMES, f"{path.name}: outcome {outcome} unknown"
    results = evaluate_case(rule_type, case)
    expected = case["expected"]
    if rule_type == "veto" and expected.get("disabled"):
        assert results == []
        assert outcome == "disabled"
        return
    if isinstance(expected, dict):
        assert len(results) == 1, [r.model_dump() for r in results]
        assert results[0].status in OUTCOMES[outcome]
        _compare(results[0], expected)
    elif expected == []:
        # Nothing to deduct (e.g. a ledger problem already counted as a site finding): only a pass case may say so.
        assert (results, outcome) == ([], "pass")
    else:
        assert len(results) == len(expected), [r.model_dump() for r in results]
        for got, want in zip(results, expected):
            _compare(got, want)
        worst = {r.status for r in results}
        assert worst & OUTCOMES[outcome], f"no finding with a {outcome} status: {worst}"


def test_every_rule_type_has_a_pass_and_a_fail_case() -> None:
    """A failing case is one that loses points: .fail (不达标/否决/缺材料), .missing (缺材料: the only way record loses)
    or .basic (基本达标: the only way open_problems loses)."""
    outcomes: dict[str, set[str]] = {name: set() for name in RULES}
    for path in CASES:
        outcomes.setdefault(path.parent.name, set()).add(path.stem.rsplit(".", 1)[-1])
    lacking = {name: seen for name, seen in outcomes.items() if "pass" not in seen or not seen & {"fail", "missing", "basic"}}
    assert lacking == {}
    assert set(outcomes) == set(RULES), "a golden folder that is not a rule type"


@pytest.mark.parametrize("name", sorted(RULES))
def test_every_rule_type_documents_itself(name: str) -> None:
    module = RULES[name]
    assert module.TYPE == name
    assert isinstance(module.DOC, RuleDoc)
    for section in ("title", "requirement", "why", "example", "remedy"):
        text = getattr(module.DOC, section)
        assert text.strip() and any("\u4e00" <= ch <= "\u9fff" for ch in text), (name, section)


def test_conditional_applies_reads_the_city_file() -> None:
    from cwassess.models.common import Applicability

    legislative = Applicability(legislative_power=True)
    port_city = Applicability(kind=["city"], port=True)
    with_power = b.context(city_file=b.city(legislative_power=True, port=False))
    without = b.context(city_file=b.city(legislative_power=False, port=True))
    assert [conditional.applies(with_power, c) for c in (None, legislative, port_city)] == [True, True, False]
    assert [conditional.applies(without, c) for c in (None, legislative, port_city)] == [True, False, True]
    assert port_city.describe() == "国家卫生城市，建有港口"


def test_every_case_date_is_a_date() -> None:
    """YAML turns 2027-03-01 into a date; a quoted date in a case would silently be a string."""
    for path in CASES:
        case = _load(path)
        if "today" in case:
            assert isinstance(case["today"], dt.date), path.name
