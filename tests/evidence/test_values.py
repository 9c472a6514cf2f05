"""cwassess/evidence/values.py: parse_value over every unit family, parse_year."""

from __future__ import annotations

import math

import pytest

from cwassess.evidence.values import Parsed, parse_value, parse_year


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        (95, 95.0, None),
        ("95", 95.0, None),
        ("95%", 95.0, None),
        ("９５％", 95.0, None),
        ("95 %", 95.0, None),
        ("95百分比", 95.0, None),
        ("96.5%", 96.5, None),
        (0.95, 95.0, "按比例理解：0.95 → 95%"),
        ("0.95", 95.0, "按比例理解：0.95 → 95%"),
        (".5", 50.0, "按比例理解：.5 → 50%"),
        (1.0, 100.0, "按比例理解：1.0 → 100%"),
        ("1.0", 100.0, "按比例理解：1.0 → 100%"),
        # A whole number is a percentage, never a fraction; a value written with % is never rescaled.
        (1, 1.0, None),
        ("1", 1.0, None),
        ("0.95%", 0.95, None),
        (0, 0.0, None),
        ("0.0", 0.0, None),
        (100, 100.0, None),
        ("100%", 100.0, None),
    ],
)
def test_percent(raw: object, value: float, note: str | None) -> None:
    assert parse_value(raw, "%") == Parsed(value, None, note)


@pytest.mark.parametrize(
    ("raw", "unit", "value"),
    [
        ("5.2‰", "‰", 5.2),
        ("0.5", "‰", 0.5),  # only percentages are rescaled
        ("180/10万", "1/10万", 180.0),
        ("180 1/10万", "1/10万", 180.0),
        ("180/十万", "1/10万", 180.0),
        ("320天", "天", 320.0),
        ("320日", "天", 320.0),
        ("16小时/天", "小时/天", 16.0),
        ("16小时", "小时/天", 16.0),
        ("16h", "小时/天", 16.0),
        ("16 h/d", "小时/天", 16.0),
        ("1.0", "小时", 1.0),
        ("1h", "小时", 1.0),
        ("8.5m²/人", "m²/人", 8.5),
        ("8.5㎡/人", "m²/人", 8.5),
        ("8.5平方米/人", "m²/人", 8.5),
        ("8.5平方米", "m²/人", 8.5),
        ("8.5m2/人", "m²/人", 8.5),
        ("1200平方米", "m²", 1200.0),
        ("35ug/m3", "µg/m³", 35.0),
        ("35微克/立方米", "µg/m³", 35.0),
        ("55dB(A)", "dB(A)", 55.0),
        ("55 dB", "dB(A)", 55.0),
        ("55分贝", "dB(A)", 55.0),
        ("78.3岁", "岁", 78.3),
        ("2个", "个", 2.0),
        ("1,000", "个", 1000.0),
        ("1e3", "个", 1000.0),
        ("+3", "个", 3.0),
        ("5.", "个", 5.0),
        ("2.5人/千人", "人/千人", 2.5),
        ("2.5人", "人/千人", 2.5),
        ("6.8张/千人", "张/千人", 6.8),
        ("6.8张", "张/千人", 6.8),
        ("3.2人/万人", "人/万人", 3.2),
        ("３.２", "人/万人", 3.2),
    ],
)
def test_other_units(raw: str, unit: str, value: float) -> None:
    assert parse_value(raw, unit) == Parsed(value)


@pytest.mark.parametrize(("raw", "value"), [("35µg/m³", 35.0), ("35μg/m³", 35.0), ("8.5㎡", 8.5)])
def test_a_value_written_with_the_indicators_own_unit(raw: str, value: float) -> None:
    """BUG: the value is NFKC-folded (µ → μ, ³ → 3, ㎡ → m2) before the unit words are stripped, but the unit words are
    not folded, so “35µg/m³” — written exactly as the indicator's unit — is refused as 无法识别的数值."""
    unit = "m²/人" if "㎡" in raw else "µg/m³"
    assert parse_value(raw, unit) == Parsed(value)


