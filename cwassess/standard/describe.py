"""Chinese wording of rules and provenance, shared by the CLI, reports and the packet."""

from __future__ import annotations

from cwassess.models.common import VERIFIED_ZH, Provenance
from cwassess.models.standard import Indicator, IndicatorRule, ThresholdRule

VERSION_ZH = {"2014": "2014版", "2021": "2021版", "legacy": "除四害旧标准", "default": "本工具建议值"}
_OP_ZH = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def describe_rule(rule: IndicatorRule | None, indicator: Indicator) -> str:
    """'≥ 90%' style requirement text for one indicator rule."""
    unit = "" if indicator.unit in {"级", "有/无"} else indicator.unit
    if rule is None:
        return "仅填报，无阈值"
    if isinstance(rule, ThresholdRule):
        if rule.op == "range":
            return f"{_num(rule.min)}–{_num(rule.max)}{unit}"
        return f"{_OP_ZH[rule.op]} {_num(rule.value)}{unit}"
    if rule.type == "trend":
        word = "逐年提高" if rule.direction == "up" else "逐年下降"
        return f"近{rule.years}年{word}"
    if rule.type == "baseline":
        return f"{_OP_ZH[rule.op]} 前{rule.years}年平均水平"
    if rule.type == "vs_plan":
        return "不低于区域卫生规划要求"
    if rule.type == "level":
        return f"达到 {rule.pass_at} 级或更好"
    if rule.type == "boolean":
        return "有" if rule.expected else "无"
    return "仅填报，无阈值"


def describe_provenance(prov: Provenance) -> str:
    text = VERIFIED_ZH[prov.verified]
    if prov.source:
        text += "，来源 " + "、".join(prov.source)
    return text


def rule_origin(rule: IndicatorRule) -> str:
    """'2014版·二手来源' — which version a threshold is and how sure we are."""
    return f"{VERSION_ZH[rule.version]}·{VERIFIED_ZH[rule.provenance.verified]}"
