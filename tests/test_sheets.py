"""The generic spreadsheet reader: formats, limits, headers, merged cells, formulas, and exact problems."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from cwassess.sheets import (
    EMPTY_SHEET,
    FORMULA_NO_VALUE,
    NOT_SPREADSHEET,
    Field,
    Limits,
    TableSpec,
    cell_key,
    column_letter,
    header_key,
    iter_cells,
    read_table,
    read_workbook,
    read_workbook_bytes,
    table_from_workbook,
)

FIXTURES = Path(__file__).parent / "fixtures" / "claims-tables"

SPEC = TableSpec(
    fields=(
        Field("number", "序号"),
        Field("section", "项目", fill_down=True),
        Field("item", "内容", ("条目内容",), fill_down=True),
        Field("lead", "牵头部门", ("牵头单位", "责任单位")),
        Field("support", "配合（承办）部门", ("配合部门", "配合单位", "承办部门", "协办单位")),
        Field("deadline", "达标时间", ("完成时限",)),
    ),
    required=(("item", "number"), ("lead",)),
)
NO_HEADER = "找不到表头：需要包含“内容”（或“序号”）和“牵头部门”列（在每个工作表的前 30 行中查找）"


@pytest.fixture(autouse=True)
def _chdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def messages(problems) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.message for p in problems]


# --- places ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "letters"), [(1, "A"), (8, "H"), (26, "Z"), (27, "AA"), (52, "AZ"), (702, "ZZ"), (703, "AAA")])
def test_column_letter(n: int, letters: str) -> None:
    assert column_letter(n) == letters


def test_cell_key_convention() -> None:
    assert cell_key("任务分解表", 7, 5, "牵头单位") == "任务分解表!E7（牵头单位）"
    assert cell_key("任务分解表", 7, 5) == "任务分解表!E7"
    assert cell_key("任务分解表", 7) == "任务分解表!第7行"
    assert cell_key("", 7, 2, "牵头部门") == "B7（牵头部门）"
    assert cell_key("", 7) == "第7行"


def test_header_key_folds_width_spaces_and_brackets() -> None:
    assert header_key("配合(承办)部门") == header_key("配合（承办）部门") == "配合承办部门"
    assert header_key(" 牵头\n部门 ") == "牵头部门"
    assert header_key("检查内容、标准及达到效果") == "检查内容标准及达到效果"
    assert header_key("*达标时间：") == "达标时间"
    assert header_key(12) == ""


# --- formats -----------------------------------------------------------------------------------------------------


def test_xlsx_merged_ranges_are_one_based() -> None:
    book = read_workbook(FIXTURES / "handmade.xlsx")
    assert book.kind == "xlsx" and not book.problems
    assert [s.name for s in book.sheets] == ["任务分解表", "Sheet2"]
    sheet = book.sheets[0]
    assert (4, 3, 5, 3) in sheet.merged  # C4:C5
    assert (1, 1, 1, 10) in sheet.merged  # A1:J1
    assert sheet.rows[0] == (1, ["测试市创建国家卫生城市任务分解表", *[None] * 9])
    assert book.sheets[1].empty


def test_xls_is_read_with_merges() -> None:
    book = read_workbook(FIXTURES / "tasks.xls")
    assert book.kind == "xls" and not book.problems
    sheet = book.sheets[0]
    assert sheet.name == "分解表"
    assert (2, 3, 2, 4) in sheet.merged  # 责任单位 over C2:D2
    values = dict(sheet.rows)
    assert values[4][4] == dt.date(2027, 5, 31)


def test_xls_two_row_header() -> None:
    table = read_table(FIXTURES / "tasks.xls", SPEC)
    assert not table.problems
    [sheet] = table.sheets
    assert sheet.header_rows == (3,)  # the merged 项目/内容/达标时间 cells make row 3 a whole header
    assert sheet.columns == {"section": 1, "item": 2, "lead": 3, "support": 4, "deadline": 5}
    assert sheet.headers["lead"] == "牵头单位"
    assert [r.row for r in table.records] == [4, 5]
    second = table.records[1]
    assert second.values["item"] == 8
    assert second.values["section"] == "二、健康教育和健康促进" and second.origins["section"] == 4


def test_two_row_header_without_merges(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "two.csv", "项目,内容,责任单位,,达标时间\n,,牵头单位,配合单位,\n一、组织,（一）,爱卫办,卫健委,2027-05-31\n")
    table = read_table(path, SPEC)
    [sheet] = table.sheets
    assert sheet.header_rows == (1, 2)
    assert sheet.columns == {"section": 1, "item": 2, "lead": 3, "support": 4, "deadline": 5}
    assert [r.row for r in table.records] == [3]


def test_content_sniffing_beats_the_extension(tmp_path: Path) -> None:
    (tmp_path / "really-xlsx.xls").write_bytes((FIXTURES / "formulas.xlsx").read_bytes())
    book = read_workbook(tmp_path / "really-xlsx.xls")
    assert book.kind == "xlsx" and not book.problems


def test_gbk_csv() -> None:
    book = read_workbook(FIXTURES / "tasks-gbk.csv")
    assert book.kind == "csv" and not book.problems
    [sheet] = book.sheets
    assert sheet.name == ""
    assert sheet.rows[0][1][5] == "牵头部门"
    assert sheet.rows[1][1][2] == "（五）建议投诉渠道畅通，群众对卫生状况满意"


def test_utf8_bom_csv_header_has_no_bom() -> None:
    table = read_table(FIXTURES / "tasks-bom.csv", SPEC)
    assert not table.problems
    assert table.sheets[0].columns == {"item": 1, "lead": 2, "support": 3}
    assert table.records[0].values["lead"] == "卫健委"


def test_csv_tab_and_semicolon_delimiters(tmp_path: Path) -> None:
    tab = read_table(write_csv(tmp_path / "t.csv", "内容\t牵头部门\n（一）\t爱卫办\n"), SPEC)
    semi = read_table(write_csv(tmp_path / "s.csv", "内容;牵头部门\n（一）;爱卫办\n"), SPEC)
    assert tab.records[0].values == semi.records[0].values == {"item": "（一）", "lead": "爱卫办"}


def test_csv_with_a_multiline_cell_counts_records(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "m.csv", '内容,配合部门,牵头部门\n（一）,"卫健委\n疾控中心",爱卫办\n（二）,,爱卫办\n')
    table = read_table(path, SPEC)
    assert [(r.row, r.values["support"]) for r in table.records] == [(2, "卫健委\n疾控中心"), (3, None)]


# --- bad files ---------------------------------------------------------------------------------------------------


def only_problem(path: Path, limits: Limits | None = None):  # type: ignore[no-untyped-def]
    table = read_table(path, SPEC, path.name, limits or Limits())
    assert not table.sheets
    [problem] = table.problems
    return problem


def test_zip_of_something_else() -> None:
    problem = only_problem(FIXTURES / "zip-not-xlsx.xlsx")
    assert problem.message == NOT_SPREADSHEET == "不是有效的表格文件（.xlsx/.xls/.csv）"
    assert problem.found == "ZIP 压缩包（其中没有工作簿）"
    assert problem.render() == "zip-not-xlsx.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：ZIP 压缩包（其中没有工作簿））"


def test_text_renamed_xlsx() -> None:
    problem = only_problem(FIXTURES / "text-renamed.xlsx")
    assert (problem.message, problem.found) == (NOT_SPREADSHEET, "文本文件")


@pytest.mark.parametrize(
    ("name", "data", "found"),
    [
        ("a.xlsx", b"\x00\x01\x02\xff\xfe" * 50, None),
        ("a.pdf", b"%PDF-1.7\n...", "PDF 文件"),
        ("a.xls", "<html><body><table><tr><td>内容</td></tr></table></body></html>".encode(), "网页（HTML/XML）文件，请在 Excel 中另存为 .xlsx"),
        ("a.docx", None, "Word 文档"),
        ("a.xlsx", (FIXTURES / "handmade.xlsx").read_bytes()[:3000], "损坏的 ZIP 压缩包"),
        ("a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 600, "加密的文件（设置了打开密码），请去掉密码后再导入"),
    ],
)
def test_not_a_spreadsheet(tmp_path: Path, name: str, data: bytes | None, found: str | None) -> None:
    path = tmp_path / name
    if data is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<w:document/>")
    else:
        path.write_bytes(data)
    problem = only_problem(path)
    assert (problem.code, problem.message, problem.found) == ("sheet.not-spreadsheet", NOT_SPREADSHEET, found)


def test_broken_ole_file_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "broken.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1000)
    problem = only_problem(path)
    assert problem.message == NOT_SPREADSHEET
    assert problem.found == "文件已损坏或格式不受支持"


def test_missing_empty_directory_and_too_large(tmp_path: Path) -> None:
    assert only_problem(tmp_path / "nope.xlsx").message == "文件不存在"
    (tmp_path / "empty.csv").write_bytes(b"")
    assert only_problem(tmp_path / "empty.csv").message == "文件为空"
    (tmp_path / "dir.xlsx").mkdir()
    assert only_problem(tmp_path / "dir.xlsx").message == "这是目录，不是文件"
    big = write_csv(tmp_path / "big.csv", "内容,牵头部门\n" + "（一）,爱卫办\n" * 120_000)
    problem = only_problem(big, Limits(max_bytes=1024 * 1024))
    assert problem.render() == "big.csv: 错误: 文件过大（应为：不超过 1 MB；实际：2.3 MB）"


def test_sizes_under_a_megabyte_are_said_exactly(tmp_path: Path) -> None:
    small = write_csv(tmp_path / "t.csv", "a,b,c\n" + "1,2,3\n" * 50)
    assert only_problem(small, Limits(max_bytes=100)).render() == "t.csv: 错误: 文件过大（应为：不超过 100 字节；实际：306 字节）"
    assert only_problem(small, Limits(max_bytes=200)).render() == "t.csv: 错误: 文件过大（应为：不超过 200 字节；实际：306 字节）"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_file_is_said_in_chinese(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", "a,b\n1,2\n")
    path.chmod(0)
    assert only_problem(path).render() == "t.csv: 错误: 无法读取文件：没有读取权限"


def test_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(FIXTURES / "formulas.xlsx") as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/media/padding.bin", b"\x00" * (3 * 1024 * 1024))
    assert path.stat().st_size < 100 * 1024
    problem = only_problem(path, Limits(max_unpacked_bytes=2 * 1024 * 1024))
    assert problem.render() == "bomb.xlsx: 错误: 文件解压后过大，拒绝读取（应为：不超过 2 MB；实际：3 MB）"


def test_a_stray_cell_far_away_is_refused_before_calamine_allocates_the_range(tmp_path: Path) -> None:
    path = tmp_path / "far.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("表")
    sheet.write_string("A1", "内容")
    sheet.write_string("XFD1048576", " ")  # calamine would allocate 16384 × 1048576 cells and abort the process
    book.close()
    problem = only_problem(path)
    assert problem.render() == (
        "far.xlsx: 错误: 表: 工作表的数据范围过大（A1:XFD1048576），请删除表格以外的多余内容后再导入（应为：不超过 5000000 个单元格）"
    )


def _damaged_xls() -> bytes:
    data = bytearray((FIXTURES / "tasks.xls").read_bytes())
    data[1820] = 0x61  # one byte in the CFB directory: calamine then asks for ~50 GB and the process aborts
    return bytes(data)


def test_a_damaged_xls_that_kills_calamine_is_contained(tmp_path: Path) -> None:
    path = tmp_path / "damaged.xls"
    path.write_bytes(_damaged_xls())
    problem = only_problem(path)
    assert (problem.message, problem.found) == (NOT_SPREADSHEET, "文件已损坏，读取时出错")


def test_why_xls_is_read_in_a_child_process(tmp_path: Path) -> None:
    """Reading that file in-process (with 3 GB of address space) ends the whole process: nothing to catch."""
    path = tmp_path / "damaged.xls"
    path.write_bytes(_damaged_xls())
    code = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30)); "
        "from cwassess.sheets import _load_in_process; _load_in_process(open(sys.argv[1], 'rb').read(), 100, set())"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, check=False, env={**os.environ, "RUST_BACKTRACE": "0"})
    assert done.returncode != 0


def test_a_huge_declared_shared_string_count_is_contained(tmp_path: Path) -> None:
    """One changed attribute makes calamine reserve ~1 TB for shared strings; the child dies, we report it."""
    path = tmp_path / "sst.xlsx"
    with zipfile.ZipFile(FIXTURES / "handmade.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/sharedStrings.xml":
                data = re.sub(rb'uniqueCount="[0-9]+"', b'uniqueCount="49999999993"', data)
            target.writestr(info, data)
    problem = only_problem(path)
    assert (problem.message, problem.found) == (NOT_SPREADSHEET, "文件已损坏，读取时出错")


def test_in_process_reading_gives_the_same_sheets(monkeypatch: pytest.MonkeyPatch) -> None:
    isolated = read_workbook(FIXTURES / "handmade.xlsx")
    direct = read_workbook(FIXTURES / "handmade.xlsx", limits=Limits(isolate=False))
    assert [(s.name, s.rows, s.merged, s.notes) for s in isolated.sheets] == [(s.name, s.rows, s.merged, s.notes) for s in direct.sheets]

    def no_processes(*args: object, **kwargs: object) -> None:
        raise OSError("no fork here")

    monkeypatch.setattr(subprocess, "run", no_processes)
    fallback = read_workbook(FIXTURES / "tasks.xls")
    assert not fallback.problems and dict(fallback.sheets[0].rows)[4][4] == dt.date(2027, 5, 31)


def test_isolated_reader_timeout() -> None:
    problem = only_problem(FIXTURES / "tasks.xls", Limits(reader_timeout=0.001))
    assert (problem.message, problem.found) == (NOT_SPREADSHEET, "文件已损坏或过于复杂：0.001 秒内未能读完")


def test_bad_encoding_csv(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes("内容,牵头部门\n".encode() + "（一）,爱卫办\n".encode("gbk"))
    problem = only_problem(path)
    assert problem.message == "文件混用了多种编码：部分行是 UTF-8，此行不是；请整体另存为 UTF-8"
    assert problem.line == 2


def test_csv_cell_too_long(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "long.csv", "内容,牵头部门\n（一）," + "长" * 140_000 + "\n")
    problem = only_problem(path)
    assert problem.render() == "long.csv:2: 错误: 第2行: 单元格内容过长（应为：每个单元格不超过 131072 个字符）"


def test_empty_sheet() -> None:
    problem = only_problem(FIXTURES / "empty-sheet.xlsx")
    assert problem.message == EMPTY_SHEET == "工作表为空"
    assert problem.render() == "empty-sheet.xlsx: 错误: Sheet1: 工作表为空"


def test_all_sheets_empty_and_empty_csv(tmp_path: Path) -> None:
    path = tmp_path / "three.xlsx"
    book = xlsxwriter.Workbook(str(path))
    for name in ("Sheet1", "Sheet2", "Sheet3"):
        book.add_worksheet(name)
    book.close()
    assert only_problem(path).message == "所有工作表都为空"
    blank = write_csv(tmp_path / "blank.csv", ",,,\n,,\n")
    assert only_problem(blank).render() == "blank.csv: 错误: 工作表为空"


def test_no_header_exact_message(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "nohead.csv", "甲,乙,丙\n1,2,3\n")
    problem = only_problem(path)
    assert problem.message == NO_HEADER
    assert problem.render() == f"nohead.csv: 错误: {NO_HEADER}"


def test_header_beyond_the_scan_window_is_not_found(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "late.csv", "说明\n" * 5 + "内容,牵头部门\n（一）,爱卫办\n")
    assert only_problem(path, Limits(header_scan_rows=3)).message.startswith("找不到表头：")
    assert read_table(path, SPEC).sheets[0].header_rows == (6,)


def test_duplicate_header(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "dup.csv", "内容,牵头部门,责任单位\n（一）,爱卫办,卫健委\n")
    problem = only_problem(path)
    assert problem.message == "表头“牵头部门”出现在多列（B、C），无法确定使用哪一列"
    assert (problem.line, problem.key) == (1, "C1")


def test_sheet_without_header_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    book = xlsxwriter.Workbook(str(path))
    notes = book.add_worksheet("填表说明")
    notes.write_string(0, 0, "请各单位按要求填写")
    data = book.add_worksheet("分解表")
    for col, text in enumerate(["内容", "牵头部门"]):
        data.write_string(0, col, text)
    data.write_string(1, 0, "（一）")
    data.write_string(1, 1, "爱卫办")
    book.close()
    table = read_table(path, SPEC, "two.xlsx")
    assert [r.row for r in table.records] == [2]
    [warning] = table.problems
    assert warning.severity == "warning"
    assert warning.render() == "two.xlsx: 警告: 填表说明: 此工作表中找不到表头，已跳过（需要包含“内容”（或“序号”）和“牵头部门”）"


# --- limits ------------------------------------------------------------------------------------------------------


def test_five_thousand_styled_empty_rows_are_cheap() -> None:
    start = time.perf_counter()
    table = read_table(FIXTURES / "styled-empty-rows.xlsx", SPEC)
    assert time.perf_counter() - start < 2.0
    assert not table.problems
    assert [r.row for r in table.records] == [2]


def test_too_many_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "long.csv", "内容,牵头部门\n" + "（一）,爱卫办\n" * 10)
    problem = only_problem(path, Limits(max_rows=5))
    assert problem.message == "工作表超过 5 行，请删除多余内容或拆分后再导入"


def test_a_stray_cell_below_the_row_limit_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "stray.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("表")
    sheet.write_row(0, 0, ["内容", "牵头部门"])
    sheet.write_row(1, 0, ["（一）", "爱卫办"])
    sheet.write_string(29_999, 0, "x")
    book.close()
    problem = only_problem(path)
    assert problem.render() == "stray.xlsx: 错误: 表: 工作表超过 20000 行（最后一个有内容的单元格在第 30000 行），请删除多余内容或拆分后再导入"


def test_a_long_blank_run_stops_reading_with_a_warning(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "gap.csv", "内容,牵头部门\n（一）,爱卫办\n" + ",\n" * 4 + "（二）,爱卫办\n")
    table = read_table(path, SPEC, "gap.csv", Limits(max_blank_run=3))
    assert [r.row for r in table.records] == [2]
    [warning] = table.problems
    assert warning.render() == "gap.csv:7: 警告: 第7行: 第 3 行起连续 3 行以上为空，其后的内容已忽略"
    assert [r.row for r in read_table(path, SPEC).records] == [2, 7]


# --- merged cells and fill-down ----------------------------------------------------------------------------------


def test_handmade_table_header_on_row_3_merged_cells_and_heading_band() -> None:
    table = read_table(FIXTURES / "handmade.xlsx", SPEC)
    assert not table.problems
    [sheet] = table.sheets
    assert sheet.sheet == "任务分解表" and sheet.header_rows == (3,)
    assert sheet.columns == {"number": 1, "section": 2, "item": 3, "lead": 6, "support": 7, "deadline": 8}
    rows = {r.row: r for r in table.records}
    assert sorted(rows) == [4, 5, 6, 7, 8, 10]  # 9 is the “二、健康教育和健康促进” band
    assert rows[5].values["item"] == "（一）纳入议事日程、发展规划、绩效考核和爱国卫生法规"
    assert rows[5].origins == {"number": 4, "section": 4, "item": 4}
    assert rows[5].source_row("item") == 4 and rows[6].source_row("item") == 6
    assert rows[8].values["section"] == "一、爱国卫生组织管理"
    assert rows[10].values["section"] == "三、市容环境卫生"


def test_csv_fill_down_takes_the_value_above(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "fill.csv",
        "项目,内容,牵头部门,配合部门\n一、组织,（一）,爱卫办,卫健委\n,,,财政局\n二、健康教育,,,\n,（六）,卫健委,\n",
    )
    rows = {r.row: r for r in read_table(path, SPEC).records}
    assert rows[3].values["item"] == "（一）" and rows[3].origins == {"section": 2, "item": 2}
    # a heading row (only fill-down columns) takes nothing from above, and stops the fill
    assert rows[4].values == {"section": "二、健康教育", "item": None, "lead": None, "support": None}
    assert rows[5].values["section"] == "二、健康教育" and rows[5].origins == {"section": 4}


def test_record_problem_location() -> None:
    table = read_table(FIXTURES / "handmade.xlsx", SPEC, "handmade.xlsx")
    record = table.records[0]
    problem = record.problem("x", "消息", "lead")
    assert (problem.file, problem.line, problem.column, problem.key) == ("handmade.xlsx", 4, 6, "任务分解表!F4（牵头单位）")
    assert problem.render() == "handmade.xlsx:4:6: 错误: 任务分解表!F4（牵头单位）: 消息"
    whole = record.problem("x", "消息")
    assert (whole.line, whole.column, whole.key) == (4, None, "任务分解表!第4行")


# --- formulas ----------------------------------------------------------------------------------------------------


def test_formulas_give_their_cached_values() -> None:
    table = read_table(FIXTURES / "formulas.xlsx", SPEC)
    assert not table.problems
    [record] = table.records
    assert record.values["lead"] == "体育局"
    assert record.values["deadline"] == dt.date(2027, 5, 31)
    assert not record.problems


def test_formula_without_cached_value_and_error_values_are_problems() -> None:
    table = read_table(FIXTURES / "formula-no-value.xlsx", SPEC, "f.xlsx")
    [record] = table.records
    assert [p.render() for p in record.problems] == [
        f"f.xlsx:2:2: 错误: 表!B2（牵头部门）: {FORMULA_NO_VALUE}",
        "f.xlsx:2:3: 错误: 表!C2（配合部门）: 公式的结果是错误值“#REF!”",
    ]
    assert FORMULA_NO_VALUE == "公式没有保存计算结果，无法读取（本工具不计算公式）：请在 Excel 中打开并保存后重试，或改填数值"


def test_error_value_without_formula(tmp_path: Path) -> None:
    path = tmp_path / "err.xlsx"
    with zipfile.ZipFile(FIXTURES / "formulas.xlsx") as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<c r="B2" t="str"><f>"\xe4\xbd\x93\xe8\x82\xb2"&amp;"\xe5\xb1\x80"</f>', b'<c r="B2" t="e">')
                data = data.replace("<v>体育局</v>".encode(), b"<v>#N/A</v>")
            target.writestr(info, data)
    [record] = read_table(path, SPEC).records
    assert [p.message for p in record.problems] == ["单元格是错误值“#N/A”"]


def test_iter_cells() -> None:
    book = read_workbook(FIXTURES / "tasks-bom.csv")
    assert list(iter_cells(book.sheets[0]))[:2] == [(1, 1, "内容"), (1, 2, "牵头单位")]


# --- never raises ------------------------------------------------------------------------------------------------

_REAL = {name: (FIXTURES / name).read_bytes() for name in ("handmade.xlsx", "tasks.xls", "formulas.xlsx", "tasks-gbk.csv")}


@settings(max_examples=2000 if os.environ.get("CWASSESS_FUZZ") == "1" else 50, deadline=None)
@given(
    name=st.sampled_from(sorted(_REAL)),
    suffix=st.sampled_from([".xlsx", ".xls", ".csv", ".ods", ".bin"]),
    cuts=st.lists(st.tuples(st.integers(0, 60_000), st.binary(min_size=1, max_size=8)), max_size=4),
    truncate=st.integers(0, 60_000),
)
def test_damaged_files_give_problems_not_exceptions(name: str, suffix: str, cuts: list[tuple[int, bytes]], truncate: int) -> None:
    data = bytearray(_REAL[name])
    for offset, patch in cuts:
        position = offset % len(data)
        data[position : position + len(patch)] = patch
    if truncate:
        data = data[: max(1, truncate % len(data))]
    book = read_workbook_bytes(bytes(data), "damaged", suffix)
    table = table_from_workbook(book, SPEC)
    for problem in table.problems:
        assert problem.file == "damaged" and problem.message
