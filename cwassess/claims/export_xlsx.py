"""Writing the 责任分解表 as a styled .xlsx with xlsxwriter.

Sheet “责任分解表”: a title row, the header row, one row per applicable item; frozen below the header,
autofilter, wrapped text, column widths, print setup (A4 landscape, header rows repeated). 项目 cells are not
merged, so that filtering keeps every row. Drop-downs on 牵头部门 and 配合（承办）部门 list the department names
kept on the hidden sheet “选项” (defined name 部门名称); a 配合 cell may hold several names, so its drop-down only
informs. The hidden sheet “_meta” records the template id and the standard's edition for the importer.

Every text cell is written with write_string, so a value beginning with = + - @ stays text (no formula
injection); such cells also get Excel's quote prefix so that editing them keeps them text.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cwassess.claims.table import COLUMNS, TEMPLATE_ID, TEMPLATE_VERSION, ExportRow, department_choices, export_rows
from cwassess.models.city import CityFile
from cwassess.models.claims import ClaimsFile
from cwassess.models.common import KIND_ZH
from cwassess.textio import os_error_zh
from cwassess.problems import Problem
from cwassess.sheets import META_SHEET
from cwassess.standard.model import Standard

SHEET_NAME = "责任分解表"
OPTIONS_SHEET = "选项"
DEPARTMENT_RANGE = "部门名称"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SPARE_ROWS = 200  # drop-downs reach this many rows below the data, for rows a city adds


@dataclass
class ExportResult:
    rows: int = 0
    departments: int = 0
    problems: list[Problem] = field(default_factory=list)


def title_of(city: CityFile) -> str:
    return f"{city.name}创建{KIND_ZH[city.kind]}工作责任分解表"


def _row_height(row: ExportRow) -> float:
    lines = 1
    for column in COLUMNS:
        value = row.cells()[column.field]
        if isinstance(value, str) and value:
            per_line = max(1, int(column.width / 2))
            lines = max(lines, sum(math.ceil(max(len(part), 1) / per_line) for part in value.split("\n")))
    return min(409, 16 * lines + 4)


def write_workbook(path: Path, std: Standard, city: CityFile, claim_files: list[ClaimsFile]) -> int:
    """Write the workbook to `path` (overwriting it); the number of item rows."""
    import xlsxwriter

    rows = export_rows(std, city, claim_files)
    names = department_choices(std, city)
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    workbook = xlsxwriter.Workbook(str(path), options)
    workbook.set_properties({"title": title_of(city), "comments": f"{TEMPLATE_ID} {TEMPLATE_VERSION}"})
    base = {"font_name": "宋体", "font_size": 10, "valign": "top", "text_wrap": True, "border": 1}
    title_fmt = workbook.add_format({"font_name": "黑体", "font_size": 16, "bold": True, "align": "center", "valign": "vcenter"})
    header_fmt = workbook.add_format({**base, "bold": True, "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7"})
    text_fmt = workbook.add_format(base)
    quoted_fmt = workbook.add_format({**base, "quote_prefix": True})
    date_fmt = workbook.add_format({**base, "num_format": "yyyy-mm-dd", "align": "center"})

    sheet = workbook.add_worksheet(SHEET_NAME)
    last_col = len(COLUMNS) - 1
    sheet.merge_range(0, 0, 0, last_col, "", title_fmt)
    _text(sheet, 0, 0, title_of(city), title_fmt, title_fmt)
    sheet.set_row(0, 30)
    for col, column in enumerate(COLUMNS):
        sheet.set_column(col, col, column.width)
        _text(sheet, 1, col, column.header, header_fmt, header_fmt)
    sheet.set_row(1, 30)
    for offset, row in enumerate(rows):
        r = 2 + offset
        sheet.set_row(r, _row_height(row))
        for col, column in enumerate(COLUMNS):
            value = row.cells()[column.field]
            if isinstance(value, dt.date):
                sheet.write_datetime(r, col, dt.datetime.combine(value, dt.time()), date_fmt)
            elif column.field == "deadline":
                sheet.write_blank(r, col, None, date_fmt)
            else:
                _text(sheet, r, col, value or "", text_fmt, quoted_fmt)
    last_row = 1 + len(rows)
    sheet.freeze_panes(2, 0)
    sheet.autofilter(1, 0, max(last_row, 1), last_col)
    sheet.set_landscape()
    sheet.set_paper(9)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0, 1)

    col_of = {c.field: i for i, c in enumerate(COLUMNS)}
    spare = last_row + SPARE_ROWS
    sheet.data_validation(
        2,
        col_of["lead"],
        spare,
        col_of["lead"],
        {
            "validate": "list",
            "source": f"={DEPARTMENT_RANGE}",
            "input_title": "牵头部门",
            "input_message": "从列表中选择一个部门（只能填一个）。",
            "error_title": "部门名称",
            "error_message": "不在部门列表中。导入时也能识别常见别名，无法识别的会报告。",
            "error_type": "warning",
        },
    )
    sheet.data_validation(
        2,
        col_of["support"],
        spare,
        col_of["support"],
        {
            "validate": "list",
            "source": f"={DEPARTMENT_RANGE}",
            "input_title": "配合（承办）部门",
            "input_message": "可填多个部门，用“、”分隔。",
            "error_title": "配合部门",
            "error_message": "多个部门请用“、”分隔。",
            "error_type": "information",
        },
    )
    sheet.data_validation(
        2,
        col_of["deadline"],
        spare,
        col_of["deadline"],
        {
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(2000, 1, 1),
            "maximum": dt.date(2100, 12, 31),
            "input_title": "达标时间",
            "input_message": "日期，如 2027-05-31。",
            "error_title": "达标时间",
            "error_message": "请填写日期，如 2027-05-31。",
            "error_type": "warning",
        },
    )

    options_sheet = workbook.add_worksheet(OPTIONS_SHEET)
    for r, name in enumerate(names):
        _text(options_sheet, r, 0, name, None, None)
    options_sheet.set_column(0, 0, 24)
    options_sheet.hide()
    workbook.define_name(DEPARTMENT_RANGE, f"='{OPTIONS_SHEET}'!$A$1:$A${max(len(names), 1)}")

    meta = workbook.add_worksheet(META_SHEET)
    for r, (key, value) in enumerate(
        (("template", TEMPLATE_ID), ("version", TEMPLATE_VERSION), ("edition", std.meta.id), ("city", city.name), ("kind", city.kind))
    ):
        _text(meta, r, 0, key, None, None)
        _text(meta, r, 1, value, None, None)
    meta.hide()
    sheet.activate()
    workbook.close()
    return len(rows)


def _text(sheet, row: int, col: int, value: str, fmt, quoted) -> None:  # type: ignore[no-untyped-def]
    """A text cell, always as text: never a formula, number or link."""
    if value.startswith(FORMULA_PREFIXES):
        sheet.write_string(row, col, value, quoted)
    else:
        sheet.write_string(row, col, value, fmt)


def export_claims_xlsx(target: Path, shown: str, std: Standard, city: CityFile, claim_files: list[ClaimsFile]) -> ExportResult:
    """Write through a temporary file in the same folder, so a failure never leaves half a workbook."""
    result = ExportResult()
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        result.problems.append(Problem(code="export.no-folder", file=shown, message="目标目录不存在"))
        return result
    if target.is_dir():
        result.problems.append(Problem(code="file.is-dir", file=shown, message="这是目录，不是文件"))
        return result
    from xlsxwriter.exceptions import XlsxWriterException

    temp: Path | None = None
    try:
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=".cwassess-", suffix=".xlsx.tmp")
        os.close(handle)
        temp = Path(temp_name)
        result.rows = write_workbook(temp, std, city, claim_files)
        os.replace(temp, target)
    except OSError as exc:
        result.problems.append(Problem(code="file.unwritable", file=shown, message=f"无法写入文件：{os_error_zh(exc, '写入')}"))
    except XlsxWriterException:  # FileCreateError and the like; their text is English
        result.problems.append(Problem(code="file.unwritable", file=shown, message="无法写入文件：文件可能正被 Excel/WPS 打开，或目录不可写"))
    finally:
        if temp is not None and temp.exists():
            temp.unlink()
    result.departments = len({c.department for c in claim_files})
    return result
