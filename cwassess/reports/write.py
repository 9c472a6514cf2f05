"""Rendering the reports into <workspace>/reports/, one file at a time, each written atomically.

    reports/差距分析报告.{html,pdf,xlsx,json}
    reports/迎评材料缺口清单.{html,pdf,xlsx,json}
    reports/部门责任清单/<部门名称>.{html,pdf,xlsx,json}

Department sheets are one file per department (not one workbook with a sheet each): each department is sent its
own sheet and nobody else's, can print or mail it alone, and `--department` rewrites one department's files
without touching the others'. The 创卫办's city-wide overview is the checklist workbook, which lists every
department.

`plan_reports` returns the jobs without running them, so the command can show progress file by file; running a
job renders its document and writes it. Dates inside the files (PDF CreationDate, workbook created) are the
report date, so the same inputs on the same day give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from markupsafe import Markup
from pydantic import BaseModel

from cwassess.fileio import write_atomic
from cwassess.render.pdf import render_pdf
from cwassess.render.svg import Bar, bar_chart
from cwassess.render.templates import num, pct, render
from cwassess.render.xlsx import Book, Column
from cwassess.reports.checklist import Checklist, build_checklist
from cwassess.reports.common import ReportInputs
from cwassess.reports.departments import DepartmentSheet, OpenProblemRow, build_department_sheet, department_codes
from cwassess.reports.gap import GapReport, build_gap_report

FORMATS: tuple[str, ...] = ("html", "pdf", "xlsx", "json")
GAP_NAME = "差距分析报告"
CHECKLIST_NAME = "迎评材料缺口清单"
DEPARTMENT_DIR = "部门责任清单"
REPORTS_DIR = "reports"
EXCEL_CELL_MAX = 32_000
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')

OpenProblems = Callable[[str], Sequence[OpenProblemRow]]


@dataclass
class Written:
    path: Path
    report: str
    format: str
    size: int
    pages: int | None = None
    refused: list[str] = field(default_factory=list)


@dataclass
class Job:
    """One file to write: `run()` renders it and writes it atomically."""

    path: Path
    report: str
    format: str
    make: Callable[[], tuple[bytes, int | None, list[str]]]

    def run(self) -> Written:
        data, pages, refused = self.make()
        write_atomic(self.path, data)
        return Written(path=self.path, report=self.report, format=self.format, size=len(data), pages=pages, refused=refused)


def file_stem(name: str) -> str:
    """A department's name as a file name on any system."""
    stem = _UNSAFE_NAME.sub("_", name).strip(" .") or "部门"
    return stem[:80]


def doc_title(header_city: str, kind_zh: str, title: str) -> str:
    return f"{header_city}创建{kind_zh}{title}"


# -- HTML -----------------------------------------------------------------------------------------------------------


def section_chart(report: GapReport) -> Markup:
    bars = [Bar(f"{s.number}、{s.title}", s.ratio, f"{num(s.score)} / {num(s.marks)}（{pct(s.ratio)}）") for s in report.sections]
    return bar_chart(
        bars,
        title="各方面得分率",
        reference=report.pass_ratio,
        reference_label=f"通过线 {report.pass_ratio:.0%}",
        fair=report.basic_ratio,
    )


def gap_html(report: GapReport) -> str:
    h = report.header
    return render("gap.html", report=report, header=h, doc_title=doc_title(h.city, h.kind_zh, h.title), chart=section_chart(report))


def checklist_html(checklist: Checklist) -> str:
    h = checklist.header
    return render("checklist.html", checklist=checklist, header=h, doc_title=doc_title(h.city, h.kind_zh, h.title))


def department_html(sheet: DepartmentSheet) -> str:
    h = sheet.header
    return render("department.html", sheet=sheet, header=h, doc_title=f"{sheet.name}{h.title}")


# -- Excel ----------------------------------------------------------------------------------------------------------


def _cell(lines: Sequence[str]) -> str:
    text = "\n".join(lines)
    return text if len(text) <= EXCEL_CELL_MAX else text[:EXCEL_CELL_MAX] + "……（已截断，完整内容见 JSON 文件）"


