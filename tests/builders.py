"""Building engine inputs directly from models (not a test module): the bundled standard, a city,
evidence records, a Context. Shared by the golden rule cases, the engine tests and the properties."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import TypeAdapter

from cwassess.engine.context import Context, build_context
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
from cwassess.evidence.values import parse_value
from cwassess.models.city import CityFile
from cwassess.models.claims import ClaimsFile
from cwassess.models.evidence import DOC_TYPES
from cwassess.models.profile import ProfileFile
from cwassess.models.standard import IndicatorRule, Material
from cwassess.standard.load import load_standard
from cwassess.standard.model import Standard
from tests.helpers import BUNDLED

ASSESSMENT = dt.date(2027, 5, 20)
TODAY = dt.date(2027, 3, 1)
RULE_ADAPTER: TypeAdapter[Any] = TypeAdapter(IndicatorRule)


@functools.cache
def bundled() -> Standard:
    result = load_standard(BUNDLED)
    assert result.standard is not None, [p.render() for p in result.problems]
    return result.standard


def with_profiles(std: Standard, profiles: Iterable[ProfileFile | Mapping[str, Any]]) -> Standard:
    """The standard with extra profiles (as a workspace's profiles/ would add them)."""
    extra = [p if isinstance(p, ProfileFile) else profile(**p) for p in profiles]
    if not extra:
        return std
    # A new Standard rather than a copy, so no cached lookup (profiles_by_id …) can describe the original.
    return Standard(
        meta=std.meta, sections=std.sections, indicators=std.indicators, departments=std.departments, sampling=std.sampling,
        profiles=[*std.profiles, *extra],
    )


def profile(**fields: Any) -> ProfileFile:
    base: dict[str, Any] = {"title": "测试配置", "provenance": {"verified": "unverified"}, "standard": "nhc-2021"}
    return ProfileFile.model_validate({**base, **fields})


def city(**fields: Any) -> CityFile:
    base: dict[str, Any] = {
        "name": "测试市", "kind": "city", "population_wan": 126.5, "legislative_power": True, "port": False,
        "assessment_date": ASSESSMENT,
    }
    return CityFile.model_validate({**base, **fields})


def rule(spec: Mapping[str, Any]) -> Any:
    """An indicator rule written briefly in a case: version and provenance default to 'default'/unverified."""
    return RULE_ADAPTER.validate_python({"version": "default", "provenance": {"verified": "unverified"}, **spec})


def _lead(item_id: str) -> str:
    lead = bundled().items_by_id[item_id].lead
    assert lead is not None
    return lead


def material_of(item_id: str, material_id: str) -> Material:
    return next(m for m in bundled().items_by_id[item_id].materials if m.id == material_id)


def submittable_types(mat: Material) -> list[str]:
    """The document types a department can write in a manifest that this material accepts."""
    return [t for t in mat.doc_types if t in DOC_TYPES] if mat.doc_types else list(DOC_TYPES)


def series(indicator: str, values: Mapping[Any, Any], department: str | None = None, source: str | None = None, where: str | None = None) -> IndicatorSeries:
    """A series as the reader builds it: every raw value normalised with the indicator's unit."""
    ind = bundled().indicators_by_id[indicator]
    dept = department or (ind.owner[0] if ind.owner else _lead(ind.item))
    parsed = []
    for year, raw in values.items():
        result = parse_value(raw, ind.unit)
        assert result.error is None, result.error
        parsed.append(IndicatorValue(year=int(year), value=result.value, raw=str(raw), note=result.note))  # type: ignore[arg-type]
    return IndicatorSeries(
        indicator=indicator, department=dept, values=sorted(parsed, key=lambda v: v.year), source=source,
        where=where or f"evidence/{dept}/manifest.yaml:5",
    )


def document(item: str, material: str, **fields: Any) -> Document:
    mat = material_of(item, material)
    dept = fields.pop("department", None) or _lead(item)
    doc_id = fields.pop("id", None) or f"{material}-1"
    types = submittable_types(mat)
    base: dict[str, Any] = {
        "department": dept, "id": doc_id, "title": mat.title, "item": item, "material": material,
        "type": types[0] if types else "其他", "file": f"evidence/{dept}/{doc_id}.pdf", "usable": True,
        "where": f"evidence/{dept}/manifest.yaml:10",
    }
    period = fields.pop("period", None)
    if period is not None:
        base["period_start"], base["period_end"] = period
    return Document.model_validate({**base, **fields})


def inspection(site_type: str, date: dt.date, **fields: Any) -> Inspection:
    problems = [SiteProblem.model_validate(p if isinstance(p, Mapping) else {"problem_class": p, "description": f"发现{p}"}) for p in fields.pop("problems", [])]
    dept = fields.pop("department", "aiweiban")
    base: dict[str, Any] = {
        "department": dept, "id": f"insp-{date:%Y%m%d}", "kind": "模拟暗访", "site_type": site_type, "site": f"{site_type}1号",
        "date": date, "where": f"inspections/{dept}.yaml:3",
    }
    return Inspection.model_validate({**base, **fields, "problems": problems})


def survey(indicator: str, year: int, sample_size: int, rate: float, **fields: Any) -> Survey:
    base: dict[str, Any] = {
        "department": "tongji", "indicator": indicator, "year": year, "method": "第三方电话调查", "sample_size": sample_size,
        "rate": rate, "where": "evidence/tongji/manifest.yaml:20",
    }
    return Survey.model_validate({**base, **fields})


def vector(pest: str, year: int, level: str | None = None, **fields: Any) -> VectorResult:
    base: dict[str, Any] = {"department": "jikong", "pest": pest, "year": year, "level": level, "where": "evidence/jikong/manifest.yaml:30"}
    return VectorResult.model_validate({**base, **fields})


def incident(type_: str, date: dt.date, **fields: Any) -> Incident:
    base: dict[str, Any] = {"department": "shengtai", "type": type_, "date": date, "description": "测试事件", "where": "evidence/shengtai/manifest.yaml:40"}
    return Incident.model_validate({**base, **fields})


def waiver(id_: str, item: str, approved: dt.date, expires: dt.date, **fields: Any) -> WaiverRecord:
    base: dict[str, Any] = {
        "id": id_, "item": item, "reason": "本市不涉及", "approver": "市爱卫办", "approved": approved, "expires": expires,
        "where": "waivers.yaml:3",
    }
    return WaiverRecord.model_validate({**base, **fields})


def context(
    evidence: Evidence | None = None,
    *,
    city_file: CityFile | None = None,
    today: dt.date = TODAY,
    profiles: Iterable[str] = (),
    extra_profiles: Iterable[ProfileFile | Mapping[str, Any]] = (),
    claims: list[ClaimsFile] | None = None,
    std: Standard | None = None,
    open_problems: list[Any] | None = None,
    closed_sites: set[str] | None = None,
) -> Context:
    standard = with_profiles(std or bundled(), extra_profiles)
    return build_context(
        standard, city_file or city(), claims or [], evidence or Evidence(), today, list(profiles), open_problems=open_problems, closed_sites=closed_sites
    )


def open_problem(problem_id: str, items: Iterable[str], **fields: Any) -> Any:
    """A ledger problem not yet 已销号, as cwassess.ledger.scoring hands it to the engine."""
    from cwassess.ledger.scoring import OpenProblem

    base: dict[str, Any] = {
        "source": "模拟暗访", "problem_class": "乱堆乱摆", "severity": "一般", "state": "整改中", "unit": "", "found": dt.date(2027, 1, 10),
        "deadline": dt.date(2027, 2, 10), "days_overdue": 0, "inspection_key": None, "place": "", "description": "问题",
    }
    return OpenProblem(problem_id=problem_id, items=tuple(items), **{**base, **fields})


def passing_values(ind_id: str, spec: Any, year: int) -> dict[int, Any]:
    """Values (by year, up to `year`) that satisfy one indicator rule."""
    if spec is None or spec.type == "record":
        return {year: 1}
    if spec.type == "threshold":
        if spec.op == "range":
            return {year: spec.min if spec.min is not None else spec.max}
        value = spec.value or 0.0
        return {year: value + 1 if spec.op == ">" else max(value - 1, 0) if spec.op == "<" else value}
    if spec.type == "trend":
        start = 50.0
        step = 1.0 if spec.direction == "up" else -1.0
        return {year - spec.years + 1 + k: start + step * k for k in range(spec.years)}
    if spec.type == "baseline":
        last = 90.0 if spec.op == "<=" else 110.0
        return {**{year - spec.years + 1 + k: 100.0 for k in range(spec.years - 1)}, year: last}
    if spec.type == "boolean":
        return {year: "有" if spec.expected else "无"}
    if spec.type == "level":
        return {year: "A"}
    raise AssertionError(f"no passing values for {ind_id} ({spec.type})")


def complete_evidence(ctx_or_none: Context | None = None, *, std: Standard | None = None, city_file: CityFile | None = None, today: dt.date = TODAY) -> Evidence:
    """Everything a city needs for 模拟通过 under the default profile: every material of an accepted type inside its
    window (per-year materials dated 1 July of each required year), every indicator passing, surveys with enough
    sample, and enough problem-free inspections for every item with a minimum number of sites."""
    from cwassess.engine.score import item_applies
    from cwassess.evidence.validity import required_years
    from cwassess.rules import conditional, sampled_sites

    ctx = ctx_or_none or context(city_file=city_file, today=today, std=std)
    standard = ctx.std
    assessment = ctx.city.assessment_date
    last_year = assessment.year - 1
    docs: list[Document] = []
    for item in standard.items:
        if not item_applies(ctx, item):
            continue
        for mat in item.materials:
            if mat.applies_when is not None and not conditional.applies(ctx, mat.applies_when):
                continue
            doc_type = (mat.doc_types or ["其他"])[0]
            dates = [dt.date(y, 7, 1) for y in required_years(mat, assessment)] if mat.per_year else [assessment - dt.timedelta(days=30)]
            for n, day in enumerate(dates, start=1):
                docs.append(document(item.id, mat.id, id=f"{mat.id}-{n}", type=doc_type, issued=day))
    all_series, vectors = [], []
    for ind in standard.indicators:
        if ind.role != "indicator" or ctx.city.kind not in ind.applies_to or not item_applies(ctx, standard.items_by_id[ind.item]):
            continue
        spec = ctx.thresholds.get(ind.id)
        if spec is not None and spec.type == "vs_plan":
            all_series += [series(ind.id, {last_year: 7}), series(spec.plan, {last_year: 6})]
            continue
        if spec is not None and spec.type == "level":
            from cwassess.rules.level import PEST_OF

            vectors.append(vector(PEST_OF[ind.id], last_year, "A"))
            continue
        all_series.append(series(ind.id, passing_values(ind.id, spec, last_year)))
    surveys = [survey(ind_id, last_year, minimum, 95.0) for ind_id, minimum in sorted(ctx.scheme.survey_min_sample.items())]
    inspections = []
    site_types = ctx.scheme.site_types
    for item in standard.items:
        if not item_applies(ctx, item) or not any(r.on_site for r in item.requirements):
            continue
        need = sampled_sites.minimum_sites(ctx, item.id)
        kind = next((t for t, items in site_types.items() if item.id in items), None)
        for n in range(need):
            inspections.append(
                inspection(kind or "其他", ctx.today - dt.timedelta(days=10 + n), id=f"{item.id}-{n + 1}", items=[item.id], site=f"{item.title}{n + 1}号")
            )
    return Evidence(series=all_series, documents=docs, inspections=inspections, surveys=surveys, vectors=vectors)


def fixed_scoring(**overrides: Any) -> dict[str, Any]:
    """A profile that pins the numbers the engine tests reason with — 2 marks per item, basic_ratio 0.8, pass_ratio 0.9 —
    whatever scoring-default is tuned to; deductions, site types and zero tolerance stay scoring-default's."""
    default = bundled().profiles_by_id["scoring-default"].scoring
    assert default is not None
    return {"id": "test-fixed", "scoring": {**default.model_dump(), "item_marks": 2.0, "basic_ratio": 0.8, "pass_ratio": 0.9, **overrides}}
