"""A department's Excel evidence template: only what it claimed, with units, drop-downs and instructions.

The same layout is read back by cwassess.evidence.intake. Existing submissions are pre-filled, so a
liaison can update the template they were sent and re-import it without losing earlier rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cwassess.claims.duties import DepartmentDuties
from cwassess.evidence.values import parse_year
from cwassess.models.evidence import DOC_TYPES, EvidenceManifest
from cwassess.sheets import META_SHEET, Field, TableSpec
from cwassess.standard.model import Standard

TEMPLATE_ID = "cwassess-evidence"
TEMPLATE_VERSION = "1"
INDICATOR_SHEET = "指标"
DOCUMENT_SHEET = "文件"
STATEMENT_SHEET = "自评说明"
OPTIONS_SHEET = "选项"

INDICATOR_SPEC = TableSpec(
    fields=(
        Field("indicator", "指标编号"),
        Field("name", "指标名称"),
        Field("unit", "单位"),
        Field("requirement", "要求"),
        Field("year", "年份"),
        Field("value", "数值", ("填报值", "数据")),
        Field("source", "数据来源", ("来源",)),
    ),
    required=(("indicator", "name"), ("year",), ("value",)),
)
DOCUMENT_SPEC = TableSpec(
    fields=(
        Field("id", "文件编号"),
        Field("item", "条目编号"),
        Field("item_title", "条目"),
        Field("material", "材料编号"),
        Field("material_title", "材料名称"),
        Field("type", "文件类型"),
        Field("title", "标题", ("文件标题", "文件名称")),
        Field("file", "文件路径", ("文件", "路径")),
        Field("issuer", "发文单位", ("发文部门",)),
        Field("doc_number", "文号"),
        Field("issued", "发文日期"),
        Field("effective", "生效日期"),
        Field("period_start", "覆盖开始"),
        Field("period_end", "覆盖结束"),
    ),
    required=(("item",), ("material",), ("file",)),
)
STATEMENT_SPEC = TableSpec(
    fields=(Field("item", "条目编号"), Field("item_title", "条目"), Field("text", "自评说明")),
    required=(("item",), ("text",)),
)

INSTRUCTIONS = [
    "填写说明",
    "1. 本表只列出本部门认领的指标和材料，请勿改动表头和“编号”列。",
    "2. 指标：每行一个年份；数值按单位填写，百分比可写 96.5、96.5% 或 0.965（按比例理解）；等级写 A、B、C、D；有/无 写“有”或“无”。",
    "3. 文件：先把文件放进本部门证据目录（evidence/部门代码/files/），再在“文件路径”中写相对路径，如 files/2026/年度计划.pdf。",
    "   日期可写 2026-03-05、2026年3月5日 或 2026.3.5；判断有效期以生效日期为准。同一材料有多份文件时，复制一行再填写。",
    "4. 自评说明：每条一段，说明达标情况和指标数值。",
    "5. 导入：cwassess evidence import 部门代码 本文件。任何一行有错误时不会写入，错误会标明工作表、行和列。",
    "6. 已提交的内容已预先填入；修改后重新导入即可，原有文件会保留历史版本。",
]


def _text(sheet, row: int, col: int, value: object, fmt=None) -> None:  # type: ignore[no-untyped-def]
    """Every cell a person typed goes in as text, so "=…" can never become a formula."""
    if value is None or value == "":
        sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def _required_years(series_years: int, assessment: dt.date) -> list[int]:
    return [assessment.year - k for k in range(series_years, 0, -1)]


def write_template(path: Path, std: Standard, duties: DepartmentDuties, manifest: EvidenceManifest | None) -> dict[str, int]:
    """Write the template; returns how many rows each sheet got."""
    import xlsxwriter

    existing = manifest or EvidenceManifest(department=duties.code)
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "vcenter"})
    locked = book.add_format({"bg_color": "#F2F2F2", "border": 1, "text_wrap": True, "valign": "top"})
    cell = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    title = book.add_format({"bold": True, "font_size": 14})

    info = book.add_worksheet("填写说明")
    info.set_column(0, 0, 110)
    info.write_string(0, 0, f"{duties.name}（{duties.code}）证据填报模板  评估日期 {duties.assessment_date}", title)
    for n, line in enumerate(INSTRUCTIONS, start=2):
        info.write_string(n, 0, line)

    counts = {}
    # 指标
    sheet = book.add_worksheet(INDICATOR_SHEET)
    headers = [f.label for f in INDICATOR_SPEC.fields]
    widths = [26, 40, 10, 24, 8, 12, 24]
    for col, (label, width) in enumerate(zip(headers, widths)):
        sheet.write_string(0, col, label, head)
        sheet.set_column(col, col, width)
    values = {(e.indicator, parse_year(y)): (v, e.source) for e in existing.indicators for y, v in e.values.items()}
    row = 1
    seen: set[str] = set()
    for item in duties.items:
        for ind in item.indicators:
            if ind.id in seen:
                continue
            seen.add(ind.id)
            years = _required_years(std.indicators_by_id[ind.id].series_years, duties.assessment_date)
            for year in years:
                value, source = values.get((ind.id, year), (None, None))
                for col, v in enumerate([ind.id, ind.name, ind.unit, ind.requirement, year]):
                    _text(sheet, row, col, v, locked)
                _text(sheet, row, 5, value, cell)
                _text(sheet, row, 6, source, cell)
                row += 1
    counts[INDICATOR_SHEET] = row - 1
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(row - 1, 1), len(headers) - 1)

    # 文件
    sheet = book.add_worksheet(DOCUMENT_SHEET)
    headers = [f.label for f in DOCUMENT_SPEC.fields]
    widths = [20, 22, 30, 22, 36, 12, 36, 36, 20, 20, 12, 12, 12, 12]
    for col, (label, width) in enumerate(zip(headers, widths)):
        sheet.write_string(0, col, label, head)
        sheet.set_column(col, col, width)
    row = 1
    for item in duties.items:
        for mat in item.materials:
            docs = [d for d in existing.documents if d.item == item.item and d.material == mat.id]
            for doc in docs or [None]:
                period = (doc.period.start, doc.period.end) if doc and doc.period else (None, None)
                cells = [
                    doc.id if doc else None, item.item, f"{item.label}{item.title}", mat.id, mat.title,
                    doc.type if doc else None, doc.title if doc else None, doc.file if doc else None,
                    doc.issuer if doc else None, doc.doc_number if doc else None,
                    doc.issued if doc else None, doc.effective if doc else None, *period,
                ]
                for col, value in enumerate(cells):
                    _text(sheet, row, col, value, locked if col in (1, 2, 3, 4) else cell)
                row += 1
    counts[DOCUMENT_SHEET] = row - 1
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(row - 1, 1), len(headers) - 1)
    options = book.add_worksheet(OPTIONS_SHEET)
    for n, doc_type in enumerate(DOC_TYPES):
        options.write_string(n, 0, doc_type)
    options.hide()
    book.define_name("文件类型", f"={OPTIONS_SHEET}!$A$1:$A${len(DOC_TYPES)}")
    sheet.data_validation(1, 5, max(row - 1, 1) + 200, 5, {
        "validate": "list", "source": "=文件类型", "input_title": "文件类型", "input_message": "从下拉列表中选择",
        "error_title": "文件类型", "error_message": "请从下拉列表中选择文件类型",
    })

    # 自评说明
    sheet = book.add_worksheet(STATEMENT_SHEET)
    for col, (label, width) in enumerate(zip([f.label for f in STATEMENT_SPEC.fields], (22, 40, 100))):
        sheet.write_string(0, col, label, head)
        sheet.set_column(col, col, width)
    texts = {s.item: s.text for s in existing.statements}
    row = 1
    for item in duties.items:
        if item.role != "lead":
            continue
        _text(sheet, row, 0, item.item, locked)
        _text(sheet, row, 1, f"{item.label}{item.title}", locked)
        _text(sheet, row, 2, texts.get(item.item), cell)
        row += 1
    counts[STATEMENT_SHEET] = row - 1
    sheet.freeze_panes(1, 0)

    meta = book.add_worksheet(META_SHEET)
    for n, (k, v) in enumerate([("template", TEMPLATE_ID), ("version", TEMPLATE_VERSION), ("department", duties.code), ("standard", std.meta.id)]):
        meta.write_string(n, 0, k)
        meta.write_string(n, 1, v)
    meta.hide()
    book.close()
    return counts
