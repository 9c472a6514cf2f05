"""Parsed items ↔ bundled items: by verified number, else by text; conflicts stop with exact messages."""

from __future__ import annotations

import pytest

from cwassess.official.match import THRESHOLD, match_items, normalise, similarity
from cwassess.official.parse import ParsedItem, parse_official
from cwassess.standard.model import Standard
from official_docs import TEST_LABEL, Entry, OfficialDoc


def parsed_of(doc: OfficialDoc) -> list[ParsedItem]:
    parsed = parse_official(doc.txt().decode(), file="标准.txt")
    return parsed.items


def replace_text(doc: OfficialDoc, number: int, text: str) -> OfficialDoc:
    return OfficialDoc(doc.scope, [Entry(e.kind, e.number, text, e.item_id) if e.kind == "item" and e.number == number else e for e in doc.entries], doc.frame)


def test_normalise_ignores_punctuation_width_and_spaces() -> None:
    assert normalise("（一） 垃圾桶（箱）、ＡＢＣ 90％。") == normalise("(一)垃圾桶(箱)ABC90%") == "一垃圾桶箱abc90"


def test_similarity_bounds() -> None:
    assert similarity("甲乙丙丁", "甲乙丙丁") == 1.0
    assert similarity("甲乙丙丁", "戊己庚辛") == 0.0
    assert similarity("", "甲") == 0.0
    assert 0.8 < similarity(TEST_LABEL + "加强绿化工作，提高建成区绿化覆盖率和公园绿地面积，强化绿地管理。", "加强绿化工作，提高建成区绿化覆盖率和公园绿地面积，强化绿地管理。") < 1


def test_every_item_is_matched(bundled: Standard, doc: OfficialDoc) -> None:
    result = match_items(parsed_of(doc), bundled, file="标准.txt")
    assert result.problems == []
    assert [(m.parsed.number, m.item_id) for m in result.matches] == [(e.number, e.item_id) for e in doc.items()]
    for m in result.matches:
        item = bundled.items_by_id[m.item_id or ""]
        if item.number_provenance.verified == "verbatim":
            assert (m.method, m.confidence) == ("number", 1.0)
        else:
            assert m.method == "similarity" and 0.8 < m.confidence <= 1
    verbatim = [m for m in result.matches if bundled.items_by_id[m.item_id or ""].provenance.verified == "verbatim"]
    assert len(verbatim) == 10 and all(m.similarity == 1.0 for m in verbatim)


def test_items_the_official_text_moved_are_matched_by_content(bundled: Standard, doc: OfficialDoc) -> None:
    """Bundled numbers 20 and 21 are unverified; the document has their texts the other way round."""
    result = match_items(parsed_of(doc.texts_swapped(20, 21)), bundled)
    assert result.problems == []
    got = {m.parsed.number: m.item_id for m in result.matches}
    assert (got[20], got[21]) == ("eco-water", "eco-air")


def test_a_verified_number_wins_over_text(bundled: Standard, doc: OfficialDoc) -> None:
    """Bundled numbers 10 and 11 are verbatim: the number decides, and the changed text is flagged."""
    result = match_items(parsed_of(doc.texts_swapped(10, 11)), bundled)
    got = {m.parsed.number: m.item_id for m in result.matches}
    assert (got[10], got[11]) == ("env-roads", "env-ads")
    assert {p.message for p in result.problems} == {
        "（十）与自带原文差异很大（相似度 0.05）：请确认文件是《国家卫生城市和国家卫生县标准（2021版）》",
        "（十一）与自带原文差异很大（相似度 0.08）：请确认文件是《国家卫生城市和国家卫生县标准（2021版）》",
    }
    assert {p.severity for p in result.problems} == {"warning"}


def test_two_parsed_items_claiming_one_bundled_item(bundled: Standard, doc: OfficialDoc) -> None:
    broken = replace_text(doc, 22, doc.item(21).text)
    result = match_items(parsed_of(broken), bundled, file="标准.txt")
    assert [p.message for p in result.problems] == [
        "（二十一）和（二十二）都对应自带条目（二十一）“水环境与集中式饮用水水源地”（eco-water）（相似度 0.93 和 0.93）",
        "自带条目（二十二）“噪声污染防治”（eco-noise）在官方文本中没有对应条目",
    ]
    assert all(p.severity == "error" and p.file == "标准.txt" for p in result.problems)


def test_two_close_candidates_are_a_conflict_even_when_both_found_an_item(bundled: Standard, doc: OfficialDoc) -> None:
    """(二十二) is nearly (二十一)'s text, a little closer to it than to its own: which is which cannot be told."""
    mixed = doc.item(21).text[:-6] + "噪声污染防治。"
    broken = replace_text(doc, 22, mixed)
    result = match_items(parsed_of(broken), bundled)
    messages = [p.message for p in result.problems]
    assert any(m.startswith("（二十一）和（二十二）都对应自带条目（二十一）“水环境与集中式饮用水水源地”（eco-water）") for m in messages), messages


def test_an_item_that_matches_nothing(bundled: Standard, doc: OfficialDoc) -> None:
    broken = replace_text(doc, 22, TEST_LABEL + "与本标准无关的一段文字，讲述天气晴朗适合郊游。")
    result = match_items(parsed_of(broken), bundled)
    assert [p.message for p in result.problems] == [
        "（二十二）与自带标准的任何条目都不相符（最接近的是（二十）“环境空气质量”（eco-air），相似度 0.05，低于 0.30）",
        "自带条目（二十二）“噪声污染防治”（eco-noise）在官方文本中没有对应条目",
    ]
    unmatched = [m for m in result.matches if m.item_id is None]
    assert [m.parsed.number for m in unmatched] == [22]


def test_a_bundled_item_nothing_matches(bundled: Standard, doc: OfficialDoc) -> None:
    result = match_items(parsed_of(doc.without_item(7)), bundled)
    assert [p.message for p in result.problems] == ["自带条目（七）“控烟”（edu-tobacco）在官方文本中没有对应条目"]


def test_mini_standard_similarity_and_section_preference(mini: Standard) -> None:
    text = "\n".join(
        [
            "一、组织管理",
            "（一）将爱国卫生工作纳入经济社会发展规划。群众对卫生状况满意。",
            "（二）每千人口医疗卫生机构床位数达到区域卫生规划要求，经费有保障。",
            "二、病媒生物防制",
            "（三）鼠、蚊、蝇、蟑螂的密度达到国家病媒生物密度控制水平标准 C 级要求。",
        ]
    )
    result = match_items(parse_official(text).items, mini)
    assert result.problems == []
    assert [(m.item_id, m.method) for m in result.matches] == [
        ("org-plan", "number"),
        ("org-resources", "similarity"),
        ("vector-control", "similarity"),
    ]


def test_threshold_is_a_sensible_cut() -> None:
    assert 0 < THRESHOLD < 0.5


@pytest.mark.parametrize("number", [7, 16, 30, 45])
def test_matching_does_not_depend_on_the_test_label(bundled: Standard, doc: OfficialDoc, number: int) -> None:
    plain = replace_text(doc, number, doc.item(number).text.removeprefix(TEST_LABEL))
    result = match_items(parsed_of(plain), bundled)
    match = next(m for m in result.matches if m.parsed.number == number)
    assert match.item_id == doc.item(number).item_id and match.confidence == 1.0
