"""部门责任清单: claimed items with status, the department's gaps counted as the engine ranks it, its materials,
and the slot for open rectification problems (filled by the ledger)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from cwassess.reports.common import ReportInputs
from cwassess.reports.departments import OpenProblemRow, build_department_sheet, department_codes
from cwassess.reports.write import department_html, department_xlsx

PROBLEMS = [
    OpenProblemRow(id="P-0001", place="东城区东湖街道 人民路88号", description="门前堆放杂物", deadline=dt.date(2027, 1, 10), days_overdue=5, state="整改中", problem_class="乱堆乱摆"),
    OpenProblemRow(id="P-0002", place="柳巷", description="=HYPERLINK(\"http://x\")", deadline=dt.date(2027, 2, 1)),
]


def test_items_and_status(inputs: ReportInputs) -> None:
    sheet = build_department_sheet(inputs, "aiweiban")
    assert sheet.name == "报告市爱国卫生运动委员会办公室" and sheet.liaison == "周建华" and sheet.leader == "李副市长"
    assert [(it.item, it.role) for it in sheet.items] == [("org-agenda", "牵头"), ("org-committee", "牵头"), ("env-roads", "配合")]
    results = {it.item: it for it in inputs.result.items}
    for it in sheet.items:
        assert (it.status, it.score, it.marks) == (results[it.item].status, results[it.item].score, results[it.item].marks)
    agenda = sheet.items[0]
    assert (agenda.deadline, agenda.deadline_set, agenda.contact) == (dt.date(2027, 3, 31), True, "周建华")


def test_gaps_match_the_engines_ranking(inputs: ReportInputs) -> None:
    for code in department_codes(inputs):
        sheet = build_department_sheet(inputs, code)
        ranked = next((d for d in inputs.result.departments if d.code == code), None)
        if ranked is None:
            continue
        assert len(sheet.gaps) == ranked.gaps == sheet.gap_count
        assert round(sum(g.points_lost for g in sheet.gaps), 4) == ranked.points_lost == sheet.points_lost
        assert sheet.rank == ranked.rank


def test_materials_part(inputs: ReportInputs) -> None:
    sheet = build_department_sheet(inputs, "caizheng")
    assert sheet.materials is not None
    assert [(r.material, r.state, r.overdue) for it in sheet.materials.items for r in it.rows] == [("budget", "缺失", True)]
    assert [it.role for it in sheet.items] == ["配合"]


def test_open_problems_slot(inputs: ReportInputs) -> None:
    empty = build_department_sheet(inputs, "chengguan")
    assert empty.open_problems == []
    assert "暂无未销号的整改问题" in department_html(empty)
    sheet = build_department_sheet(inputs, "chengguan", open_problems=PROBLEMS)
    html = department_html(sheet)
    assert "P-0001" in html and "门前堆放杂物" in html and "其中 <span class=\"st-fail\">1 个已逾期</span>" in html
    assert "=HYPERLINK(&#34;http://x&#34;)" in html
    wb = openpyxl.load_workbook(io.BytesIO(department_xlsx(sheet)))
    ws = wb["整改问题"]
    assert [c.value for c in ws[3]] == ["编号", "地点", "类别", "问题", "状态", "整改期限", "逾期天数"]
    assert ws["A4"].value == "P-0001" and ws["G4"].value == 5
    assert ws["D5"].value == '=HYPERLINK("http://x")' and ws["D5"].data_type == "s"


def test_every_roster_department_gets_a_sheet(inputs: ReportInputs) -> None:
    assert department_codes(inputs)[:3] == ["aiweiban", "chengguan", "caizheng"]
