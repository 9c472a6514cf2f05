"""The same official-like document as .txt, .docx and a generated PDF: each reads back to the same 45 items.

Built from the bundled standard: verbatim items keep their text, the others carry clearly labelled test-only text.
Broken variants (missing item, duplicated number, shuffled order, scanned PDF) each give their exact message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cwassess.official.extract import MSG_SCANNED, extract_file
from cwassess.official.match import match_items
from cwassess.official.parse import ParsedDocument, parse_official
from cwassess.standard.model import Standard
from official_docs import TEST_LABEL, OfficialDoc, scanned_pdf

FORMS = ["txt", "docx", "pdf"]
LOCATOR = {"txt": "line", "docx": "paragraph", "pdf": "page"}
UNIT = {"txt": "行", "docx": "段"}


def render(doc: OfficialDoc, form: str, folder: Path, name: str = "标准") -> Path:
    path = folder / f"{name}.{form}"
    path.write_bytes(getattr(doc, form)())
    return path


def read(path: Path, form: str) -> tuple[str, ParsedDocument]:
    extracted = extract_file(path)
    assert extracted.problems == [], [p.render() for p in extracted.problems]
    assert extracted.text is not None
    parsed = parse_official(extracted.text, file=path.name, locator=LOCATOR[form], expected_items=45, expected_sections=7)  # type: ignore[arg-type]
    return extracted.text, parsed


def where(text: str, form: str, doc: OfficialDoc, number: int, occurrence: int = 0) -> str:
    """How the parser names the place of an item: a line, a paragraph, or (PDF) the page it starts on."""
    if form != "pdf":
        return f"第 {doc.line_of('item', number, occurrence)} {UNIT[form]}"
    label = [e.line for e in doc.entries if e.kind == "item" and e.number == number][occurrence][:8]
    pages, page = [], 1
    for line in text.split("\n"):
        page += line.count("\f")  # pdfminer starts each page's first line with a form feed
        if line.lstrip("\f").startswith(label):
            pages.append(page)
    assert len(pages) == 1, pages
    return f"第 {pages[0]} 页"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("forms")


@pytest.mark.parametrize("form", FORMS)
def test_every_form_reads_back_to_the_same_items(form: str, doc: OfficialDoc, bundled: Standard, folder: Path) -> None:
    _, parsed = read(render(doc, form, folder), form)
    assert parsed.problems == []
    assert [(s.number, s.title) for s in parsed.sections] == [(e.number, e.text) for e in doc.entries if e.kind == "section"]
    assert [(i.number, i.text) for i in parsed.items] == [(e.number, e.text) for e in doc.items()]
    result = match_items(parsed.items, bundled)
    assert result.problems == []
    assert [m.item_id for m in result.matches] == [e.item_id for e in doc.items()]
    labelled = [i for i in parsed.items if i.text.startswith(TEST_LABEL)]
    assert len(labelled) == sum(1 for item in bundled.items if item.provenance.verified != "verbatim")


@pytest.mark.parametrize("form", FORMS)
def test_moved_items_are_found_in_every_form(form: str, doc: OfficialDoc, bundled: Standard, folder: Path) -> None:
    _, parsed = read(render(doc.texts_swapped(20, 21), form, folder, "换位"), form)
    got = {m.parsed.number: m.item_id for m in match_items(parsed.items, bundled).matches}
    assert (got[20], got[21]) == ("eco-water", "eco-air")


@pytest.mark.parametrize("form", FORMS)
def test_missing_item(form: str, doc: OfficialDoc, folder: Path) -> None:
    _, parsed = read(render(doc.without_item(7), form, folder, "缺条"), form)
    assert [p.message for p in parsed.problems] == ["缺少第（七）条（应在（六）与（八）之间）"]


@pytest.mark.parametrize("form", FORMS)
def test_duplicated_number(form: str, doc: OfficialDoc, folder: Path) -> None:
    broken = doc.relabelled(12, 11)
    text, parsed = read(render(broken, form, folder, "重号"), form)
    assert [p.message for p in parsed.problems] == [
        f"序号（十一）出现了 2 次：{where(text, form, broken, 11, 0)}、{where(text, form, broken, 11, 1)}",
        "缺少第（十二）条（应在（十一）与（十三）之间）",
    ]


@pytest.mark.parametrize("form", FORMS)
def test_shuffled_order(form: str, doc: OfficialDoc, folder: Path) -> None:
    broken = doc.swapped(13, 14)
    text, parsed = read(render(broken, form, folder, "乱序"), form)
    assert [p.message for p in parsed.problems] == [
        f"条目顺序错乱：{where(text, form, broken, 13)}的（十三）排在{where(text, form, broken, 14)}的（十四）之后"
    ]


def test_txt_locations_are_exact(doc: OfficialDoc, folder: Path) -> None:
    """The computed places above are not circular for .txt and .docx: they come from the document's own layout."""
    broken = doc.swapped(13, 14)
    _, parsed = read(render(broken, "txt", folder, "乱序2"), "txt")
    lines = broken.txt().decode().split("\n")
    assert lines[broken.line_of("item", 13) - 1].startswith("（十三）")
    assert lines[broken.line_of("item", 14) - 1].startswith("（十四）")
    assert parsed.problems[0].line == broken.line_of("item", 13)


def test_scanned_pdf(folder: Path) -> None:
    path = folder / "扫描件.pdf"
    path.write_bytes(scanned_pdf())
    extracted = extract_file(path)
    assert extracted.text is None
    assert [p.message for p in extracted.problems] == [MSG_SCANNED]
    assert MSG_SCANNED == "PDF 没有文字层（可能是扫描件），请提供带文字的 PDF、.docx 或 .txt"
