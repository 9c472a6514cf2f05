"""The exported 责任分解表 workbook: layout, drop-downs, hidden sheets, and no formula injection."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from cwassess.claims.export_xlsx import DEPARTMENT_RANGE, export_claims_xlsx, title_of, write_workbook
from cwassess.claims.table import COLUMNS, department_choices
from cwassess.loading import Workspace, load_workspace
from cwassess.models.city import RosterEntry
from cwassess.models.claims import Claim, ClaimsFile
from cwassess.sheets import read_workbook





@pytest.fixture
def ws(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    root = tmp_path / "ws"
    shutil.copytree(seeded, root)
    monkeypatch.chdir(tmp_path)
    workspace = load_workspace(root)
    assert workspace.ok, [p.render() for p in workspace.problems]
    return workspace


def test_layout(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    rows = write_workbook(path, ws.standard, ws.city, ws.claims)
    assert rows == 45
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["责任分解表", "选项", "_meta"]
    assert [book[n].sheet_state for n in book.sheetnames] == ["visible", "hidden", "hidden"]
    sheet = book["责任分解表"]
    assert sheet["A1"].value == title_of(ws.city) == "测试市创建国家卫生城市工作责任分解表"
    assert [str(r) for r in sheet.merged_cells.ranges] == ["A1:H1"]
    assert [c.value for c in sheet[2]] == ["项目", "内容", "检查内容、标准及达到效果", "分管市领导", "牵头部门", "配合（承办）部门", "达标时间", "责任人"]
    assert [c.header for c in COLUMNS] == [c.value for c in sheet[2]]
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:H47"
    assert sheet["A3"].value == "一、爱国卫生组织管理"
    assert sheet["B3"].value == f"（一）{ws.standard.items[0].title}"
    assert sheet["E3"].value == "爱卫办"
    assert sheet["C3"].alignment.wrap_text
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    assert sheet.print_title_rows == "$1:$2"


def test_drop_downs_and_option_sheet(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write_workbook(path, ws.standard, ws.city, ws.claims)
    book = openpyxl.load_workbook(path)
    validations = {str(dv.sqref): dv for dv in book["责任分解表"].data_validations.dataValidation}
    assert set(validations) == {"E3:E247", "F3:F247", "G3:G247"}
    assert (validations["E3:E247"].type, validations["E3:E247"].formula1, validations["E3:E247"].errorStyle) == ("list", DEPARTMENT_RANGE, "warning")
    assert (validations["F3:F247"].type, validations["F3:F247"].errorStyle) == ("list", "information")
    assert validations["G3:G247"].type == "date"
    names = department_choices(ws.standard, ws.city)
    assert book.defined_names[DEPARTMENT_RANGE].attr_text == f"'选项'!$A$1:$A${len(names)}"
    assert [r[0].value for r in book["选项"].iter_rows()] == names
    meta = {r[0].value: r[1].value for r in book["_meta"].iter_rows()}
    assert meta == {"template": "cwassess-claims", "version": "1", "edition": "nhc-2021", "city": "测试市", "kind": "city"}


def test_deadline_is_a_date_cell(ws: Workspace, tmp_path: Path) -> None:
    claims = [
        c if c.department != "aiweiban" else ClaimsFile(department="aiweiban", claims=[Claim(item="org-agenda", role="lead", deadline=dt.date(2027, 5, 31))])
        for c in ws.claims
    ]
    path = tmp_path / "out.xlsx"
    write_workbook(path, ws.standard, ws.city, claims)
    sheet = openpyxl.load_workbook(path)["责任分解表"]
    assert sheet["G3"].value == dt.datetime(2027, 5, 31) and sheet["G3"].number_format == "yyyy-mm-dd"
    assert sheet["G4"].value is None
    values = dict(read_workbook(path).sheets[0].rows)
    assert values[3][6] == dt.date(2027, 5, 31)


@pytest.mark.parametrize("text", ["=1+1", "+8613800000000", "-张三", "@SUM(A1:A2)", '=HYPERLINK("http://example.com","点我")', "\t=1"])
def test_cells_starting_like_formulas_stay_text(ws: Workspace, tmp_path: Path, text: str) -> None:
    city = ws.city.model_copy(update={"departments": [RosterEntry(code="aiweiban", name=text if text != "\t=1" else "爱卫办", leader=text)]})
    claims = [ClaimsFile(department="aiweiban", claims=[Claim(item="org-agenda", role="lead", contact=text)])]
    path = tmp_path / "inject.xlsx"
    write_workbook(path, ws.standard, city, claims)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    sheet = openpyxl.load_workbook(path)["责任分解表"]
    for ref in ("D3", "H3"):
        cell = sheet[ref]
        assert (cell.value, cell.data_type) == (text, "s")
        assert cell.quotePrefix
    assert sheet["B4"].quotePrefix is False
    values = dict(read_workbook(path).sheets[0].rows)
    assert values[3][7] == text


def test_export_refuses_a_missing_folder_and_leaves_no_temp_files(ws: Workspace, tmp_path: Path) -> None:
    result = export_claims_xlsx(tmp_path / "nope" / "out.xlsx", "nope/out.xlsx", ws.standard, ws.city, ws.claims)
    assert [p.render() for p in result.problems] == ["nope/out.xlsx: 错误: 目标目录不存在"]
    (tmp_path / "out.xlsx").mkdir()
    result = export_claims_xlsx(tmp_path / "out.xlsx", "out.xlsx", ws.standard, ws.city, ws.claims)
    assert [p.message for p in result.problems] == ["这是目录，不是文件"]
    assert not list(tmp_path.glob(".cwassess-*"))


def test_export_replaces_through_a_temporary_file(ws: Workspace, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    result = export_claims_xlsx(target, "out.xlsx", ws.standard, ws.city, ws.claims)
    assert result.problems == [] and result.rows == 45
    assert target.read_bytes().startswith(b"PK")
    assert not list(tmp_path.glob(".cwassess-*"))
