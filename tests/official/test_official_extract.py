"""File → text: .txt in the encodings people have, .docx read from its XML, PDFs with and without a text layer."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

import pikepdf
import pytest

from cwassess.official.extract import (
    MSG_DOC,
    MSG_NOT_DOCX,
    MSG_NOT_PDF,
    MSG_PDF_PASSWORD,
    MSG_SCANNED,
    extract_bytes,
    extract_file,
)
from official_docs import TEST_LABEL, scanned_pdf

SAMPLE = "国家卫生城市和国家卫生县标准\n一、爱国卫生组织管理\n（一）" + TEST_LABEL + "第一条的正文。\n"


def messages(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.message for p in result.problems]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gbk"), "gbk"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (SAMPLE.replace("\n", "\r\n").encode("utf-8"), "crlf"),
    ],
)
def test_txt_in_every_encoding_people_use(tmp_path: Path, data: bytes, encoding: str) -> None:
    path = tmp_path / "标准.txt"
    path.write_bytes(data)
    result = extract_file(path)
    assert result.problems == [], encoding
    assert result.text == SAMPLE
    assert result.kind == "txt"
    assert result.name == "标准.txt"
    assert len(result.sha256 or "") == 64


def test_sha256_is_of_the_file_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "a.txt"
    path.write_bytes(SAMPLE.encode("gbk"))
    assert extract_file(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉：国家卫生城市和国家卫生县标准（2021版）"
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "表格中的文字"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_body_paragraphs_in_order_without_header_and_footer(tmp_path: Path) -> None:
    path = tmp_path / "标准.docx"
    path.write_bytes(_docx(["一、爱国卫生组织管理", "（一）第一条。", "（二）第二条。"]))
    result = extract_file(path)
    assert result.problems == []
    lines = [line for line in (result.text or "").split("\n") if line]
    assert lines == ["一、爱国卫生组织管理", "（一）第一条。", "（二）第二条。", "表格中的文字"]


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _raw_docx(body: str, numbering: str | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>')
        if numbering is not None:
            archive.writestr("word/numbering.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {_W}>{numbering}</w:numbering>')
    return out.getvalue()


def test_docx_automatic_numbering_is_rendered_as_the_label_people_see() -> None:
    numbering = (
        '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
        '<w:lvlText w:val="（%1）"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>'
    )
    numbered = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>'
    body = "".join(numbered.format(t) for t in ["第一条。", "第二条。", "第三条。"] * 4)
    result = extract_bytes(_raw_docx(body, numbering), "docx", "a.docx", "a.docx")
    assert result.problems == []
    lines = (result.text or "").split("\n")
    assert lines[:3] == ["（一）第一条。", "（二）第二条。", "（三）第三条。"]
    assert lines[11] == "（十二）第三条。"


def test_docx_tracked_changes_keep_insertions_and_drop_deletions() -> None:
    body = (
        "<w:p><w:r><w:t>（一）保留</w:t></w:r>"
        '<w:ins w:id="1" w:author="a"><w:r><w:t>插入</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'
        "<w:r><w:tab/><w:t>文字</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>"
    )
    result = extract_bytes(_raw_docx(body), "docx", "a.docx", "a.docx")
    assert result.text == "（一）保留插入\t文字\n下一行"


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a zip file at all",
        _raw_docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>").replace(b"word/document.xml", b"word/elsewhere.xml"),
        _raw_docx("<w:p><w:r><w:t>x</w:t></w:r>"),  # broken XML
    ],
    ids=["not-zip", "no-document", "broken-xml"],
)
def test_broken_docx_says_so(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "坏.docx"
    path.write_bytes(data)
    assert messages(extract_file(path)) == [MSG_NOT_DOCX] == ["不是有效的 .docx 文件（无法作为 Word 文档打开）"]


def _damaged_deflate_docx() -> bytes:
    """A .docx whose document.xml is stored deflated, with a byte of the stream flipped so that inflating it
    raises zlib.error (not the CRC check's BadZipFile)."""
    body = "".join(f"<w:p><w:r><w:t>（{n}）第{n}条内容</w:t></w:r></w:p>" for n in range(1, 60))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>')
    data = out.getvalue()
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for at in range(start + 2, start + info.compress_size - 2):
        damaged = bytearray(data)
        damaged[at] ^= 0xFF
        try:
            zipfile.ZipFile(io.BytesIO(bytes(damaged))).read("word/document.xml")
        except zlib.error:
            return bytes(damaged)
        except (zipfile.BadZipFile, ValueError, EOFError):
            continue
    raise AssertionError("no byte of the stream makes inflating fail")


def test_docx_with_a_damaged_deflate_stream_says_so(tmp_path: Path) -> None:
    path = tmp_path / "坏.docx"
    path.write_bytes(_damaged_deflate_docx())
    assert messages(extract_file(path)) == [MSG_NOT_DOCX]


def test_docx_with_a_dtd_is_refused_not_expanded(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f"<w:document {_W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", bomb)
    path = tmp_path / "bomb.docx"
    path.write_bytes(out.getvalue())
    assert messages(extract_file(path)) == [MSG_NOT_DOCX]


def test_docx_without_text(tmp_path: Path) -> None:
    path = tmp_path / "空.docx"
    path.write_bytes(_raw_docx("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>"))
    assert messages(extract_file(path)) == ["Word 文档中没有文字"]


def _pdf(text: str) -> bytes:
    from weasyprint import HTML

    html = f'<html lang="zh-CN"><body style="font-family: \'Noto Sans CJK SC\'"><p>{text}</p></body></html>'
    return HTML(string=html).write_pdf()


def test_pdf_with_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "标准.pdf"
    path.write_bytes(_pdf("（一）" + TEST_LABEL + "将爱国卫生工作纳入辖区各级党委和政府重要议事日程。"))
    result = extract_file(path)
    assert result.problems == []
    assert result.pages == 1
    assert "（一）【测试用文本，非官方】将爱国卫生工作纳入" in (result.text or "").replace("\n", "")


def test_scanned_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(scanned_pdf())
    result = extract_file(path)
    assert result.text is None
    assert messages(result) == [MSG_SCANNED] == ["PDF 没有文字层（可能是扫描件），请提供带文字的 PDF、.docx 或 .txt"]


def _encrypted(data: bytes, user: str, owner: str) -> bytes:
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))
    return out.getvalue()


