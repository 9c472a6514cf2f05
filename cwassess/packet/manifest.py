"""manifest.json, build-report.json and the ZIP: byte-reproducible (sorted keys and entries, no timestamps).

manifest.json lists every source file that went into the packet (sha256, size, department, box, entry number,
pages) and every packet file (sha256, size, pages). It does not list itself or the ZIP (which contains it).
The ZIP holds reports/packet/ as it is (boxes, 总目录, combined volume, manifest, build report) with every entry
dated the packet's date, sorted by name; PDFs are stored (they are compressed already), JSON is deflated.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cwassess import __version__
from cwassess.packet import BOXES_DIR, COMBINED_NAME, INDEX_NAME, MANIFEST_NAME, REPORT_NAME
from cwassess.packet.build import BoxRecord, atomic_path
from cwassess.packet.plan import Packet

ZIP_ROOT = "迎评资料汇编"


def dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def packet_header(packet: Packet) -> dict[str, Any]:
    return {
        "city": packet.city,
        "kind": packet.kind_zh,
        "issuer": packet.issuer,
        "assessment_date": packet.assessment_date,
        "packet_date": packet.packet_date,
        "tool": f"cwassess {__version__}",
    }


def build_report(packet: Packet, records: Sequence[BoxRecord], volume_pages: dict[str, int]) -> dict[str, Any]:
    """What the build found: per box its pages and placeholders, and every problem with a source file."""
    issues = [i for r in records for i in r.issues]
    placeholders = [p for r in records for p in r.placeholders]
    return {
        "packet": packet_header(packet),
        "boxes": [
            {"seq": r.seq, "item": r.item, "code": r.code, "title": r.title, "file": r.file, "pages": r.pages, "documents": r.documents,
             "placeholders": len(r.placeholders), "problems": len(r.issues), "fingerprint": r.fingerprint}
            for r in records
        ],
        "volumes": volume_pages,
        "skipped_items": list(packet.skipped),
        "problems": issues,
        "placeholders": placeholders,
        "totals": {
            "boxes": len(records),
            "pages": sum(r.pages for r in records),
            "documents": sum(r.documents for r in records),
            "placeholders": len(placeholders),
            "errors": sum(1 for i in issues if i["level"] == "error"),
            "warnings": sum(1 for i in issues if i["level"] != "error"),
        },
    }


def manifest(packet: Packet, records: Sequence[BoxRecord], files: Sequence[dict[str, Any]]) -> dict[str, Any]:
    sources = sorted((s for r in records for s in r.sources), key=lambda s: (s["box_file"], s["entry"], s["document"]))
    return {"packet": packet_header(packet), "sources": sources, "files": sorted(files, key=lambda f: f["path"])}


def zip_members(folder: Path) -> list[tuple[str, Path]]:
    """(name in the ZIP, file) of the packet's files, sorted."""
    names = [INDEX_NAME, COMBINED_NAME, MANIFEST_NAME, REPORT_NAME]
    members = [(f"{ZIP_ROOT}/{n}", folder / n) for n in names if (folder / n).is_file()]
    boxes = folder / BOXES_DIR
    members += [(f"{ZIP_ROOT}/{BOXES_DIR}/{p.name}", p) for p in sorted(boxes.glob("[0-9][0-9]-*.pdf"))] if boxes.is_dir() else []
    return sorted(members)


def write_zip(folder: Path, target: Path, date: str) -> None:
    day = dt.date.fromisoformat(date)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    with atomic_path(target) as tmp, zipfile.ZipFile(tmp, "w", allowZip64=True) as zf:
        for name, path in zip_members(folder):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".pdf") else zipfile.ZIP_DEFLATED
            with path.open("rb") as src, zf.open(info, "w", force_zip64=path.stat().st_size > 0x7FFFFFFF) as dst:
                for chunk in iter(lambda: src.read(1 << 20), b""):
                    dst.write(chunk)
