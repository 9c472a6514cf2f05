"""The whole packet build: boxes (only those whose inputs changed), then 总目录 (only when what it lists changed:
titles, counts, page numbers), combined volume, build report, manifest and ZIP (only when a box changed, or a file
is missing or was altered)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cwassess import __version__
from cwassess.fileio import sha256_file, write_atomic
from cwassess.models.limits import DEFAULT_INPUT_LIMITS, InputLimits
from cwassess.packet import COMBINED_NAME, FORMAT_VERSION, INDEX_NAME, MANIFEST_NAME, PACKET_DIR, REPORT_NAME, ZIP_NAME
from cwassess.packet.build import BoxRecord, build_boxes, load_state, save_state, unchanged
from cwassess.packet.plan import Box, Packet


@dataclass
class PacketResult:
    folder: Path
    records: list[BoxRecord]
    rebuilt: list[str]
    removed: list[str]
    volumes_rebuilt: bool
    report: dict[str, Any] | None
    files: list[dict[str, Any]] = field(default_factory=list)
    zip_path: Path | None = None
    zip_sha256: str | None = None
    partial: bool = False  # --item: only boxes were (re)built


def _file_entry(root: Path, path: Path, pages: int | None = None, stat: bool = False) -> dict[str, Any]:
    entry: dict[str, Any] = {"path": path.relative_to(root).as_posix(), "sha256": sha256_file(path), "size": path.stat().st_size}
    if stat:
        entry["mtime_ns"] = path.stat().st_mtime_ns
    if pages is not None:
        entry["pages"] = pages
    return entry


def _volumes_fingerprint(packet: Packet, records: list[BoxRecord]) -> str:
    payload = {
        "tool": __version__,
        "format": FORMAT_VERSION,
        "packet": [packet.city, packet.kind_zh, packet.issuer, packet.assessment_date, packet.packet_date, list(packet.skipped)],
        "leads": [b.lead for b in packet.boxes],
        "boxes": [[r.item, r.file, r.sha256, r.fingerprint] for r in records],
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _index_fingerprint(packet: Packet, records: list[BoxRecord]) -> str:
    """What the 总目录 shows: a changed document that moves no page leaves it as it is."""
    from cwassess.packet.combine import index_rows

    payload = [__version__, FORMAT_VERSION, packet.city, packet.kind_zh, packet.issuer, packet.assessment_date, packet.packet_date,
               index_rows(packet, records, 0)]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def _intact(root: Path, recorded: Any) -> bool:
    if not isinstance(recorded, dict):
        return False
    path = root / str(recorded.get("path", ""))
    return path.is_file() and unchanged(path, recorded)


def build_packet(
    packet: Packet,
    root: Path,
    force: bool = False,
    only: set[str] | None = None,
    on_box: Callable[[Box, bool], None] | None = None,
    on_step: Callable[[str], None] | None = None,
    limits: InputLimits = DEFAULT_INPUT_LIMITS,
) -> PacketResult:
    from cwassess.packet.combine import write_combined, write_index
    from cwassess.packet.manifest import build_report, dump, manifest, write_zip

    folder = root / PACKET_DIR
    state = load_state(folder)
    boxes = build_boxes(packet, root, state, force=force, only=only, on_box=on_box, limits=limits)
    if only is not None:
        save_state(folder, state)
        return PacketResult(folder, boxes.records, boxes.rebuilt, boxes.removed, False, None, partial=True)

    records = boxes.records
    fingerprint = _volumes_fingerprint(packet, records)
    volumes = state.get("volumes") if isinstance(state.get("volumes"), dict) else {}
    recorded_files = volumes.get("files", []) if isinstance(volumes, dict) else []
    zip_path = root / "reports" / ZIP_NAME
    fresh = (
        not force
        and volumes.get("fingerprint") == fingerprint
        and len(recorded_files) == 4
        and all(_intact(root, f) for f in recorded_files)
        and _intact(root, volumes.get("zip"))
    )
    if fresh:
        save_state(folder, state)
        zip_entry = volumes["zip"]
        report = json.loads((folder / REPORT_NAME).read_text(encoding="utf-8"))
        files = [{k: v for k, v in f.items() if k != "mtime_ns"} for f in recorded_files]
        files = [{"path": f"{PACKET_DIR}/{r.file}", "sha256": r.sha256, "size": r.size, "pages": r.pages} for r in records] + files
        return PacketResult(folder, records, boxes.rebuilt, boxes.removed, False, report, files=files, zip_path=zip_path,
                            zip_sha256=zip_entry["sha256"])

    step = on_step or (lambda _: None)
    step("总目录")
    index_key = _index_fingerprint(packet, records)
    old_index = next((f for f in recorded_files if isinstance(f, dict) and f.get("path") == f"{PACKET_DIR}/{INDEX_NAME}"), None)
    if not force and volumes.get("index") == index_key and old_index is not None and _intact(root, old_index):
        index_pages = int(old_index["pages"])  # what it lists (titles, counts, page ranges) is as it was: the file stays
    else:
        index_pages = write_index(packet, records, folder / INDEX_NAME)
    step("合订本")
    combined_pages = write_combined(packet, records, folder / INDEX_NAME, folder, folder / COMBINED_NAME)
    step("清单")
    report = build_report(packet, records, {INDEX_NAME: index_pages, COMBINED_NAME: combined_pages})
    write_atomic(folder / REPORT_NAME, dump(report))
    files = [{"path": f"{PACKET_DIR}/{r.file}", "sha256": r.sha256, "size": r.size, "pages": r.pages} for r in records]
    files += [_file_entry(root, folder / INDEX_NAME, index_pages), _file_entry(root, folder / COMBINED_NAME, combined_pages),
              _file_entry(root, folder / REPORT_NAME)]
    write_atomic(folder / MANIFEST_NAME, dump(manifest(packet, records, files)))
    step("压缩包")
    write_zip(folder, zip_path, packet.packet_date)
    volume_files = [f | {"mtime_ns": (root / f["path"]).stat().st_mtime_ns} for f in files if not f["path"].startswith(f"{PACKET_DIR}/boxes/")]
    volume_files.append(_file_entry(root, folder / MANIFEST_NAME, stat=True))
    zip_entry = _file_entry(root, zip_path, stat=True)
    state["volumes"] = {"fingerprint": fingerprint, "index": index_key, "files": volume_files, "zip": zip_entry}
    save_state(folder, state)
    manifest_entry = {k: v for k, v in volume_files[-1].items() if k != "mtime_ns"}
    return PacketResult(folder, records, boxes.rebuilt, boxes.removed, True, report, files=files + [manifest_entry], zip_path=zip_path,
                        zip_sha256=zip_entry["sha256"])
