"""document_present: a required material is submitted, readable, of the right type, inside its window, often enough."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.evidence.model import Document
from cwassess.evidence.validity import in_window, required_years, years_covered
from cwassess.models.standard import Item, Material
from cwassess.rules.base import RuleDoc, finding, points_text

TYPE = "document_present"
DOC = RuleDoc(
    title="材料齐全有效",
    requirement="按要求提交材料：文件可打开、类型正确、在有效期内（以生效日期为准），按年提交的每年都有。",
    why="评审专家逐条查阅资料，缺失或过期的材料直接失分。",
    example="年度爱国卫生工作计划，近3年每年1份：2024、2025、2026年计划均已提交且可打开 → 已采纳。",
    remedy="向责任部门催交；过期的换成有效期内的版本；扫描件须完整清晰。",
)


def _describe(doc: Document) -> str:
    date = doc.effective or doc.issued or doc.period_end
    return f"{doc.where} {doc.department}「{doc.title}」{'（' + str(date) + '）' if date else ''}"


def evaluate(ctx: Context, item: Item, material: Material) -> Finding:
    docs = ctx.documents.get((item.id, material.id), [])
    assessment = ctx.city.assessment_date
    deductions = ctx.scheme.deductions
    accepted: list[Document] = []
    expired: list[str] = []
    rejected: list[str] = []
    for doc in docs:
        if not doc.usable:
            rejected.append(f"{_describe(doc)}：{doc.problem}")
            continue
        if material.doc_types and doc.type not in material.doc_types:
            rejected.append(f"{_describe(doc)}：类型“{doc.type}”不符，应为 {'、'.join(material.doc_types)}")
            continue
        ok, why = in_window(doc, material, assessment)
        if ok:
            accepted.append(doc)
        else:
            expired.append(f"{_describe(doc)}：{why}")
    need = f"{material.period or ''}{'每年' if material.per_year else ''} {material.count} 份".strip()
    base = dict(
        gap=f"{item.id}/material/{material.id}",
        rule=TYPE,
        item=item.id,
        requirement=material.requirement,
        subject=f"材料：{material.title}",
        requirement_text=f"[{material.kind}] {need}，格式 {'/'.join(material.formats)}",
        departments=sorted({d.department for d in docs}) or ctx.responsible(item.id),
    )
    trail = [f"已采纳：{_describe(d)}" for d in accepted] + [f"已过期：{e}" for e in expired] + [f"未采纳：{r}" for r in rejected]
    # The deduction is shared out over what is lacking: a year (or a copy) with only expired documents costs
    # the expired rate, one with nothing the missing rate; adding a valid document therefore never costs more.
    shortfall = 0.0
    rate_sum = 0.0
    if material.per_year:
        years = required_years(material, assessment)
        per_year = {y: sum(1 for d in accepted if y in years_covered(d)) for y in years}
        expired_years = {y for d in docs if d.usable for y in years_covered(d)}
        lacking = [y for y in years if per_year[y] < material.count]
        if lacking:
            shortfall = len(lacking) / len(years)
            rate_sum = sum(deductions.expired_material if y in expired_years else deductions.missing_material for y in lacking) / len(years)
            missing_text = f"缺 {'、'.join(str(y) for y in lacking)} 年"
    elif len(accepted) < material.count:
        gap = material.count - len(accepted)
        shortfall = gap / material.count
        stale = min(gap, len(expired))
        rate_sum = (stale * deductions.expired_material + (gap - stale) * deductions.missing_material) / material.count
        missing_text = f"需 {material.count} 份，有效 {len(accepted)} 份"
    if shortfall == 0:
        return finding(**base, status="达标", reason=f"有效材料 {len(accepted)} 份", evidence=trail, material_state="已采纳")
    if not material.mandatory:
        state = "已过期" if expired and not accepted else ("已提交" if docs else "缺失")
        return finding(**base, status="未评估", reason=f"可选材料：{missing_text}", evidence=trail, material_state=state)
    if not docs:
        points = deductions.missing_material
        return finding(**base, status="缺材料", reason="未提交", points_lost=points, deduction=f"缺少必备材料扣 {points:g} 分", evidence=trail, material_state="缺失")
    if expired and not accepted and not rejected:
        points = rate_sum
        return finding(**base, status="缺材料", reason=f"材料不在有效期内（{missing_text}）", points_lost=points, deduction=f"材料过期扣 {points_text(points)} 分", evidence=trail, material_state="已过期")
    points = rate_sum
    return finding(**base, status="缺材料", reason=f"材料不全（{missing_text}）", points_lost=points, deduction=f"材料不全扣 {points_text(points)} 分", evidence=trail, material_state="已提交")
