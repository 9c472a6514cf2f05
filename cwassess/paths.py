"""Paths people write in manifests, checked so nothing outside the workspace is ever read."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_WINDOWS_ABS = re.compile(r"^([A-Za-z]:|\\\\|//)")
# C0/C1 control characters and DEL (a NUL makes every file-system call raise), and lone surrogates
# (a YAML "\ud800" escape), which no file system can encode.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def resolve_inside(workspace: Path, base: Path, written: str) -> tuple[Path | None, str | None]:
    """The file a manifest names, relative to `base`; None and a Chinese reason when it is refused.

    Refused: control characters, absolute paths (POSIX or Windows), any `..`, and anything (symlinks
    included) that resolves outside the workspace. A name that exists only in the other Unicode normal
    form (NFC/NFD, as macOS writes Chinese names) is accepted.
    """
    text = written.strip()
    if not text:
        return None, "路径为空"
    if _CONTROL.search(text):
        shown = _CONTROL.sub(_picture, written)
        found = "、".join(dict.fromkeys(_picture(m) for m in _CONTROL.finditer(text)))
        return None, f"路径“{shown}”含有不可见的控制字符（{found}），请删除后重新填写"
    if text.startswith("/") or _WINDOWS_ABS.match(text):
        return None, f"不允许使用绝对路径“{written}”，请写相对于本部门证据目录的路径"
    parts = [p for p in text.replace("\\", "/").split("/") if p not in ("", ".")]
    if ".." in parts:
        return None, f"路径“{written}”含有“..”，不允许指向证据目录之外"
    if not parts:
        return None, "路径为空"
    folder = os.path.abspath(base)
    candidate = os.path.join(folder, *parts)
    if not os.path.lexists(candidate):
        for form in ("NFC", "NFD"):
            alt = os.path.join(folder, *(unicodedata.normalize(form, p) for p in parts))
            if os.path.lexists(alt):
                candidate = alt
                break
    try:
        # Directories are shared by many files: resolve each once, then only the file itself if it is a link.
        head, name = os.path.split(candidate)
        real = os.path.join(_real(head), name)
        if os.path.islink(real):
            try:
                real = os.path.realpath(real, strict=True)
            except FileNotFoundError:  # a dangling link: reported as a missing file by the caller
                real = os.path.realpath(real)
    except (OSError, RuntimeError, ValueError):
        return None, f"无法解析路径“{written}”"
    root = _real(os.path.abspath(workspace))
    if real != root and not real.startswith(root.rstrip(os.sep) + os.sep):
        return None, f"路径“{written}”指向工作区之外（可能是符号链接），已拒绝"
    return Path(real), None


def _picture(match: re.Match[str]) -> str:
    """A control character as its Unicode picture (NUL → ␀), so the message shows where it is."""
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else f"U+{code:04X}"


@lru_cache(maxsize=4096)
def _real(path: str) -> str:
    return os.path.realpath(path)
