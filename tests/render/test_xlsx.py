"""xlsxwriter helpers: frozen header, autofilter, status colours, CJK widths, and text that stays text."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
from python_calamine import CalamineWorkbook

from cwassess.render.xlsx import Book, Column, display_width, sheet_name

FORMULA = '=HYPERLINK("http://evil.example/x","点我")'


def make() -> bytes:
    book = Book(title="测试", author="测试市爱卫办", created=dt.date(2026, 11, 29))
    ws = book.sheet("材料/清单[1]")
    book.note(ws, 0, "材料清单", title=True)
    cols = [Column("材料", "wrap"), Column("状态", status=True), Column("得分", "num"), Column("得分率", "pct"), Column("期限", "date"), Column("必备")]
    rows = [
        [FORMULA, "缺失", 1.5, 0.754, dt.date(2027, 3, 31), True],
        ["+1-2", "已采纳", 2, 1.0, None, False],
        ["@SUM(A1)", "不达标", None, None, dt.date(2027, 5, 20), True],
    ]
    book.table(ws, cols, rows, first_row=2, freeze_columns=1)
    return book.close()


def test_text_stays_text_never_a_formula() -> None:
    data = make()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb.worksheets[0]
    assert ws["A4"].value == FORMULA and ws["A4"].data_type == "s"
    assert ws["A5"].value == "+1-2" and ws["A5"].data_type == "s"
    assert ws["A6"].value == "@SUM(A1)" and ws["A6"].data_type == "s"
    values = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python()
    assert values[3][0] == FORMULA
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
        strings = z.read("xl/sharedStrings.xml")
    assert b"<f>" not in sheet  # no formula element anywhere
    assert b"HYPERLINK" in strings


def test_header_frozen_filtered_and_statuses_coloured() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(make()))
    ws = wb.worksheets[0]
    assert ws.title == "材料_清单_1_"
    assert ws.freeze_panes == "B4"
    assert ws.auto_filter.ref == "A3:F6"
    assert [c.value for c in ws[3]] == ["材料", "状态", "得分", "得分率", "期限", "必备"]
    assert ws["A3"].font.b
    rules = {r.formula[0]: r.dxf.fill.bgColor.rgb for cf in ws.conditional_formatting for r in cf.rules if cf.sqref == "B4:B6"}
    assert rules['"不达标"'].endswith("FFC7CE") and rules['"已采纳"'].endswith("C6EFCE") and rules['"缺失"'].endswith("FCE4D6")
    assert ws["C4"].value == 1.5 and ws["D4"].number_format == "0.0%"
    assert ws["E4"].value == dt.datetime(2027, 3, 31) and ws["F4"].value == "是"
    assert wb.properties.creator == "测试市爱卫办"
    assert wb.properties.created == dt.datetime(2026, 11, 29)


def test_same_input_same_bytes() -> None:
    assert make() == make()


def test_widths_and_sheet_names() -> None:
    assert display_width("示例市abc") == 9
    assert sheet_name("a" * 40) == "a" * 31
    assert sheet_name("部门", ["部门"]) == "部门(2)"
    assert sheet_name("x:y?z") == "x_y_z"
