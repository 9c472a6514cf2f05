"""Writing files so that a crash or a failed run never leaves a half-written or lost file."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from cwassess.problems import Problem

OUTSIDE_MESSAGE = "报告目录指向工作区之外（可能是符号链接），为免写到别处，未写入任何文件；请改为工作区内的普通目录"


def folders_outside(root: Path, targets: list[Path]) -> list[Problem]:
    """The folders about to be written inside the workspace that lead out of it (a reports/ that is a symlink to a
    shared drive): the caller writes nothing then."""
    from cwassess.loading import display_path
    from cwassess.paths import resolve_inside

    problems = []
    refused: list[Path] = []
    for folder in sorted({target.parent for target in targets}):
        relative = folder.relative_to(root)
        if any(parent in refused for parent in relative.parents):
            continue  # inside a folder already refused: one message is enough
        real, _ = resolve_inside(root, root, relative.as_posix())
        if real is None:
            refused.append(relative)
            # named as written, not where the link leads
            problems.append(Problem(code="report.folder-outside", file=f"{display_path(root)}/{relative.as_posix()}", message=OUTSIDE_MESSAGE))
    return problems


def mkdir_inside(root: Path, folder: Path) -> bool:
    """Create `folder` and its parents when it resolves inside `root`; False, creating nothing, when a symlink on
    the way (a shared .cwassess/, say) leads out of the workspace."""
    if not Path(os.path.realpath(folder)).is_relative_to(os.path.realpath(root)):
        return False
    folder.mkdir(parents=True, exist_ok=True)
    return True


def sha256_file(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file beside the target, fsync, then rename over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file private (0600); give it the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
