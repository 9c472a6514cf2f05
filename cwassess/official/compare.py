"""What the official text changes: a side-by-side diff per item, and every number in it vs the bundled thresholds."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from itertools import zip_longest
from typing import Literal

from cwassess.models.standard import Indicator, Item, LevelRule, ThresholdRule
from cwassess.official.match import Match, MatchResult, normalise
from cwassess.refs import parse_chinese_number
from cwassess.standard.describe import VERSION_ZH, describe_rule, rule_origin
from cwassess.models.common import VERIFIED_ZH
from cwassess.standard.model import Standard

RowTag = Literal["equal", "change", "bundled", "official"]
NumberKind = Literal["percent", "count", "number", "years", "year", "level"]
Status = Literal["match", "mismatch", "no-rule", "info"]

KIND_ZH: dict[str, str] = {
    "percent": "百分比",
    "count": "数量",
    "number": "数值",
    "years": "年数",
    "year": "年份",
    "level": "等级",
}
STATUS_ZH: dict[str, str] = {"match": "一致", "mismatch": "不一致", "no-rule": "无对应阈值", "info": "—"}


@dataclass(frozen=True)
class DiffRow:
    tag: RowTag
    bundled: str
    official: str


@dataclass(frozen=True)
class Threshold:
    indicator: str
    name: str
    kind: NumberKind
    value: float | str
    unit: str
    op: str | None
    text: str  # as the rules say it: “≥ 90%”
    origin: str  # “2021版·未核实”
    rule: bool = True  # False for a data requirement (years of data to report), not a pass/fail threshold


@dataclass(frozen=True)
class NumberRow:
    written: str  # as in the official text: “90%”, “C级”, “近3年”
    context: str  # a few characters around it
    kind: NumberKind
    value: float | str
    unit: str
    op: str | None
    status: Status
    threshold: Threshold | None = None


@dataclass
class ItemComparison:
    item_id: str
    title: str
    bundled_number: int
    official_number: int
    bundled_verified: str
    bundled_text: str
    official_text: str
    confidence: float
    method: str
    rows: list[DiffRow] = field(default_factory=list)
    numbers: list[NumberRow] = field(default_factory=list)
    unmentioned: list[Threshold] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return self.bundled_text == self.official_text

    @property
    def renumbered(self) -> bool:
        return self.bundled_number != self.official_number

    @property
    def mismatches(self) -> int:
        return sum(1 for n in self.numbers if n.status == "mismatch")


# ------------------------------------------------------------------------------------------ text diff

_SENTENCE = re.compile(r"[^。；！？]+[。；！？]*|[。；！？]+")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def diff_rows(bundled: str, official: str) -> list[DiffRow]:
    """Sentence-aligned rows: equal sentences side by side, changed ones paired in order."""
    left, right = sentences(bundled), sentences(official)
    matcher = difflib.SequenceMatcher(None, [normalise(s) for s in left], [normalise(s) for s in right], autojunk=False)
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(
                DiffRow("equal" if a == b else "change", a, b) for a, b in zip(left[i1:i2], right[j1:j2])
            )
            continue
        for a, b in zip_longest(left[i1:i2], right[j1:j2]):
            if a is not None and b is not None:
                rows.append(DiffRow("change", a, b))
            elif a is not None:
                rows.append(DiffRow("bundled", a, ""))
            else:
                rows.append(DiffRow("official", "", b or ""))
    return rows


# ------------------------------------------------------------------------------------------ numbers

_UNITS = {
    "%": "%",
    "％": "%",
    "平方米": "m²",
    "m²": "m²",
    "㎡": "m²",
    "m2": "m²",
    "小时": "h",
    "h": "h",
    "公里": "km",
    "km": "km",
    "米": "m",
    "m": "m",
    "分贝": "dB",
    "db": "dB",
    "dB": "dB",
    "天": "天",
    "日": "天",
    "个月": "月",
    "月": "月",
}
_UNIT_WORDS = "平方米|m²|㎡|万人|小时|公里|分贝|dB|个月|张|人|名|个|家|处|座|次|天|户|辆|所|岁|米|km|h|倍|项|条|类|分钟|分"
_CODE = re.compile(r"(?:GB|CJJ|CJ|HJ|WS|JGJ|DB)\s*(?:/\s*T)?\s*[\d.]+(?:\s*[—\-–－~]\s*[\d.]+)*")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*(?:年|版)")
_PERCENT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*[%％]")
_LEVEL = re.compile(r"(?<![A-Za-z0-9])([A-DＡ-Ｄ])\s*级")
_YEARS = re.compile(r"(?<![\d.])(\d{1,2}|[一二三四五六七八九十两]{1,3})\s*(?:个)?(?:周)?年(?!级|龄|度)")
_COUNT = re.compile(rf"(?<![\d.A-Za-z])(\d+(?:\.\d+)?)\s*({_UNIT_WORDS})")
_NUMBER = re.compile(r"(?<![\d.A-Za-z])(\d+(?:\.\d+)?)(?![\d.])")
_BEFORE = (
    ("不低于", ">="),
    ("不少于", ">="),
    ("大于等于", ">="),
    ("大于或等于", ">="),
    ("≥", ">="),
    ("达到", ">="),
    ("不高于", "<="),
    ("不超过", "<="),
    ("不大于", "<="),
    ("小于等于", "<="),
    ("≤", "<="),
    ("低于", "<"),
    ("小于", "<"),
    ("高于", ">"),
    ("超过", ">"),
    ("大于", ">"),
)
_AFTER = (("以上", ">="), ("以下", "<="), ("以内", "<="))
_DIRECTION = {">=": 1, ">": 1, "<=": -1, "<": -1}


def _unit(word: str) -> str:
    return _UNITS.get(word, word)


def _indicator_unit(unit: str) -> str:
    return _unit(unit.split("/")[0].strip())


def _op_near(text: str, start: int, end: int) -> str | None:
    after = text[end : end + 4]
    for word, op in _AFTER:
        if after.startswith(word):
            return op
    before = text[max(0, start - 6) : start].rstrip()
    best: tuple[int, str] | None = None
    for word, op in _BEFORE:
        pos = before.rfind(word)
        if pos != -1 and pos + len(word) >= len(before) - 2 and (best is None or pos > best[0]):
            best = (pos, op)
    return best[1] if best else None


def _value(token: str) -> float:
    if token.isdigit() or re.fullmatch(r"\d+\.\d+", token):
        return float(token)
    return float(parse_chinese_number(token) or 0)


def find_numbers(text: str) -> list[tuple[int, int, NumberKind, float | str, str]]:
    """Every number in the text: (start, end, kind, value, unit), in order, never overlapping."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, NumberKind, float | str, str]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for match in _CODE.finditer(text):
        taken.append(match.span())
    patterns: list[tuple[re.Pattern[str], NumberKind]] = [
        (_YEAR, "year"),
        (_PERCENT, "percent"),
        (_LEVEL, "level"),
        (_YEARS, "years"),
        (_COUNT, "count"),
        (_NUMBER, "number"),
    ]
    for pattern, kind in patterns:
        for match in pattern.finditer(text):
            start, end = match.span()
            if not free(start, end):
                continue
            token = match.group(1)
            value: float | str
            unit = ""
            if kind == "level":
                value = token.translate(str.maketrans("ＡＢＣＤ", "ABCD"))
            elif kind == "year":
                value = float(token)
            elif kind == "years":
                value = _value(token)
                unit = "年"
            elif kind == "percent":
                value = float(token)
                unit = "%"
            elif kind == "count":
                value = float(token)
                unit = _unit(match.group(2))
            else:
                value = float(token)
            taken.append((start, end))
            found.append((start, end, kind, value, unit))
    return sorted(found)


