"""cwassess evidence template / import: round trip, cell-located errors, atomicity, versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from cwassess.cli import app

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    for name in ("city.yaml", "claims"):
        src = REPO / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
    shutil.copytree(REPO / "evidence" / "chengguan", root / "evidence" / "chengguan")
    monkeypatch.chdir(root)
    monkeypatch.setenv("CWASSESS_TODAY", "2026-11-29")
    return root


def cli(*args: str) -> object:
    return runner.invoke(app, list(args), env={"COLUMNS": "200"})


def make_template(ws: Path) -> Path:
    result = cli("evidence", "template", "chengguan", "--out", "t.xlsx")
    assert result.exit_code == 0, result.output
    return ws / "t.xlsx"


def set_cell(path: Path, sheet: str, ref: str, value: object) -> None:
    book = openpyxl.load_workbook(path)
    book[sheet][ref] = value
    book.save(path)


def manifest(ws: Path) -> bytes:
    return (ws / "evidence" / "chengguan" / "manifest.yaml").read_bytes()


def test_template_then_import_changes_nothing(ws: Path) -> None:
    path = make_template(ws)
    before = json.loads(cli("score", "--json").output)["totals"]
    result = cli("evidence", "import", "chengguan", str(path))
    assert result.exit_code == 0, result.output
    assert "指标数值新增 0、修改 0；文件新增 0、新版本 0；自评说明 0；有错误的行 0" in result.output
    assert json.loads(cli("score", "--json").output)["totals"] == before
    assert list((ws / ".cwassess" / "history" / "evidence" / "chengguan").iterdir())


def test_a_changed_value_is_imported(ws: Path) -> None:
    path = make_template(ws)
    set_cell(path, "指标", "F2", "９９．５％")
    result = cli("evidence", "import", "chengguan", str(path), "--json")
    data = json.loads(result.output)
    assert result.exit_code == 0 and data["summary"]["changed_values"] == 1
    assert "９９．５％" in manifest(ws).decode("utf-8")  # the original is kept for the record
    explain = cli("score", "--explain", "env-roads").output
    assert "2026年 99.5%" in explain  # and normalised for scoring


def test_a_bad_value_names_its_cell_and_writes_nothing(ws: Path) -> None:
    path = make_template(ws)
    set_cell(path, "指标", "F2", "很高")
    set_cell(path, "指标", "A3", "road-lihgting-rate")
    before = manifest(ws)
    result = cli("evidence", "import", "chengguan", str(path))
    assert result.exit_code == 1
    assert "t.xlsx:2:6: 错误: 指标!F2（数值）: 无法识别的数值“很高”" in result.output
    assert "t.xlsx:3:1: 错误: 指标!A3（指标编号）: 未知指标“road-lihgting-rate”，是否想写“road-lighting-rate”？" in result.output
    assert "有 2 个错误，未写入任何文件" in result.output
    assert manifest(ws) == before
    assert not (ws / ".cwassess" / "history").exists()


def test_partial_applies_the_valid_rows(ws: Path) -> None:
    path = make_template(ws)
    set_cell(path, "指标", "F2", "很高")
    set_cell(path, "指标", "F3", 17)
    result = cli("evidence", "import", "chengguan", str(path), "--partial", "--json")
    data = json.loads(result.output)
    assert result.exit_code == 1 and data["written"] and data["summary"]["rejected_rows"] == 1


def test_paths_outside_the_department_folder_are_refused(ws: Path) -> None:
    path = make_template(ws)
    set_cell(path, "文件", "H2", "../../city.yaml")
    set_cell(path, "文件", "H3", "files/不存在.pdf")
    result = cli("evidence", "import", "chengguan", str(path))
    assert result.exit_code == 1
    assert "文件!H2（文件路径）: 路径“../../city.yaml”含有“..”，不允许指向证据目录之外" in result.output
    assert "文件!H3（文件路径）: 文件不存在：files/不存在.pdf（请先放入 evidence/chengguan/ 目录）" in result.output


def test_a_resubmitted_file_keeps_its_earlier_version(ws: Path) -> None:
    path = make_template(ws)
    book = openpyxl.load_workbook(path)
    sheet = book["文件"]
    file_cell = next(row[7] for row in sheet.iter_rows(min_row=2) if row[7].value)
    target = ws / "evidence" / "chengguan" / file_cell.value
    old = target.read_bytes()
    assert cli("evidence", "import", "chengguan", str(path)).exit_code == 0
    target.write_bytes(old.replace(b"%%EOF", b"% revised\n%%EOF"))
    result = cli("evidence", "import", "chengguan", str(path), "--json")
    assert json.loads(result.output)["summary"]["new_versions"] == 1
    stored = sorted(p.read_bytes() for p in (ws / ".cwassess" / "store").rglob("*.pdf"))
    assert old in stored and target.read_bytes() in stored
    text = manifest(ws).decode("utf-8")
    assert "previous:" in text


def test_a_template_of_another_department_is_refused(ws: Path) -> None:
    path = make_template(ws)
    result = cli("evidence", "import", "zhujian", str(path))
    assert result.exit_code == 1
    assert "t.xlsx: 错误: 这份模板属于另一个部门（应为：zhujian；实际：chengguan）" in result.output


def test_a_file_that_is_not_a_spreadsheet(ws: Path) -> None:
    bad = ws / "x.xlsx"
    bad.write_text("这不是表格", encoding="utf-8")
    result = cli("evidence", "import", "chengguan", str(bad))
    assert result.exit_code == 1
    assert "不是有效的表格文件（.xlsx/.xls/.csv）" in result.output


def test_unknown_department_is_a_usage_error(ws: Path) -> None:
    result = cli("evidence", "template", "水利部")
    assert result.exit_code == 2
    assert "未知部门“水利部”" in result.output
