"""Shared by the `cwassess ledger …` command tests (not a test module)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from typer.testing import CliRunner, Result

from cwassess.cli import app

ENV = {"COLUMNS": "200", "NO_COLOR": "1", "CWASSESS_WORKSPACE": None}
runner = CliRunner()


def ledger(*args: str) -> Result:
    return runner.invoke(app, ["--workspace", "ws", "ledger", *args], env=ENV)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the workspace; a database as its SQL dump (what is stored, whatever the page layout)."""
    out: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if not path.is_file() or rel.startswith(".cwassess") or rel.endswith(("-wal", "-shm")):
            continue
        if path.suffix == ".db":
            conn = sqlite3.connect(path)
            out[rel] = "\n".join(conn.iterdump()).encode("utf-8")
            conn.close()
        else:
            out[rel] = path.read_bytes()
    return out


def add_one(**options: str) -> str:
    args = {"--source": "网格巡查", "--found": "2026-11-10", "--street": "一街道", "--address": "人民路12号", "--site-type": "背街小巷",
            "--class": "乱堆乱摆", "--description": "门前堆放杂物。"}
    args.update(options)
    flat = [x for pair in args.items() for x in pair]
    result = ledger("add", "--json", *flat)
    assert result.exit_code == 0, result.output
    import json

    return json.loads(result.output)["problem"]["id"]