def gap_xlsx(report: GapReport) -> bytes:
    h = report.header
    title = doc_title(h.city, h.kind_zh, h.title)
    book = Book(title=title, author=h.issuer, created=h.date)
    t, b = report.totals, report.totals_before_waivers

    ws = book.sheet("总体情况")
    book.note(ws, 0, title, title=True)
    book.note(ws, 1, f"{h.issuer}　报告日期 {h.date.isoformat()}　评估日期 {h.assessment_date.isoformat()}（距评估 {h.days_left} 天）")
    facts: list[tuple[str, object, str]] = [
        ("模拟结论", report.verdict, "text"),
        ("总得分", t.score, "num"),
        ("满分", t.marks, "num"),
        ("得分率", t.ratio, "pct"),
        ("豁免前得分", b.score, "num"),
        ("豁免前满分", b.marks, "num"),
        ("豁免前得分率", b.ratio, "pct"),
        ("通过线（总得分率）", report.pass_ratio, "pct"),
        ("一票否决", "有未通过项" if report.veto_failed else "全部通过", "text"),
        ("差距", len(report.gaps), "int"),
        ("距评估天数", h.days_left, "int"),
        *((f"条目：{status}", n, "int") for status, n in t.counts.items()),
        *((f"结论理由 {n}", reason, "text") for n, reason in enumerate(report.verdict_reasons, start=1)),
    ]
    # One value column holds numbers, percentages and text: write each with its own kind.
    for c, head in enumerate(("项目", "值")):
        ws.write_string(2, c, head, book.fmt["header"])
    for r, (label, value, kind) in enumerate(facts, start=3):
        ws.write_string(r, 0, label, book.fmt["text"])
        book.cell(ws, r, 1, Column("值", kind=kind), value)
    ws.set_column(0, 0, 22)
    ws.set_column(1, 1, 90)
    ws.freeze_panes(3, 0)
    ws.autofilter(2, 0, 2 + len(facts), 1)
    ws.conditional_format(3, 1, 2 + len(facts), 1, {"type": "cell", "criteria": "==", "value": '"不通过"', "format": book.status_fmt["fail"]})
    ws.conditional_format(3, 1, 2 + len(facts), 1, {"type": "cell", "criteria": "==", "value": '"模拟通过"', "format": book.status_fmt["ok"]})

    ws = book.sheet("各方面得分")
    book.note(ws, 0, "各方面得分", title=True)
    cols = [Column("方面"), Column("得分", "num"), Column("满分", "num"), Column("得分率", "pct")] + [Column(s, "int") for s in t.counts]
    rows = [[f"{s.number}、{s.title}", s.score, s.marks, s.ratio, *(s.counts.get(k, 0) for k in t.counts)] for s in report.sections]
    rows.append(["合计", t.score, t.marks, t.ratio, *t.counts.values()])
    book.table(ws, cols, rows, first_row=2)

    ws = book.sheet("未达标条目")
    book.note(ws, 0, "未达标条目", title=True)
    cols = [
        Column("序号", width=8), Column("条目", max_width=40), Column("方面"), Column("状态", status=True), Column("得分", "num"),
        Column("满分", "num"), Column("失分", "num"), Column("牵头部门"), Column("配合部门", "wrap", max_width=40),
        Column("情况", "wrap", max_width=60), Column("编号"),
    ]
    rows = [
        [it.label, it.title, f"{blk.number}、{blk.title}", it.status, it.score, it.marks, it.points_lost, it.lead, "、".join(it.support), it.summary, it.item]
        for blk in report.failing
        for it in blk.items
    ]
    book.table(ws, cols, rows, first_row=2, freeze_columns=2)

    ws = book.sheet("问题明细")
    book.note(ws, 0, "问题明细（未达标条目中每一项未达标的检查，完整列出）", title=True)
    cols = [
        Column("序号", width=8), Column("条目", max_width=36), Column("检查内容", "wrap", max_width=50), Column("要求", "wrap", max_width=40),
        Column("结果", status=True), Column("原因", "wrap", max_width=50), Column("扣分依据", "wrap", max_width=30), Column("失分", "num"),
        Column("可挽回", "num"), Column("责任部门", "wrap", max_width=30), Column("证据", "wrap", max_width=80), Column("差距编号"),
    ]
    rows = [
        [it.label, it.title, f.subject, f.requirement_text + (f"（{f.origin}）" if f.origin else ""), f.status, f.reason, f.deduction,
         f.points_lost, f.points_at_stake, "、".join(f.departments), _cell(f.evidence), f.gap]
        for blk in report.failing
        for it in blk.items
        for f in it.findings
    ]
    book.table(ws, cols, rows, first_row=2, freeze_columns=3)

    ws = book.sheet("差距排序")
    book.note(ws, 0, "差距（按可挽回分值排序，全部）", title=True)
    cols = [
        Column("名次", "int"), Column("可挽回", "num"), Column("序号", width=8), Column("条目", max_width=36), Column("差距", "wrap", max_width=50),
        Column("状态", status=True), Column("原因", "wrap", max_width=60), Column("责任部门", "wrap", max_width=30), Column("差距编号"),
    ]
    rows = [[g.rank, g.points_at_stake, g.label, g.item_title, g.subject, g.status, g.reason, "、".join(g.departments), g.gap] for g in report.gaps]
    book.table(ws, cols, rows, first_row=2)

    ws = book.sheet("部门排名")
    book.note(ws, 0, "部门排名（按牵头条目得分率）", title=True)
    cols = [
        Column("名次", "int"), Column("部门"), Column("牵头条目", "int"), Column("牵头得分", "num"), Column("牵头满分", "num"),
        Column("得分率", "pct"), Column("配合条目", "int"), Column("差距", "int"), Column("失分", "num"), Column("部门代码"),
    ]
    rows = [[d.rank, d.name, d.lead_items, d.lead_score, d.lead_marks, d.lead_ratio, d.support_items, d.gaps, d.points_lost, d.code] for d in report.departments]
    book.table(ws, cols, rows, first_row=2, freeze_columns=2)

    ws = book.sheet("一票否决")
    book.note(ws, 0, "一票否决", title=True)
    cols = [Column("序号", "int"), Column("否决条件", "wrap", max_width=50), Column("结果", status=True), Column("依据", "wrap", max_width=60),
            Column("证据", "wrap", max_width=70), Column("核实程度"), Column("配置")]
    rows = [[n, v.title, v.status, v.reason, _cell(v.evidence), v.verified, v.profile] for n, v in enumerate(report.vetoes, start=1)]
    book.table(ws, cols, rows, first_row=2)

    ws = book.sheet("豁免")
    book.note(ws, 0, f"豁免：豁免前 {num(b.score)} / {num(b.marks)}（{pct(b.ratio)}），豁免后 {num(t.score)} / {num(t.marks)}（{pct(t.ratio)}）", title=True)
    cols = [Column("编号"), Column("序号", width=8), Column("条目", max_width=36), Column("豁免范围"), Column("理由", "wrap", max_width=70),
            Column("批准", "wrap", max_width=36), Column("到期", "date"), Column("状态")]
    rows = [[w.id, w.label, w.item_title, w.target, w.reason, w.approver, w.expires, "有效" if w.active else "已过期"] for w in report.waivers]
    book.table(ws, cols, rows, first_row=2)

    ws = book.sheet("未核实")
    book.note(ws, 0, "条文或阈值未经原文核实（结果仅供自评参考）", title=True)
    rows = [["条文", x] for x in report.unverified_items] + [["指标阈值", x] for x in report.unverified_thresholds]
    book.table(ws, [Column("类别"), Column("条目或指标", max_width=60)], rows, first_row=2)
    return book.close()


