"""cwassess evidence check: every problem of every manifest at once, exact lines, exit codes, --json, --department."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.helpers import CLI_ENV, FIXTURES

ENV = {**CLI_ENV, "CWASSESS_TODAY": "2027-03-01"}
A = "ws/evidence/aiweiban/manifest.yaml"
CLEAN_SUMMARY = "文件 5 份（可用 5），指标 2 项，检查记录 2 条，调查 1 项，病媒 0 项，豁免 2 项；0 个错误，0 个警告"


def cli(*args: str) -> Result:
    from cwassess.cli import app

    return CliRunner().invoke(app, list(args), env=ENV)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "evidence-ws", tmp_path / "ws")
    monkeypatch.chdir(tmp_path)
    return Path("ws")


def _break(ws: Path) -> None:
    path = ws / "evidence" / "aiweiban" / "manifest.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('values: {"2026": "93.5%"}', 'values: {"2026": "93.5%", "2025": 0.91, "2024": 九十}')
    text = text.replace("file: minutes-2025.pdf", "file: minutes-2O25.pdf")
    text = text.replace("material: regulation", "material: regulations")
    path.write_text(text, encoding="utf-8")
    (ws / "evidence" / "aiweiban" / "minutes-2026.pdf").write_bytes(b"")
    path = ws / "evidence" / "chengguan" / "manifest.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{start: 2026-06-01, end: 2026-12-31}", "{start: 2025-01-01, end: 2025-12-31}"), encoding="utf-8")


BROKEN_LINES = [
    f"{A}:4:31: 警告: indicators.0.values.2025: 按比例理解：0.91 → 91%",
    f"{A}:4:45: 错误: indicators.0.values.2024: 无法识别的数值“九十”",
    f"{A}:16:5: 错误: documents.1.file: 文件不存在：minutes-2O25.pdf",
    f"{A}:23:5: 错误: documents.2.file: 文件为空（0 字节）",
    f"{A}:33:5: 错误: documents.3.material: 条目“org-agenda”没有材料“regulations”，是否想写“regulation”？",
    "ws/evidence/chengguan/manifest.yaml:6: 警告: documents.lighting-ledger: 「2026年道路照明设施巡查台账」不在有效期内："
    "覆盖时间段 2025-01-01—2025-12-31 早于近1年（2026-05-20 起）（不计入评分）",
]


def test_a_clean_workspace_passes(ws: Path) -> None:
    result = cli("--workspace", "ws", "evidence", "check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, CLEAN_SUMMARY + "\n", "")


def test_a_broken_workspace_lists_every_problem(ws: Path) -> None:
    _break(ws)
    result = cli("--workspace", "ws", "evidence", "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        *BROKEN_LINES,
        "文件 4 份（可用 2），指标 2 项，检查记录 2 条，调查 1 项，病媒 0 项，豁免 2 项；4 个错误，2 个警告",
    ]


def test_json(ws: Path) -> None:
    _break(ws)
    result = cli("--workspace", "ws", "evidence", "check", "--json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert (document["ok"], document["errors"], document["warnings"]) == (False, 4, 2)
    assert document["counts"] == {
        "documents": 4, "usable_documents": 2, "indicator_series": 2, "inspections": 2, "surveys": 1, "vectors": 0, "waivers": 2
    }
    assert document["problems"][2] == {
        "code": "evidence.missing-file", "message": "文件不存在：minutes-2O25.pdf", "severity": "error", "file": A, "line": 16, "column": 5,
        "key": "documents.1.file",
    }
    assert document["problems"][5] == {
        "code": "evidence.window", "severity": "warning", "file": "ws/evidence/chengguan/manifest.yaml", "line": 6, "key": "documents.lighting-ledger",
        "message": "「2026年道路照明设施巡查台账」不在有效期内：覆盖时间段 2025-01-01—2025-12-31 早于近1年（2026-05-20 起）（不计入评分）",
    }
    assert [p["code"] for p in document["problems"]] == [
        "evidence.value-note", "evidence.value", "evidence.missing-file", "evidence.empty-file", "ref.material", "evidence.window"
    ]


def test_one_department(ws: Path) -> None:
    _break(ws)
    result = cli("--workspace", "ws", "evidence", "check", "--department", "城管局")
    # Warnings alone: exit 0. The other counts are the whole workspace's.
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        BROKEN_LINES[-1],
        "文件 1 份（可用 1），指标 2 项，检查记录 2 条，调查 1 项，病媒 0 项，豁免 2 项；0 个错误，1 个警告",
    ]
    result = cli("--workspace", "ws", "evidence", "check", "-d", "aiweiban")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [*BROKEN_LINES[:-1], "文件 3 份（可用 1），指标 2 项，检查记录 2 条，调查 1 项，病媒 0 项，豁免 2 项；4 个错误，1 个警告"]


def test_an_unknown_department_is_a_usage_error(ws: Path) -> None:
    result = cli("--workspace", "ws", "evidence", "check", "-d", "不存在局")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "未知部门“不存在局”\n")


def test_warnings_alone_do_not_fail(ws: Path) -> None:
    text = (ws / "evidence" / "chengguan" / "manifest.yaml").read_text(encoding="utf-8")
    (ws / "evidence" / "chengguan" / "manifest.yaml").write_text(text.replace('"2026": 100', '"2026": 1.0'), encoding="utf-8")
    result = cli("--workspace", "ws", "evidence", "check")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "ws/evidence/chengguan/manifest.yaml:4:26: 警告: indicators.0.values.2026: 按比例理解：1.0 → 100%",
        CLEAN_SUMMARY.replace("0 个警告", "1 个警告"),
    ]


def test_not_a_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("--workspace", str(tmp_path), "evidence", "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "工作区无法使用：1 个错误，0 个警告"
