"""vs_plan: the actual figure against the regional health plan's target (e.g. 每千常住人口床位数)."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.models.standard import Indicator, Item, PlanRule
from cwassess.rules.base import RuleDoc, value_text
from cwassess.rules.indicator_common import indicator_finding, latest, latest_or_gap, missing, series_of

TYPE = "vs_plan"
DOC = RuleDoc(
    title="对照区域规划",
    requirement="实际值不低于所在地区域卫生规划要求的数值。",
    why="卫生资源配置以本地规划为准，填报表同时采集实际值与规划值。",
    example="每千常住人口床位数 6.8 张，区域卫生规划要求 6.5 张 → 达标。",
    remedy="同时填报规划目标值；未达规划的，列明建设计划与资金安排。",
)


def evaluate(ctx: Context, item: Item, ind: Indicator, spec: PlanRule) -> Finding:
    series = series_of(ctx, ind)
    actual = latest_or_gap(ctx, item, ind, spec, TYPE, series, float)
    if isinstance(actual, Finding):
        return actual
    plan_ind = ctx.std.indicators_by_id.get(spec.plan)
    plan = latest(ctx.series.get(spec.plan)) if plan_ind else None
    if plan is None or not isinstance(plan.value, float):
        return missing(ctx, item, ind, spec, TYPE, f"区域卫生规划目标值（{plan_ind.name if plan_ind else spec.plan}）")
    text = f"{actual.year}年 {value_text(actual.value, ind.unit)}，规划要求 {value_text(plan.value, ind.unit)}"
    if actual.value >= plan.value:
        return indicator_finding(ctx, item, ind, spec, TYPE, "达标", f"{text}，达到规划", series, 1)
    return indicator_finding(ctx, item, ind, spec, TYPE, "不达标", f"{text}，低于规划", series, 1)
