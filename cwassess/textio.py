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
    errno.EACCES: "没有{action}权限",
    errno.EPERM: "没有{action}权限",
    errno.ELOOP: "符号链接形成循环",
    errno.ENAMETOOLONG: "文件名过长",
    errno.EISDIR: "这是目录，不是文件",
    errno.ENOENT: "文件不存在",
    errno.ENOTDIR: "路径中的某一级不是目录",
    errno.EEXIST: "已有同名的文件",
    errno.EIO: "{action}时发生输入输出错误",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "超出了磁盘配额",
    errno.EROFS: "文件系统只读",
}


def os_error_zh(exc: OSError, action: str = "读取") -> str:
    """An operating-system error as a Chinese phrase (the OS's own text is English); `action` is 读取 or 写入."""
    return _ERRNO_ZH.get(exc.errno or 0, "系统错误").format(action=action)


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


def format_size(n: int) -> str:
    """A size as people read it: “100 字节”, “1.5 KB”, “20 MB” (one decimal at most)."""
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f}".removesuffix(".0") + " MB"
    return f"{n / 1024:.1f}".removesuffix(".0") + " KB" if n >= 1024 else f"{n} 字节"


def size_over_limit(limit: int, size: int) -> tuple[str, str]:
    """(expected, found) for a file over its size limit. When rounding would show both as the same size
    (a file a few bytes over 20 MB), both are given in bytes, so the message never reads “上限 20 MB，实际 20 MB”."""
    shown_limit, shown_size = format_size(limit), format_size(size)
    if shown_limit == shown_size:
        shown_limit, shown_size = f"{limit:,} 字节", f"{size:,} 字节"
    return f"不超过 {shown_limit}", shown_size


def too_large(file: str, limit: int, size: int, code: str = "file.too-large", message: str = "文件过大") -> Problem:
    """The one wording of “this file is over its size limit”, shared by every reader."""
    expected, found = size_over_limit(limit, size)
    return Problem(code=code, file=file, message=message, expected=expected, found=found)


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
        return DecodedText(None, problems=[too_large(display, max_bytes, size)])
    try:
        data = path.read_bytes()
    except OSError as exc:
        return DecodedText(None, problems=[Problem(code="file.unreadable", file=display, message=f"无法读取文件：{os_error_zh(exc)}")])
    return decode_bytes(data, display)