def test_pdf_needing_a_password_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "加密.pdf"
    path.write_bytes(_encrypted(_pdf("（一）" + TEST_LABEL + "加密文件中的文字，足够多的汉字用于判断文字层。"), "secret", "owner"))
    assert messages(extract_file(path)) == [MSG_PDF_PASSWORD] == ["PDF 已加密，需要密码才能打开：请提供未加密的文件"]


def test_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    """Government PDFs are often 'protected' against copying only: they open without a password."""
    path = tmp_path / "限制复制.pdf"
    path.write_bytes(_encrypted(_pdf("（一）" + TEST_LABEL + "限制复制的文件中的文字，足够多的汉字用于判断文字层。"), "", "owner"))
    result = extract_file(path)
    assert result.problems == []
    assert "限制复制的文件中的文字" in (result.text or "").replace("\n", "")


@pytest.mark.parametrize("data", [b"%PDF-1.7\nthis is not really a pdf", b"hello, not a pdf"], ids=["truncated", "not-pdf"])
def test_broken_pdf_says_so(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "坏.pdf"
    path.write_bytes(data)
    assert messages(extract_file(path)) == [MSG_NOT_PDF] == ["不是有效的 PDF 文件（文件已损坏或不是 PDF）"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("标准.doc", MSG_DOC),
        ("标准.wps", MSG_DOC),
        ("标准.xlsx", "不支持的文件类型“.xlsx”：请提供 .txt、.docx 或带文字层的 .pdf"),
        ("标准.ofd", "不支持的文件类型“.ofd”：请提供 .txt、.docx 或带文字层的 .pdf"),
        ("标准", "不支持的文件类型“（无扩展名）”：请提供 .txt、.docx 或带文字层的 .pdf"),
    ],
)
def test_unsupported_extension(tmp_path: Path, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"anything")
    assert messages(extract_file(path)) == [message]
    assert MSG_DOC == "不支持旧版 Word（.doc）文件：请在 Word 或 WPS 中另存为 .docx 后再导入"


def test_upper_case_extension_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "标准.TXT"
    path.write_bytes(SAMPLE.encode())
    assert extract_file(path).text == SAMPLE


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf", ".doc"])
def test_missing_file(tmp_path: Path, suffix: str) -> None:
    assert messages(extract_file(tmp_path / f"没有{suffix}")) == ["文件不存在"]


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".pdf"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"空{suffix}"
    path.write_bytes(b"")
    assert messages(extract_file(path)) == ["文件为空"]


def test_directory_named_like_a_file(tmp_path: Path) -> None:
    path = tmp_path / "目录.pdf"
    path.mkdir()
    assert messages(extract_file(path)) == ["这是目录，不是文件"]


def test_undecodable_txt(tmp_path: Path) -> None:
    path = tmp_path / "乱码.txt"
    path.write_bytes("第一行\n".encode() + b"\xff\xfe\xfa\n")
    result = extract_file(path)
    assert result.text is None
    assert [p.code for p in result.problems] == ["file.mixed-encoding"]
