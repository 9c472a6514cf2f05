"""Known file digests, so scoring does not read every evidence file on every run.

Like git's index: a file whose size, modification time and inode are those seen when it was last hashed keeps its
sha256 and first bytes; anything else is read again. Kept in .cwassess/cache/files.json; a missing, damaged or
foreign cache only costs time.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from cwassess.fileio import mkdir_inside

CACHE_FILE = Path(".cwassess") / "cache" / "files.json"
VERSION = 1

# (size, mtime_ns, inode) → (sha256 hex, first 8 bytes hex)
Stamp = tuple[int, int, int]


class DigestCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / CACHE_FILE
        self.known: dict[str, list[object]] = {}
        self.seen: set[str] = set()  # saved: only the files this run looked at, so deleted files drop out
        self.changed = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == VERSION and isinstance(data.get("files"), dict):
                self.known = data["files"]
        except (OSError, ValueError):
            pass

    def get(self, real: str, stamp: Stamp) -> tuple[str, bytes] | None:
        self.seen.add(real)
        entry = self.known.get(real)
        try:
            if entry is not None and tuple(entry[:3]) == stamp and isinstance(entry[3], str) and len(entry[3]) == 64:
                return entry[3], bytes.fromhex(str(entry[4]))
        except (TypeError, ValueError, IndexError):
            pass
        return None

    def put(self, real: str, stamp: Stamp, digest: str, head: bytes) -> None:
        self.known[real] = [*stamp, digest, head.hex()]
        self.seen.add(real)
        self.changed = True

    def save(self) -> None:
        if not self.changed and self.seen == self.known.keys():
            return
        try:
            if not mkdir_inside(self.root, self.path.parent):
                return  # .cwassess leads out of the workspace: never write there
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"version": VERSION, "files": {k: v for k, v in self.known.items() if k in self.seen}}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            pass  # read-only workspace: hash again next time
