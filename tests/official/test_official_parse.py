"""Text → sections and items: layout noise tolerated, structural faults named exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cwassess.official.parse import clean_line, join_lines, parse_official
from official_docs import TEST_LABEL, OfficialDoc


def texts(doc: OfficialDoc) -> list[tuple[int, str]]:
    return [(e.number, e.text) for e in doc.items()]


def parse(text: str, **kw):  # type: ignore[no-untyped-def]
    return parse_official(text, file="标准.txt", **kw)


def test_the_whole_document_parses_exactly(doc: OfficialDoc) -> None:
    parsed = parse(doc.txt().decode(), expected_items=45, expected_sections=7)
    assert parsed.problems == []
    assert [(i.number, i.text) for i in parsed.items] == texts(doc)
    assert [(s.number, s.title) for s in parsed.sections] == [(e.number, e.text) for e in doc.entries if e.kind == "section"]
    assert [i.section for i in parsed.items][:6] == [1, 1, 1, 1, 1, 2]
    assert parsed.preamble == doc.scope
    assert parsed.title_line == 5  # after the notice, at “附件2”


def test_notice_before_and_the_town_standard_after_are_not_items(doc: OfficialDoc) -> None:
    parsed = parse(doc.txt().decode())
    assert len(parsed.items) == 45
    assert all("乡镇标准" not in item.text for item in parsed.items)
    assert parsed.items[-1].text == doc.item(45).text


def test_document_without_title_or_frame() -> None:
    parsed = parse("一、组织\n（一）甲。\n（二）乙。\n")
    assert [(i.number, i.text, i.section) for i in parsed.items] == [(1, "甲。", 1), (2, "乙。", 1)]
    assert parsed.problems == []


def test_brackets_spaces_and_line_breaks_of_real_documents() -> None:
    text = "\n".join(
        [
            "国 家 卫 生 城 市 和 国 家 卫 生 县 标 准",
            "（2021版）",
            "一 、 爱 国 卫 生 组 织 管 理",
            "　　(一)将爱国卫生工作纳入辖区各级党委和政府",
            "重要议事日程，列入经济社会发展规划。",
            "( 二 ) 辖 区 内 各 级 爱 卫 会 组 织 健 全 ，",
            "成员单位分工明确、职责落实。",
            "（ 三）爱国卫生工作年度有计划、有部署。",
            "〔四〕探索建立健康影响评估制度，执行 GB/T",
            "27772 的 C 级要求。",
            "（五)畅通爱国卫生建议和投诉渠道。",
        ]
    )
    parsed = parse(text)
    assert parsed.problems == []
    assert [(s.number, s.title) for s in parsed.sections] == [(1, "爱国卫生组织管理")]
    assert [i.text for i in parsed.items] == [
        "将爱国卫生工作纳入辖区各级党委和政府重要议事日程，列入经济社会发展规划。",
        "辖区内各级爱卫会组织健全，成员单位分工明确、职责落实。",
        "爱国卫生工作年度有计划、有部署。",
        "探索建立健康影响评估制度，执行 GB/T 27772 的 C 级要求。",
        "畅通爱国卫生建议和投诉渠道。",
    ]


def test_page_headers_footers_and_numbers_are_dropped(doc: OfficialDoc) -> None:
    """What a PDF's text looks like: a running header and a page number on every page, items split across pages."""
    lines = doc.lines()
    bodies = [lines[start : start + 9] for start in range(0, len(lines), 9)]
    for previous, body in zip(bodies, bodies[1:]):
        if body[0].startswith("（"):  # a page break inside an item
            previous.append(body[0][:8])
            body[0] = body[0][8:]
    pages = []
    for n, body in enumerate(bodies, start=1):
        footer = ["— %d —" % n, "第 %d 页 共 9 页" % n][n % 2]
        pages.append("\n".join(["国家卫生城市和国家卫生县标准（2021版）", "全国爱卫会文件", *body, "", footer]))
    parsed = parse("\f".join(pages), locator="page", expected_items=45, expected_sections=7)
    assert parsed.problems == []
    assert [(i.number, i.text) for i in parsed.items] == texts(doc)
    # texts equal to the originals: no header, footer or page number is left inside an item
    assert parsed.removed_page_numbers > 0 and parsed.removed_headers > 0


