"""Packet fixtures: a copy of the example city (示例市) with a few departments' evidence, scored on 2026-11-29.

Building all 45 boxes takes a few seconds, so the tests here build a packet of a few items through the Python API
(the same code the command runs); tests/commands/test_packet.py builds the whole packet once through the CLI.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from tests.helpers import REPO

TODAY = dt.date(2026, 11, 29)
DEPARTMENTS = ("chengguan", "zhujian", "aiweiban")
ITEMS = ("org-committee", "org-annual-work", "env-roads", "env-ads")


def copy_example(target: Path, departments: tuple[str, ...] = DEPARTMENTS) -> Path:
    """The example workspace's city, claims, waivers and profiles, plus the evidence of `departments`."""
    target.mkdir(parents=True)
    for name in ("city.yaml", "waivers.yaml"):
        shutil.copy2(REPO / name, target / name)
    for name in ("claims", "profiles"):
        shutil.copytree(REPO / name, target / name)
    for dept in departments:
        shutil.copytree(REPO / "evidence" / dept, target / "evidence" / dept)
    return target


def plan(root: Path, items: tuple[str, ...] | None = ITEMS):  # type: ignore[no-untyped-def]
    from cwassess.engine.run import run_score
    from cwassess.loading import load_workspace
    from cwassess.packet.plan import packet_inputs, plan_packet

    ws = load_workspace(root)
    assert ws.city is not None and ws.standard is not None
    run = run_score(ws, TODAY)
    return plan_packet(packet_inputs(ws, run), items=list(items) if items else None)


def build(root: Path, items: tuple[str, ...] | None = ITEMS, force: bool = False):  # type: ignore[no-untyped-def]
    from cwassess.packet.run import build_packet

    return build_packet(plan(root, items), root.resolve(), force=force)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CWASSESS_TODAY", TODAY.isoformat())
    monkeypatch.setenv("CWASSESS_JOBS", "1")
    return copy_example(tmp_path / "ws")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """One packet of ITEMS, built once for the read-only tests of this module."""
    import os

    base = tmp_path_factory.mktemp("packet")
    root = copy_example(base / "ws")
    old = Path.cwd()
    os.chdir(base)
    try:
        result = build(root)
    finally:
        os.chdir(old)
    return root.resolve(), result
