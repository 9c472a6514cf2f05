"""baseline: the latest value compared with the average of the preceding years (e.g. ≤ 5-year average)."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.models.standard import BaselineRule, Indicator, Item
from cwassess.rules.base import RuleDoc, value_text
from cwassess.rules.indicator_common import indicator_finding, missing, series_of

TYPE = "baseline"
DOC = RuleDoc(
    title="与基线比较",
    requirement="最近一年的指标值不高于（或不低于）前几年的平均水平。",
    why="如传染病发病率，考察的是防控是否有效，而非绝对数值。",
    example="甲乙类传染病报告发病率 2026年 180/10万，2022–2025年平均 195/10万 → 不高于平均水平，达标。",
    remedy="分析上升原因，加强监测、报告和防控措施。",
)


def evaluate(ctx: Context, item: Item, ind: Indicator, spec: BaselineRule) -> Finding:
    series = series_of(ctx, ind)
    values = [v for v in (series.values if series else []) if isinstance(v.value, float)]
    if len(values) < spec.years:
        return missing(ctx, item, ind, spec, TYPE, f"连续 {spec.years} 年的数据（已有 {len(values)} 年）")
    window = values[-spec.years :]
    current, previous = window[-1], window[:-1]
    mean = sum(v.value for v in previous) / len(previous)  # type: ignore[misc]
    ok = current.value <= mean if spec.op == "<=" else current.value >= mean  # type: ignore[operator]
    relation = "不高于" if spec.op == "<=" else "不低于"
    average = value_text(f"{mean:.2f}", ind.unit)
    text = f"{current.year}年 {value_text(current.value, ind.unit)}，前{len(previous)}年平均 {average}"
    if ok:
        return indicator_finding(ctx, item, ind, spec, TYPE, "达标", f"{text}，{relation}平均水平", series, spec.years)
    worse = "高于" if spec.op == "<=" else "低于"
    return indicator_finding(ctx, item, ind, spec, TYPE, "不达标", f"{text}，{worse}平均水平", series, spec.years)