def test_section_title_on_its_own_line() -> None:
    parsed = parse("一、\n爱国卫生组织管理\n（一）甲。\n二 、\n（二）乙。")
    assert [(s.number, s.title) for s in parsed.sections] == [(1, "爱国卫生组织管理"), (2, "")]
    assert [(i.number, i.text, i.section) for i in parsed.items] == [(1, "甲。", 1), (2, "乙。", 2)]


def test_running_header_repeated_in_plain_text_is_dropped() -> None:
    text = "\n".join(["一、组织", "（一）甲。", "内部资料 注意保存", "（二）乙", "内部资料 注意保存", "丙。", "内部资料 注意保存", "3", "（三）丁。"])
    parsed = parse(text)
    assert [i.text for i in parsed.items] == ["甲。", "乙丙。", "丁。"]


def test_text_after_the_last_item_that_is_not_the_standard() -> None:
    text = "\n".join(["一、组织", "（一）甲。", "（二）乙。", "抄送：国家卫生健康委办公厅。", "全国爱卫办 2021年1月1日印发"])
    assert [i.text for i in parse(text).items] == ["甲。", "乙。"]


def test_clean_line_removes_stray_spaces_only_between_chinese() -> None:
    assert clean_line("达 到 国 家 标 准 C 级 要求") == "达到国家标准 C 级要求"
    assert clean_line("\u3000\u3000“ 船 — 港 — 城 ”\u200b") == "“船—港—城”"
    assert clean_line("GB/T  27772-2011") == "GB/T 27772-2011"


def test_join_lines_keeps_latin_words_apart() -> None:
    assert join_lines(["执行GB/T", "27772", "中的", "C级"]) == "执行GB/T 27772中的C级"


# -- broken documents: each fault named exactly ----------------------------------------------------------


def test_missing_item(doc: OfficialDoc) -> None:
    parsed = parse(doc.without_item(7).txt().decode(), expected_items=45)
    assert [p.message for p in parsed.problems] == ["缺少第（七）条（应在（六）与（八）之间）"]


def test_missing_first_last_and_a_run_of_items(doc: OfficialDoc) -> None:
    broken = doc.without_item(1).without_item(20).without_item(21).without_item(22).without_item(45)
    parsed = parse(broken.txt().decode(), expected_items=45)
    assert [p.message for p in parsed.problems] == [
        "缺少第（一）条（应在（二）之前）",
        "缺少第（二十）至（二十二）条（应在（十九）与（二十三）之间）",
        "缺少第（四十五）条（应在（四十四）之后）",
    ]


def test_duplicated_number(doc: OfficialDoc) -> None:
    broken = doc.relabelled(12, 11)
    parsed = parse(broken.txt().decode(), expected_items=45)
    first, second = broken.line_of("item", 11, 0), broken.line_of("item", 11, 1)
    assert [p.message for p in parsed.problems] == [
        f"序号（十一）出现了 2 次：第 {first} 行、第 {second} 行",
        "缺少第（十二）条（应在（十一）与（十三）之间）",
    ]
    assert parsed.problems[0].line == second


def test_shuffled_order(doc: OfficialDoc) -> None:
    broken = doc.swapped(13, 14)
    parsed = parse(broken.txt().decode(), expected_items=45)
    line_13, line_14 = broken.line_of("item", 13), broken.line_of("item", 14)
    assert line_13 > line_14
    assert [p.message for p in parsed.problems] == [f"条目顺序错乱：第 {line_13} 行的（十三）排在第 {line_14} 行的（十四）之后"]


