"""HTML → PDF: the CJK font check (a clear Chinese error, never tofu), SC not JP glyphs, metadata, reproducible
bytes, the footer 第 N 页 共 M 页, a TOC with page numbers, and long tables repeating their header."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pdfminer.high_level import extract_text

from cwassess.render import pdf as pdfmod
from cwassess.render.pdf import RenderError, check_cjk_font, render_pdf
from cwassess.render.templates import stylesheet


def page_texts(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        count = len(pdf.pages)
    return ["".join(extract_text(io.BytesIO(data), page_numbers=[n]).split()) for n in range(count)]


def document(rows: int = 120) -> str:
    body = "".join(f"<tr><td>{n}</td><td>第{n}项材料：直骨令今关次没</td><td>缺失</td></tr>" for n in range(1, rows + 1))
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>测试文档</title><style>{stylesheet()}</style></head>
<body><div class="doc-title">测试文档</div>
<nav class="toc"><div class="toc-title">目录</div><ol><li class="toc-1"><a href="#a">一、第一章</a></li><li class="toc-1"><a href="#b">二、第二章</a></li></ol></nav>
<h1 id="a">一、第一章</h1><p><strong>粗体</strong>正文</p>
<table><thead><tr><th>序号</th><th>材料名称表头</th><th>状态</th></tr></thead><tbody>{body}</tbody></table>
<h1 id="b" class="chapter-break">二、第二章</h1><p>结束</p></body></html>"""


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_pdf(document(), title="测试文档", author="测试市爱卫办", created=dt.date(2026, 11, 29)).data


def test_footer_toc_and_repeated_table_header(rendered: bytes) -> None:
    pages = page_texts(rendered)
    total = len(pages)
    assert total >= 4
    for n, text in enumerate(pages, start=1):
        assert f"第{n}页共{total}页" in text
    # The TOC (page 1) gives each chapter's real page: chapter 2 starts on the last page.
    toc = pages[0].replace(".", "")
    assert "一、第一章2" in toc
    assert f"二、第二章{total}" in toc
    table_pages = [t for t in pages[1:] if "第120项" in t or "第1项" in t or "项材料" in t]
    assert len(table_pages) >= 2
    assert all("材料名称表头" in t for t in table_pages)  # header repeated on every page of the table
    assert "第二章" in pages[-1] and "二、第二章" in pages[-1]


def test_metadata_and_fixed_dates(rendered: bytes) -> None:
    with pikepdf.open(io.BytesIO(rendered)) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "测试文档"
        assert str(info["/Author"]) == "测试市爱卫办"
        assert str(info["/CreationDate"]) == "D:20261129"
        assert str(info["/ModDate"]) == "D:20261129"


def test_same_input_same_bytes(rendered: bytes) -> None:
    again = render_pdf(document(), title="测试文档", author="测试市爱卫办", created=dt.date(2026, 11, 29)).data
    assert again == rendered


def test_no_dates_unless_asked() -> None:
    data = render_pdf(document(3)).data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/CreationDate" not in pdf.docinfo


def test_no_weasyprint_warnings_with_the_report_stylesheet() -> None:
    assert render_pdf(document(3)).warnings == []


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts（poppler-utils）未安装")
def test_simplified_chinese_font_embedded_never_japanese(rendered: bytes, tmp_path: Path) -> None:
    path = tmp_path / "t.pdf"
    path.write_bytes(rendered)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Noto-Sans-CJK-SC" in fonts
    assert "Noto-Sans-CJK-SC-Bold" in fonts  # a real bold face, not a synthetic one
    assert "-JP" not in fonts and "-KR" not in fonts and "-TC" not in fonts


def test_missing_cjk_font_is_a_chinese_error_naming_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfmod, "font_styles", lambda family=pdfmod.CJK_FAMILY: frozenset())
    with pytest.raises(RenderError) as info:
        check_cjk_font()
    assert str(info.value) == (
        "生成 PDF 需要中文字体“Noto Sans CJK SC”，本机未安装（否则中文会显示为方框）。"
        "请安装：sudo apt-get install fonts-noto-cjk（Debian/Ubuntu），然后重试。HTML、Excel、JSON 格式不受影响。"
    )
    with pytest.raises(RenderError):
        render_pdf(document(1))


def test_font_without_bold_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfmod, "font_styles", lambda family=pdfmod.CJK_FAMILY: frozenset({"Regular"}))
    with pytest.raises(RenderError, match="缺少粗体.*apt-get install fonts-noto-cjk"):
        check_cjk_font()


def test_without_fc_list_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    pdfmod.font_styles.cache_clear()
    monkeypatch.setattr(pdfmod.shutil, "which", lambda name: None)
    try:
        with pytest.raises(RenderError, match="fc-list.*apt-get install fontconfig fonts-noto-cjk"):
            check_cjk_font()
    finally:
        pdfmod.font_styles.cache_clear()


def test_fc_list_sees_the_installed_font() -> None:
    styles = pdfmod.font_styles()
    if styles is None or not styles:
        pytest.skip("本机没有 fc-list 或 Noto Sans CJK SC")
    assert {"Regular", "Bold"} <= styles
