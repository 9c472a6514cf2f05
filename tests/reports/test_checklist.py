"""迎评材料缺口清单: states from findings, 不适用 for conditions and waivers, the responsible department from the
claims (explicit material, else the lead, else 未认领), deadlines from claims, contacts from the roster."""

from __future__ import annotations

import datetime as dt

from cwassess.reports.checklist import STATES, build_checklist
from cwassess.reports.common import ReportInputs
from cwassess.reports.write import checklist_html


def rows_by_key(inputs: ReportInputs) -> dict[tuple[str | None, str, str], tuple[str, str]]:
    return {(r.department, r.item, r.material): (r.state, r.reason) for r in build_checklist(inputs).rows}


def test_states(inputs: ReportInputs) -> None:
    rows = rows_by_key(inputs)
    assert rows[("aiweiban", "org-agenda", "meeting-minutes")] == ("已提交", "材料不全（缺 2026 年）")
    assert rows[("aiweiban", "org-agenda", "development-plan")] == ("已采纳", "有效材料 1 份")
    assert rows[("aiweiban", "org-agenda", "performance-rules")][0] == "已过期"
    assert rows[("aiweiban", "org-agenda", "regulation")] == ("不适用", "本市不满足适用条件（具有立法权）")
    assert rows[("aiweiban", "org-agenda", "normative-document")][0] == "已采纳"
    assert rows[("aiweiban", "org-committee", "committee-document")][0] == "已提交"  # submitted, wrong type
    assert rows[("aiweiban", "org-committee", "office-establishment")] == ("缺失", "未提交")
    assert rows[("caizheng", "org-committee", "budget")] == ("缺失", "未提交")
    assert rows[(None, "env-toilets", "toilet-list")] == ("不适用", "已豁免（wv-toilets），豁免前为“缺失”")


def test_responsible_department(inputs: ReportInputs) -> None:
    checklist = build_checklist(inputs)
    owners = {(r.item, r.material): r.department for r in checklist.rows}
    assert owners[("org-agenda", "meeting-minutes")] == "aiweiban"  # the lead's claim lists no materials: it owns all
    assert owners[("org-committee", "committee-document")] == "aiweiban"  # listed in the lead's claim
    assert owners[("org-committee", "budget")] == "caizheng"  # listed in a support claim
    assert owners[("org-committee", "staff-list")] is None  # the lead listed others: nobody owns it
    assert owners[("env-roads", "lighting-ledger")] == "chengguan"
    assert [d.name for d in checklist.departments] == ["报告市爱国卫生运动委员会办公室", "报告市城市管理局", "报告市财政局", "未认领"]
    assert checklist.unclaimed == sum(1 for r in checklist.rows if r.department is None)


def test_deadline_and_contact(inputs: ReportInputs) -> None:
    rows = {(r.item, r.material): r for r in build_checklist(inputs).rows}
    budget = rows[("org-committee", "budget")]
    assert (budget.deadline, budget.deadline_set, budget.days_left, budget.overdue) == (dt.date(2027, 1, 10), True, -5, True)
    assert (budget.contact, budget.liaison, budget.phone) == ("曹阳", "曹阳", "0571-8810 0122")
    office = rows[("org-committee", "office-establishment")]
    assert (office.deadline, office.deadline_set, office.overdue) == (dt.date(2027, 5, 20), False, False)  # no deadline: assessment date
    minutes = rows[("org-agenda", "meeting-minutes")]
    assert (minutes.deadline, minutes.liaison, minutes.phone) == (dt.date(2027, 3, 31), "周建华", "0571-8810 0101")


def test_counts_cover_every_material_once(inputs: ReportInputs) -> None:
    checklist = build_checklist(inputs)
    total = sum(len(item.materials) for item in inputs.standard.items)
    assert checklist.materials == total == sum(checklist.counts.values())
    assert set(checklist.counts) == set(STATES)
    for d in checklist.departments:
        assert sum(d.counts.values()) == sum(len(it.rows) for it in d.items)
        assert d.open == d.counts["缺失"] + d.counts["已过期"] + d.counts["已提交"]


def test_one_department(inputs: ReportInputs) -> None:
    checklist = build_checklist(inputs, department="caizheng")
    assert [d.code for d in checklist.departments] == ["caizheng"]
    assert [r.material for r in checklist.rows] == ["budget"]
    assert checklist.materials == 1 and checklist.counts["缺失"] == 1


def test_html(inputs: ReportInputs) -> None:
    html = checklist_html(build_checklist(inputs))
    assert "迎评材料缺口清单" in html and "报告市财政局" in html and "已逾期" in html
    assert 'class="page-ref" href="#dept-3"' in html
    assert "<script" not in html