def test_an_item_moved_far_is_named_once(doc: OfficialDoc) -> None:
    entries = list(doc.entries)
    moved = next(e for e in entries if e.kind == "item" and e.number == 3)
    entries.remove(moved)
    entries.append(moved)
    broken = OfficialDoc(doc.scope, entries, doc.frame)
    messages = [p.message for p in parse(broken.txt().decode(), expected_items=45).problems]
    assert messages == [f"条目顺序错乱：第 {broken.line_of('item', 3)} 行的（三）排在第 {broken.line_of('item', 45)} 行的（四十五）之后"]


def test_locations_for_word_paragraphs_and_pdf_pages() -> None:
    text = "一、组织\n（一）甲。\n（一）乙。\n\f（二）丙。\n（二）丁。"  # a form feed starts each PDF page
    assert [p.message for p in parse_official(text, locator="paragraph").problems] == [
        "序号（一）出现了 2 次：第 2 段、第 3 段",
        "序号（二）出现了 2 次：第 4 段、第 5 段",
    ]
    assert [p.message for p in parse_official(text, locator="page").problems] == [
        "序号（一）出现了 2 次：第 1 页、第 1 页",
        "序号（二）出现了 2 次：第 2 页、第 2 页",
    ]
    assert all(p.line is None for p in parse_official(text, locator="page").problems)


def test_no_items_at_all() -> None:
    assert [p.message for p in parse("这是一份通知，没有条目。").problems] == ["未找到任何条目：正文中应有以“（一）”“（二）”……开头的段落"]


def test_item_without_text() -> None:
    assert [p.message for p in parse("一、组织\n（一）\n（二）乙。").problems] == ["第（一）条没有正文（第 2 行）"]


def test_sections_missing_duplicated_and_out_of_order() -> None:
    text = "一、组织\n（一）甲。\n三、环境\n（二）乙。\n二、教育\n（三）丙。\n三、环境\n（四）丁。"
    assert [p.message for p in parse(text, expected_sections=4).problems] == [
        "部分“三、”出现了 2 次：第 3 行、第 7 行",
        "部分顺序错乱：第 5 行的“二、”排在第 3 行的“三、”之后",
        "缺少第四部分（应有以“四、”开头的标题）",
    ]


def test_item_before_the_first_section_is_a_warning() -> None:
    problems = parse("（一）甲。\n一、组织\n（二）乙。").problems
    assert [(p.severity, p.message) for p in problems] == [("warning", "第 1 行的（一）不在任何部分（“一、”……）之下")]


def test_overlong_item_is_caught() -> None:
    problems = parse("一、组织\n（一）" + "很长的文字。" * 900).problems
    assert [p.message for p in problems] == ["第（一）条过长（5400 字，上限 5000 字）：可能混入了标准正文以外的内容"]


def test_test_label_survives_parsing() -> None:
    parsed = parse("一、组织\n（一）" + TEST_LABEL + "甲。")
    assert parsed.items[0].text == TEST_LABEL + "甲。"


# -- the parser never raises ---------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["（", "）", "(", ")", "一", "十", "二", "、", "。", "\n", "\f", " ", "\u3000", "国家卫生城市和国家卫生县标准", "附件2", "抄送：",
     "— 3 —", "第 3 页", "（2021版）", "《", "》", "C级", "90%", "近3年", "2021年", "GB/T 27772", "四十五", "两", "〔", "〕"]
)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parser_never_raises_on_any_text(text: str) -> None:
    parsed = parse_official(text, locator="page", expected_items=45, expected_sections=7)
    assert all(p.message for p in parsed.problems)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=80).map("".join))
def test_parser_never_raises_on_document_like_text(text: str) -> None:
    for locator in ("line", "paragraph", "page"):
        parsed = parse_official(text, locator=locator, expected_items=45, expected_sections=7)  # type: ignore[arg-type]
        for item in parsed.items:
            assert item.number >= 1
