"""boolean: 有/无 — e.g. 全面控烟法律法规规定."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.models.standard import BooleanRule, Indicator, Item
from cwassess.rules.base import RuleDoc, fmt
from cwassess.rules.indicator_common import indicator_finding, latest_or_gap, series_of

TYPE = "boolean"
DOC = RuleDoc(
    title="有/无",
    requirement="填报值为“有”（或规定的“无”）。",
    why="部分要求只问是否具备，如是否有全面控烟的法律法规规定。",
    example="全面控烟法律法规规定：有 → 达标。",
    remedy="推动出台或修订相关规定，并上传正式文本。",
)


def evaluate(ctx: Context, item: Item, ind: Indicator, spec: BooleanRule) -> Finding:
    series = series_of(ctx, ind)
    value = latest_or_gap(ctx, item, ind, spec, TYPE, series, bool)
    if isinstance(value, Finding):
        return value
    status = "达标" if value.value == spec.expected else "不达标"
    return indicator_finding(ctx, item, ind, spec, TYPE, status, f"{value.year}年 填报“{fmt(value.value)}”", series, 1)