def thresholds_of(std: Standard, item_id: str) -> list[Threshold]:
    """Every number the bundled rules use for the item's indicators."""
    out: list[Threshold] = []
    for ind in std.indicators_of(item_id):
        rule = ind.rule
        if rule is not None:
            origin = rule_origin(rule)
            text = describe_rule(rule, ind)
            if isinstance(rule, ThresholdRule):
                unit = _indicator_unit(rule.unit or ind.unit)
                kind: NumberKind = "percent" if unit == "%" else "count"
                if rule.op == "range":
                    for bound, op in ((rule.min, ">="), (rule.max, "<=")):
                        if bound is not None:
                            out.append(Threshold(ind.id, ind.name, kind, bound, unit, op, text, origin))
                elif rule.value is not None:
                    out.append(Threshold(ind.id, ind.name, kind, rule.value, unit, rule.op, text, origin))
            elif isinstance(rule, LevelRule):
                out.append(Threshold(ind.id, ind.name, "level", rule.pass_at, "级", ">=", text, origin))
                for sub in ind.sub_indicators:
                    limit = sub.levels.get(rule.pass_at)
                    if limit is not None:
                        unit = _indicator_unit(sub.unit)
                        sub_text = f"{rule.pass_at} 级：{'≤' if sub.op == '<=' else '≥'} {limit:g}{sub.unit}"
                        sub_origin = f"{VERSION_ZH[rule.version]}·{VERIFIED_ZH[sub.provenance.verified]}"
                        out.append(
                            Threshold(
                                ind.id, f"{ind.name}·{sub.name}", "percent" if unit == "%" else "count", limit, unit, sub.op, sub_text, sub_origin
                            )
                        )
            elif rule.type in {"trend", "baseline"}:
                out.append(Threshold(ind.id, ind.name, "years", float(rule.years), "年", None, text, origin))  # type: ignore[union-attr]
        if ind.series_years > 1:
            out.append(
                Threshold(
                    ind.id, ind.name, "years", float(ind.series_years), "年", None, f"填报近{ind.series_years}年数据", describe_series(ind), rule=False
                )
            )
    return out


