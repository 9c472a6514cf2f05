"""The Jinja2 environment every cwassess document is written with, and its filters.

Autoescape is on for every template: evidence text, file names and anything a department wrote are escaped.
Nothing from a workspace is ever marked safe. CSS is never built from variables: it lives in static files under
assets/ and is inlined as it is (`stylesheet()`), because autoescape inside <style> would quote-escape values.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

ASSETS = Path(__file__).resolve().parent / "assets"

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))

# Status → CSS class (assets/report.css) and Excel colour (xlsx.py). Item statuses and material states.
STATUS_CLASS: dict[str, str] = {
    "达标": "ok",
    "已采纳": "ok",
    "通过": "ok",
    "模拟通过": "ok",
    "基本达标": "warn",
    "已提交": "warn",
    "缺材料": "miss",
    "缺失": "miss",
    "已过期": "expired",
    "不达标": "fail",
    "否决": "fail",
    "不通过": "fail",
    "不适用": "na",
    "未评估": "na",
}


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 45 → 四十五, 105 → 一百零五 (up to 9999)."""
    if n <= 0 or n > 9999:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n - 10] if n > 10 else "")
    out = ""
    rest = n
    zero = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if zero:
                out += "零"
                zero = False
            out += _DIGITS[digit] + unit
        elif out:
            zero = True
    if rest:
        out += ("零" if zero else "") + _DIGITS[rest]
    return out


def gb_number(n: int, level: int = 1) -> str:
    """GB/T 9704 heading numbers: level 1 一、 level 2 （一） level 3 1. level 4 （1）."""
    if level == 1:
        return f"{cn_numeral(n)}、"
    if level == 2:
        return f"（{cn_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"GB numbering has 4 levels, not {level}")


def cn_date(value: dt.date | str | None) -> str:
    """2026-11-29 → 2026年11月29日."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.year}年{value.month}月{value.day}日"


def num(value: float | int | None) -> str:
    """A score as people write it: 66.3333 → 66.33, 2.0 → 2, None → —."""
    if value is None:
        return "—"
    rounded = round(float(value), 2)
    return f"{rounded:g}" if abs(rounded) < 1e15 else str(value)


def pct(value: float | None, digits: int = 1) -> str:
    """0.7538 → 75.4%."""
    if value is None:
        return "—"
    return f"{value * 100:.{digits}f}%"


def days_text(days: int) -> str:
    return f"距评估还有 {days} 天" if days >= 0 else f"评估日期已过 {-days} 天"


def status_class(status: str | None) -> str:
    return "st-" + STATUS_CLASS.get(status or "", "na")


@functools.cache
def stylesheet(name: str = "report.css") -> Markup:
    """A static stylesheet from assets/, to inline in <style> (a trusted constant, never a template)."""
    return Markup((ASSETS / name).read_text(encoding="utf-8"))


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("cwassess", "render/templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(gb=gb_number, cn_numeral=cn_numeral, cn_date=cn_date, num=num, pct=pct, days=days_text, status_class=status_class)
    env.globals.update(stylesheet=stylesheet)
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)
