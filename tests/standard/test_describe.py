"""cwassess/standard/describe.py: the Chinese wording of every rule type and of provenance."""

from __future__ import annotations

from typing import Any

import pytest

from cwassess.models.common import Provenance
from cwassess.models.standard import Indicator
from cwassess.standard.describe import describe_provenance, describe_rule, rule_origin

PROV = {"verified": "inferred"}


def indicator(unit: str, rule: dict[str, Any] | None) -> Indicator:
    data: dict[str, Any] = {"id": "x", "name": "x", "provenance": PROV, "item": "i", "item_provenance": PROV, "unit": unit}
    if rule is not None:
        data["rule"] = {"version": "2021", "provenance": PROV, **rule}
    return Indicator.model_validate(data)


@pytest.mark.parametrize(
    ("unit", "rule", "text"),
    [
        ("%", {"type": "threshold", "op": ">=", "value": 95}, "≥ 95%"),
        ("%", {"type": "threshold", "op": "<=", "value": 2.5}, "≤ 2.5%"),
        ("mg/L", {"type": "threshold", "op": ">", "value": 0.3}, "> 0.3mg/L"),
        ("个", {"type": "threshold", "op": "<", "value": 10}, "< 10个"),
        ("mg/L", {"type": "threshold", "op": "range", "min": 0.3, "max": 4}, "0.3–4mg/L"),
        ("%", {"type": "trend", "direction": "up", "years": 3}, "近3年逐年提高"),
        ("%", {"type": "trend", "direction": "down", "years": 2}, "近2年逐年下降"),
        ("例", {"type": "baseline", "op": "<=", "years": 3}, "≤ 前3年平均水平"),
        ("张", {"type": "vs_plan", "plan": "p"}, "不低于区域卫生规划要求"),
        ("级", {"type": "level", "pass_at": "C"}, "达到 C 级或更好"),
        ("有/无", {"type": "boolean", "expected": True}, "有"),
        ("有/无", {"type": "boolean", "expected": False}, "无"),
        ("个", {"type": "record"}, "仅填报，无阈值"),
        ("个", None, "仅填报，无阈值"),
    ],
)
def test_describe_rule(unit: str, rule: dict[str, Any] | None, text: str) -> None:
    ind = indicator(unit, rule)
    assert describe_rule(ind.rule, ind) == text


def test_rule_origin_and_provenance() -> None:
    ind = indicator("%", {"type": "threshold", "op": ">=", "value": 95})
    assert rule_origin(ind.rule) == "2021版·推断"  # type: ignore[arg-type]
    assert describe_provenance(Provenance(verified="secondary", source=["S1", "S2"])) == "二手来源，来源 S1、S2"
    assert describe_provenance(Provenance(verified="unverified")) == "未核实"
