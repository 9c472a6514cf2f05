"""survey_rate: a survey indicator (满意度, 健康素养) needs a survey with a sufficient sample."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.models.standard import Indicator, Item
from cwassess.rules.base import RuleDoc, finding

TYPE = "survey_rate"
DOC = RuleDoc(
    title="调查样本",
    requirement="调查类指标须有最近一年的调查，样本量不少于规定数量，并写明调查方法。",
    why="满意度等指标以抽样调查为依据，样本不足的结果不被采信。",
    example="群众对卫生状况满意度：第三方电话调查，样本 1,200 人，满意率 93.5% → 样本充足。",
    remedy="委托第三方按规定样本量重新调查，保存调查报告。",
)


def evaluate(ctx: Context, item: Item, ind: Indicator, minimum: int) -> Finding:
    surveys = ctx.surveys.get(ind.id, [])
    base = dict(
        gap=f"{item.id}/survey/{ind.id}",
        rule=TYPE,
        item=item.id,
        subject=f"调查：{ind.name}",
        requirement_text=f"最近一年的调查，样本不少于 {minimum}",
        departments=ctx.responsible(item.id),
    )
    deductions = ctx.scheme.deductions
    if not surveys:
        return finding(**base, status="缺材料", reason="未提交调查结果", points_lost=deductions.survey_shortfall, deduction=f"缺调查扣 {deductions.survey_shortfall:g} 分")
    newest = max(surveys, key=lambda s: s.year)
    trail = [f"{newest.where} {newest.department} {newest.year}年 {newest.method}，样本 {newest.sample_size}，{newest.rate:g}%"]
    if newest.sample_size < minimum:
        return finding(
            **base, status="基本达标", reason=f"样本 {newest.sample_size}，少于 {minimum}", evidence=trail,
            points_lost=deductions.survey_shortfall, deduction=f"样本量不足扣 {deductions.survey_shortfall:g} 分",
        )
    return finding(**base, status="达标", reason=f"样本 {newest.sample_size}，满足要求", evidence=trail)
