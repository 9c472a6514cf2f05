"""差距分析报告 (gap report): a pure view model of a ScoreResult, for the leadership meeting.

Every number comes from the ScoreResult unchanged (the templates only format it), so the report and
reports/score.json always agree. The model keeps every finding; the HTML/PDF templates show the first
FINDINGS_SHOWN per item and EVIDENCE_SHOWN evidence lines per finding and say how many more the Excel and JSON
files hold.
"""

from __future__ import annotations

import datetime as dt

from cwassess.engine.results import STATUS_ORDER, Finding, ItemResult, Totals
from cwassess.models.common import VERIFIED_ZH
from cwassess.render.templates import num
from cwassess.reports.common import FAILING, GapFields, Header, ReportInputs, ReportModel, indicator_label

TITLE = "差距分析报告"
FINDINGS_SHOWN = 12
EVIDENCE_SHOWN = 6
TOP_GAPS = 20
ITEM_STATUSES_LISTED = ("不达标", "缺材料", "基本达标", "未评估")


class SectionRow(ReportModel):
    id: str
    number: str
    title: str
    marks: float
    score: float
    ratio: float
    counts: dict[str, int]


class VetoRow(ReportModel):
    id: str
    title: str
    profile: str
    status: str
    reason: str
    evidence: list[str]
    verified: str


class FindingRow(ReportModel):
    gap: str
    rule: str
    subject: str
    status: str
    requirement_text: str
    origin: str | None
    reason: str
    deduction: str | None
    points_lost: float
    points_at_stake: float | None
    evidence: list[str]
    departments: list[str]
    material_state: str | None
    waived_by: str | None
    assumed: bool


class ItemBlock(ReportModel):
    item: str
    number: int
    label: str
    title: str
    status: str
    marks: float
    score: float
    points_lost: float
    lead: str
    support: list[str]
    verified: str
    summary: str
    findings: list[FindingRow]
    passed: int
    not_applicable: int


class SectionBlock(ReportModel):
    number: str
    title: str
    items: list[ItemBlock]


class GapRow(GapFields):
    rank: int
    points_at_stake: float  # every gap the engine ranks has one
    departments: list[str]


class DepartmentRow(ReportModel):
    rank: int
    code: str
    name: str
    lead_items: int
    lead_score: float
    lead_marks: float
    lead_ratio: float | None
    support_items: int
    gaps: int
    points_lost: float


class WaiverRow(ReportModel):
    id: str
    item: str
    label: str
    item_title: str
    target: str
    reason: str
    approver: str
    expires: dt.date
    active: bool


class GapReport(ReportModel):
    report: str = "gap"
    header: Header
    verdict: str
    verdict_reasons: list[str]
    veto_failed: bool
    scheme: str
    pass_ratio: float
    basic_ratio: float
    profiles: list[str]
    totals: Totals
    totals_before_waivers: Totals
    sections: list[SectionRow]
    vetoes: list[VetoRow]
    failing: list[SectionBlock]
    failing_items: int
    gaps: list[GapRow]
    top_gaps_shown: int = TOP_GAPS
    departments: list[DepartmentRow]
    waivers: list[WaiverRow]
    unverified_items: list[str]
    unverified_thresholds: list[str]
    assumed: list[str]
    input_errors: int
    input_warnings: int
    findings_shown: int = FINDINGS_SHOWN
    evidence_shown: int = EVIDENCE_SHOWN


def _finding_order(f: Finding) -> tuple[int, float, str]:
    return (STATUS_ORDER.get(f.status, 9), -f.points_lost, f.gap)


def _item_summary(item: ItemResult, failing: list[Finding]) -> str:
    if item.status == "未评估":
        return "没有可评分的检查（只有填报类指标或可选材料），不计失分"
    counts = {s: sum(1 for f in failing if f.status == s) for s in ("不达标", "缺材料", "基本达标")}
    parts = "、".join(f"{s} {n} 项" for s, n in counts.items() if n)
    lost = f"失 {num(item.points_lost)} 分（满分 {num(item.marks)} 分）"
    text = f"{parts}；{lost}" if parts else lost
    raw = sum(f.points_lost for f in failing)
    if raw > item.points_lost + 1e-9:
        text += f"；各项扣分合计 {num(raw)} 分，超过部分不再扣"
    return text


