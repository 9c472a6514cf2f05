"""The packet's own page drawing: wrapping, the embedded CJK subset, text that extracts as written."""

from __future__ import annotations

import io
import subprocess
import sys

import pikepdf
from pdfminer.high_level import extract_text

from cwassess.packet.draw import MM, Cell, Column, Flow, Page, Painter, draw_lines, font, table, wrap


def _pdf(pages: list[Page]) -> bytes:
    pdf = pikepdf.new()
    painter = Painter(pdf, pages)
    for page in pages:
        pdf.pages.append(painter.page(pdf, page))
    buf = io.BytesIO()
    pdf.save(buf, deterministic_id=True)
    return buf.getvalue()


def test_wrap_breaks_anywhere_but_never_before_closing_punctuation() -> None:
    text = "道路清扫保洁作业标准，" * 6
    width = font(False).width("道路清扫保洁作业标准", 10)
    lines = wrap(text, 10, width)
    assert lines[0] == "道路清扫保洁作业标准，"  # the comma hangs on the line it closes
    assert not any(line.startswith("，") for line in lines)
    assert "".join(lines) == text


def test_wrap_keeps_numbers_and_latin_words_together() -> None:
    text = "示例市人民政府 示政发〔2024〕15号"
    width = font(False).width("示例市人民政府 示政发〔20", 10)
    lines = wrap(text, 10, width)
    assert lines == ["示例市人民政府 示政发〔", "2024〕15号"]
    long = "A" * 80  # wider than a line: broken like Chinese
    assert "".join(wrap(long, 10, 100)) == long and len(wrap(long, 10, 100)) > 1


def test_wrap_cuts_with_an_ellipsis_and_keeps_hard_breaks() -> None:
    assert wrap("第一段\n第二段", 10, 500) == ["第一段", "第二段"]
    cut = wrap("很长的材料名称" * 20, 10, 100, max_lines=2)
    assert len(cut) == 2 and cut[-1].endswith("…")
    assert all(font(False).width(line, 10) <= 100 for line in cut)


def test_text_is_real_text_in_an_embedded_subset() -> None:
    page = Page()
    draw_lines(page, ["迎评资料汇编：三-（十）道路照明"], 20 * MM, 800, 14, bold=True)
    draw_lines(page, ["牵头单位 合成市城管局 2026年10月22日 ABC-123"], 20 * MM, 760, 10)
    page.label = "三-（十）-1"
    data = _pdf([page])
    text = extract_text(io.BytesIO(data))
    assert "迎评资料汇编：三-（十）道路照明" in text
    assert "牵头单位 合成市城管局 2026年10月22日 ABC-123" in text
    assert "三-（十）-1" in text
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = pdf.pages[0].Resources.Font
        assert sorted(fonts.keys()) == ["/CwB", "/CwR"]
        for key in ("/CwB", "/CwR"):
            font_dict = fonts[key]
            assert font_dict.Subtype == "/Type0" and font_dict.Encoding == "/Identity-H"
            descendant = font_dict.DescendantFonts[0]
            name = str(descendant.BaseFont).lstrip("/")
            assert name[6] == "+" and name[:6].isupper() and "NotoSansCJKsc" in name  # a tagged subset
            program = descendant.FontDescriptor.FontFile3
            assert program.Subtype == "/CIDFontType0C"
            assert len(program.read_bytes()) < 60_000  # a few dozen glyphs, not the 16 MB font


def test_a_character_the_font_lacks_is_drawn_as_a_question_mark() -> None:
    page = Page()
    draw_lines(page, ["照片\U0001F600完成"], 20 * MM, 800, 12)
    assert "照片?完成" in extract_text(io.BytesIO(_pdf([page])))


def test_tables_flow_over_pages_with_their_header_repeated() -> None:
    flow = Flow(lambda page, first: 800.0 if first else 780.0)
    columns = [Column("序号", 20 * MM), Column("材料名称", 120 * MM), Column("页码", 20 * MM, "right")]
    rows = [([Cell(str(n)), Cell(f"第{n}份材料"), Cell(str(n * 3))], None) for n in range(1, 121)]
    table(flow, 20 * MM, columns, rows, 10)
    assert len(flow.pages) >= 3
    data = _pdf(flow.pages)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == len(flow.pages)
    for n in range(len(flow.pages)):
        assert "材料名称" in extract_text(io.BytesIO(data), page_numbers=[n])
    assert "第120份材料" in extract_text(io.BytesIO(data), page_numbers=[len(flow.pages) - 1])


def test_the_same_pages_give_the_same_bytes() -> None:
    def pages() -> list[Page]:
        page = Page()
        draw_lines(page, wrap("自评情况说明：本条各项工作均已落实。" * 8, 11, 400), 20 * MM, 800, 11)
        return [page]

    assert _pdf(pages()) == _pdf(pages())


def test_the_packet_never_loads_weasyprint(tmp_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys\n"
        "from cwassess.packet.draw import Page, Painter, draw_lines\n"
        "import cwassess.packet.run, cwassess.packet.combine, pikepdf\n"
        "page = Page(); draw_lines(page, ['目录'], 50, 800, 12)\n"
        "pdf = pikepdf.new(); p = Painter(pdf, [page]); pdf.pages.append(p.page(pdf, page))\n"
        "print('weasyprint' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path).stdout.strip()
    assert out == "False"
