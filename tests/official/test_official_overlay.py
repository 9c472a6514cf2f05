"""overlays/official-text.yaml: valid, atomic, idempotent, and what the workspace then shows."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from cwassess.cli import app
from cwassess.loading import OVERLAY_FILE, display_path, load_workspace
from cwassess.models.overlay import OfficialOverlay
from cwassess.official.match import match_items
from cwassess.loading import load_overlayed_standard
from cwassess.official.overlay import build_overlay, render_overlay, write_overlay
from cwassess.official.parse import parse_official
from cwassess.standard.model import Standard
from cwassess.validation import validate_document
from cwassess.workspace import bundled_standard_dir
from cwassess.yamlio import load_yaml
from official_docs import TEST_LABEL, OfficialDoc

SCHEMA = bundled_standard_dir().parent.parent / "schemas" / "official-text.schema.json"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "示例市"
    result = CliRunner().invoke(
        app, ["init", str(root), "--city", "示例市", "--kind", "city", "--population", "120", "--assessment-date", "2026-06-01"]
    )
    assert result.exit_code == 0, result.output
    return root


def overlay_for(std: Standard, doc: OfficialDoc, name: str = "标准.txt") -> OfficialOverlay:
    data = doc.txt()
    result = match_items(parse_official(data.decode()).items, std)
    assert not result.problems
    return build_overlay(std, name, hashlib.sha256(data).hexdigest(), result)


def test_overlay_content(bundled: Standard, doc: OfficialDoc) -> None:
    overlay = overlay_for(bundled, doc.texts_swapped(20, 21))
    assert overlay.standard == "nhc-2021"
    assert overlay.source.file == "标准.txt"
    assert len(overlay.items) == 45
    assert list(overlay.items)[:3] == ["org-agenda", "org-committee", "org-annual-work"]
    assert (overlay.items["eco-water"].number, overlay.items["eco-air"].number) == (20, 21)
    assert overlay.items["env-greening"].text == bundled.items_by_id["env-greening"].text
    assert overlay.items["edu-tobacco"].text.startswith(TEST_LABEL)


def test_written_file_is_valid_yaml_and_matches_the_schema(bundled: Standard, doc: OfficialDoc, workspace: Path) -> None:
    overlay = overlay_for(bundled, doc)
    outcome = write_overlay(workspace, render_overlay(overlay, workspace))
    assert outcome.outcome == "written" and outcome.problems is None
    path = workspace / OVERLAY_FILE
    text = path.read_text(encoding="utf-8")
    first = text.splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    assert (path.parent / first.split("=", 1)[1]).resolve() == SCHEMA.resolve()
    jsonschema.validate(yaml.safe_load(text), json.loads(SCHEMA.read_text(encoding="utf-8")))
    doc_ = load_yaml(path)
    assert doc_.problems == []
    assert validate_document(doc_, OfficialOverlay) == overlay
    assert not list(path.parent.glob(".official-text.*"))  # no temporary file left behind


def test_rewriting_the_same_overlay_changes_nothing(bundled: Standard, doc: OfficialDoc, workspace: Path) -> None:
    content = render_overlay(overlay_for(bundled, doc), workspace)
    assert write_overlay(workspace, content).outcome == "written"
    path = workspace / OVERLAY_FILE
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    again = write_overlay(workspace, render_overlay(overlay_for(bundled, doc), workspace))
    assert again.outcome == "unchanged"
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_replacing_an_overlay_says_where_the_old_one_came_from(bundled: Standard, doc: OfficialDoc, workspace: Path) -> None:
    write_overlay(workspace, render_overlay(overlay_for(bundled, doc, "旧.txt"), workspace))
    result = write_overlay(workspace, render_overlay(overlay_for(bundled, doc.texts_swapped(20, 21), "新.txt"), workspace))
    assert (result.outcome, result.previous_source) == ("written", "旧.txt")


def test_write_failure_is_a_problem(bundled: Standard, doc: OfficialDoc, tmp_path: Path) -> None:
    blocker = tmp_path / "ws"
    blocker.mkdir()
    (blocker / "overlays").write_text("a file where the folder should be", encoding="utf-8")
    result = write_overlay(blocker, render_overlay(overlay_for(bundled, doc), blocker))
    assert result.outcome is None
    assert [p.render() for p in result.problems] == [f"{display_path(blocker / OVERLAY_FILE)}: 错误: 无法写入文件：已有同名的文件"]


def test_load_overlayed_standard(bundled: Standard, doc: OfficialDoc, workspace: Path, tmp_path: Path) -> None:
    same, problems = load_overlayed_standard(workspace, bundled)
    assert same is bundled and problems == []  # no overlay yet
    write_overlay(workspace, render_overlay(overlay_for(bundled, doc.texts_swapped(20, 21)), workspace))
    std, problems = load_overlayed_standard(workspace, bundled)
    assert problems == []
    assert all(item.effective_verified == "verbatim" for item in std.items)
    assert all(item.number_provenance.verified == "verbatim" for item in std.items)
    assert std.items_by_number[20].id == "eco-water" and std.items_by_id["eco-air"].number == 21
    assert std.items_by_id["edu-tobacco"].effective_text.startswith(TEST_LABEL)
    source = std.items_by_id["org-agenda"].provenance.source[0]
    assert source.startswith("official:标准.txt#sha256=") and len(source.split("=")[1]) == 64
    assert bundled.items_by_id["eco-air"].number == 20  # the bundled standard itself is untouched
    # not a workspace: the overlay is not looked for
    assert load_overlayed_standard(tmp_path, bundled) == (bundled, [])


def test_overlay_of_another_standard_or_broken_is_not_applied(bundled: Standard, doc: OfficialDoc, workspace: Path) -> None:
    path = workspace / OVERLAY_FILE
    content = render_overlay(overlay_for(bundled, doc), workspace)
    path.write_text(content.replace("standard: nhc-2021", "standard: other-2030"), encoding="utf-8")
    std, problems = load_overlayed_standard(workspace, bundled)
    assert std is bundled
    assert [p.message for p in problems] == ["官方原文覆盖层属于另一个标准，未使用"]
    path.write_text("items: [", encoding="utf-8")
    std, problems = load_overlayed_standard(workspace, bundled)
    assert std is bundled and problems and problems[0].code == "yaml.syntax"


def test_load_workspace_uses_the_overlay(bundled: Standard, doc: OfficialDoc, workspace: Path) -> None:
    write_overlay(workspace, render_overlay(overlay_for(bundled, doc.texts_swapped(20, 21)), workspace))
    ws = load_workspace(workspace)
    assert ws.standard is not None
    items = {item.id: item for section in ws.standard.sections for item in section.items}
    assert all(item.effective_verified == "verbatim" for item in items.values())
    assert items["edu-tobacco"].effective_text.startswith(TEST_LABEL)
    assert (items["eco-water"].number, items["eco-air"].number) == (20, 21)


def test_load_workspace_lookups_use_the_overlay(bundled: Standard, doc: OfficialDoc, workspace: Path) -> None:
    write_overlay(workspace, render_overlay(overlay_for(bundled, doc.texts_swapped(20, 21)), workspace))
    std = load_workspace(workspace).standard
    assert std is not None
    assert std.items_by_id["eco-air"].effective_verified == "verbatim"
    assert std.items_by_number[20].id == "eco-water"
