"""A department's duties: what it claimed, with requirement text, materials, indicators and deadlines. Pure."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from cwassess.applicability import material_applies, requirement_applies
from cwassess.models.city import CityFile
from cwassess.models.claims import ClaimsFile
from cwassess.standard.describe import describe_rule, rule_origin
from cwassess.standard.model import Standard, item_label


class MaterialDuty(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    kind: str
    period: str | None
    count: str
    mandatory: bool
    formats: list[str]


class IndicatorDuty(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    number: int | None
    name: str
    unit: str
    requirement: str
    origin: str | None


class ItemDuty(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: str
    label: str
    title: str
    role: str
    text: str
    verified: str
    requirements: list[str]
    materials: list[MaterialDuty]
    indicators: list[IndicatorDuty]
    deadline: dt.date
    deadline_set: bool
    days_left: int
    contact: str | None = None
    leader: str | None = None


class DepartmentDuties(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str
    name: str
    liaison: str | None = None
    phone: str | None = None
    assessment_date: dt.date
    days_to_assessment: int
    items: list[ItemDuty] = Field(default_factory=list)


def department_duties(std: Standard, city: CityFile, claims: ClaimsFile | None, code: str, name: str, today: dt.date) -> DepartmentDuties:
    entry = next((e for e in city.departments if e.code == code), None)
    duties = DepartmentDuties(
        code=code,
        name=name,
        liaison=entry.liaison if entry else None,
        phone=entry.phone if entry else None,
        assessment_date=city.assessment_date,
        days_to_assessment=(city.assessment_date - today).days,
    )
    for claim in claims.claims if claims else []:
        item = std.items_by_id.get(claim.item)
        if item is None:
            continue
        reqs = [r for r in item.requirements if requirement_applies(r, city) and (not claim.requirements or r.id in claim.requirements)]
        if claim.materials:
            mats = [m for m in item.materials if m.id in claim.materials]
        else:
            mats = item.materials if claim.role == "lead" else []
        mats = [m for m in mats if material_applies(m, city)]
        inds = std.indicators_of(item.id)
        if claim.indicators:
            inds = [i for i in inds if i.id in claim.indicators]
        elif claim.role != "lead":
            inds = []
        inds = [i for i in inds if city.kind in i.applies_to]
        deadline = claim.deadline or city.assessment_date
        duties.items.append(
            ItemDuty(
                item=item.id,
                label=item_label(item.number),
                title=item.title,
                role=claim.role,
                text=item.effective_text,
                verified=item.effective_verified,
                requirements=[r.text for r in reqs],
                materials=[
                    MaterialDuty(
                        id=m.id,
                        title=m.title,
                        kind=m.kind,
                        period=m.period,
                        count=f"每年 {m.count} 份" if m.per_year else f"{m.count} 份",
                        mandatory=m.mandatory,
                        formats=list(m.formats),
                    )
                    for m in mats
                ],
                indicators=[
                    IndicatorDuty(
                        id=i.id,
                        number=i.number,
                        name=i.name,
                        unit=i.unit,
                        requirement=describe_rule(i.rule, i),
                        origin=rule_origin(i.rule) if i.rule else None,
                    )
                    for i in inds
                ],
                deadline=deadline,
                deadline_set=claim.deadline is not None,
                days_left=(deadline - today).days,
                contact=claim.contact,
                leader=claim.leader or (entry.leader if entry else None),
            )
        )
    duties.items.sort(key=lambda d: (d.role != "lead", std.items_by_id[d.item].number))
    return duties
