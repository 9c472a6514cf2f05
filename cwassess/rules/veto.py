"""veto (一票否决): failing it fails the verdict whatever the score; missing proof counts as not proven."""

from __future__ import annotations

import datetime as dt

from cwassess.engine.context import Context
from cwassess.engine.results import Finding, VetoResult
from cwassess.models.profile import Veto
from cwassess.rules.base import RuleDoc

TYPE = "veto"
DOC = RuleDoc(
    title="一票否决",
    requirement="列出的指标全部达标、材料齐全有效，且规定年限内未发生列出的事件。",
    why="必备条件不满足的，无论得分多少均不能通过。",
    example="近3年未发生重大食品安全事故，并有市场监管部门出具的证明 → 通过。",
    remedy="立即处置；无法在评估前满足的，向创卫办报告并调整迎评计划。",
)


def evaluate(ctx: Context, profile: str, veto: Veto, findings: dict[str, Finding]) -> VetoResult:
    evidence: list[str] = []
    failed: list[str] = []
    lacking: list[str] = []
    for ind_id in veto.indicators:
        found = next((f for gap, f in findings.items() if gap.endswith(f"/indicator/{ind_id}")), None)
        ind = ctx.std.indicators_by_id.get(ind_id)
        name = ind.name if ind else ind_id
        if found is None or found.status == "不适用":
            continue
        evidence.append(f"{name}：{found.reason}")
        if found.status == "不达标":
            failed.append(name)
        elif found.status == "缺材料":
            lacking.append(name)
    for ref in veto.materials:
        item_id, _, mat_id = ref.partition("/")
        found = findings.get(f"{item_id}/material/{mat_id}")
        if found is None or found.status in {"不适用"}:
            continue
        evidence.append(f"{found.subject}：{found.reason}")
        if found.status == "缺材料":
            lacking.append(found.subject.removeprefix("材料："))
    since = ctx.city.assessment_date - dt.timedelta(days=365 * veto.incident_years)
    for incident in sorted(ctx.evidence.incidents, key=lambda i: (i.date, i.type, i.department, i.where)):
        if incident.type in veto.incidents and since <= incident.date <= ctx.city.assessment_date:
            failed.append(f"{incident.date} {incident.type}")
            evidence.append(f"{incident.where} {incident.department}：{incident.date} {incident.type}：{incident.description}")
    verified = ctx.std.profiles_by_id[profile].provenance.verified if profile in ctx.std.profiles_by_id else "unverified"
    base = dict(id=veto.id, title=veto.title, profile=profile, evidence=evidence, verified=veto.provenance.verified or verified)
    if failed:
        return VetoResult(**base, status="否决", reason="不满足：" + "；".join(failed))
    if lacking:
        return VetoResult(**base, status="缺材料", reason="缺 " + "、".join(lacking))
    return VetoResult(**base, status="通过", reason="满足")
