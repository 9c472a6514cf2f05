"""Does a submitted file open as what its extension says? Used by `evidence check` and at intake only.

Scoring reads thousands of files by their first bytes alone (load.py); opening every PDF there would make
`score` slow, so the content is looked at only where a person asks for it. Nothing is decoded: a PDF's page
tree is counted, an image's header read, a zip's directory listed — a decompression bomb stays packed.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cwassess.images import image_header
from cwassess.models.limits import InputLimits
from cwassess.textio import size_over_limit

MSG_PDF_PASSWORD = "PDF 已加密，需要打开密码：请提供未加密的版本"
MSG_PDF_CORRUPT = "PDF 已损坏，无法打开：请重新导出或扫描后再提交"
MSG_PDF_REPAIRED = "PDF 有结构错误，可自动修复后打开；建议重新导出后再提交"
MSG_PDF_NO_PAGES = "PDF 没有页面"
MSG_PDF_PAGES = "PDF 页数过多"
MSG_IMAGE_CORRUPT = "图片已损坏，无法读取"
MSG_IMAGE_PIXELS = "图片像素过多"
MSG_FILE_TOO_LARGE = "文件过大"

# Extension → (what it must be, in words; the part every such zip holds).
_ZIPS = {
    ".docx": ("Word 文档（.docx）", "word/document.xml"),
    ".xlsx": ("Excel 表格（.xlsx）", "xl/workbook.xml"),
    ".ofd": ("OFD 版式文件（.ofd）", "OFD.xml"),
}
# Extension → the formats Pillow may report for it (MPO: the multi-picture JPEG many phones write).
_IMAGES = {".jpg": ("JPEG", "MPO"), ".jpeg": ("JPEG", "MPO"), ".png": ("PNG",)}
_IMAGE_NAMES = {"JPEG": "JPG 图片", "MPO": "JPG 图片", "PNG": "PNG 图片", "GIF": "GIF 图片", "BMP": "BMP 图片", "TIFF": "TIFF 图片", "WEBP": "WebP 图片"}


@dataclass(frozen=True)
class Finding:
    """What is wrong with a file's content; a warning leaves the file usable."""

    code: str
    message: str
    severity: Literal["error", "warning"] = "error"
    expected: str | None = None
    found: str | None = None

    def details(self) -> dict[str, str]:
        """expected/found for a Problem."""
        return {k: v for k, v in (("expected", self.expected), ("found", self.found)) if v is not None}

    def text(self) -> str:
        """The whole finding as one phrase, as Problem.render() words it (a document's `problem`)."""
        details = "；".join(f"{label}：{value}" for label, value in (("应为", self.expected), ("实际", self.found)) if value is not None)
        return f"{self.message}（{details}）" if details else self.message


def suffixes_for(formats: list[str]) -> set[str]:
    """The file extensions a material's formats allow (jpg: .jpeg too)."""
    return {f".{f}" for f in formats} | ({".jpeg"} if "jpg" in formats else set())


def too_large(size: int, limits: InputLimits) -> Finding | None:
    """A submitted file over the city's `file_mb` (checked everywhere: it costs nothing but a stat)."""
    if size <= limits.file_bytes:
        return None
    expected, found = size_over_limit(limits.file_bytes, size)
    return Finding("evidence.too-large", MSG_FILE_TOO_LARGE, expected=expected, found=found)


_cache: dict[tuple[str, int, int, int, int], Finding | None] = {}


def check_content(path: Path, limits: InputLimits) -> Finding | None:
    """What is wrong inside the file at `path` (its extension decides what it must be), or None.

    Results are remembered by (path, size, mtime) for the rest of the process: a re-check of an unchanged
    workspace opens nothing twice.
    """
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None  # the caller has already reported a file it could not open
    key = (str(path), st.st_size, st.st_mtime_ns, limits.pdf_pages, limits.image_pixels)
    if key not in _cache:
        _cache[key] = _check(path, path.suffix.lower(), limits)
    return _cache[key]


def _check(path: Path, suffix: str, limits: InputLimits) -> Finding | None:
    if suffix == ".pdf":
        return _pdf(path, limits)
    if suffix in _IMAGES:
        return _image(path, suffix, limits)
    if suffix in _ZIPS:
        return _zip(path, suffix)
    return None


def _pdf(path: Path, limits: InputLimits) -> Finding | None:
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            pages = len(pdf.pages)  # walks the page tree: a loop or a lying /Count raises or is counted as it is
            repaired = bool(pdf.get_warnings())
    except pikepdf.PasswordError:
        return Finding("evidence.pdf-password", MSG_PDF_PASSWORD)
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError, RecursionError):
        return Finding("evidence.pdf-corrupt", MSG_PDF_CORRUPT)
    if pages == 0:
        return Finding("evidence.pdf-empty", MSG_PDF_NO_PAGES)
    if pages > limits.pdf_pages:
        return Finding("evidence.pdf-pages", MSG_PDF_PAGES, expected=f"不超过 {limits.pdf_pages} 页", found=f"{pages} 页")
    if repaired:
        return Finding("evidence.pdf-repaired", MSG_PDF_REPAIRED, severity="warning")
    return None


def _image(path: Path, suffix: str, limits: InputLimits) -> Finding | None:
    header = image_header(path)
    if header is None:
        return Finding("evidence.image-corrupt", MSG_IMAGE_CORRUPT)
    kind, width, height = header
    if kind not in _IMAGES[suffix]:
        expected, found = _IMAGE_NAMES[_IMAGES[suffix][0]], _IMAGE_NAMES.get(kind or "", "其他格式的图片")
        return Finding("evidence.magic", f"文件内容与扩展名“{suffix}”不符", expected=expected, found=found)
    if width * height > limits.image_pixels:
        megapixels = f"{width * height / 1_000_000:.1f}".removesuffix(".0")
        expected = f"不超过 {limits.image_megapixels:g} 百万像素"
        return Finding("evidence.image-pixels", MSG_IMAGE_PIXELS, expected=expected, found=f"{width}×{height}，约 {megapixels} 百万像素")
    return None


def _zip(path: Path, suffix: str) -> Finding | None:
    what, part = _ZIPS[suffix]
    try:
        with zipfile.ZipFile(path) as archive:  # the central directory only: nothing is decompressed
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return Finding("evidence.zip-corrupt", f"文件已损坏，无法作为 {what}打开")
    if part not in names:
        return Finding("evidence.zip-content", f"文件不是 {what}：可能是改了扩展名的其他压缩包")
    return None
