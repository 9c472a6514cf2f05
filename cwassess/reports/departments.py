"""部门责任清单: one sheet per department, to send to it. Pure.

A sheet holds what the department claimed (items, role, status, deadline), its gaps (the findings that name it,
as the engine's department ranking counts them), its part of the materials checklist, and its open rectification
problems. The ledger fills `open_problems` (OpenProblemRow); until it is wired the list is empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from cwassess.claims.duties import department_duties
from cwassess.engine.results import STATUS_ORDER, DepartmentResult
from cwassess.models.claims import ROLE_ZH
from cwassess.reports.checklist import Checklist, ChecklistDepartment, build_checklist
from cwassess.reports.common import FAILING, GapFields, Header, ReportInputs, ReportModel, indicator_label

TITLE = "部门责任清单"
GAPS_SHOWN = 150


class OpenProblemRow(ReportModel):
    """An open problem of the rectification ledger (整改台账), as a department sheet lists it."""

    id: str
    place: str
    description: str
    deadline: dt.date
    days_overdue: int = 0  # 0 when the deadline has not passed
    state: str | None = None
    problem_class: str | None = None


class SheetItem(ReportModel):
    item: str
    label: str
    title: str
    role: str
    status: str
    score: float
    marks: float
    points_lost: float
    deadline: dt.date
    deadline_set: bool
    days_left: int
    contact: str | None
    leader: str | None
    requirements: list[str]
    indicators: list[str]
    materials: int


class SheetGap(GapFields):
    points_lost: float
    deadline: dt.date


class DepartmentSheet(ReportModel):
    report: str = "department"
    header: Header
    code: str
    name: str
    liaison: str | None
    phone: str | None
    leader: str | None
    rank: int | None
    ranked: int
    lead_score: float | None
    lead_marks: float | None
    lead_ratio: float | None
    support_ratio: float | None
    gap_count: int
    points_lost: float
    items: list[SheetItem]
    gaps: list[SheetGap]
    materials: ChecklistDepartment | None
    open_problems: list[OpenProblemRow]
    gaps_shown: int = GAPS_SHOWN


def department_codes(inputs: ReportInputs) -> list[str]:
    """Every department a sheet is written for: the roster (in its order), then others that claim or are ranked."""
    codes = [e.code for e in inputs.city.departments]
    extra = {f.department for f in inputs.claims} | {d.code for d in inputs.result.departments}
    return codes + sorted(extra - set(codes))


def build_department_sheet(
    inputs: ReportInputs,
    code: str,
    checklist: Checklist | None = None,
    open_problems: Sequence[OpenProblemRow] = (),
) -> DepartmentSheet:
    r = inputs.result
    name = inputs.name(code)
    claims = next((f for f in inputs.claims if f.department == code), None)
    duties = department_duties(inputs.standard, inputs.city, claims, code, name, r.today)
    results = inputs.item_results
    ranking: DepartmentResult | None = next((d for d in r.departments if d.code == code), None)
    deadline_of = {d.item: d.deadline for d in duties.items}

    items = []
    for duty in duties.items:
        res = results.get(duty.item)
        items.append(
            SheetItem(
                item=duty.item,
                label=duty.label,
                title=duty.title,
                role=ROLE_ZH.get(duty.role, duty.role),
                status=res.status if res else "未评估",
                score=res.score if res else 0.0,
                marks=res.marks if res else 0.0,
                points_lost=res.points_lost if res else 0.0,
                deadline=duty.deadline,
                deadline_set=duty.deadline_set,
                days_left=duty.days_left,
                contact=duty.contact,
                leader=duty.leader,
                requirements=list(duty.requirements),
                indicators=[indicator_label(i.number, i.name) for i in duty.indicators],
                materials=len(duty.materials),
            )
        )

    gaps = [
        SheetGap.of(inputs, it, f, points_lost=f.points_lost, deadline=deadline_of.get(it.item, inputs.city.assessment_date))
        for it in r.items
        for f in it.findings
        if code in f.departments and f.status in FAILING
    ]
    gaps.sort(key=lambda g: (-(g.points_at_stake or 0.0), STATUS_ORDER.get(g.status, 9), results[g.item].number, g.gap))

    checklist = checklist or build_checklist(inputs, department=code)
    materials = next((d for d in checklist.departments if d.code == code), None)
    return DepartmentSheet(
        header=inputs.header(TITLE),
        code=code,
        name=name,
        liaison=duties.liaison,
        phone=duties.phone,
        leader=next((e.leader for e in inputs.city.departments if e.code == code), None),
        rank=ranking.rank if ranking else None,
        ranked=len(r.departments),
        lead_score=ranking.lead_score if ranking else None,
        lead_marks=ranking.lead_marks if ranking else None,
        lead_ratio=ranking.lead_ratio if ranking else None,
        support_ratio=ranking.support_ratio if ranking else None,
        gap_count=ranking.gaps if ranking else len(gaps),
        points_lost=ranking.points_lost if ranking else round(sum(g.points_lost for g in gaps), 4),
        items=items,
        gaps=gaps,
        materials=materials,
        open_problems=list(open_problems),
    )
