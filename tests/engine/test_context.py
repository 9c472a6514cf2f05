"""cwassess/engine/context.py: profiles in order, thresholds, vetoes, leads from claims, population tier, indexes."""

from __future__ import annotations

import datetime as dt

import pytest

from cwassess.engine.context import population_tier
from cwassess.evidence.model import Evidence
from cwassess.models.claims import ClaimsFile
from tests import builders as b


@pytest.mark.parametrize(("wan", "tier"), [(0.5, "lt50"), (49.99, "lt50"), (50, "from50to200"), (199.9, "from50to200"), (200, "gt200"), (2500, "gt200")])
def test_population_tier(wan: float, tier: str) -> None:
    assert population_tier(b.bundled(), wan) == tier
    assert b.context(city_file=b.city(population_wan=wan)).tier == tier


def test_profiles_apply_in_order_and_once() -> None:
    """BUG: build_context de-duplicates against the order list as it was *before* adding the city's and the command
    line's profiles, so veto-2014 named in city.yaml and again with --profile is applied twice: every veto (and every
    一票否决 reason) appears twice."""
    extra = {"id": "province", "thresholds": {"satisfaction-rate": {"type": "threshold", "op": ">=", "value": 95, "version": "default", "provenance": {"verified": "unverified"}}}}
    ctx = b.context(city_file=b.city(profiles=["veto-2014", "nope"]), profiles=["province", "veto-2014", "scoring-default"], extra_profiles=[extra])
    assert ctx.profiles == ["scoring-default", "veto-2014", "province"]
    assert ctx.thresholds["satisfaction-rate"].value == 95  # the last profile wins
    assert ctx.thresholds["waste-harmless-rate"].version == "2014"
    assert [v.id for _, v in ctx.vetoes][:2] == ["veto-2014-01", "veto-2014-02"]
    assert {p for p, _ in ctx.vetoes} == {"veto-2014"}
    assert len(ctx.vetoes) == 11
    assert b.context().thresholds["satisfaction-rate"].version == "2014"
    assert b.context().vetoes == []


def test_a_profiles_scoring_block_changes_only_what_it_writes() -> None:
    """A province that sets 5 marks per item and the cost of one problem class keeps every other default."""
    province = {"id": "province", "scoring": {"scheme": "deduction", "item_marks": 5, "deductions": {"site_problem": {"乱堆乱摆": 0.4}}}}
    base = b.context().scheme
    scheme = b.context(profiles=["province"], extra_profiles=[province]).scheme
    assert scheme.item_marks == 5
    assert scheme.deductions.site_problem == {**base.deductions.site_problem, "乱堆乱摆": 0.4}
    assert scheme.deductions.missing_material == base.deductions.missing_material
    assert (scheme.site_types, scheme.zero_tolerance, scheme.basic_ratio) == (base.site_types, base.zero_tolerance, base.basic_ratio)
    assert len(base.site_types) > 20 and base.deductions.site_problem["乱堆乱摆"] != 0.4


def test_disabled_vetoes_are_dropped_whatever_the_profile_order() -> None:
    off = {"id": "off", "disable_vetoes": ["veto-2014-03", "veto-2014-11"]}
    for order in (["off", "veto-2014"], ["veto-2014", "off"]):
        ids = [v.id for _, v in b.context(profiles=order, extra_profiles=[off]).vetoes]
        assert "veto-2014-03" not in ids and "veto-2014-11" not in ids and len(ids) == 9


def test_claims_replace_the_standards_leads() -> None:
    claims = [
        ClaimsFile.model_validate({"department": "zhujian", "claims": [{"item": "env-roads", "role": "lead"}, {"item": "nope", "role": "lead"}]}),
        ClaimsFile.model_validate({"department": "chengguan", "claims": [{"item": "env-roads", "role": "lead"}, {"item": "env-roads", "role": "support"}]}),
        ClaimsFile.model_validate({"department": "jiedao", "claims": [{"item": "env-roads", "role": "support"}, {"item": "env-roads", "role": "support"}]}),
    ]
    ctx = b.context(claims=claims)
    # Two leads claimed: the first department in code order keeps it; the other is not made a supporter.
    assert (ctx.lead_of["env-roads"], ctx.support_of["env-roads"]) == ("chengguan", ["chengguan", "jiedao"])
    assert (ctx.lead_of["org-agenda"], ctx.support_of["org-agenda"]) == (None, [])
    assert ctx.responsible("org-agenda") == []
    assert b.context().lead_of["org-agenda"] == "aiweiban"


def test_a_survey_stands_in_for_an_unfiled_indicator() -> None:
    ev = Evidence(surveys=[b.survey("satisfaction-rate", 2025, 1500, 91.0), b.survey("satisfaction-rate", 2026, 1200, 93.5)])
    ctx = b.context(ev)
    series = ctx.series["satisfaction-rate"]
    assert [(v.year, v.value, v.raw) for v in series.values] == [(2025, 91.0, "91%"), (2026, 93.5, "93.5%")]
    assert (series.source, series.department) == ("调查", "tongji")
    filed = b.series("satisfaction-rate", {2026: 88})
    assert b.context(Evidence(series=[filed], surveys=ev.surveys)).series["satisfaction-rate"] == filed


def test_one_series_per_indicator_first_department_wins() -> None:
    ev = Evidence(series=[b.series("road-lighting-rate", {2026: 90}, department="zhujian"), b.series("road-lighting-rate", {2026: 100}, department="chengguan")])
    assert b.context(ev).series["road-lighting-rate"].department == "chengguan"


def test_indexes_are_sorted() -> None:
    d1 = b.document("org-agenda", "meeting-minutes", id="b", issued=dt.date(2025, 1, 1))
    d2 = b.document("org-agenda", "meeting-minutes", id="a", issued=dt.date(2026, 1, 1))
    i1 = b.inspection("学校", dt.date(2027, 2, 2), id="x")
    i2 = b.inspection("学校", dt.date(2027, 2, 1), id="y")
    ctx = b.context(Evidence(documents=[d1, d2], inspections=[i1, i2]))
    assert [d.id for d in ctx.documents[("org-agenda", "meeting-minutes")]] == ["a", "b"]
    assert [i.id for i in ctx.inspections] == ["y", "x"]
