"""Paths people write in manifests, checked so nothing outside the workspace is ever read."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath

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
    parts = PurePosixPath(text.replace("\\", "/")).parts
    if ".." in parts:
        return None, f"路径“{written}”含有“..”，不允许指向证据目录之外"
    candidate = base.joinpath(*parts)
    if not candidate.exists() and not candidate.is_symlink():
        for form in ("NFC", "NFD"):
            alt = base.joinpath(*(unicodedata.normalize(form, p) for p in parts))
            if alt.exists():
                candidate = alt
                break
    try:
        real = candidate.resolve()
    except (OSError, RuntimeError):
        return None, f"无法解析路径“{written}”"
    if not real.is_relative_to(workspace.resolve()):
        return None, f"路径“{written}”指向工作区之外（可能是符号链接），已拒绝"
    return real, None
