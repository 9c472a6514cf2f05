"""Properties of the scoring engine over random evidence for the bundled standard.

Hypothesis profiles come from tests/conftest.py: "ci" by default, "fuzz" with CWASSESS_FUZZ=1.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cwassess.engine.context import Context
from cwassess.engine.results import ScoreResult
from cwassess.engine.score import item_applies, score
from cwassess.evidence.model import (
    Document,
    Evidence,
    Incident,
    IndicatorSeries,
    IndicatorValue,
    Inspection,
    SiteProblem,
    Survey,
    VectorResult,
    WaiverRecord,
)
from cwassess.evidence.validity import required_years
from cwassess.rules import conditional
from cwassess.rules.level import PEST_OF
from tests import builders as b

STD = b.bundled()
CTX0 = b.context()
ITEMS = [it for it in STD.items]
MATERIALS = [(it.id, m) for it in ITEMS for m in it.materials]
INDICATORS = [ind for ind in STD.indicators]
SITE_TYPES = sorted(CTX0.scheme.site_types) + ["其他点位", "学校"]
PROBLEM_CLASSES = sorted(CTX0.scheme.deductions.site_problem) + ["其他问题"]
VETO_INCIDENTS = sorted({t for p in STD.profiles for v in p.vetoes for t in v.incidents}) + ["一般事件"]
DEPTS = ["aiweiban", "chengguan", "weijianwei", "jikong", "tongji"]
LOW, HIGH = dt.date(2019, 1, 1), dt.date(2028, 1, 1)

dates = st.dates(min_value=LOW, max_value=HIGH)
recent = st.dates(min_value=b.TODAY - dt.timedelta(days=420), max_value=b.TODAY + dt.timedelta(days=10))


def _value(ind_unit: str) -> st.SearchStrategy[Any]:
    if ind_unit == "级":
        return st.sampled_from("ABCD")
    if ind_unit == "有/无":
        return st.booleans()
    if ind_unit == "%":
        return st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: round(x, 1))
    return st.floats(min_value=0, max_value=500, allow_nan=False).map(lambda x: round(x, 2))


@st.composite
def series_list(draw: st.DrawFn) -> list[IndicatorSeries]:
    chosen = draw(st.lists(st.sampled_from(INDICATORS), unique_by=lambda i: i.id, max_size=25))
    out = []
    for ind in chosen:
        years = draw(st.lists(st.integers(2019, 2026), unique=True, min_size=1, max_size=6))
        values = [IndicatorValue(year=y, value=draw(_value(ind.unit)), raw="x") for y in sorted(years)]
        dept = draw(st.sampled_from(DEPTS))
        out.append(IndicatorSeries(indicator=ind.id, department=dept, values=values, where=f"evidence/{dept}/manifest.yaml:1"))
    return out


@st.composite
def documents(draw: st.DrawFn) -> list[Document]:
    chosen = draw(st.lists(st.sampled_from(MATERIALS), unique_by=lambda p: (p[0], p[1].id), max_size=40))
    out = []
    for n, (item_id, mat) in enumerate(chosen):
        for k in range(draw(st.integers(1, 3))):
            fields: dict[str, Any] = {"id": f"d{n}-{k}", "type": draw(st.sampled_from([*mat.doc_types, "其他", "公文"]))}
            fields["usable"] = draw(st.integers(0, 5)) > 0  # one document in six is unusable
            if not fields["usable"]:
                fields["problem"] = "文件为空（0 字节）"
            kind = draw(st.sampled_from(["issued", "effective", "both", "period", "none"]))
            if kind in {"issued", "both"}:
                fields["issued"] = draw(dates)
            if kind in {"effective", "both"}:
                fields["effective"] = draw(dates)
            if kind == "period":
                a, z = sorted([draw(dates), draw(dates)])
                fields["period"] = (a, z)
            out.append(b.document(item_id, mat.id, **fields))
    return out


@st.composite
def inspections(draw: st.DrawFn) -> list[Inspection]:
    out = []
    for n in range(draw(st.integers(0, 15))):
        site_type = draw(st.sampled_from(SITE_TYPES))
        items = draw(st.one_of(st.just([]), st.lists(st.sampled_from([it.id for it in ITEMS]), max_size=2, unique=True)))
        problems = [
            SiteProblem(problem_class=draw(st.sampled_from(PROBLEM_CLASSES)), description="问题")
            for _ in range(draw(st.integers(0, 3)))
        ]
        dept = draw(st.sampled_from(["aiweiban", "chengguan"]))
        out.append(
            Inspection(department=dept, id=f"i{n}", kind="模拟暗访", site_type=site_type, site=f"点位{n}", date=draw(recent), items=items, problems=problems, where="inspections/x.yaml:1")
        )
    return out


@st.composite
def evidence(draw: st.DrawFn) -> Evidence:
    surveys = [
        Survey(department="tongji", indicator=ind, year=year, method="调查", sample_size=draw(st.integers(1, 3000)), rate=draw(st.floats(0, 100)), where="s:1")
        for ind in draw(st.lists(st.sampled_from(["satisfaction-rate", "health-literacy"]), unique=True))
        for year in draw(st.lists(st.integers(2023, 2026), unique=True, min_size=1, max_size=2))
    ]
    vectors = [
        VectorResult(
            department=draw(st.sampled_from(DEPTS)), pest=pest, year=draw(st.integers(2024, 2026)),
            level=draw(st.one_of(st.none(), st.sampled_from("ABCD"))),
            sub_indicators=draw(st.dictionaries(st.sampled_from([s.id for s in STD.indicators_by_id[f"{pest}-density"].sub_indicators]), st.floats(0, 20), max_size=2)),
            where="v:1",
        )
        for pest in draw(st.lists(st.sampled_from(["rat", "mosquito", "fly", "cockroach"]), max_size=5))
    ]
    incidents = [
        Incident(department="shengtai", type=draw(st.sampled_from(VETO_INCIDENTS)), date=draw(dates), description="事件", where="e:1")
        for _ in range(draw(st.integers(0, 2)))
    ]
    waivers = []
    for n in range(draw(st.integers(0, 2))):
        item = draw(st.sampled_from(ITEMS))
        approved = draw(dates)
        target = draw(st.sampled_from(["item", "material"])) if item.materials else "item"
        waivers.append(
            WaiverRecord(
                id=f"w{n}", item=item.id, material=draw(st.sampled_from(item.materials)).id if target == "material" else None, reason="不适用",
                approver="爱卫办", approved=approved, expires=approved + dt.timedelta(days=draw(st.integers(0, 900))), where="w:1",
            )
        )
    return Evidence(
        series=draw(series_list()), documents=draw(documents()), inspections=draw(inspections()), surveys=surveys, vectors=vectors,
        incidents=incidents, waivers=waivers,
    )


cities = st.builds(
    lambda kind, power, port, pop: b.city(kind=kind, legislative_power=power, port=port, population_wan=pop),
    st.sampled_from(["city", "county"]), st.booleans(), st.booleans(), st.sampled_from([30, 126.5, 250]),
)
profile_sets = st.sampled_from([[], ["veto-2014"]])


def run(ev: Evidence, city: Any = None, profiles: list[str] | None = None) -> ScoreResult:
    return score(b.context(ev, city_file=city, profiles=profiles or []))


def _ctx(ev: Evidence, city: Any, profiles: list[str]) -> Context:
    return b.context(ev, city_file=city, profiles=profiles)


@given(evidence(), cities, profile_sets)
def test_scores_stay_within_their_marks(ev: Evidence, city: Any, profiles: list[str]) -> None:
    context = _ctx(ev, city, profiles)
    result = score(context)
    all_marks = sum(context.marks(it.id) for it in STD.items)
    for it in result.items:
        assert 0.0 <= it.score <= it.marks, it.item
        assert it.points_lost == round(it.marks - it.score, 4)
        if it.status == "不适用":
            assert (it.marks, it.score) == (0.0, 0.0)
    assert 0.0 <= result.totals.score <= result.totals.marks <= all_marks
    assert 0.0 <= result.totals.ratio <= 1.0
    for section in result.sections:
        assert 0.0 <= section.totals.score <= section.totals.marks
    assert all(g.points_at_stake >= 0 for g in result.gaps)
    assert [g.points_at_stake for g in result.gaps] == sorted((g.points_at_stake for g in result.gaps), reverse=True)


@given(evidence(), cities, profile_sets)
def test_scoring_is_deterministic(ev: Evidence, city: Any, profiles: list[str]) -> None:
    assert run(ev, city, profiles).model_dump(mode="json") == run(ev, city, profiles).model_dump(mode="json")


@given(evidence(), cities, st.randoms(use_true_random=False))
def test_the_order_of_records_never_matters(ev: Evidence, city: Any, rnd: Any) -> None:
    shuffled = ev.model_copy(update={key: rnd.sample(getattr(ev, key), len(getattr(ev, key))) for key in Evidence.model_fields})
    assert run(shuffled, city, ["veto-2014"]).model_dump(mode="json") == run(ev, city, ["veto-2014"]).model_dump(mode="json")


@given(evidence(), cities, st.data())
def test_adding_a_usable_document_in_its_window_never_lowers_the_total(ev: Evidence, city: Any, data: st.DataObject) -> None:
    ctx = _ctx(ev, city, [])
    candidates = [
        (it.id, m) for it in ITEMS if item_applies(ctx, it) for m in it.materials if m.applies_when is None or conditional.applies(ctx, m.applies_when)
    ]
    item_id, mat = data.draw(st.sampled_from(candidates))
    assessment = ctx.city.assessment_date
    if mat.per_year:
        day = dt.date(data.draw(st.sampled_from(required_years(mat, assessment))), 7, 1)
    else:
        day = assessment - dt.timedelta(days=data.draw(st.integers(0, 300)))
    new = b.document(item_id, mat.id, id="added-doc", department="added", type=(mat.doc_types or ["其他"])[0], issued=day)
    before = score(ctx).totals.score
    after = run(ev.model_copy(update={"documents": [*ev.documents, new]}), city).totals.score
    assert after >= before


@given(evidence(), cities, st.data())
def test_filling_in_a_missing_indicator_never_lowers_the_total(ev: Evidence, city: Any, data: st.DataObject) -> None:
    ctx = _ctx(ev, city, [])
    missing = [ind for ind in INDICATORS if ind.id not in ctx.series and not (ind.id in PEST_OF and ctx.vectors.get(PEST_OF[ind.id]))]
    if not missing:
        return
    ind = data.draw(st.sampled_from(missing))
    years = data.draw(st.lists(st.integers(2019, 2026), unique=True, min_size=1, max_size=6))
    values = [IndicatorValue(year=y, value=data.draw(_value(ind.unit)), raw="x") for y in sorted(years)]
    added = IndicatorSeries(indicator=ind.id, department="added", values=values, where="added:1")
    before = score(ctx).totals.score
    after = run(ev.model_copy(update={"series": [*ev.series, added]}), city).totals.score
    assert after >= before


@given(evidence(), cities, st.sampled_from(SITE_TYPES), recent, st.lists(st.sampled_from([it.id for it in ITEMS]), max_size=2, unique=True))
def test_a_problem_free_inspection_never_lowers_the_total(ev: Evidence, city: Any, site_type: str, day: dt.date, items: list[str]) -> None:
    clean = Inspection(department="added", id="added", kind="自查", site_type=site_type, site="新点位", date=day, items=items, where="added:1")
    before = run(ev, city).totals.score
    after = run(ev.model_copy(update={"inspections": [*ev.inspections, clean]}), city).totals.score
    assert after >= before


@given(evidence(), cities, st.data())
def test_assuming_gaps_closed_never_lowers_the_total(ev: Evidence, city: Any, data: st.DataObject) -> None:
    ctx = _ctx(ev, city, [])
    before = score(ctx)
    gaps = sorted({f.gap for it in before.items for f in it.findings})
    assume = frozenset(data.draw(st.lists(st.sampled_from(gaps), max_size=10))) if gaps else frozenset()
    after = score(ctx, assume)
    assert after.totals.score >= before.totals.score
    assert after.assumed == sorted(assume)


@given(evidence(), cities)
def test_a_failed_veto_always_fails_the_verdict(ev: Evidence, city: Any) -> None:
    result = run(ev, city, ["veto-2014"])
    failed = [v for v in result.vetoes if v.status != "通过"]
    assert result.veto_failed is bool(failed)
    if failed:
        assert result.verdict == "不通过"
        assert len([r for r in result.verdict_reasons if r.startswith("一票否决")]) == len(failed)
    if result.verdict == "模拟通过":
        assert result.verdict_reasons == [] and not failed


@given(cities, st.lists(st.sampled_from(VETO_INCIDENTS[:-1]), min_size=1, max_size=2), st.dates(min_value=dt.date(2024, 6, 1), max_value=dt.date(2027, 5, 20)))
def test_a_veto_incident_fails_even_a_perfect_city(city: Any, kinds: list[str], day: dt.date) -> None:
    ctx = b.context(city_file=city)
    ev = b.complete_evidence(ctx)
    ev = ev.model_copy(update={"incidents": [b.incident(k, day) for k in kinds]})
    result = run(ev, city, ["veto-2014"])
    assert result.totals.ratio == 1.0
    assert (result.verdict, result.veto_failed) == ("不通过", True)
