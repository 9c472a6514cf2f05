"""cwassess report: the files it writes per format, --department, --json, score.json kept in step, exit codes,
and the Chinese error when the CJK font is missing."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cwassess.render.templates import num, pct
from tests.helpers import CLI_ENV
from tests.reports.conftest import WS

ENV = {**CLI_ENV, "CWASSESS_TODAY": "2027-01-15"}
DEPARTMENTS = ["报告市爱国卫生运动委员会办公室", "报告市城市管理局", "报告市财政局"]


def cli(*args: str) -> Result:
    from cwassess.cli import app

    return CliRunner().invoke(app, ["--workspace", "ws", *args], env=ENV)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(WS, tmp_path / "ws")
    monkeypatch.chdir(tmp_path)
    return Path("ws")


def files(ws: Path) -> list[str]:
    return sorted(str(p.relative_to(ws / "reports")) for p in (ws / "reports").rglob("*") if p.is_file())


def test_html_xlsx_json_for_everything(ws: Path) -> None:
    result = cli("report", "--format", "html,xlsx,json")
    assert result.exit_code == 0, result.output
    expected = ["score.json"]
    for stem in ("差距分析报告", "迎评材料缺口清单", *(f"部门责任清单/{d}" for d in DEPARTMENTS)):
        expected += [f"{stem}.{fmt}" for fmt in ("html", "xlsx", "json")]
    assert files(ws) == sorted(expected)
    lines = result.output.splitlines()
    assert "已写入 ws/reports/差距分析报告.html（" in lines[0]
    assert "已写入 ws/reports/部门责任清单/报告市财政局.json（" in lines[-2]
    totals = json.loads((ws / "reports" / "score.json").read_text(encoding="utf-8"))["totals"]
    assert lines[-1].startswith(f"报告市：不通过，得分 {num(totals['score'])} / {num(totals['marks'])}（{pct(totals['ratio'])}）；")
    assert lines[-1].endswith("共写入 15 个文件到 ws/reports，评分结果已更新 ws/reports/score.json")
    assert len(lines) == 16


def test_reports_agree_with_score_json(ws: Path) -> None:
    assert cli("report", "--format", "json").exit_code == 0
    score = json.loads((ws / "reports" / "score.json").read_text(encoding="utf-8"))
    gap = json.loads((ws / "reports" / "差距分析报告.json").read_text(encoding="utf-8"))
    assert gap["totals"] == score["totals"] and gap["verdict"] == score["verdict"]
    assert [g["gap"] for g in gap["gaps"]] == [g["gap"] for g in score["gaps"]]
    assert score["input_problems"] == {"errors": 0, "warnings": 0}
    sheet = json.loads((ws / "reports" / "部门责任清单" / "报告市财政局.json").read_text(encoding="utf-8"))
    assert sheet["report"] == "department" and sheet["code"] == "caizheng" and sheet["open_problems"] == []


def test_one_department_in_every_format(ws: Path) -> None:
    result = cli("report", "--department", "财政局", "--format", "all")
    assert result.exit_code == 0, result.output
    assert files(ws) == ["score.json", *(f"部门责任清单/报告市财政局.{fmt}" for fmt in ("html", "json", "pdf", "xlsx"))]
    assert "已写入 ws/reports/部门责任清单/报告市财政局.pdf（" in result.output and " 页）" in result.output
    assert (ws / "reports" / "部门责任清单" / "报告市财政局.pdf").read_bytes().startswith(b"%PDF-")


def test_json_output(ws: Path) -> None:
    result = cli("report", "--format", "json", "--department", "chengguan", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["ok"] is True and doc["verdict"] == "不通过" and doc["score_file"] == "ws/reports/score.json"
    assert doc["files"] == [{"path": "ws/reports/部门责任清单/报告市城市管理局.json", "report": "department", "format": "json",
                             "bytes": doc["files"][0]["bytes"], "pages": None}]
    assert doc["refused"] == []


def test_unknown_format_and_department_are_usage_errors(ws: Path) -> None:
    result = cli("report", "--format", "docx")
    assert result.exit_code == 2
    assert "未知格式“docx”（可用：html、pdf、xlsx、json，逗号分隔，或 all）" in result.output
    result = cli("report", "--department", "不存在的局")
    assert result.exit_code == 2
    assert "未知部门“不存在的局”" in result.output
    assert not (ws / "reports").exists()


def test_missing_cjk_font_stops_before_writing(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cwassess.render import pdf

    monkeypatch.setattr(pdf, "font_styles", lambda family=pdf.CJK_FAMILY: frozenset())
    result = cli("report", "--format", "pdf")
    assert result.exit_code == 1
    assert "请安装：sudo apt-get install fonts-noto-cjk" in result.output
    assert not (ws / "reports").exists()
    assert cli("report", "--format", "html", "--department", "aiweiban").exit_code == 0  # other formats need no font


def test_not_a_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ws").mkdir()
    monkeypatch.chdir(tmp_path)
    result = cli("report", "--format", "json")
    assert result.exit_code == 1
    assert "找不到 city.yaml" in result.output


def test_parse_formats() -> None:
    from cwassess.commands.report import parse_formats

    assert parse_formats("all") == ["html", "pdf", "xlsx", "json"]
    assert parse_formats("JSON，html") == ["html", "json"]
    assert parse_formats("pdf,doc") is None


def test_a_reports_folder_leading_out_of_the_workspace_is_not_written_through(ws: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(ws / "reports", ignore_errors=True)
    (ws / "reports").symlink_to(elsewhere, target_is_directory=True)
    result = cli("report", "--format", "json")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "ws/reports: 错误: 报告目录指向工作区之外（可能是符号链接），为免写到别处，未写入任何文件；请改为工作区内的普通目录",
        "未生成报告：1 个错误，0 个警告",
    ]
    assert list(elsewhere.iterdir()) == []


def test_a_department_folder_leading_out_of_the_workspace_is_refused_before_anything_is_written(ws: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(ws / "reports", ignore_errors=True)
    (ws / "reports").mkdir()
    (ws / "reports" / "部门责任清单").symlink_to(elsewhere, target_is_directory=True)
    result = cli("report", "--format", "json")
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith("ws/reports/部门责任清单: 错误: 报告目录指向工作区之外")
    assert list(elsewhere.iterdir()) == [] and list((ws / "reports").iterdir()) == [ws / "reports" / "部门责任清单"]
