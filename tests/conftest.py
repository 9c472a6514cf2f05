"""Shared fixtures: the mini standard copied into a temp folder, the CLI runner, hypothesis profiles.

Hypothesis: profile "ci" (default, 200 examples) or "fuzz" (10,000 examples), chosen by
HYPOTHESIS_PROFILE=<name> or CWASSESS_FUZZ=1.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from tests.helpers import MINI

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile(
    "fuzz", max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("fuzz" if os.environ.get("CWASSESS_FUZZ") == "1" else "ci"))


@pytest.fixture
def mini(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of tests/fixtures/mini-standard at ./mini (cwd is tmp_path), so messages say mini/…"""
    shutil.copytree(MINI, tmp_path / "mini")
    monkeypatch.chdir(tmp_path)
    return Path("mini")


@pytest.fixture
def mini_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A workspace (cwd) whose own copy of the standard is the mini standard: ws/standards/nhc-2021."""
    shutil.copytree(MINI, tmp_path / "ws" / "standards" / "nhc-2021")
    monkeypatch.chdir(tmp_path)
    return Path("ws")


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace made the way a city makes one: `cwassess init` (测试市, 120万人, 立法权) then `claims seed`."""
    from typer.testing import CliRunner

    from cwassess.cli import app

    runner = CliRunner()
    root = tmp_path_factory.mktemp("seeded") / "ws"
    result = runner.invoke(
        app,
        ["init", str(root), "--city", "测试市", "--kind", "city", "--population", "120", "--assessment-date", "2027-06-30", "--legislative-power"],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--workspace", str(root), "claims", "seed"])
    assert result.exit_code == 0, result.output
    return root
