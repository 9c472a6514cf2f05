"""cwassess/refs.py: every way people write an item number, and what is not one."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cwassess.refs import parse_chinese_number, parse_item_number
from cwassess.standard.model import chinese_number


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12), (" 12 ", 12), ("１２", 12), ("5", 5), ("45", 45),
        ("（十二）", 12), ("(十二)", 12), ("（12）", 12), ("(12)", 12), ("（１２）", 12), ("( 12 )", 12),
        ("第十二条", 12), ("第12条", 12), ("第 12 条", 12), ("第１２条", 12), ("第十二", 12), ("十二条", 12),
        ("十二", 12), ("十", 10), ("一", 1), ("两", 2), ("二十", 20), ("四十五", 45), ("九十九", 99),
        ("三-(十二)", 12), ("三－（十二）", 12), ("三—（十二）", 12), ("三–(12)", 12), ("三、（十二）", 12),
        ("三、十二", 12), ("三.12", 12), ("三．（十二）", 12), ("三- (十二)", 12), ("七-（四十五）", 45),
        ("三", 3),
    ],
)
def test_item_number_forms(text: str, number: int) -> None:
    assert parse_item_number(text) == number


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "abc", "org-agenda", "指标12", "1.2", "-1", "12a", "a12", "第十二条条", "（）", "()", "第条",
        "十二十", "十十", "一二", "一百", "百", "二十二十", "三、", "三-", "12 13", "（十二）（十三）", "１２.５",
    ],
)
def test_not_item_numbers(text: str) -> None:
    assert parse_item_number(text) is None


def test_a_very_long_digit_string_is_not_an_item_number() -> None:
    """BUG: int() of more than 4300 digits raises ValueError (`cwassess standard show 111…` crashes)."""
    assert parse_item_number("1" * 5000) is None


@pytest.mark.parametrize(("text", "number"), [("一", 1), ("九", 9), ("十", 10), ("十一", 11), ("二十", 20), ("二十一", 21), ("九十九", 99), ("零", 0)])
def test_chinese_numbers(text: str, number: int) -> None:
    assert parse_chinese_number(text) == number


@pytest.mark.parametrize("text", ["", "百", "一十十", "十十", "一二", "二十一二", "a", "1"])
def test_not_chinese_numbers(text: str) -> None:
    assert parse_chinese_number(text) is None


@pytest.mark.parametrize("n", range(1, 100))
def test_chinese_number_round_trip(n: int) -> None:
    label = chinese_number(n)
    assert parse_chinese_number(label) == n
    assert parse_item_number(f"（{label}）") == n
    assert parse_item_number(f"第{label}条") == n


@given(st.text(max_size=30))
def test_parse_item_number_never_raises(text: str) -> None:
    result = parse_item_number(text)
    assert result is None or (isinstance(result, int) and result >= 0)
