"""trend: improving year by year over the last N years (up = higher is better, down = lower is better)."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.models.standard import Indicator, Item, TrendRule
from cwassess.rules.base import RuleDoc
from cwassess.rules.indicator_common import indicator_finding, missing, series_of

TYPE = "trend"
DOC = RuleDoc(
    title="逐年改善",
    requirement="连续 N 年的指标值逐年改善（提高或下降，视指标而定）。",
    why="2021 版标准多处只要求“提高”“持续改善”而不设硬性数值，趋势是主要判断依据。",
    example="中小学生近视率 2024年 52.1%、2025年 51.0%、2026年 49.8% → 逐年下降，达标。",
    remedy="补齐连续年份数据；趋势反弹的，说明原因并落实改善措施。",
)


def evaluate(ctx: Context, item: Item, ind: Indicator, spec: TrendRule) -> Finding:
    series = series_of(ctx, ind)
    values = [v for v in (series.values if series else []) if isinstance(v.value, float)]
    if len(values) < spec.years:
        return missing(ctx, item, ind, spec, TYPE, f"连续 {spec.years} 年的数据（已有 {len(values)} 年）")
    window = values[-spec.years :]
    if window[-1].year - window[0].year != spec.years - 1:
        return missing(ctx, item, ind, spec, TYPE, f"连续 {spec.years} 年的数据（年份不连续）")
    sign = 1 if spec.direction == "up" else -1
    steps = [sign * (b.value - a.value) for a, b in zip(window, window[1:])]  # type: ignore[operator]
    overall = sign * (window[-1].value - window[0].value)  # type: ignore[operator]
    word = "提高" if spec.direction == "up" else "下降"
    if all(s >= 0 for s in steps) and overall > 0:
        return indicator_finding(ctx, item, ind, spec, TYPE, "达标", f"近{spec.years}年逐年{word}", series, spec.years)
    if overall > 0:
        return indicator_finding(ctx, item, ind, spec, TYPE, "基本达标", f"近{spec.years}年总体{word}，但有年份反弹", series, spec.years)
    return indicator_finding(ctx, item, ind, spec, TYPE, "不达标", f"近{spec.years}年未{word}", series, spec.years)
