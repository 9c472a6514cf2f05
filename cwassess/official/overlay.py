"""overlays/official-text.yaml: the official text kept beside the bundled standard, which is never edited.

Writing is atomic (temporary file in the same folder, then rename) and idempotent: the same official
file gives the same bytes, and an unchanged file is not touched at all.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cwassess.loading import OVERLAY_FILE, display_path
from cwassess.models.overlay import OfficialItem, OfficialOverlay, OverlaySource
from cwassess.official.match import MatchResult
from cwassess.problems import Problem
from cwassess.standard.model import Standard
from cwassess.textio import os_error_zh
from cwassess.validation import validate_document
from cwassess.workspace import schema_ref
from cwassess.yamlio import dump_yaml, load_yaml

SCHEMA = "official-text.schema.json"
HEADER = """# yaml-language-server: $schema={schema}
# 官方原文覆盖层：由 `cwassess standard import-official FILE --apply` 写入，请勿手工修改。
# 自带标准不会被修改；本文件中的条目以官方原文为准（原文核实），删除本文件即恢复为自带文本。
"""

WriteOutcome = Literal["written", "unchanged"]


def build_overlay(std: Standard, file_name: str, sha256: str, result: MatchResult) -> OfficialOverlay:
    """Every matched item with its official number and text, in the official order."""
    items = {
        m.item_id: OfficialItem(number=m.parsed.number, text=m.parsed.text)
        for m in sorted(result.matches, key=lambda m: m.parsed.number)
        if m.item_id is not None
    }
    return OfficialOverlay(standard=std.meta.id, source=OverlaySource(file=file_name[:200], sha256=sha256), items=items)


def overlay_path(workspace_root: Path) -> Path:
    return workspace_root / OVERLAY_FILE


def render_overlay(overlay: OfficialOverlay, workspace_root: Path) -> str:
    schema = schema_ref(overlay_path(workspace_root).parent, SCHEMA)
    return HEADER.format(schema=schema) + dump_yaml(overlay.model_dump(mode="json"))


@dataclass
class WriteResult:
    outcome: WriteOutcome | None
    path: Path
    previous_source: str | None = None  # the file an older overlay came from, when it is replaced
    problems: list[Problem] | None = None


def _previous_source(path: Path) -> str | None:
    if not path.is_file():
        return None
    doc = load_yaml(path, display_path(path))
    overlay = validate_document(doc, OfficialOverlay)
    return overlay.source.file if overlay is not None else None


def _mode_for(path: Path) -> int:
    """Keep the permissions of the file being replaced; a new file gets the usual ones (umask applied)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def write_overlay(workspace_root: Path, content: str) -> WriteResult:
    """Write the overlay atomically; leave the file untouched when it already holds these bytes."""
    path = overlay_path(workspace_root)
    data = content.encode("utf-8")
    try:
        if path.is_file() and path.read_bytes() == data:
            return WriteResult("unchanged", path)
    except OSError:
        pass
    previous = _previous_source(path)
    tmp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".official-text.", suffix=".tmp", delete=False) as handle:
            tmp_name = handle.name
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, _mode_for(path))
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        return WriteResult(
            None,
            path,
            problems=[Problem(code="file.write", file=display_path(path), message=f"无法写入文件：{os_error_zh(exc, '写入')}")],
        )
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass
    return WriteResult("written", path, previous_source=previous)
