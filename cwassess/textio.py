"""Turning the bytes people send into text: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK."""

from __future__ import annotations

import codecs
import errno
from dataclasses import dataclass, field
from pathlib import Path

from cwassess.problems import Problem

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class DecodedText:
    text: str | None
    encoding: str | None = None
    problems: list[Problem] = field(default_factory=list)


_ERRNO_ZH = {
    errno.EACCES: "没有读取权限",
    errno.EPERM: "没有读取权限",
    errno.ELOOP: "符号链接形成循环",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EISDIR: "这是目录，不是文件",
    errno.ENOENT: "文件不存在",
    errno.EIO: "读取时发生输入输出错误",
}


def os_error_zh(exc: OSError) -> str:
    """An operating-system error as a Chinese phrase (the OS's own text is English)."""
    return _ERRNO_ZH.get(exc.errno or 0, "系统错误")


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _first_non_utf8_line(data: bytes) -> int | None:
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return None


def _has_utf8_cjk_line(data: bytes) -> bool:
    """A line that is clearly UTF-8: it decodes and holds characters of three or more bytes (CJK).

    GBK text can decode as UTF-8 only into two-byte characters (U+0080–U+07FF), never into CJK,
    so a pure GBK file is never mistaken for a mixed one.
    """
    for raw in data.split(b"\n"):
        if any(b >= 0x80 for b in raw):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if any(ord(c) >= 0x800 for c in line):
                return True
    return False


def decode_bytes(data: bytes, file: str) -> DecodedText:
    """Decode text the way Excel/WPS users produce it; say precisely what is wrong otherwise."""
    if not data.strip():
        return DecodedText(None, problems=[Problem(code="file.empty", file=file, message="文件为空")])
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check_nul(data.decode(name), name, file)
            except UnicodeDecodeError as exc:
                line = data[: exc.start].decode(name, errors="ignore").count("\n") + 1
                return DecodedText(None, problems=[_bad_encoding(file, line, "UTF-8" if name == "utf-8-sig" else "UTF-16")])
    nul = data.find(b"\x00")
    if nul != -1:
        return DecodedText(
            None,
            problems=[
                Problem(
                    code="file.nul",
                    file=file,
                    line=_line_of(data, nul),
                    message="文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 无 BOM）",
                )
            ],
        )
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    bad_line = _first_non_utf8_line(data)
    if _has_utf8_cjk_line(data):
        return DecodedText(
            None,
            problems=[
                Problem(
                    code="file.mixed-encoding",
                    file=file,
                    line=bad_line,
                    message="文件混用了多种编码：部分行是 UTF-8，此行不是；请整体另存为 UTF-8",
                )
            ],
        )
    try:
        text = data.decode("gbk")
    except UnicodeDecodeError as exc:
        return DecodedText(None, problems=[_bad_encoding(file, _line_of(data, exc.start), "UTF-8 或 GBK")])
    return DecodedText(text, "gbk")


def _check_nul(text: str, encoding: str, file: str) -> DecodedText:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return DecodedText(
            None, problems=[Problem(code="file.nul", file=file, line=line, message="文件含有 NUL 字节，不是文本文件")]
        )
    return DecodedText(text.lstrip("\ufeff"), encoding)


def _bad_encoding(file: str, line: int, expected: str) -> Problem:
    return Problem(
        code="file.encoding",
        file=file,
        line=line,
        message="无法识别文件编码",
        expected=expected,
        found="无法解码的字节",
    )


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f}".removesuffix(".0") + " MB"
    return f"{n / 1024:.1f}".removesuffix(".0") + " KB" if n >= 1024 else f"{n} 字节"


def read_text(path: Path, display: str, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Read a text file with a size limit; never raises for a user's file."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return DecodedText(None, problems=[Problem(code="file.missing", file=display, message="文件不存在")])
    except OSError as exc:
        return DecodedText(None, problems=[Problem(code="file.unreadable", file=display, message=f"无法读取文件：{os_error_zh(exc)}")])
    if path.is_dir():
        return DecodedText(None, problems=[Problem(code="file.is-dir", file=display, message="这是目录，不是文件")])
    if size > max_bytes:
        return DecodedText(
            None,
            problems=[
                Problem(
                    code="file.too-large",
                    file=display,
                    message="文件过大",
                    expected=f"不超过 {_size(max_bytes)}",
                    found=_size(size),
                )
            ],
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        return DecodedText(None, problems=[Problem(code="file.unreadable", file=display, message=f"无法读取文件：{os_error_zh(exc)}")])
    return decode_bytes(data, display)
