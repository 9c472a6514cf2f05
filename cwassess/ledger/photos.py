"""Photos attached to a problem or to its rectification: real image files inside the workspace, within the city's
size limits (city.yaml `limits:` file_mb and image_megapixels).

Stored as paths relative to the workspace (POSIX separators), so the ledger moves with the folder.
"""

from __future__ import annotations

import stat
from pathlib import Path

from cwassess.models.limits import DEFAULT_INPUT_LIMITS, InputLimits
from cwassess.paths import resolve_inside
from cwassess.images import image_header
from cwassess.textio import os_error_zh, size_over_limit

SUFFIXES = (".jpg", ".jpeg", ".png")
MAGIC = {".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".png": b"\x89PNG"}


def typed_photo_base(workspace: Path, written: str) -> Path:
    """Where a photo path typed on the command line starts: the workspace, as the ledger stores and shows paths
    (ledger/photos/x.jpg); the current folder only for a file that is there and not in the workspace, as a shell
    completes a path (ws/ledger/photos/x.jpg). A file in neither is reported as missing from the workspace."""
    text = written.strip()
    try:
        return Path.cwd() if not (workspace / text).exists() and Path(text).exists() else workspace
    except (OSError, ValueError):  # a name the OS refuses: check_photo says why
        return workspace


def check_photo(workspace: Path, written: str, base: Path, limits: InputLimits = DEFAULT_INPUT_LIMITS) -> tuple[str | None, str | None]:
    """(path relative to the workspace, None) or (None, exact message). `base`: where a relative path starts."""
    text = written.strip()
    if not text:
        return None, "照片路径为空"
    if "\x00" in text:  # no file name holds one; the OS would refuse it with an exception
        return None, f"照片“{written.replace(chr(0), '␀')}”的路径含有 NUL 字符，无效"
    outside = f"照片“{written}”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）"
    root = workspace.resolve()
    given = Path(text)
    candidate = given if given.is_absolute() else base / given
    try:
        real = candidate.resolve()
    except (OSError, RuntimeError):
        return None, f"无法解析照片路径“{written}”"
    if not real.is_relative_to(root):
        return None, outside
    inside, refused = resolve_inside(root, root, real.relative_to(root).as_posix() or ".")
    if inside is None:  # NFC/NFD look-up and the symlink check, as for evidence files
        return None, outside if refused else f"照片“{written}”无效"
    try:
        info = inside.stat()
    except FileNotFoundError:
        return None, f"照片“{written}”不存在"
    except OSError as exc:
        return None, f"无法读取照片“{written}”：{os_error_zh(exc)}"
    if not stat.S_ISREG(info.st_mode):
        return None, f"照片“{written}”不是文件"
    suffix = inside.suffix.lower()
    if suffix not in SUFFIXES:
        return None, f"照片“{written}”不是 JPG 或 PNG 图片（扩展名“{suffix or '无'}”）"
    if info.st_size > limits.file_bytes:
        limit, found = size_over_limit(limits.file_bytes, info.st_size)  # never “上限 20 MB，实际 20 MB”
        return None, f"照片“{written}”过大（上限 {limit.removeprefix('不超过 ')}，实际 {found}）"
    try:
        with inside.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        return None, f"无法读取照片“{written}”：{os_error_zh(exc)}"
    if not head:
        return None, f"照片“{written}”为空文件"
    kind = suffix[1:].upper().replace("JPEG", "JPG")
    if not head.startswith(MAGIC[suffix]):
        return None, f"照片“{written}”的内容不是 {kind} 图片"
    header = image_header(inside)
    if header is None:
        return None, f"照片“{written}”已损坏，无法作为 {kind} 图片打开"
    _, width, height = header
    if width * height > limits.image_pixels:
        return None, (
            f"照片“{written}”像素过多（上限 {limits.image_megapixels:g} 百万像素，"
            f"实际 {width}×{height}，约 {width * height / 1_000_000:.0f} 百万像素）"
        )
    return inside.relative_to(root).as_posix(), None

