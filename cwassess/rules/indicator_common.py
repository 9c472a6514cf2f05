"""Shared by the indicator rule types: the series, the finding, the deduction for a status."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding, Status
from cwassess.evidence.model import IndicatorSeries, IndicatorValue
from cwassess.models.standard import Indicator, IndicatorRule, Item
from cwassess.rules.base import finding, fmt, value_text
from cwassess.standard.describe import describe_rule, rule_origin


def series_of(ctx: Context, ind: Indicator) -> IndicatorSeries | None:
    return ctx.series.get(ind.id)


def trail(series: IndicatorSeries | None, years: int | None = None) -> list[str]:
    if series is None:
        return []
    values = series.values[-years:] if years else series.values
    shown = "，".join(f"{v.year}年 {fmt(v.value)}" for v in values)
    source = f"（{series.source}）" if series.source else ""
    return [f"{series.where} {series.department} 填报：{shown}{source}"]


def latest(series: IndicatorSeries | None) -> IndicatorValue | None:
    return series.latest() if series else None


def indicator_finding(
    ctx: Context,
    item: Item,
    ind: Indicator,
    spec: IndicatorRule | None,
    rule: str,
    status: Status,
    reason: str,
    series: IndicatorSeries | None,
    years: int | None = None,
) -> Finding:
    deductions = ctx.scheme.deductions
    points, deduction = 0.0, None
    if status == "不达标":
        points, deduction = deductions.indicator_fail, f"指标不达标扣 {deductions.indicator_fail:g} 分"
    elif status == "基本达标":
        points, deduction = deductions.indicator_basic, f"指标基本达标扣 {deductions.indicator_basic:g} 分"
    elif status == "缺材料":
        points, deduction = deductions.missing_indicator, f"指标未填报扣 {deductions.missing_indicator:g} 分"
    owners = [series.department] if series else []
    return finding(
        gap=f"{item.id}/indicator/{ind.id}",
        rule=rule,
        item=item.id,
        subject=f"指标 {ind.number or ''} {ind.name}".replace("  ", " "),
        requirement_text=describe_rule(spec, ind),
        status=status,
        reason=reason,
        points_lost=points,
        deduction=deduction,
        evidence=trail(series, years),
        departments=owners or ctx.responsible(item.id),
        origin=rule_origin(spec) if spec else None,
    )


def latest_or_gap(
    ctx: Context, item: Item, ind: Indicator, spec: IndicatorRule | None, rule: str, series: IndicatorSeries | None, kind: type | None = None
) -> IndicatorValue | Finding:
    """The latest value of a series; or the finding that it is missing, not of `kind`, or too old to count."""
    value = latest(series)
    if value is None or (kind is not None and not isinstance(value.value, kind)):
        return missing(ctx, item, ind, spec, rule)
    return _outdated(ctx, item, ind, spec, rule, value, series) or value


def _outdated(ctx: Context, item: Item, ind: Indicator, spec: IndicatorRule | None, rule: str, value: IndicatorValue, series: IndicatorSeries | None) -> Finding | None:
    """A latest value too old to stand for the city today counts as not reported (the assessment reads recent data)."""
    oldest = ctx.today.year - ctx.scheme.data_max_age_years
    if value.year >= oldest:
        return None
    shown = value_text(value.value, ind.unit) if isinstance(value.value, float) else fmt(value.value)
    text = f"最新数据为 {value.year}年 {shown}，早于 {oldest} 年：请补报 {oldest} 年及以后的数据"
    return indicator_finding(ctx, item, ind, spec, rule, "缺材料", text, series, 1)


def missing(ctx: Context, item: Item, ind: Indicator, spec: IndicatorRule | None, rule: str, what: str = "") -> Finding:
    text = f"未填报{what or '该指标'}"
    return indicator_finding(ctx, item, ind, spec, rule, "缺材料", text, None)
