"""cwassess/evidence/content.py: a submitted file opened as what its extension says, nothing decoded; exact messages."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from cwassess.evidence import content
from cwassess.evidence.content import Finding, check_content, too_large
from cwassess.models.limits import InputLimits

LIMITS = InputLimits()
CORRUPT = "PDF 已损坏，无法打开：请重新导出或扫描后再提交"


def pdf_bytes(pages: int = 1, **save: object) -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, **save)
    return out.getvalue()


def image_bytes(size: tuple[int, int], kind: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=kind)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels in a few bytes: decoding it would take gigabytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b"")


def zip_bytes(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return out.getvalue()


def check(tmp_path: Path, name: str, data: bytes, limits: InputLimits = LIMITS) -> Finding | None:
    path = tmp_path / name
    path.write_bytes(data)
    return check_content(path, limits)


# -- PDF ------------------------------------------------------------------------------------------


def test_a_sound_pdf_passes(tmp_path: Path) -> None:
    assert check(tmp_path, "a.pdf", pdf_bytes(3)) is None


def test_a_pdf_with_only_an_owner_password_opens(tmp_path: Path) -> None:
    import pikepdf

    assert check(tmp_path, "a.pdf", pdf_bytes(encryption=pikepdf.Encryption(owner="secret", user=""))) is None


def test_a_pdf_that_needs_a_password(tmp_path: Path) -> None:
    import pikepdf

    found = check(tmp_path, "a.pdf", pdf_bytes(encryption=pikepdf.Encryption(owner="secret", user="open")))
    assert found == Finding("evidence.pdf-password", "PDF 已加密，需要打开密码：请提供未加密的版本")


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", b"%PDF-1.7\n" + b"\x00garbage" * 100, pdf_bytes(2)[:60]],
    ids=["no-pages-tree", "garbage", "truncated"],
)
def test_a_corrupt_pdf(tmp_path: Path, data: bytes) -> None:
    assert check(tmp_path, "a.pdf", data) == Finding("evidence.pdf-corrupt", CORRUPT)


def test_a_page_tree_that_contains_itself_is_corrupt(tmp_path: Path) -> None:
    data = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    assert check(tmp_path, "a.pdf", data) == Finding("evidence.pdf-corrupt", CORRUPT)


def test_a_pdf_without_pages(tmp_path: Path) -> None:
    assert check(tmp_path, "a.pdf", pdf_bytes(0)) == Finding("evidence.pdf-empty", "PDF 没有页面")


def test_a_pdf_over_the_page_limit(tmp_path: Path) -> None:
    found = check(tmp_path, "a.pdf", pdf_bytes(4), InputLimits(pdf_pages=3))
    assert found is not None
    assert found.text() == "PDF 页数过多（应为：不超过 3 页；实际：4 页）"
    assert (found.code, found.severity) == ("evidence.pdf-pages", "error")
    assert check(tmp_path, "b.pdf", pdf_bytes(3), InputLimits(pdf_pages=3)) is None


def test_a_pdf_qpdf_repairs_is_a_warning(tmp_path: Path) -> None:
    data = pdf_bytes(1)
    xref = data.rindex(b"startxref")
    damaged = data[:xref] + b"startxref\n999\n%%EOF\n"  # the cross-reference table is not where the file says
    found = check(tmp_path, "a.pdf", damaged)
    assert found == Finding("evidence.pdf-repaired", "PDF 有结构错误，可自动修复后打开；建议重新导出后再提交", severity="warning")


# -- images ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kind"), [("a.jpg", "JPEG"), ("a.jpeg", "JPEG"), ("a.png", "PNG"), ("A.JPG", "JPEG")])
def test_sound_images_pass(tmp_path: Path, name: str, kind: str) -> None:
    assert check(tmp_path, name, image_bytes((4, 3), kind)) is None


def test_a_phone_photo_with_two_pictures_is_a_jpg(tmp_path: Path) -> None:
    """Many phones write MPO (a JPEG followed by more JPEGs); Pillow names it MPO, it is still a .jpg."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 3)).save(out, format="MPO", save_all=True, append_images=[Image.new("RGB", (4, 3))])
    assert check(tmp_path, "a.jpg", out.getvalue()) is None


def test_an_image_of_another_format(tmp_path: Path) -> None:
    found = check(tmp_path, "a.jpg", image_bytes((4, 3), "PNG"))
    assert found is not None and found.text() == "文件内容与扩展名“.jpg”不符（应为：JPG 图片；实际：PNG 图片）"
    found = check(tmp_path, "a.png", image_bytes((4, 3), "GIF"))
    assert found is not None and found.text() == "文件内容与扩展名“.png”不符（应为：PNG 图片；实际：GIF 图片）"