CHECKLIST_COLUMNS = [
    Column("责任部门", max_width=30), Column("序号", width=8), Column("条目", max_width=36), Column("材料", "wrap", max_width=44),
    Column("类型"), Column("要求", "wrap", max_width=36), Column("必备"), Column("状态", status=True), Column("说明", "wrap", max_width=50),
    Column("达标时间", "date"), Column("剩余天数", "int"), Column("逾期"), Column("责任人"), Column("联络员"), Column("电话"),
    Column("证据", "wrap", max_width=70), Column("豁免"), Column("条目编号"), Column("材料编号"),
]


def _checklist_rows(checklist: Checklist) -> list[list[object]]:
    return [
        [row.department_name, row.label, row.item_title, row.material_title, row.kind, row.need, row.mandatory, row.state, row.reason,
         row.deadline, row.days_left, "已逾期" if row.overdue else "", row.contact, row.liaison, row.phone, _cell(row.evidence), row.waiver,
         row.item, row.material]
        for row in checklist.rows
    ]


def checklist_xlsx(checklist: Checklist) -> bytes:
    h = checklist.header
    title = doc_title(h.city, h.kind_zh, h.title)
    book = Book(title=title, author=h.issuer, created=h.date)
    ws = book.sheet("汇总")
    book.note(ws, 0, title, title=True)
    book.note(ws, 1, f"{h.issuer}　{h.date.isoformat()}　材料共 {checklist.materials} 项，" + "，".join(f"{k} {v}" for k, v in checklist.counts.items()))
    states = list(checklist.counts)
    cols = [Column("责任部门", max_width=36)] + [Column(s, "int") for s in states] + [Column("待补交", "int"), Column("联络员"), Column("电话"), Column("分管市领导")]
    rows = [[d.name, *(d.counts[s] for s in states), d.open, d.liaison, d.phone, d.leader] for d in checklist.departments]
    book.table(ws, cols, rows, first_row=2, freeze_columns=1)
    ws = book.sheet("材料清单")
    book.note(ws, 0, "材料清单（每个责任部门、每条、每项材料）", title=True)
    book.table(ws, CHECKLIST_COLUMNS, _checklist_rows(checklist), first_row=2, freeze_columns=4)
    return book.close()


