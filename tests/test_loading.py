"""cwassess/loading.py: a workspace's claims, read so that one broken claim costs only itself."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cwassess.claims.coverage import check_claims
from cwassess.loading import load_workspace


@pytest.fixture
def ws(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(seeded, tmp_path / "ws")
    monkeypatch.chdir(tmp_path)
    return Path("ws")


def test_a_broken_claim_costs_only_itself_and_later_problems_keep_their_lines(ws: Path) -> None:
    (ws / "claims" / "chengguan.yaml").write_text(
        "department: chengguan\n"
        "claims:\n"
        "  - {item: env-roads, role: lead}\n"
        "  - {item: env-toilets, role: boss}\n"
        "  - {item: env-toiletz, role: support}\n",
        encoding="utf-8",
    )
    workspace = load_workspace(ws)
    claims = next(c for c in workspace.claims if c.department == "chengguan")
    assert [(c.item, c.role) for c in claims.claims] == [("env-roads", "lead"), ("env-toiletz", "support")]
    rendered = [p.render() for p in workspace.problems if p.file == "ws/claims/chengguan.yaml"]
    assert rendered == ["ws/claims/chengguan.yaml:4:25: 错误: claims.1.role: 取值不在允许范围内（应为：lead 或 support；实际：boss）"]
    assert workspace.standard is not None and workspace.city is not None
    found = check_claims(workspace.standard, workspace.city, workspace.claims, workspace.locator).problems
    coverage = [p.render() for p in found if p.file == "ws/claims/chengguan.yaml"]
    assert coverage == ["ws/claims/chengguan.yaml:5:6: 错误: claims.2.item: 未知条目“env-toiletz”，是否想写“env-toilets”？"]
