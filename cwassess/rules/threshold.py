"""threshold: the latest value against ≥ / ≤ / > / < a value, or within a range."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.models.standard import Indicator, Item, ThresholdRule
from cwassess.rules.base import RuleDoc, value_text
from cwassess.rules.indicator_common import indicator_finding, latest_or_gap, series_of

TYPE = "threshold"
DOC = RuleDoc(
    title="阈值",
    requirement="最近一年的指标值达到规定阈值（≥、≤ 或在范围内）。",
    why="指标是线上评估的主要依据，未达阈值即为失分点。",
    example="道路装灯率要求 ≥ 100%，填报 2026年 100% → 达标。",
    remedy="核对统计口径与数据来源；确未达到的，制定整改计划并在评估前更新数据。",
)


def passes(spec: ThresholdRule, value: float) -> bool:
    if spec.op == "range":
        return (spec.min is None or value >= spec.min) and (spec.max is None or value <= spec.max)
    target = spec.value if spec.value is not None else 0.0
    return {">=": value >= target, "<=": value <= target, ">": value > target, "<": value < target}[spec.op]


def evaluate(ctx: Context, item: Item, ind: Indicator, spec: ThresholdRule) -> Finding:
    series = series_of(ctx, ind)
    current = latest_or_gap(ctx, item, ind, spec, TYPE, series, float)
    if isinstance(current, Finding):
        return current
    value = current.value
    if passes(spec, value):
        return indicator_finding(ctx, item, ind, spec, TYPE, "达标", f"{current.year}年 {value_text(value, ind.unit)}，达到要求", series, 1)
    return indicator_finding(ctx, item, ind, spec, TYPE, "不达标", f"{current.year}年 {value_text(value, ind.unit)}，未达到要求", series, 1)