def department_xlsx(sheet: DepartmentSheet) -> bytes:
    h = sheet.header
    book = Book(title=f"{sheet.name}{h.title}", author=h.issuer, created=h.date)
    ws = book.sheet("认领条目")
    book.note(ws, 0, f"{sheet.name}　部门责任清单", title=True)
    rank = f"第 {sheet.rank} 名（共 {sheet.ranked} 个部门）" if sheet.rank else "未参与排名"
    book.note(ws, 1, f"{h.date.isoformat()}　距评估 {h.days_left} 天　{rank}　差距 {sheet.gap_count} 项，失分 {num(sheet.points_lost)} 分　联络员 {sheet.liaison or '—'} {sheet.phone or ''}")
    cols = [Column("序号", width=8), Column("条目", max_width=40), Column("角色"), Column("状态", status=True), Column("得分", "num"), Column("满分", "num"),
            Column("失分", "num"), Column("达标时间", "date"), Column("剩余天数", "int"), Column("责任人"), Column("分管市领导"),
            Column("指标", "wrap", max_width=50), Column("检查要点", "wrap", max_width=70), Column("条目编号")]
    rows = [[it.label, it.title, it.role, it.status, it.score, it.marks, it.points_lost, it.deadline, it.days_left, it.contact, it.leader,
             _cell(it.indicators), _cell(it.requirements), it.item] for it in sheet.items]
    book.table(ws, cols, rows, first_row=3, freeze_columns=2)

    ws = book.sheet("差距清单")
    book.note(ws, 0, "差距清单（指向本部门的全部问题）", title=True)
    cols = [Column("序号", width=8), Column("条目", max_width=36), Column("问题", "wrap", max_width=50), Column("结果", status=True),
            Column("原因", "wrap", max_width=60), Column("失分", "num"), Column("可挽回", "num"), Column("达标时间", "date"), Column("差距编号")]
    rows = [[g.label, g.item_title, g.subject, g.status, g.reason, g.points_lost, g.points_at_stake, g.deadline, g.gap] for g in sheet.gaps]
    book.table(ws, cols, rows, first_row=2, freeze_columns=2)

    ws = book.sheet("材料清单")
    book.note(ws, 0, "材料清单", title=True)
    mats = Checklist(header=h, counts={}, materials=0, unclaimed=0, departments=[sheet.materials] if sheet.materials else [])
    book.table(ws, CHECKLIST_COLUMNS, _checklist_rows(mats), first_row=2, freeze_columns=4)

    ws = book.sheet("整改问题")
    book.note(ws, 0, "未销号整改问题", title=True)
    cols = [Column("编号"), Column("地点", max_width=40), Column("类别"), Column("问题", "wrap", max_width=60), Column("状态"),
            Column("整改期限", "date"), Column("逾期天数", "int")]
    rows = [[p.id, p.place, p.problem_class, p.description, p.state, p.deadline, p.days_overdue] for p in sheet.open_problems]
    book.table(ws, cols, rows, first_row=2)
    return book.close()


