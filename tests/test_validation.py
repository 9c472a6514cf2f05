"""cwassess/validation.py: pydantic errors in Chinese, on the line of the offending key."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import BaseModel, ConfigDict

from cwassess.models.city import CityFile
from cwassess.models.claims import ClaimsFile
from cwassess.models.evidence import EvidenceManifest
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


# --- dates, numbers and unions in the files a city writes ---------------------------------------------------

CITY = "name: 测试市\nkind: city\npopulation_wan: 120\nassessment_date: {date}\n"
DATE_FORMS = "（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）"


def city_date(written: str) -> tuple[dt.date | None, list[str]]:
    doc = parse_yaml_text(CITY.format(date=written), "city.yaml")
    city = validate_document(doc, CityFile)
    return (city.assessment_date if city else None), [p.render() for p in doc.problems]


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ('"2027-06-30"', dt.date(2027, 6, 30)),
        ("2027-06-30", dt.date(2027, 6, 30)),
        ("2027年5月20日", dt.date(2027, 5, 20)),
        ("２０２７-０６-３０", dt.date(2027, 6, 30)),
        ("2027/6/30", dt.date(2027, 6, 30)),
        ("20270630", dt.date(2027, 6, 30)),  # an integer in YAML: the digits typed
    ],
)
def test_the_assessment_date_is_read_by_the_one_date_parser(written: str, date: dt.date) -> None:
    assert city_date(written) == (date, [])


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2024年13月1日", "无法识别的日期“2024年13月1日”"),
        ("2027-02-30", "无法识别的日期“2027-02-30”"),
        ("86400", "无法识别的日期“86400”"),  # not a Unix timestamp (pydantic's 1970-01-02)
        ("45356", "无法识别的日期“45356”"),  # not an Excel serial
        ("1989-12-31", "日期“1989-12-31”不在 1990—2100 年之间"),
        ("true", "无法识别的日期“TRUE”"),
        ("2027年6月底", "无法识别的日期“2027年6月底”"),  # an assessment happens on a day
        ("''", "缺少日期"),
        ("", "缺少日期"),
    ],
)
def test_a_wrong_assessment_date_is_one_chinese_message(written: str, message: str) -> None:
    assert city_date(written) == (None, [f"city.yaml:4:1: 错误: assessment_date: {message}{DATE_FORMS}"])


def test_true_is_not_a_number() -> None:
    text = "name: 测试市\nkind: city\npopulation_wan: true\nassessment_date: 2027-06-30\n"
    assert check(text, CityFile) == ["f.yaml:3:1: 错误: population_wan: 应为数字（实际：True）"]
    text = "department: a\nsurveys:\n  - {indicator: x, year: true, method: m, sample_size: 10, rate: 1}\n"
    assert check(text, EvidenceManifest) == ["f.yaml:3:20: 错误: surveys.0.year: 应为整数（实际：True）"]
    text = "name: 测试市\nkind: city\npopulation_wan: 120\nassessment_date: 2027-06-30\nlimits: {text_mb: true, sheet_rows: false}\n"
    assert check(text, CityFile) == [
        "f.yaml:5:10: 错误: limits.text_mb: 应为数字（实际：True）",
        "f.yaml:5:25: 错误: limits.sheet_rows: 应为整数（实际：False）",
    ]


def test_a_quoted_number_is_still_a_number() -> None:
    doc = parse_yaml_text("name: 测试市\nkind: city\npopulation_wan: '120'\nassessment_date: 2027-06-30\n", "f.yaml")
    city = validate_document(doc, CityFile)
    assert city is not None and city.population_wan == 120.0


def claim_deadline(written: str) -> tuple[dt.date | None, list[str]]:
    doc = parse_yaml_text(f"department: a\nclaims:\n  - {{item: b, role: lead, deadline: {written}}}\n", "c.yaml")
    claims = validate_document(doc, ClaimsFile)
    return (claims.claims[0].deadline if claims else None), [p.render() for p in doc.problems]


@pytest.mark.parametrize(
    ("written", "date"),
    [
        ("2027-06-30", dt.date(2027, 6, 30)),
        ("2027年6月底", dt.date(2027, 6, 30)),
        ("2027年底", dt.date(2027, 12, 31)),
        ("２０２７年６月３０日", dt.date(2027, 6, 30)),
        ("''", None),
        ("", None),
    ],
)
def test_a_claim_deadline_may_name_a_month(written: str, date: dt.date | None) -> None:
    assert claim_deadline(written) == (date, [])


def test_a_wrong_claim_deadline_is_one_chinese_message() -> None:
    assert claim_deadline("2024年13月1日") == (None, [f"c.yaml:3:27: 错误: claims.0.deadline: 无法识别的日期“2024年13月1日”{DATE_FORMS}"])
    assert claim_deadline("长期坚持") == (
        None,
        [f"c.yaml:3:27: 错误: claims.0.deadline: 达标时间“长期坚持”不是具体日期：没有具体期限的，删去此项即按评估日期计{DATE_FORMS}"],
    )


def test_an_unquoted_yyyymmdd_is_kept_as_its_digits_for_the_evidence_reader() -> None:
    doc = parse_yaml_text("department: a\nincidents:\n  - {type: t, date: 20260101, description: d}\n", "f.yaml")
    manifest = validate_document(doc, EvidenceManifest)
    assert doc.problems == [] and manifest is not None
    assert manifest.incidents[0].date == "20260101"


def test_a_value_that_fits_no_member_of_a_union_is_reported_once() -> None:
    text = 'department: a\nindicators:\n  - indicator: x\n    values: {"2026": 1e400, "2025": [95], "2024": , "2023": true}\n'
    assert check(text, EvidenceManifest) == [
        "f.yaml:4:14: 错误: indicators.0.values.2026: 不能是 NaN 或无穷大（实际：inf）",
        "f.yaml:4:29: 错误: indicators.0.values.2025: 应为 true/false、数字或文本（实际：[95]）",
        "f.yaml:4:43: 错误: indicators.0.values.2024: 应为 true/false、数字或文本（实际：None）",
    ]


def test_a_bad_dict_key_is_placed_on_its_key_without_pydantic_marks() -> None:
    text = "department: a\nvectors:\n  - {pest: rat, year: 2025, sub_indicators: {Bad_Key: 1}}\n"
    assert check(text, EvidenceManifest) == [
        "f.yaml:3:46: 错误: vectors.0.sub_indicators.Bad_Key: 编号格式不符：只能使用小写字母、数字和连字符，且以字母开头（实际：Bad_Key）",
    ]


def test_an_error_pydantic_has_no_translation_for_shows_no_english() -> None:
    class Strange(BaseModel):
        model_config = ConfigDict(extra="forbid")
        when: dt.time

    assert check("when: 25:99\n", Strange) == ["f.yaml:1:1: 错误: when: 取值无效（实际：25:99）"]


def test_an_empty_required_date_in_a_manifest_is_a_missing_date() -> None:
    text = "department: a\nincidents:\n  - {type: t, date: , description: d}\ndocuments: []\n"
    assert check(text, EvidenceManifest) == [f"f.yaml:3:15: 错误: incidents.0.date: 缺少日期{DATE_FORMS}"]
    doc = parse_yaml_text("department: a\ndocuments:\n  - {id: d, file: a.pdf, title: t, item: i, material: m, type: 其他, issued: }\n", "f.yaml")
    manifest = validate_document(doc, EvidenceManifest)
    assert doc.problems == [] and manifest is not None and manifest.documents[0].issued is None
