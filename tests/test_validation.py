"""cwassess/validation.py: pydantic errors in Chinese, on the line of the offending key."""

from __future__ import annotations

from cwassess.models.standard import DepartmentFile, IndicatorFile, StandardFile
from cwassess.validation import did_you_mean, validate_document
from cwassess.yamlio import parse_yaml_text


def check(text: str, model: type) -> list[str]:  # type: ignore[type-arg]
    doc = parse_yaml_text(text, "f.yaml")
    result = validate_document(doc, model)
    rendered = sorted(p.render() for p in doc.problems)
    if rendered:
        assert result is None
    return rendered


def test_valid_document() -> None:
    doc = parse_yaml_text("departments:\n  - {code: a, name: 甲}\n", "f.yaml")
    result = validate_document(doc, DepartmentFile)
    assert doc.problems == []
    assert result == DepartmentFile.model_validate({"departments": [{"code": "a", "name": "甲"}]})


def test_root_must_be_a_mapping() -> None:
    assert check("- 1\n- 2\n", DepartmentFile) == ["f.yaml:1:1: 错误: 文件顶层应为映射（“键: 值”）（实际：[1, 2]）"]
    assert check("42\n", DepartmentFile) == ["f.yaml:1:1: 错误: 文件顶层应为映射（“键: 值”）（实际：42）"]


def test_a_null_document_is_not_silently_accepted() -> None:
    """BUG: data None without problems returns None without a problem -> load_standard returns no standard
    and no problem, and `cwassess standard lint` says 检查通过."""
    for text in ("null\n", "~\n", "---\n"):
        assert check(text, DepartmentFile) == ["f.yaml:1:1: 错误: 文件顶层应为映射（“键: 值”）（实际：None）"]


def test_type_errors() -> None:
    text = "departments:\n  - {code: a, name: 12, aliases: 甲}\n  - {code: b, name: [x]}\n"
    assert check(text, DepartmentFile) == [
        "f.yaml:2:15: 错误: departments.0.name: 应为文本（实际：12）",
        "f.yaml:2:25: 错误: departments.0.aliases: 应为列表（每项以“- ”开头）（实际：甲）",
        "f.yaml:3:15: 错误: departments.1.name: 应为文本（实际：['x']）",
    ]


def test_literal_choices_are_listed_in_chinese() -> None:
    """BUG: pydantic's English "'a', 'b' or 'c'" is passed through (quotes removed, " or " kept);
    lint itself lists choices as "a、b 或 c"."""
    assert check("departments:\n  - {code: b, name: 乙, category: 省直}\n", DepartmentFile) == [
        "f.yaml:2:24: 错误: departments.0.category: 取值不在允许范围内（应为：市直部门、属地、群团及其他 或 驻地单位；实际：省直）",
    ]


def test_unknown_field_with_and_without_suggestion() -> None:
    text = "departments:\n  - {code: a, name: 甲, alias: [x], colour: red}\n"
    assert check(text, DepartmentFile) == [
        "f.yaml:2:24: 错误: departments.0.alias: 未知字段“alias”，是否想写“aliases”？",
        "f.yaml:2:36: 错误: departments.0.colour: 未知字段“colour”",
    ]


def test_number_bounds_and_fractions() -> None:
    text = (
        "indicators:\n  - id: x\n    number: 1.5\n    name: n\n    provenance: {verified: inferred}\n    item: i\n"
        "    item_provenance: {verified: inferred}\n    unit: '%'\n    series_years: 0\n"
        "    rule: {type: threshold, op: '>=', value: 1e10, version: '2021', provenance: {verified: inferred}}\n"
    )
    assert check(text, IndicatorFile) == [
        "f.yaml:10:39: 错误: indicators.0.rule.value: 数值过大（应为：≤ 1000000000.0；实际：10000000000.0）",
        "f.yaml:3:5: 错误: indicators.0.number: 应为整数，不能有小数（实际：1.5）",
        "f.yaml:9:5: 错误: indicators.0.series_years: 数值过小（应为：≥ 1；实际：0）",
    ]


def test_missing_rule_type() -> None:
    text = (
        "indicators:\n  - id: x\n    name: n\n    provenance: {verified: inferred}\n    item: i\n"
        "    item_provenance: {verified: inferred}\n    unit: '%'\n    rule: {op: '>=', value: 9}\n"
    )
    assert check(text, IndicatorFile) == ["f.yaml:8:5: 错误: indicators.0.rule: 缺少 type 字段（实际：{'op': '>=', 'value': 9}）"]


def test_empty_list_and_empty_text() -> None:
    text = (
        "id: s\ntitle: ''\nprovenance: {verified: inferred}\nscope_text: x\nscope_provenance: {verified: inferred}\n"
        "expected: {sections: 1, items: 1, indicators: 0, planning_targets: 0}\nsections: []\n"
    )
    assert check(text, StandardFile) == [
        "f.yaml:2:1: 错误: title: 不能为空（实际：）",
        "f.yaml:7:1: 错误: sections: 项数不足（应为：至少 1 项；实际：[]）",
    ]


def test_did_you_mean() -> None:
    assert did_you_mean("titel", ["title", "text"]) == "title"
    assert did_you_mean("zzz", ["title", "text"]) is None
