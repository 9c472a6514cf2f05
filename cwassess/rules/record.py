"""record: collected for the online form, no threshold — only whether it was submitted."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.models.standard import Indicator, Item, RecordRule
from cwassess.rules.base import RuleDoc, value_text
from cwassess.rules.indicator_common import indicator_finding, latest_or_gap, series_of

TYPE = "record"
DOC = RuleDoc(
    title="填报",
    requirement="按填报表要求提交指标值（无阈值）。",
    why="线上评估要求所有指标如实填报，缺报即失分。",
    example="国家卫生县数量：2026年 2 个 → 已填报。",
    remedy="向数据来源部门索取并按年份填报。",
)


def evaluate(ctx: Context, item: Item, ind: Indicator, spec: RecordRule | None) -> Finding:
    series = series_of(ctx, ind)
    value = latest_or_gap(ctx, item, ind, spec, TYPE, series)
    if isinstance(value, Finding):
        return value
    return indicator_finding(ctx, item, ind, spec, TYPE, "达标", f"已填报：{value.year}年 {value_text(value.value, ind.unit)}", series, 1)