def build_gap_report(inputs: ReportInputs, top: int = TOP_GAPS) -> GapReport:
    r = inputs.result
    name = inputs.name
    items_by_id = inputs.item_results

    def row(f: Finding) -> FindingRow:
        return FindingRow(
            gap=f.gap,
            rule=f.rule,
            subject=f.subject,
            status=f.status,
            requirement_text=f.requirement_text,
            origin=f.origin,
            reason=f.reason,
            deduction=f.deduction,
            points_lost=f.points_lost,
            points_at_stake=inputs.stakes.get(f.gap),
            evidence=list(f.evidence),
            departments=[name(c) for c in f.departments],
            material_state=f.material_state,
            waived_by=f.waived_by,
            assumed=f.assumed,
        )

    blocks: list[SectionBlock] = []
    failing_items = 0
    for section in r.sections:
        listed = [it for it in r.items if it.section == section.id and it.status in ITEM_STATUSES_LISTED]
        if not listed:
            continue
        item_blocks = []
        for it in listed:
            failing = sorted((f for f in it.findings if f.status in FAILING), key=_finding_order)
            item_blocks.append(
                ItemBlock(
                    item=it.item,
                    number=it.number,
                    label=it.label,
                    title=it.title,
                    status=it.status,
                    marks=it.marks,
                    score=it.score,
                    points_lost=it.points_lost,
                    lead=name(it.lead),
                    support=[name(c) for c in it.support],
                    verified=VERIFIED_ZH.get(it.verified, it.verified),
                    summary=_item_summary(it, failing),
                    findings=[row(f) for f in failing],
                    passed=sum(1 for f in it.findings if f.status == "达标"),
                    not_applicable=sum(1 for f in it.findings if f.status == "不适用"),
                )
            )
        failing_items += len(item_blocks)
        blocks.append(SectionBlock(number=section.number, title=section.title, items=item_blocks))

    gaps = [
        GapRow.of(inputs, items_by_id[g.item], g, rank=n, departments=[name(c) for c in g.departments])
        for n, g in enumerate(r.gaps, start=1)
    ]

    def target(w_material: str | None, w_indicator: str | None, item_id: str) -> str:
        item = inputs.standard.items_by_id.get(item_id)
        if w_material:
            mat = next((m for m in item.materials if m.id == w_material), None) if item else None
            return f"材料：{mat.title if mat else w_material}"
        if w_indicator:
            ind = inputs.standard.indicators_by_id.get(w_indicator)
            return f"指标：{ind.name if ind else w_indicator}"
        return "整条"

    def item_title(item_id: str) -> tuple[str, str]:
        it = items_by_id.get(item_id)
        return (it.label, it.title) if it else ("", item_id)

    waivers = [
        WaiverRow(
            id=w.id,
            item=w.item,
            label=item_title(w.item)[0],
            item_title=item_title(w.item)[1],
            target=target(w.material, w.indicator, w.item),
            reason=w.reason,
            approver=w.approver,
            expires=w.expires,
            active=w.active,
        )
        for w in r.waivers
    ]

    def indicator(ind_id: str) -> str:
        ind = inputs.standard.indicators_by_id.get(ind_id)
        return indicator_label(ind.number, ind.name) if ind else ind_id

    scheme = inputs.scheme
    return GapReport(
        header=inputs.header(TITLE),
        verdict=r.verdict,
        verdict_reasons=list(r.verdict_reasons),
        veto_failed=r.veto_failed,
        scheme=r.scheme,
        pass_ratio=scheme.pass_ratio,
        basic_ratio=scheme.basic_ratio,
        profiles=list(r.profiles),
        totals=r.totals,
        totals_before_waivers=r.totals_before_waivers,
        sections=[
            SectionRow(id=s.id, number=s.number, title=s.title, marks=s.totals.marks, score=s.totals.score, ratio=s.totals.ratio, counts=dict(s.totals.counts))
            for s in r.sections
        ],
        vetoes=[
            VetoRow(id=v.id, title=v.title, profile=v.profile, status=v.status, reason=v.reason, evidence=list(v.evidence), verified=VERIFIED_ZH.get(v.verified, v.verified))
            for v in r.vetoes
        ],
        failing=blocks,
        failing_items=failing_items,
        gaps=gaps,
        top_gaps_shown=top,
        departments=[
            DepartmentRow(
                rank=d.rank,
                code=d.code,
                name=name(d.code),
                lead_items=len(d.lead_items),
                lead_score=d.lead_score,
                lead_marks=d.lead_marks,
                lead_ratio=d.lead_ratio,
                support_items=len(d.support_items),
                gaps=d.gaps,
                points_lost=d.points_lost,
            )
            for d in r.departments
        ],
        waivers=waivers,
        unverified_items=[f"{item_title(i)[0]}{item_title(i)[1]}" for i in r.unverified_items],
        unverified_thresholds=[indicator(i) for i in r.unverified_thresholds],
        assumed=list(r.assumed),
        input_errors=inputs.input_errors,
        input_warnings=inputs.input_warnings,
    )
