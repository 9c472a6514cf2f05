"""Indicator values as people type them: "95%", "９５％", 0.95 from a percent-formatted Excel cell, "B级"."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

LEVEL_CODES = {"01": "A", "02": "B", "03": "C", "04": "D", "1": "A", "2": "B", "3": "C", "4": "D"}
_TRUE = {"有", "是", "true", "yes", "y", "1", "√", "✓"}
_FALSE = {"无", "否", "false", "no", "n", "0", "×", "✗"}
_YEAR = re.compile(r"[0-9]{4}")
_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
# Unit words people append to a number; stripped when they match the indicator's unit.
_UNIT_WORDS = {
    "%": ("%", "％", "百分比"),
    "‰": ("‰",),
    "1/10万": ("/10万", "1/10万", "/十万"),
    "天": ("天", "日"),
    "小时": ("小时", "h"),
    "小时/天": ("小时/天", "小时", "h/d", "h"),
    "m²/人": ("m²/人", "平方米/人", "㎡/人", "m2/人", "平方米", "㎡"),
    "m²": ("m²", "平方米", "㎡", "m2"),
    "µg/m³": ("µg/m³", "μg/m³", "ug/m3", "微克/立方米"),
    "dB(A)": ("dB(A)", "dB", "分贝"),
    "岁": ("岁",),
    "个": ("个",),
    "人/千人": ("人/千人", "人"),
    "张/千人": ("张/千人", "张"),
    "人/万人": ("人/万人", "人"),
}


@dataclass(frozen=True)
class Parsed:
    """A normalised value, or an error message; `note` explains a reinterpretation (0.95 → 95%)."""

    value: float | str | bool | None
    error: str | None = None
    note: str | None = None


def _fold(raw: object) -> str:
    return unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "").replace(" ", "")


def parse_value(raw: object, unit: str) -> Parsed:
    """One value for an indicator with this unit."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Parsed(None, "数值为空")
    if unit == "级":
        text = _fold(raw).upper().removesuffix("级")
        text = LEVEL_CODES.get(text, text)
        if text in {"A", "B", "C", "D"}:
            return Parsed(text)
        return Parsed(None, f"无法识别的等级“{raw}”，应为 A、B、C 或 D")
    if unit == "有/无":
        if isinstance(raw, bool):
            return Parsed(raw)
        text = _fold(raw).lower()
        if text in _TRUE:
            return Parsed(True)
        if text in _FALSE:
            return Parsed(False)
        return Parsed(None, f"无法识别“{raw}”，应为 有 或 无")
    if isinstance(raw, bool):
        return Parsed(None, f"应为数值（实际：{raw}）")
    had_percent = False
    if isinstance(raw, (int, float)):
        try:
            number = float(raw)
        except OverflowError:  # an integer of hundreds of digits
            return Parsed(None, "数值过大，无法使用")
    else:
        text = _fold(raw)
        for word in sorted({_fold(w) for w in _UNIT_WORDS.get(unit, ())}, key=len, reverse=True):
            if text.endswith(word):
                text = text[: -len(word)]
                had_percent = unit == "%"
                break
        if text.endswith("%") and unit != "%":
            return Parsed(None, f"“{raw}”带百分号，但该指标单位为 {unit}")
        if not _NUMBER.match(text):
            return Parsed(None, f"无法识别的数值“{raw}”")
        number = float(text)
    if math.isnan(number) or math.isinf(number):
        return Parsed(None, f"数值无效“{raw}”")
    if number < 0:
        return Parsed(None, f"数值不能为负数（实际：{raw}）")
    if unit == "%":
        if not had_percent and 0 < number <= 1 and (isinstance(raw, float) or "." in str(raw)):
            # Excel stores a percent-formatted 95% as 0.95.
            return Parsed(number * 100, note=f"按比例理解：{raw} → {number * 100:g}%")
        if number > 100:
            return Parsed(None, f"百分比不能超过 100（实际：{raw}）")
    return Parsed(number)


def parse_year(raw: object) -> int | None:
    """A year from 1990 to 2100 ("2025", "2025年", "２０２５", 2025.0), else None."""
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw if 1990 <= raw <= 2100 else None  # str() of a huge int would raise
    if isinstance(raw, float) and raw.is_integer():  # a number cell from Excel
        raw = int(raw)
    text = _fold(raw).removesuffix("年")
    # Four ASCII digits first: int() refuses a key of thousands of digits, and str.isdigit() accepts "²".
    return int(text) if _YEAR.fullmatch(text) and 1990 <= int(text) <= 2100 else None