def test_a_damaged_image(tmp_path: Path) -> None:
    found = check(tmp_path, "a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20)
    assert found == Finding("evidence.image-corrupt", "图片已损坏，无法读取")


def test_an_image_over_the_pixel_limit(tmp_path: Path) -> None:
    found = check(tmp_path, "a.png", image_bytes((3000, 1000), "PNG"), InputLimits(image_megapixels=2))
    assert found is not None and found.text() == "图片像素过多（应为：不超过 2 百万像素；实际：3000×1000，约 3 百万像素）"
    assert check(tmp_path, "b.png", image_bytes((2000, 1000), "PNG"), InputLimits(image_megapixels=2)) is None


def test_a_decompression_bomb_is_measured_not_decoded(tmp_path: Path) -> None:
    """10 gigapixels in a few hundred bytes: only the header is read (decoding would need 30 GB)."""
    found = check(tmp_path, "bomb.png", png_header(100_000, 100_000))
    assert found is not None and found.text() == "图片像素过多（应为：不超过 200 百万像素；实际：100000×100000，约 10000 百万像素）"


def test_the_citys_limit_replaces_pillows_own(tmp_path: Path) -> None:
    """Pillow refuses anything over about 179 megapixels at open(); a city allowing 300 gets its 300."""
    from PIL import Image

    before = Image.MAX_IMAGE_PIXELS
    assert check(tmp_path, "big.png", png_header(15_000, 15_000), InputLimits(image_megapixels=300)) is None
    assert Image.MAX_IMAGE_PIXELS == before


# -- zip formats ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "part"), [("a.docx", "word/document.xml"), ("a.xlsx", "xl/workbook.xml"), ("a.ofd", "OFD.xml")])
def test_sound_office_files_pass(tmp_path: Path, name: str, part: str) -> None:
    assert check(tmp_path, name, zip_bytes("[Content_Types].xml", part)) is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a.docx", "文件不是 Word 文档（.docx）：可能是改了扩展名的其他压缩包"),
        ("a.xlsx", "文件不是 Excel 表格（.xlsx）：可能是改了扩展名的其他压缩包"),
        ("a.ofd", "文件不是 OFD 版式文件（.ofd）：可能是改了扩展名的其他压缩包"),
    ],
)
def test_a_zip_of_something_else(tmp_path: Path, name: str, message: str) -> None:
    assert check(tmp_path, name, zip_bytes("photo.jpg")) == Finding("evidence.zip-content", message)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("a.docx", "文件已损坏，无法作为 Word 文档（.docx）打开"),
        ("a.xlsx", "文件已损坏，无法作为 Excel 表格（.xlsx）打开"),
        ("a.ofd", "文件已损坏，无法作为 OFD 版式文件（.ofd）打开"),
    ],
)
def test_a_broken_zip(tmp_path: Path, name: str, message: str) -> None:
    assert check(tmp_path, name, b"PK\x03\x04" + b"\x00" * 50) == Finding("evidence.zip-corrupt", message)


def test_other_extensions_are_not_opened(tmp_path: Path) -> None:
    assert check(tmp_path, "a.txt", b"\x00\x01") is None


# -- size and the cache ---------------------------------------------------------------------------


def test_a_file_over_the_size_limit() -> None:
    limits = InputLimits(file_mb=1)
    assert too_large(1024 * 1024, limits) is None
    found = too_large(3 * 1024 * 1024 // 2, limits)
    assert found is not None and (found.code, found.text()) == ("evidence.too-large", "文件过大（应为：不超过 1 MB；实际：1.5 MB）")


def test_results_are_cached_until_the_file_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = content._check

    def counting(path: Path, suffix: str, limits: InputLimits) -> Finding | None:
        calls.append(path.name)
        return real(path, suffix, limits)

    monkeypatch.setattr(content, "_check", counting)
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf_bytes(1))
    assert check_content(path, LIMITS) is None
    assert check_content(path, LIMITS) is None
    assert calls == ["a.pdf"]
    path.write_bytes(b"%PDF-1.4 now broken, and longer than before")
    assert check_content(path, LIMITS) == Finding("evidence.pdf-corrupt", CORRUPT)
    assert calls == ["a.pdf", "a.pdf"]


def test_a_file_that_cannot_be_read_is_left_to_the_caller(tmp_path: Path) -> None:
    assert check_content(tmp_path / "gone.pdf", LIMITS) is None
