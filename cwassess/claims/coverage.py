"""Who owns what: checking claims against the standard and the city. Pure: models in, results out."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from cwassess.applicability import item_applies, material_applies, requirement_applies, why_not
from cwassess.departments import DepartmentResolver, city_departments
from cwassess.models.city import CityFile
from cwassess.models.claims import ClaimsFile
from cwassess.problems import Problem
from cwassess.standard.load import Locator
from cwassess.standard.model import Standard, item_label
from cwassess.validation import did_you_mean


class ItemCoverage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item: str
    number: int
    title: str
    applicable: bool
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)
    unowned_materials: list[str] = Field(default_factory=list)


class DepartmentCoverage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str
    name: str
    in_roster: bool
    lead: list[str] = Field(default_factory=list)
    support: list[str] = Field(default_factory=list)


class Coverage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    items: list[ItemCoverage]
    departments: list[DepartmentCoverage]
    problems: list[Problem]

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


def check_claims(std: Standard, city: CityFile, claim_files: list[ClaimsFile], loc: Locator) -> Coverage:
    departments = city_departments(std.departments, city)
    resolver = DepartmentResolver(departments)
    names = {d.code: d.name for d in departments}
    for entry in city.departments:
        if entry.name:
            names[entry.code] = entry.name
    roster = {entry.code for entry in city.departments}
    problems: list[Problem] = []
    items = {it.id: ItemCoverage(item=it.id, number=it.number, title=it.title, applicable=item_applies(it, city)) for it in std.items}
    material_owner: dict[tuple[str, str], list[str]] = {}

    for claims in claim_files:
        dept = claims.department
        if dept not in names:
            problems.append(loc.problem(("claims", dept), ("department",), "ref.department", resolver.unknown_message(dept)))
            continue
        if dept not in roster:
            problems.append(
                loc.problem(("claims", dept), ("department",), "claims.not-in-roster", f"部门“{names[dept]}”不在 city.yaml 的部门名单中", severity="warning")
            )
        seen: set[tuple[str, str]] = set()
        for i, claim in enumerate(claims.claims):
            key = ("claim", dept, str(i))
            problems.extend(_check_claim(std, city, claim, key, loc))
            if claim.item not in std.items_by_id or not items[claim.item].applicable:
                continue
            if (claim.item, claim.role) in seen:
                problems.append(loc.problem(key, ("item",), "claims.duplicate", f"重复认领{item_label(std.items_by_id[claim.item].number)}"))
                continue
            seen.add((claim.item, claim.role))
            target = items[claim.item]
            (target.lead if claim.role == "lead" else target.support).append(dept)
            item = std.items_by_id[claim.item]
            owned = claim.materials or ([m.id for m in item.materials] if claim.role == "lead" else [])
            for mat in owned:
                material_owner.setdefault((claim.item, mat), []).append(dept)

    for item in std.items:
        cov = items[item.id]
        if not cov.applicable:
            continue
        label = f"{item_label(item.number)}{item.title}"
        key = ("item", item.id)
        if not cov.lead and not cov.support:
            problems.append(loc.problem(key, (), "coverage.unclaimed", f"{label}：无人认领，没有牵头部门"))
        elif not cov.lead:
            who = "、".join(names[c] for c in cov.support)
            problems.append(loc.problem(key, (), "coverage.support-only", f"{label}：只有配合部门（{who}），没有牵头部门"))
        elif len(cov.lead) > 1:
            who = "、".join(names[c] for c in cov.lead)
            problems.append(loc.problem(key, (), "coverage.two-leads", f"{label}：有 {len(cov.lead)} 个牵头部门（{who}），只能有一个"))
        for mat in item.materials:
            if material_applies(mat, city) and (item.id, mat.id) not in material_owner:
                cov.unowned_materials.append(mat.id)
        if cov.lead and cov.unowned_materials:
            titles = "、".join(m.title for m in item.materials if m.id in cov.unowned_materials)
            problems.append(loc.problem(key, (), "coverage.material-unowned", f"{label}：以下材料无人负责：{titles}", severity="warning"))

    dept_cov = []
    for code in sorted(set(roster) | {c.department for c in claim_files if c.department in names}):
        lead = [it.item for it in items.values() if code in it.lead]
        support = [it.item for it in items.values() if code in it.support]
        dept_cov.append(DepartmentCoverage(code=code, name=names.get(code, code), in_roster=code in roster, lead=lead, support=support))
        if code in roster and not lead and not support:
            problems.append(loc.problem(("city",), ("departments",), "coverage.idle-department", f"部门“{names.get(code, code)}”没有认领任何条目", severity="warning"))
    return Coverage(items=list(items.values()), departments=dept_cov, problems=problems)


def _check_claim(std: Standard, city: CityFile, claim, key: tuple[str, ...], loc: Locator) -> Iterator[Problem]:  # type: ignore[no-untyped-def]
    item = std.items_by_id.get(claim.item)
    if item is None:
        guess = did_you_mean(claim.item, list(std.items_by_id))
        yield loc.problem(key, ("item",), "ref.item", f"未知条目“{claim.item}”" + (f"，是否想写“{guess}”？" if guess else ""))
        return
    label = item_label(item.number)
    if not item_applies(item, city):
        yield loc.problem(key, ("item",), "claims.not-applicable", f"{label}{item.title}不适用于本市（{why_not(item, city)}）")
        return
    reqs = {r.id: r for r in item.requirements}
    for j, rid in enumerate(claim.requirements):
        if rid not in reqs:
            yield loc.problem(key, ("requirements", j), "ref.requirement", _unknown_in(label, "检查要点", rid, list(reqs)))
        elif not requirement_applies(reqs[rid], city):
            yield loc.problem(key, ("requirements", j), "claims.not-applicable", f"{label}的检查要点“{rid}”不适用于本市（{reqs[rid].applies_when.describe() if reqs[rid].applies_when else ''}）")
    mats = {m.id: m for m in item.materials}
    for j, mid in enumerate(claim.materials):
        if mid not in mats:
            yield loc.problem(key, ("materials", j), "ref.material", _unknown_in(label, "材料", mid, list(mats)))
        elif not material_applies(mats[mid], city):
            yield loc.problem(key, ("materials", j), "claims.not-applicable", f"{label}的材料“{mats[mid].title}”不适用于本市")
    inds = {ind.id for ind in std.indicators_of(item.id)}
    for j, iid in enumerate(claim.indicators):
        if iid not in inds:
            yield loc.problem(key, ("indicators", j), "ref.indicator", _unknown_in(label, "指标", iid, sorted(inds)))


def _unknown_in(label: str, kind: str, ref: str, known: list[str]) -> str:
    guess = did_you_mean(ref, known)
    return f"{label}没有{kind}“{ref}”" + (f"，是否想写“{guess}”？" if guess else "")