@pytest.mark.parametrize(
    ("raw", "unit", "error"),
    [
        (None, "%", "数值为空"),
        ("", "%", "数值为空"),
        ("   ", "个", "数值为空"),
        (-0.5, "%", "数值不能为负数（实际：-0.5）"),
        ("-3", "个", "数值不能为负数（实际：-3）"),
        (float("nan"), "%", "数值无效“nan”"),
        (float("inf"), "个", "数值无效“inf”"),
        ("NaN", "%", "无法识别的数值“NaN”"),
        ("九十五", "%", "无法识别的数值“九十五”"),
        ("95.5.1", "%", "无法识别的数值“95.5.1”"),
        (100.5, "%", "百分比不能超过 100（实际：100.5）"),
        ("150%", "%", "百分比不能超过 100（实际：150%）"),
        ("95%", "天", "“95%”带百分号，但该指标单位为 天"),
        ("5%", "‰", "“5%”带百分号，但该指标单位为 ‰"),
        ("3处/km", "处/km", "无法识别的数值“3处/km”"),
        (True, "%", "应为数值（实际：True）"),
        (False, "个", "应为数值（实际：False）"),
        ("320小时", "天", "无法识别的数值“320小时”"),
        (10**400, "个", "数值过大，无法使用"),
    ],
)
def test_errors(raw: object, unit: str, error: str) -> None:
    assert parse_value(raw, unit) == Parsed(None, error)


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        ("A", "A"), ("b", "B"), ("C级", "C"), ("d级", "D"), ("Ｂ", "B"), ("Ｂ级", "B"), (" B ", "B"),
        ("01", "A"), ("02", "B"), ("03", "C"), ("04", "D"), ("1", "A"), ("4", "D"), (2, "B"),
    ],
)
def test_levels(raw: object, level: str) -> None:
    assert parse_value(raw, "级") == Parsed(level)


@pytest.mark.parametrize("raw", ["E", "A级以上", "05", "0", "AB", 5])
def test_unknown_levels(raw: object) -> None:
    assert parse_value(raw, "级") == Parsed(None, f"无法识别的等级“{raw}”，应为 A、B、C 或 D")


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        (True, True), (False, False), ("有", True), ("无", False), ("是", True), ("否", False),
        ("yes", True), ("No", False), ("Y", True), ("n", False), ("TRUE", True), ("false", False),
        ("1", True), ("0", False), (1, True), (0, False), ("√", True), ("×", False), ("✓", True), ("✗", False), (" 有 ", True),
    ],
)
def test_yes_no(raw: object, value: bool) -> None:
    assert parse_value(raw, "有/无") == Parsed(value)


@pytest.mark.parametrize("raw", ["有的", "未出台", "2"])
def test_unknown_yes_no(raw: str) -> None:
    assert parse_value(raw, "有/无") == Parsed(None, f"无法识别“{raw}”，应为 有 或 无")


def test_parsed_values_are_finite_and_never_negative() -> None:
    for raw in (0, 0.001, 1e9, "1e308", "99.99个"):
        parsed = parse_value(raw, "个")
        assert parsed.error is None and isinstance(parsed.value, float) and math.isfinite(parsed.value) and parsed.value >= 0


@pytest.mark.parametrize(
    ("raw", "year"),
    [("2025", 2025), ("2025年", 2025), ("２０２５", 2025), (2025, 2025), (" 2025 ", 2025), ("1990", 1990), ("2100", 2100),
     ("1989", None), ("2101", None), ("25", None), ("二〇二五", None), ("2025.0", None), ("2025-01", None), ("", None),
     (2025.0, 2025), (1989, None), (True, None), (None, None), ("02025", None), ("²⁰²⁵", 2025), ("߂߀߂߅", None)],
)
def test_parse_year(raw: object, year: int | None) -> None:
    assert parse_year(raw) == year


def test_a_year_of_thousands_of_digits_is_not_a_year() -> None:
    """int() refuses more than 4,300 digits, and str() of such an int raises too: neither may be reached."""
    assert parse_year("9" * 4400) is None
    assert parse_year(10**5000) is None