# -- planning -------------------------------------------------------------------------------------------------------

T = TypeVar("T")


class Lazy(Generic[T]):
    """A value made on first use and kept: a report's view model and HTML serve several formats."""

    def __init__(self, make: Callable[[], T]) -> None:
        self._make = make
        self._value: T | None = None
        self._done = False

    def __call__(self) -> T:
        if not self._done:
            self._value, self._done = self._make(), True
        return self._value  # type: ignore[return-value]


def _json(model: BaseModel) -> bytes:
    return (model.model_dump_json(indent=1) + "\n").encode("utf-8")


def plan_reports(
    inputs: ReportInputs,
    workspace: Path,
    formats: Sequence[str] = FORMATS,
    department: str | None = None,
    open_problems: OpenProblems | None = None,
) -> list[Job]:
    """The files to write, in order: gap report, checklist, then one sheet per department.

    With `department`, only that department's sheet. `open_problems(code)` gives a department's open ledger
    problems (the ledger wires it; without it the sheets say there are none)."""
    out = workspace / REPORTS_DIR
    created = inputs.result.today
    jobs: list[Job] = []

    def add(path: Path, report: str, html: Callable[[], str], xlsx: Callable[[], bytes], data: Callable[[], bytes], title: str) -> None:
        for fmt in formats:
            target = path.with_name(f"{path.name}.{fmt}")
            if fmt == "html":
                jobs.append(Job(target, report, fmt, lambda: (html().encode("utf-8"), None, [])))
            elif fmt == "pdf":

                def pdf(title: str = title) -> tuple[bytes, int | None, list[str]]:
                    result = render_pdf(html(), roots=[workspace], title=title, author=inputs.issuer, created=created)
                    return result.data, result.pages, result.refused

                jobs.append(Job(target, report, fmt, pdf))
            elif fmt == "xlsx":
                jobs.append(Job(target, report, fmt, lambda: (xlsx(), None, [])))
            elif fmt == "json":
                jobs.append(Job(target, report, fmt, lambda: (data(), None, [])))
            else:
                raise ValueError(f"unknown format {fmt}")

    kind_zh = inputs.header("").kind_zh
    checklist = Lazy(lambda: build_checklist(inputs))
    if department is None:
        gap = Lazy(lambda: build_gap_report(inputs))
        add(out / GAP_NAME, "gap", Lazy(lambda: gap_html(gap())), lambda: gap_xlsx(gap()), lambda: _json(gap()),
            doc_title(inputs.result.city, kind_zh, GAP_NAME))
        add(out / CHECKLIST_NAME, "checklist", Lazy(lambda: checklist_html(checklist())), lambda: checklist_xlsx(checklist()),
            lambda: _json(checklist()), doc_title(inputs.result.city, kind_zh, CHECKLIST_NAME))

    codes = department_codes(inputs) if department is None else [department]
    stems: set[str] = set()
    for code in codes:
        name = inputs.name(code)
        stem = file_stem(name)
        if stem in stems:
            stem = file_stem(f"{name}_{code}")
        stems.add(stem)

        def make_sheet(code: str = code) -> DepartmentSheet:
            problems = list(open_problems(code)) if open_problems else []
            return build_department_sheet(inputs, code, checklist(), problems)

        sheet = Lazy(make_sheet)
        add(
            out / DEPARTMENT_DIR / stem,
            "department",
            Lazy(lambda sheet=sheet: department_html(sheet())),
            lambda sheet=sheet: department_xlsx(sheet()),
            lambda sheet=sheet: _json(sheet()),
            f"{name}{DEPARTMENT_DIR}",
        )
    return jobs
