"""Photos attached to a problem or to its rectification: real image files inside the workspace.

Stored as paths relative to the workspace (POSIX separators), so the ledger moves with the folder.
"""

from __future__ import annotations

from pathlib import Path

from cwassess.paths import resolve_inside

SUFFIXES = (".jpg", ".jpeg", ".png")
MAGIC = {".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".png": b"\x89PNG"}


def check_photo(workspace: Path, written: str, base: Path) -> tuple[str | None, str | None]:
    """(path relative to the workspace, None) or (None, exact message). `base`: where a relative path starts."""
    text = written.strip()
    if not text:
        return None, "照片路径为空"
    root = workspace.resolve()
    given = Path(text)
    candidate = given if given.is_absolute() else base / given
    try:
        real = candidate.resolve()
    except (OSError, RuntimeError):
        return None, f"无法解析照片路径“{written}”"
    if not real.is_relative_to(root):
        return None, f"照片“{written}”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）"
    inside, refused = resolve_inside(root, root, real.relative_to(root).as_posix() or ".")
    if inside is None:  # NFC/NFD look-up and the symlink check, as for evidence files
        return None, f"照片“{written}”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）" if refused else f"照片“{written}”无效"
    if not inside.exists():
        return None, f"照片“{written}”不存在"
    if not inside.is_file():
        return None, f"照片“{written}”不是文件"
    suffix = inside.suffix.lower()
    if suffix not in SUFFIXES:
        return None, f"照片“{written}”不是 JPG 或 PNG 图片（扩展名“{suffix or '无'}”）"
    try:
        with inside.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        return None, f"无法读取照片“{written}”：{exc.strerror}"
    if not head:
        return None, f"照片“{written}”为空文件"
    if not head.startswith(MAGIC[suffix]):
        return None, f"照片“{written}”的内容不是 {suffix[1:].upper()} 图片"
    return inside.relative_to(root).as_posix(), None
