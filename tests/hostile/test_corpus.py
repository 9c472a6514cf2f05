"""Every hostile input in tests/hostile/ yields exactly its expected problems (cases.py), and never a traceback."""

from __future__ import annotations

import collections
from pathlib import Path

import pytest

from tests.hostile import harness, make_corpus
from tests.hostile.cases import CASES, Case

HOSTILE = Path(__file__).resolve().parent
GROUPS = ("yaml", "city", "profiles", "standard", "claims", "evidence", "files", "sheets", "ledger", "official")


def _id(case: Case) -> str:
    return f"{case.input}@{case.reader}"


@pytest.mark.parametrize("case", CASES, ids=_id)
def test_case(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    got = harness.run(HOSTILE / case.input, case.reader, case.target, case.setup, tmp_path)
    assert got == case.expected, case.note


def test_the_corpus_is_big_enough_and_covers_every_reader() -> None:
    assert len(CASES) >= 100
    assert len({c.input for c in CASES}) >= 100
    readers = collections.Counter(c.reader.split(":")[0] for c in CASES)
    for reader in ("city", "profile", "claims", "manifest", "inspections", "waivers", "overlay", "standard", "evidence-file",
                   "workbook", "claims-import", "evidence-import", "ledger-import", "ledger-config", "ledger-grids", "official", "cli"):
        assert readers[reader] >= 1, reader


def test_every_corpus_file_is_a_case_and_every_case_has_its_file() -> None:
    files = {p.relative_to(HOSTILE).as_posix() for g in GROUPS for p in (HOSTILE / g).rglob("*") if p.is_file()}
    used = {c.input for c in CASES}
    assert used - files == set()
    assert files - used == set()


def test_the_corpus_is_exactly_what_make_corpus_writes_and_small() -> None:
    """Regenerating changes nothing (the generator is deterministic and the files are committed as generated)."""
    built = make_corpus.build()
    differs = [name for name, data in built.items() if (HOSTILE / name).read_bytes() != data]
    assert differs == []
    assert set(built) == {c.input for c in CASES}
    assert sum(len(d) for d in built.values()) < 5 * 1024 * 1024


def test_the_base_workspace_is_clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every expected list is exactly what the input adds: the base workspace itself has no problem at all."""
    monkeypatch.chdir(tmp_path)
    ws = harness.fresh_workspace(tmp_path)
    assert harness.rendered(harness._evidence_problems(ws)) == []
    assert harness.rendered(harness._ledger_problems(ws)) == []
