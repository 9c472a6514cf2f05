"""Parsed official items ↔ the bundled standard's items.

An item whose bundled number is verified verbatim is matched by number. Every other parsed item is
matched by how close its text is to the text of the remaining bundled items (difflib on normalised
text, plus a bigram overlap that survives reordered clauses), preferring items of the same section.
Conflicts stop the import: two parsed items claiming one bundled item, an item that matches nothing,
a bundled item that nothing matches.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from cwassess.models.standard import Item
from cwassess.official.parse import ParsedItem
from cwassess.problems import Problem
from cwassess.refs import parse_chinese_number
from cwassess.standard.model import Standard, item_label

Method = Literal["number", "similarity"]

THRESHOLD = 0.30  # below this a parsed item matches nothing
AMBIGUOUS = 0.05  # two parsed items this close on one bundled item: cannot tell which is which
OTHER_SECTION = 0.85  # factor for a bundled item of another section
DIFFERENT_TEXT = 0.60  # a verbatim bundled text this far from the official one deserves a warning


@dataclass(frozen=True)
class Match:
    parsed: ParsedItem
    item_id: str | None
    method: Method | None
    confidence: float  # 0–1: 1 for a verified number, the similarity score otherwise
    similarity: float  # text similarity to the bundled text, whatever the method


@dataclass
class MatchResult:
    matches: list[Match] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def by_item(self) -> dict[str, Match]:
        return {m.item_id: m for m in self.matches if m.item_id is not None}


def normalise(text: str) -> str:
    """Only letters and digits, width-folded: punctuation, spaces and bracket styles do not count."""
    folded = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for ch in folded if unicodedata.category(ch)[0] in {"L", "N"})


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or ({text} if text else set())


def similarity(a: str, b: str) -> float:
    """0–1: mean of difflib's ratio and the Dice overlap of character bigrams, on normalised text."""
    na, nb = normalise(a), normalise(b)
    if not na or not nb:
        return 0.0
    ratio = difflib.SequenceMatcher(None, na, nb, autojunk=False).ratio()
    ba, bb = _bigrams(na), _bigrams(nb)
    dice = 2 * len(ba & bb) / (len(ba) + len(bb))
    return round((ratio + dice) / 2, 4)


def _section_number(std: Standard, item: Item) -> int | None:
    return parse_chinese_number(std.section_of[item.id].number)


def _describe(item: Item) -> str:
    return f"{item_label(item.number)}“{item.title}”（{item.id}）"


def match_items(parsed: list[ParsedItem], std: Standard, file: str | None = None) -> MatchResult:
    result = MatchResult()

    def problem(code: str, message: str, severity: str = "error") -> Problem:
        return Problem(code=code, message=message, file=file, severity=severity)  # type: ignore[arg-type]

    verified = {item.number: item for item in std.items if item.number_provenance.verified == "verbatim"}
    assigned: dict[int, Match] = {}  # index in parsed → match
    claimed: dict[str, int] = {}  # bundled id → index in parsed
    for index, p in enumerate(parsed):
        item = verified.get(p.number)
        if item is None or item.id in claimed:
            continue
        sim = similarity(p.text, item.text)
        assigned[index] = Match(p, item.id, "number", 1.0, sim)
        claimed[item.id] = index
        if item.provenance.verified == "verbatim" and sim < DIFFERENT_TEXT:
            result.problems.append(
                problem(
                    "official.text-differs",
                    f"{p.label}与自带原文差异很大（相似度 {sim:.2f}）：请确认文件是《国家卫生城市和国家卫生县标准（2021版）》",
                    severity="warning",
                )
            )

    candidates = [item for item in std.items if item.id not in claimed]
    scores: dict[int, dict[str, float]] = {}
    for index, p in enumerate(parsed):
        if index in assigned:
            continue
        row = {}
        for item in candidates:
            score = similarity(p.text, item.text)
            if p.section is not None and _section_number(std, item) not in (None, p.section):
                score *= OTHER_SECTION
            row[item.id] = round(score, 4)
        scores[index] = row

    # Greedy on the whole table, best pair first; ties go to the nearer number.
    pairs = sorted(
        ((score, index, item_id) for index, row in scores.items() for item_id, score in row.items() if score >= THRESHOLD),
        key=lambda t: (-t[0], abs(parsed[t[1]].number - std.items_by_id[t[2]].number), t[1], t[2]),
    )
    for score, index, item_id in pairs:
        if index in assigned or item_id in claimed:
            continue
        assigned[index] = Match(parsed[index], item_id, "similarity", score, score)
        claimed[item_id] = index

    for index, p in enumerate(parsed):
        if index in assigned:
            continue
        row = scores.get(index, {})
        best_id = max(row, key=lambda k: (row[k], k), default=None)
        best = row.get(best_id, 0.0) if best_id else 0.0
        if best_id is not None and best >= THRESHOLD and best_id in claimed:
            other = assigned[claimed[best_id]]
            result.problems.append(
                problem(
                    "official.conflict",
                    f"{other.parsed.label}和{p.label}都对应自带条目{_describe(std.items_by_id[best_id])}"
                    f"（相似度 {other.confidence:.2f} 和 {best:.2f}）",
                )
            )
        elif best_id is not None:
            result.problems.append(
                problem(
                    "official.no-match",
                    f"{p.label}与自带标准的任何条目都不相符（最接近的是{_describe(std.items_by_id[best_id])}，"
                    f"相似度 {best:.2f}，低于 {THRESHOLD:.2f}）",
                )
            )
        else:
            result.problems.append(problem("official.no-match", f"{p.label}与自带标准的任何条目都不相符（已没有可对应的自带条目）"))
        assigned[index] = Match(p, None, None, best, best)

    # A close second on an item already taken: the text cannot tell the two parsed items apart.
    for item_id, index in sorted(claimed.items(), key=lambda kv: kv[1]):
        winner = assigned[index]
        if winner.method != "similarity":
            continue
        for other_index, row in scores.items():
            if other_index == index or assigned[other_index].item_id is None:
                continue
            runner = row.get(item_id, 0.0)
            own = assigned[other_index].confidence
            if runner >= THRESHOLD and winner.confidence - runner < AMBIGUOUS and runner > own:
                result.problems.append(
                    problem(
                        "official.conflict",
                        f"{winner.parsed.label}和{parsed[other_index].label}都对应自带条目{_describe(std.items_by_id[item_id])}"
                        f"（相似度 {winner.confidence:.2f} 和 {runner:.2f}）",
                    )
                )

    for item in std.items:
        if item.id not in claimed:
            result.problems.append(problem("official.unmatched-item", f"自带条目{_describe(item)}在官方文本中没有对应条目"))

    result.matches = [assigned[i] for i in range(len(parsed))]
    return result