def describe_series(ind: Indicator) -> str:
    return f"填报要求·{VERIFIED_ZH[ind.provenance.verified]}"


def _same(a: float | str, b: float | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(a - b) < 1e-9


def _distance(a: float | str, b: float | str) -> float:
    if isinstance(a, str) or isinstance(b, str):
        return abs(ord(str(a)[:1] or "A") - ord(str(b)[:1] or "A"))
    return abs(a - b)


def compare_numbers(text: str, thresholds: list[Threshold]) -> tuple[list[NumberRow], list[Threshold]]:
    rows: list[NumberRow] = []
    used: set[int] = set()
    for start, end, kind, value, unit in find_numbers(text):
        written = text[start:end]
        context = text[max(0, start - 8) : min(len(text), end + 4)]
        op = _op_near(text, start, end) if kind not in {"year"} else None
        if kind == "year":
            rows.append(NumberRow(written, context, kind, value, unit, None, "info"))
            continue
        if kind == "number":
            candidates = [i for i, t in enumerate(thresholds) if t.kind in {"count", "percent"}]
        elif kind == "count":
            candidates = [i for i, t in enumerate(thresholds) if t.kind == "count" and t.unit == unit]
        else:
            candidates = [i for i, t in enumerate(thresholds) if t.kind == kind]
        equal = [i for i in candidates if _same(thresholds[i].value, value)]
        if equal:
            index = next((i for i in equal if i not in used), equal[0])
            chosen = thresholds[index]
            used.add(index)
            agrees = op is None or chosen.op is None or _DIRECTION.get(op) == _DIRECTION.get(chosen.op)
            rows.append(NumberRow(written, context, kind, value, unit, op, "match" if agrees else "mismatch", chosen))
        elif candidates and kind != "number":
            index = min(candidates, key=lambda i: (i in used, _distance(thresholds[i].value, value)))
            used.add(index)
            rows.append(NumberRow(written, context, kind, value, unit, op, "mismatch", thresholds[index]))
        else:
            rows.append(NumberRow(written, context, kind, value, unit, op, "no-rule"))
    unmentioned = [t for i, t in enumerate(thresholds) if i not in used and t.rule]
    return rows, unmentioned


def compare_item(std: Standard, item: Item, match: Match) -> ItemComparison:
    official = match.parsed.text
    numbers, unmentioned = compare_numbers(official, thresholds_of(std, item.id))
    return ItemComparison(
        item_id=item.id,
        title=item.title,
        bundled_number=item.number,
        official_number=match.parsed.number,
        bundled_verified=item.provenance.verified,
        bundled_text=item.text,
        official_text=official,
        confidence=match.confidence,
        method=match.method or "",
        rows=diff_rows(item.text, official),
        numbers=numbers,
        unmentioned=unmentioned,
    )


def compare_all(std: Standard, result: MatchResult) -> list[ItemComparison]:
    """One comparison per matched item, in the official document's order."""
    out = []
    for match in result.matches:
        if match.item_id is not None and match.item_id in std.items_by_id:
            out.append(compare_item(std, std.items_by_id[match.item_id], match))
    return out
