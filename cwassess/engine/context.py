"""Everything a rule may look at, indexed once. Built from models only: no I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any, TypeVar

from pydantic import BaseModel

from cwassess.evidence.model import Document, Evidence, IndicatorSeries, IndicatorValue, Inspection, Survey, VectorResult
from cwassess.ledger.scoring import OpenProblem
from cwassess.models.city import CityFile
from cwassess.models.claims import ClaimsFile
from cwassess.models.profile import ScoringScheme, Veto
from cwassess.models.standard import IndicatorRule
from cwassess.standard.model import Standard

BASE_PROFILE = "scoring-default"
M = TypeVar("M", bound=BaseModel)


@dataclass
class Context:
    std: Standard
    city: CityFile
    today: dt.date
    scheme: ScoringScheme
    profiles: list[str]
    thresholds: dict[str, IndicatorRule]
    vetoes: list[tuple[str, Veto]]
    lead_of: dict[str, str | None]
    support_of: dict[str, list[str]]
    tier: str | None
    series: dict[str, IndicatorSeries] = field(default_factory=dict)
    documents: dict[tuple[str, str], list[Document]] = field(default_factory=dict)
    inspections: list[Inspection] = field(default_factory=list)
    surveys: dict[str, list[Survey]] = field(default_factory=dict)
    vectors: dict[str, list[VectorResult]] = field(default_factory=dict)
    evidence: Evidence = field(default_factory=Evidence)
    sites_by_item: dict[str, list[Inspection]] | None = None  # built on first use by sampled_sites
    site_owner: dict[str, str] = field(default_factory=dict)  # "dept/inspection id/n" → the item problem n costs points on
    open_problems: list[OpenProblem] = field(default_factory=list)  # ledger problems not yet 已销号
    closed_sites: set[str] = field(default_factory=set)  # inspection keys whose ledger problem is 已销号

    def marks(self, item_id: str) -> float:
        return self.scheme.item_marks_override.get(item_id, self.scheme.item_marks)

    def responsible(self, item_id: str) -> list[str]:
        lead = self.lead_of.get(item_id)
        return [lead] if lead else []


def population_tier(std: Standard, population_wan: float) -> str | None:
    for tier in std.sampling.tiers:
        if population_wan >= tier.min_wan and (tier.max_wan is None or population_wan < tier.max_wan):
            return tier.id
    return None


def merged(base: M, override: M) -> M:
    """`override` laid over `base`: only the fields a profile writes change; tables (dicts) merge key by key, so a
    province that lists two problem classes keeps every other class of the profile below it."""
    update: dict[str, Any] = {}
    for name in override.model_fields_set:
        new, old = getattr(override, name), getattr(base, name)
        if isinstance(new, BaseModel) and type(new) is type(old):
            update[name] = merged(old, new)
        elif isinstance(new, dict) and isinstance(old, dict):
            update[name] = {**old, **new}
        else:
            update[name] = new
    return base.model_copy(update=update)


def build_context(
    std: Standard,
    city: CityFile,
    claims: list[ClaimsFile],
    evidence: Evidence,
    today: dt.date,
    extra_profiles: list[str] | None = None,
    open_problems: list[OpenProblem] | None = None,
    closed_sites: set[str] | None = None,
) -> Context:
    order = [BASE_PROFILE] if BASE_PROFILE in std.profiles_by_id else []
    for name in [*city.profiles, *(extra_profiles or [])]:
        if name in std.profiles_by_id and name not in order:
            order.append(name)
    scheme: ScoringScheme | None = None
    thresholds: dict[str, IndicatorRule] = {ind.id: ind.rule for ind in std.indicators if ind.rule is not None}
    vetoes: list[tuple[str, Veto]] = []
    disabled: set[str] = set()
    for name in order:
        profile = std.profiles_by_id[name]
        if profile.scoring is not None:
            scheme = profile.scoring if scheme is None else merged(scheme, profile.scoring)
        thresholds.update(profile.thresholds)
        vetoes += [(name, v) for v in profile.vetoes]
        disabled.update(profile.disable_vetoes)
    lead_of: dict[str, str | None] = {item.id: item.lead for item in std.items}
    support_of: dict[str, list[str]] = {item.id: list(item.support) for item in std.items}
    if claims:
        lead_of = {item.id: None for item in std.items}
        support_of = {item.id: [] for item in std.items}
        for file in sorted(claims, key=lambda c: c.department):
            for claim in file.claims:
                if claim.item not in lead_of:
                    continue
                if claim.role == "lead" and lead_of[claim.item] is None:
                    lead_of[claim.item] = file.department
                elif claim.role == "support" and file.department not in support_of[claim.item]:
                    support_of[claim.item].append(file.department)
    ctx = Context(
        std=std,
        city=city,
        today=today,
        scheme=scheme or ScoringScheme(scheme="deduction"),
        profiles=order,
        thresholds=thresholds,
        vetoes=[(p, v) for p, v in vetoes if v.id not in disabled],
        lead_of=lead_of,
        support_of=support_of,
        tier=population_tier(std, city.population_wan),
        evidence=evidence,
        open_problems=sorted(open_problems or [], key=lambda p: p.problem_id),
        closed_sites=set(closed_sites or ()),
    )
    # Deterministic whatever the order of files and records: sort every index.
    for series in sorted(evidence.series, key=lambda s: (s.indicator, s.department)):
        ctx.series.setdefault(series.indicator, series)
    for doc in sorted(evidence.documents, key=lambda d: (d.item, d.material, d.department, d.id)):
        ctx.documents.setdefault((doc.item, doc.material), []).append(doc)
    ctx.inspections = sorted(evidence.inspections, key=attrgetter("date", "department", "id"))
    for survey in sorted(evidence.surveys, key=lambda s: (s.indicator, s.year, s.department)):
        ctx.surveys.setdefault(survey.indicator, []).append(survey)
    for ind_id, surveys in ctx.surveys.items():
        if ind_id not in ctx.series:  # a survey's rate is the indicator's value when none was filed
            ctx.series[ind_id] = IndicatorSeries(
                indicator=ind_id,
                department=surveys[-1].department,
                values=[IndicatorValue(year=s.year, value=s.rate, raw=f"{s.rate:g}%") for s in {s.year: s for s in surveys}.values()],
                source="调查",
                where=surveys[-1].where,
            )
    for vec in sorted(evidence.vectors, key=lambda v: (v.pest, v.year, v.department, v.level or "", sorted(v.sub_indicators.items()), v.where)):
        ctx.vectors.setdefault(vec.pest, []).append(vec)
    return ctx
