"""cwassess claims export --xlsx FILE."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cwassess.cli import app

runner = CliRunner()
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}




@pytest.fixture
def ws(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(seeded, root)
    monkeypatch.chdir(tmp_path)
    return root


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--workspace", "ws", "claims", "export", *args], env=ENV)


def test_export(ws: Path, tmp_path: Path) -> None:
    result = run("--xlsx", "tasks.xlsx")
    assert result.exit_code == 0, result.output
    assert result.output == "已导出责任分解表：45 条 → tasks.xlsx\n"
    assert (tmp_path / "tasks.xlsx").read_bytes().startswith(b"PK")


def test_export_json(ws: Path) -> None:
    result = run("--xlsx", "tasks.xlsx", "--json")
    assert result.exit_code == 0
    assert json.loads(result.output) == {"ok": True, "file": "tasks.xlsx", "rows": 45, "departments": 51}


def test_refuses_to_overwrite_without_force(ws: Path, tmp_path: Path) -> None:
    (tmp_path / "tasks.xlsx").write_bytes(b"mine")
    result = run("--xlsx", "tasks.xlsx")
    assert result.exit_code == 1
    assert result.output == "tasks.xlsx: 错误: 文件已存在，未做任何改动（加 --force 覆盖）\n未导出：1 个错误，0 个警告\n"
    assert (tmp_path / "tasks.xlsx").read_bytes() == b"mine"
    result = run("--xlsx", "tasks.xlsx", "--json")
    assert result.exit_code == 1 and json.loads(result.output)["problems"][0]["code"] == "export.exists"
    result = run("--xlsx", "tasks.xlsx", "--force")
    assert result.exit_code == 0
    assert (tmp_path / "tasks.xlsx").read_bytes().startswith(b"PK")


def test_suffix_must_be_xlsx(ws: Path) -> None:
    result = run("--xlsx", "tasks.csv")
    assert result.exit_code == 2
    assert "--xlsx 的文件名应以 .xlsx 结尾（实际：tasks.csv）" in result.output


def test_missing_folder(ws: Path) -> None:
    result = run("--xlsx", "nope/tasks.xlsx")
    assert result.exit_code == 1
    assert result.output.startswith("nope/tasks.xlsx: 错误: 目标目录不存在\n")


def test_broken_claims_file(ws: Path) -> None:
    (ws / "claims" / "aiweiban.yaml").write_text("department: aiweiban\nclaims:\n  - item: org-agenda\n    role: boss\n", encoding="utf-8")
    result = run("--xlsx", "tasks.xlsx")
    assert result.exit_code == 1
    assert result.output.startswith("ws/claims/aiweiban.yaml:4:5: 错误: claims.0.role: 取值不在允许范围内")
    assert result.output.endswith("认领文件有错误，请先修正后再导出：1 个错误，0 个警告\n")
    assert not Path("tasks.xlsx").exists()


def test_not_a_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["--workspace", "nowhere", "claims", "export", "--xlsx", "t.xlsx"], env=ENV)
    assert result.exit_code == 1
    assert "不是工作区：找不到 city.yaml（可用 cwassess init 创建）" in result.output
