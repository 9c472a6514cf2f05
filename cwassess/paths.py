"""Paths people write in manifests, checked so nothing outside the workspace is ever read."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

_WINDOWS_ABS = re.compile(r"^([A-Za-z]:|\\\\|//)")


def resolve_inside(workspace: Path, base: Path, written: str) -> tuple[Path | None, str | None]:
    """The file a manifest names, relative to `base`; None and a Chinese reason when it is refused.

    Refused: absolute paths (POSIX or Windows), any `..`, and anything (symlinks included) that
    resolves outside the workspace. A name that exists only in the other Unicode normal form
    (NFC/NFD, as macOS writes Chinese names) is accepted.
    """
    text = written.strip()
    if not text:
        return None, "路径为空"
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


@lru_cache(maxsize=4096)
def _real(path: str) -> str:
    return os.path.realpath(path)
