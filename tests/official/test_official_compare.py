"""Side-by-side text and the numbers of the official text next to the bundled thresholds."""

from __future__ import annotations

from cwassess.official.compare import (
    Threshold,
    compare_all,
    compare_numbers,
    diff_rows,
    find_numbers,
    sentences,
    thresholds_of,
)
from cwassess.official.match import match_items
from cwassess.official.parse import parse_official
from cwassess.standard.model import Standard
from official_docs import OfficialDoc


def test_sentences_keep_their_punctuation() -> None:
    assert sentences("甲乙。丙丁；戊己") == ["甲乙。", "丙丁；", "戊己"]
    assert sentences("") == []


def test_identical_text_is_all_equal_rows() -> None:
    rows = diff_rows("甲。乙。", "甲。乙。")
    assert [(r.tag, r.bundled, r.official) for r in rows] == [("equal", "甲。", "甲。"), ("equal", "乙。", "乙。")]


def test_changed_added_and_removed_sentences() -> None:
    rows = diff_rows("甲。乙。丙。", "甲。乙改。丙。丁。")
    assert [(r.tag, r.bundled, r.official) for r in rows] == [
        ("equal", "甲。", "甲。"),
        ("change", "乙。", "乙改。"),
        ("equal", "丙。", "丙。"),
        ("official", "", "丁。"),
    ]
    assert [(r.tag, r.bundled, r.official) for r in diff_rows("甲。乙。", "甲。")] == [("equal", "甲。", "甲。"), ("bundled", "乙。", "")]


def test_punctuation_only_change_is_shown_as_a_change() -> None:
    assert [r.tag for r in diff_rows("垃圾桶(箱)。", "垃圾桶（箱）。")] == ["change"]


def test_find_numbers_kinds() -> None:
    text = "2021年起，近3年满意率达到90%以上，密度达到C级，每千人口床位6张，执行GB/T 27772—2011，AQI不超过100，近三年。"
    found = [(text[s:e], kind, value, unit) for s, e, kind, value, unit in find_numbers(text)]
    assert found == [
        ("2021年", "year", 2021.0, ""),
        ("3年", "years", 3.0, "年"),
        ("90%", "percent", 90.0, "%"),
        ("C级", "level", "C", ""),
        ("6张", "count", 6.0, "张"),
        ("100", "number", 100.0, ""),
        ("三年", "years", 3.0, "年"),
    ]


def _t(kind: str, value: float | str, unit: str = "%", op: str | None = ">=") -> Threshold:
    return Threshold("x", "指标", kind, value, unit, op, "≥ 90%", "2021版·未核实")  # type: ignore[arg-type]


def test_numbers_against_thresholds() -> None:
    rows, unmentioned = compare_numbers(
        "满意率达到90%以上，覆盖率不低于85%，密度达到B级，2021年，共100处。",
        [_t("percent", 90), _t("percent", 80), _t("level", "C", "级"), _t("count", 5, "m²")],
    )
    assert [(r.written, r.status, r.threshold.value if r.threshold else None) for r in rows] == [
        ("90%", "match", 90),
        ("85%", "mismatch", 80),
        ("B级", "mismatch", "C"),
        ("2021年", "info", None),
        ("100处", "no-rule", None),
    ]
    assert [t.value for t in unmentioned] == [5]


def test_direction_disagreement_is_a_mismatch() -> None:
    rows, _ = compare_numbers("阳性率在5%以上", [_t("percent", 5, op="<=")])
    assert [(r.written, r.op, r.status) for r in rows] == [("5%", ">=", "mismatch")]


def test_mini_standard_numbers_and_diff(mini: Standard) -> None:
    text = "\n".join(
        [
            "一、组织管理",
            "（一）将爱国卫生工作纳入经济社会发展规划。群众对卫生状况满意率达到95%以上。",
            "（二）每千人口医疗卫生机构床位数达到区域卫生规划要求，经费有保障。",
            "二、病媒生物防制",
            "（三）鼠、蚊、蝇、蟑螂的密度达到国家病媒生物密度控制水平标准 C 级要求。",
        ]
    )
    result = match_items(parse_official(text).items, mini)
    comparisons = {c.item_id: c for c in compare_all(mini, result)}
    plan = comparisons["org-plan"]
    assert not plan.identical
    assert [(r.tag, r.official) for r in plan.rows] == [("equal", "将爱国卫生工作纳入经济社会发展规划。"), ("change", "群众对卫生状况满意率达到95%以上。")]
    assert [(n.written, n.status, n.threshold.text if n.threshold else None) for n in plan.numbers] == [("95%", "mismatch", "≥ 90%")]
    assert plan.mismatches == 1
    vector = comparisons["vector-control"]
    assert vector.identical
    assert [(n.written, n.status) for n in vector.numbers] == [("C 级", "match")]
    assert [t.name for t in vector.unmentioned] == ["鼠密度控制水平·室内鼠迹阳性率"]
    assert comparisons["org-resources"].numbers == []


def test_bundled_thresholds_are_read_from_the_rules(bundled: Standard) -> None:
    for item in bundled.items:
        for t in thresholds_of(bundled, item.id):
            assert t.indicator in bundled.indicators_by_id
            assert t.kind in {"percent", "count", "level", "years"}


def test_whole_document_comparison(bundled: Standard, doc: OfficialDoc) -> None:
    result = match_items(parse_official(doc.txt().decode()).items, bundled)
    comparisons = compare_all(bundled, result)
    assert len(comparisons) == 45
    identical = {c.item_id for c in comparisons if c.identical}
    assert identical == {item.id for item in bundled.items if item.provenance.verified == "verbatim"}
    assert not any(c.renumbered for c in comparisons)
