"""cwassess/engine/run.py: a workspace on disk scored end to end (evidence reader + context + engine)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from cwassess.engine.run import run_score
from cwassess.loading import load_workspace
from tests.helpers import FIXTURES

TODAY = dt.date(2027, 3, 1)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "evidence-ws", tmp_path / "ws")
    monkeypatch.chdir(tmp_path)
    return Path("ws")


def test_the_fixture_workspace_is_scored(ws: Path) -> None:
    run = run_score(load_workspace(ws), TODAY)
    assert run.problems == []
    result = run.result
    assert (result.city, result.today, result.days_left, result.profiles) == ("样例市", TODAY, 80, ["scoring-default"])
    roads = next(it for it in result.items if it.item == "env-roads")
    assert (roads.lead, roads.support) == ("chengguan", ["aiweiban"])
    by_gap = {f.gap: f for f in roads.findings}
    assert (by_gap["env-roads/indicator/road-lighting-rate"].status, by_gap["env-roads/indicator/road-lighting-rate"].reason) == ("达标", "2026年 100%，达到要求")
    assert by_gap["env-roads/indicator/road-lighting-rate"].evidence == ["ws/evidence/chengguan/manifest.yaml:3 chengguan 填报：2026年 100"]
    assert (by_gap["env-roads/material/lighting-ledger"].status, by_gap["env-roads/material/lighting-ledger"].material_state) == ("达标", "已采纳")
    problem = by_gap["env-roads/site/aiweiban/q1-001/1"]
    assert (problem.status, problem.points_lost, problem.reason, problem.evidence) == (
        "基本达标", 0.2, "人民路 88 号门前堆放杂物", ["ws/inspections/2027-q1.yaml:3 模拟暗访 2027-02-10 东城区 周建华"]
    )
    assert (by_gap["env-roads/sample"].reason, by_gap["env-roads/sample"].points_lost) == ("近365天仅抽查 2 处，少于最低 12 处", 1.0)
    agenda = next(it for it in result.items if it.item == "org-agenda")
    minutes = next(f for f in agenda.findings if f.gap == "org-agenda/material/meeting-minutes")
    assert (minutes.status, minutes.reason) == ("达标", "有效材料 3 份")
    assert [(w.id, w.active) for w in result.waivers] == [("port-none", True), ("toilets-old", False)]
    port = next(f for it in result.items if it.item == "env-waste-sorting" for f in it.findings if f.gap == "env-waste-sorting/material/port-system")
    # Not applicable (no port) before the waiver is even looked at; the waiver marks it all the same.
    assert (port.status, port.waived_by) == ("不适用", "port-none")


def test_a_workspace_profile_is_used(ws: Path) -> None:
    """Regression: workspace profiles are added with Standard.model_copy after profiles_by_id was looked up; a copy that
    kept that cached lookup reported the city's own profile as unknown and never applied it."""
    (ws / "profiles").mkdir()
    (ws / "profiles" / "local.yaml").write_text(
        "id: local\ntitle: 本市配置\nprovenance: {verified: unverified}\nstandard: nhc-2021\n"
        "scoring: {scheme: deduction, item_marks: 4}\n",
        encoding="utf-8",
    )
    city = (ws / "city.yaml").read_text(encoding="utf-8").replace("profiles: []", "profiles: [local]")
    (ws / "city.yaml").write_text(city, encoding="utf-8")
    workspace = load_workspace(ws)
    assert [p.render() for p in workspace.problems] == []
    result = run_score(workspace, TODAY).result
    assert (result.profiles, result.totals.marks) == (["scoring-default", "local"], 180.0)


def test_the_official_text_overlay_reaches_the_score(ws: Path) -> None:
    """Regression: apply_overlay copies the standard after lint_standard filled its cached `items`/`items_by_id`; a copy
    that kept them scored the old items and still listed the overlaid item as unverified."""
    (ws / "overlays").mkdir()
    (ws / "overlays" / "official-text.yaml").write_text(
        f"standard: nhc-2021\nsource: {{file: official.pdf, sha256: {'0' * 64}}}\nitems:\n  org-agenda: {{number: 1, text: 官方原文第一条。}}\n",
        encoding="utf-8",
    )
    workspace = load_workspace(ws)
    assert workspace.standard is not None and workspace.standard.items_by_id["org-agenda"].official_text == "官方原文第一条。"
    result = run_score(workspace, TODAY).result
    agenda = next(it for it in result.items if it.item == "org-agenda")
    assert agenda.verified == "verbatim"
    assert "org-agenda" not in result.unverified_items
