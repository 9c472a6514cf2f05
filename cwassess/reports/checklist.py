"""迎评材料缺口清单 (missing-materials checklist): every required material, per department and item. Pure.

State: from the material's finding (material_state 缺失/已提交/已采纳/已过期); 不适用 when the item does not apply
to the city, the material's condition does not hold, or an active waiver covers it.
Responsible department: the departments whose claim on the item lists the material; when none does, the item's
lead (when the lead's claim lists no materials, i.e. it owns them all); otherwise nobody (未认领).
Deadline: the responsible department's claim on the item (达标时间), else the assessment date.
Contact: the department's liaison and phone from city.yaml, and the claim's 责任人.
"""

from __future__ import annotations

import datetime as dt

from cwassess.engine.results import Finding, ItemResult
from cwassess.models.claims import Claim
from cwassess.models.standard import Item, Material
from cwassess.reports.common import Header, ReportInputs, ReportModel

TITLE = "迎评材料缺口清单"
STATES = ("缺失", "已过期", "已提交", "已采纳", "不适用")
OPEN_STATES = frozenset({"缺失", "已过期", "已提交"})
UNCLAIMED = "未认领"


class ChecklistRow(ReportModel):
    department: str | None
    department_name: str
    item: str
    item_number: int
    label: str
    item_title: str
    material: str
    material_title: str
    kind: str
    need: str
    mandatory: bool
    state: str
    reason: str
    evidence: list[str]
    deadline: dt.date
    deadline_set: bool
    days_left: int
    overdue: bool
    contact: str | None
    liaison: str | None
    phone: str | None
    waiver: str | None


class ChecklistItem(ReportModel):
    item: str
    label: str
    title: str
    rows: list[ChecklistRow]


class ChecklistDepartment(ReportModel):
    code: str | None
    name: str
    liaison: str | None
    phone: str | None
    leader: str | None
    counts: dict[str, int]
    open: int
    items: list[ChecklistItem]


class Checklist(ReportModel):
    report: str = "checklist"
    header: Header
    department: str | None = None
    counts: dict[str, int]
    materials: int
    unclaimed: int
    departments: list[ChecklistDepartment]

    @property
    def rows(self) -> list[ChecklistRow]:
        return [row for d in self.departments for it in d.items for row in it.rows]


def need_text(mat: Material) -> str:
    need = f"{mat.period or ''}{'每年' if mat.per_year else ''} {mat.count} 份".strip()
    return f"[{mat.kind}] {need}，格式 {'/'.join(mat.formats)}" + ("" if mat.mandatory else "（可选）")


def _state(result: ItemResult, finding: Finding | None) -> tuple[str, str, list[str], str | None]:
    """(state, reason, evidence, waiver) of one material."""
    if not result.applicable:
        return "不适用", "本条不适用于本市", [], None
    if finding is None:
        return "不适用", "未评估", [], None
    if finding.waived_by:
        before = f"，豁免前为“{finding.material_state}”" if finding.material_state else ""
        return "不适用", f"已豁免（{finding.waived_by}）{before}", list(finding.evidence), finding.waived_by
    if finding.rule == "conditional" or finding.material_state is None:
        return "不适用", finding.reason, list(finding.evidence), None
    return finding.material_state, finding.reason, list(finding.evidence), None


def _owners(item: Item, mat: Material, result: ItemResult, claims: dict[str, dict[str, list[Claim]]]) -> list[str]:
    explicit = sorted(dept for dept, by_item in claims.items() if any(mat.id in c.materials for c in by_item.get(item.id, [])))
    if explicit:
        return explicit
    lead = result.lead
    if lead is None:
        return []
    lead_claims = [c for c in claims.get(lead, {}).get(item.id, []) if c.role == "lead"]
    if not claims or not lead_claims or any(not c.materials for c in lead_claims):
        return [lead]
    return []


def build_checklist(inputs: ReportInputs, department: str | None = None) -> Checklist:
    r = inputs.result
    today = r.today
    results = {it.item: it for it in r.items}
    claims: dict[str, dict[str, list[Claim]]] = {}
    for file in inputs.claims:
        for claim in file.claims:
            claims.setdefault(file.department, {}).setdefault(claim.item, []).append(claim)
    roster = {e.code: e for e in inputs.city.departments}

    per_dept: dict[str | None, dict[str, list[ChecklistRow]]] = {}
    counts = {s: 0 for s in STATES}
    materials = 0
    unclaimed = 0
    for item in inputs.standard.items:
        result = results.get(item.id)
        if result is None:
            continue
        findings = {f.gap: f for f in result.findings}
        for mat in item.materials:
            state, reason, evidence, waiver = _state(result, findings.get(f"{item.id}/material/{mat.id}"))
            owners = _owners(item, mat, result, claims)
            materials += 1
            counts[state] += 1
            if not owners:
                unclaimed += 1
            for owner in owners or [None]:
                claim = next(iter(claims.get(owner, {}).get(item.id, [])), None) if owner else None
                deadline = claim.deadline if claim and claim.deadline else inputs.city.assessment_date
                entry = roster.get(owner) if owner else None
                row = ChecklistRow(
                    department=owner,
                    department_name=inputs.name(owner),
                    item=item.id,
                    item_number=item.number,
                    label=result.label,
                    item_title=item.title,
                    material=mat.id,
                    material_title=mat.title,
                    kind=mat.kind,
                    need=need_text(mat),
                    mandatory=mat.mandatory,
                    state=state,
                    reason=reason,
                    evidence=evidence,
                    deadline=deadline,
                    deadline_set=bool(claim and claim.deadline),
                    days_left=(deadline - today).days,
                    overdue=state in OPEN_STATES and deadline < today,
                    contact=claim.contact if claim else None,
                    liaison=entry.liaison if entry else None,
                    phone=entry.phone if entry else None,
                    waiver=waiver,
                )
                per_dept.setdefault(owner, {}).setdefault(item.id, []).append(row)

    order = [e.code for e in inputs.city.departments]
    codes = sorted(per_dept, key=lambda c: (c is None, c not in order, order.index(c) if c in order else 0, c or ""))
    if department is not None:
        codes = [c for c in codes if c == department]
    departments = []
    for code in codes:
        by_item = per_dept[code]
        rows = [row for rows in by_item.values() for row in rows]
        entry = roster.get(code) if code else None
        dept_counts = {s: sum(1 for row in rows if row.state == s) for s in STATES}
        departments.append(
            ChecklistDepartment(
                code=code,
                name=inputs.name(code),
                liaison=entry.liaison if entry else None,
                phone=entry.phone if entry else None,
                leader=entry.leader if entry else None,
                counts=dept_counts,
                open=sum(dept_counts[s] for s in OPEN_STATES),
                items=[ChecklistItem(item=item_id, label=rows[0].label, title=rows[0].item_title, rows=rows) for item_id, rows in by_item.items()],
            )
        )
    if department is not None:
        counts = departments[0].counts if departments else {s: 0 for s in STATES}
        materials = sum(counts.values())
        unclaimed = 0
    return Checklist(
        header=inputs.header(TITLE),
        department=department,
        counts=counts,
        materials=materials,
        unclaimed=unclaimed,
        departments=departments,
    )
