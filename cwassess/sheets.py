"""Reading the spreadsheets people send: .xlsx/.xlsm/.xlsb/.xls/.ods via python-calamine, .csv via textio.

Values only. A formula cell gives its cached result (what Excel showed when the file was saved); nothing is
ever evaluated. For .xlsx/.xlsm the sheet XML is also scanned for formulas that have *no* cached result and
for error values (#REF!, #N/A …): calamine reads both as empty, so those cells carry a note and any table
field that uses them is reported instead of silently read as blank.

The file's content decides its format, not its name (an .xls that is really .xlsx is read; a text file or a
zip of something else named .xlsx is refused). Hidden sheets (an export's 选项 and `_meta`) are never read as
tables; `_meta` (key in column A, value in B) is returned as `Table.meta`.

Limits (`Limits`): file size, what a zip-based workbook unpacks to, rows per sheet (the used range; rows that
only carry formatting cost nothing, calamine drops them), columns, the rectangle of an .xlsx sheet's cells
(checked in the raw XML before calamine allocates it), and a run of blank rows after which the rest of a sheet
is ignored with a warning. calamine itself runs in a child process with a memory limit and a timeout
(`_READER_SOURCE` says why): a damaged file can make it abort the whole process.

Tables are found by their header, not by position: the caller describes each field with the header texts
it accepts (`Field`), and the first row (within `Limits.header_scan_rows`) of each visible sheet that has
every required field is the header. A header may span two rows (“责任单位” merged above “牵头单位 | 配合单位”).
Merged cells (from calamine's `merged_cell_ranges`, for .xlsx/.xls) give every covered cell the top-left
value; fields marked `fill_down` also take the value above when left blank (for .csv/.ods, which carry no
merge information, and for tables whose author did not merge).

Where a problem is, consistently for every Problem made here:
    line   = the row number as the spreadsheet shows it (1-based; for CSV the record number)
    column = the column number (A = 1), when a single cell is meant
    key    = the Excel-style place a person can find: "任务分解表!E7（牵头部门）" for a cell of a known field,
             "任务分解表!E7" for another cell, "任务分解表!第7行" for a whole row, "任务分解表" for a sheet;
             a CSV file has no sheet name, so its keys are "E7（牵头部门）", "第7行".
Nothing here raises on a user's file: every failure is a Problem.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from cwassess.normalize import is_blank
from cwassess.problems import Problem
from cwassess.textio import DEFAULT_MAX_BYTES, decode_bytes, os_error_zh, too_large

CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
NOT_SPREADSHEET = "不是有效的表格文件（.xlsx/.xls/.csv）"
EMPTY_SHEET = "工作表为空"
META_SHEET = "_meta"

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
# What reading a damaged zip can raise (zlib.error is not an OSError).
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, ValueError, KeyError, EOFError, RuntimeError, NotImplementedError)


@dataclass(frozen=True)
class Limits:
    max_bytes: int = DEFAULT_MAX_BYTES
    max_rows: int = 20_000
    max_columns: int = 200
    max_blank_run: int = 500
    header_scan_rows: int = 30
    max_xml_bytes: int = 400 * 1024 * 1024  # uncompressed sheet XML scanned for formulas
    max_unpacked_bytes: int = 1024 * 1024 * 1024  # everything inside an .xlsx/.ods, as its zip directory declares
    max_cells: int = 5_000_000  # the rectangle from the first to the last non-empty cell of an .xlsx sheet
    isolate: bool = True  # run calamine in a child process (see _READER_SOURCE)
    reader_timeout: float = 60.0  # seconds for that child
    reader_memory: int = 2 * 1024 * 1024 * 1024  # its address space


DEFAULT_LIMITS = Limits()


# ---------------------------------------------------------------------------------------------------------------
# Places


def column_letter(column: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_key(sheet: str, row: int, column: int | None = None, label: str | None = None) -> str:
    prefix = f"{sheet}!" if sheet else ""
    if column is None:
        return f"{prefix}第{row}行"
    return f"{prefix}{column_letter(column)}{row}" + (f"（{label}）" if label else "")


def _parse_ref(ref: str) -> tuple[int, int] | None:
    match = re.fullmatch(r"([A-Z]{1,3})([0-9]+)", ref)
    if not match:
        return None
    column = 0
    for char in match.group(1):
        column = column * 26 + ord(char) - 64
    return int(match.group(2)), column


# ---------------------------------------------------------------------------------------------------------------
# Workbooks


@dataclass
class Sheet:
    """One sheet's non-blank rows, as (row number, values from column A) pairs."""

    name: str
    rows: list[tuple[int, list[CellValue]]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, first col, last row, last col
    notes: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → why its value is unreadable
    hidden: bool = False

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass
class Workbook:
    file: str
    kind: str | None = None  # xlsx, xlsm, xlsb, xls, ods, csv
    sheets: list[Sheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)


def _not_spreadsheet(file: str, found: str | None = None) -> Problem:
    return Problem(code="sheet.not-spreadsheet", file=file, message=NOT_SPREADSHEET, found=found)


def _sniff(data: bytes, suffix: str) -> tuple[str | None, str | None]:
    """(kind, None) or (None, what the file really is)."""
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
                mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
        except _ZIP_ERRORS:
            return None, "损坏的 ZIP 压缩包"
        if "xl/workbook.xml" in names:
            return ("xlsm" if suffix == ".xlsm" else "xlsx"), None
        if "xl/workbook.bin" in names:
            return "xlsb", None
        if b"opendocument.spreadsheet" in mimetype:
            return "ods", None
        if "word/document.xml" in names:
            return None, "Word 文档"
        if "ppt/presentation.xml" in names:
            return None, "PowerPoint 文档"
        return None, "ZIP 压缩包（其中没有工作簿）"
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_MARK in data:
            return None, "加密的文件（设置了打开密码），请去掉密码后再导入"
        return "xls", None
    if data.startswith(b"%PDF"):
        return None, "PDF 文件"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml")) or b"<html" in head:
        return None, "网页（HTML/XML）文件，请在 Excel 中另存为 .xlsx"
    if suffix in TEXT_SUFFIXES:
        return "csv", None
    return None, ("文本文件" if _looks_like_text(data) else None)


def _unpacked_size(data: bytes) -> int:
    """What a zip-based workbook claims it unpacks to (a small file can be a zip bomb for the reader)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except _ZIP_ERRORS:
        return 0


def _looks_like_text(data: bytes) -> bool:
    return decode_bytes(data[:4096], "-").text is not None


def read_workbook(path: Path, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    """Every sheet of a spreadsheet or CSV file; problems instead of exceptions."""
    shown = display or str(path)
    book = Workbook(file=shown)
    try:
        if path.is_dir():
            book.problems.append(Problem(code="file.is-dir", file=shown, message="这是目录，不是文件"))
            return book
        size = path.stat().st_size
        if size > limits.max_bytes:
            book.problems.append(too_large(shown, limits.max_bytes, size))
            return book
        data = path.read_bytes()
    except FileNotFoundError:
        book.problems.append(Problem(code="file.missing", file=shown, message="文件不存在"))
        return book
    except OSError as exc:
        book.problems.append(Problem(code="file.unreadable", file=shown, message=f"无法读取文件：{os_error_zh(exc)}"))
        return book
    return read_workbook_bytes(data, shown, path.suffix.lower(), limits)


def read_workbook_bytes(data: bytes, file: str, suffix: str, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    book = Workbook(file=file)
    if not data.strip():
        book.problems.append(Problem(code="file.empty", file=file, message="文件为空"))
        return book
    kind, found = _sniff(data, suffix)
    if kind is None:
        book.problems.append(_not_spreadsheet(file, found))
        return book
    book.kind = kind
    unpacked = _unpacked_size(data) if data.startswith(_ZIP_MAGIC) else 0
    if unpacked > limits.max_unpacked_bytes:
        book.kind = None
        book.problems.append(too_large(file, limits.max_unpacked_bytes, unpacked, "file.too-large-unpacked", "文件解压后过大，拒绝读取"))
        return book
    if kind == "csv":
        _read_csv(book, data, limits)
    else:
        _read_calamine(book, data, limits)
    return book


@dataclass
class _RawSheet:
    name: str
    hidden: bool
    merged: list[tuple[int, int, int, int]]
    rows: list[list[CellValue]]  # from row 1 and column A
    error: str | None = None
    last_row: int = 0  # the last row calamine found a value in (rows beyond max_rows are not read)


# The reader that runs calamine, as a standalone script: `python -I -c READER max_rows skip-json`, workbook bytes
# on stdin, JSON on stdout. It imports nothing from cwassess, so the child starts in well under 0.1 s.
# calamine can be driven by a damaged or crafted file to allocate hundreds of gigabytes (a declared
# sharedStrings uniqueCount, a cell at XFD1048576, a broken .xls directory): Rust then aborts the whole
# process, with no exception to catch; some files make it loop. In a child with a memory limit and a
# timeout that costs only a problem.
_READER_SOURCE = r"""
import datetime as dt
import io
import json
import sys

import python_calamine as calamine


def load(data, max_rows, skip):
    try:
        workbook = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except BaseException as exc:
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        return {"error": [type(exc).__name__, str(exc)], "sheets": []}
    sheets = []
    for meta in workbook.sheets_metadata:
        if meta.typ != calamine.SheetTypeEnum.WorkSheet:
            continue
        sheet = {"name": meta.name, "hidden": meta.visible != calamine.SheetVisibleEnum.Visible, "merged": [], "rows": [], "error": None, "last_row": 0}
        sheets.append(sheet)
        if meta.name in skip:
            continue
        try:
            source = workbook.get_sheet_by_name(meta.name)
            merged = source.merged_cell_ranges or []
            end = source.end
            sheet["last_row"] = 0 if end is None else end[0] + 1
            total = min(sheet["last_row"], max_rows + 1)
            sheet["rows"] = source.to_python(skip_empty_area=False, nrows=total) if total else []
            sheet["merged"] = [[r0 + 1, c0 + 1, r1 + 1, c1 + 1] for (r0, c0), (r1, c1) in merged]
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            sheet["error"] = [type(exc).__name__, str(exc)]
    return {"error": None, "sheets": sheets}


def encode(value):
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if isinstance(value, dt.time):
        return {"t": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"td": value.total_seconds()}
    return value


if __name__ == "__main__":
    result = load(sys.stdin.buffer.read(), int(sys.argv[1]), set(json.loads(sys.argv[2])))
    for sheet in result["sheets"]:
        sheet["rows"] = [[encode(v) for v in row] for row in sheet["rows"]]
    sys.stdout.write(json.dumps(result, ensure_ascii=True))
"""


def _decode(value: object) -> CellValue:
    if isinstance(value, dict):
        if "dt" in value:
            return dt.datetime.fromisoformat(value["dt"])
        if "d" in value:
            return dt.date.fromisoformat(value["d"])
        if "t" in value:
            return dt.time.fromisoformat(value["t"])
        if "td" in value:
            return dt.timedelta(seconds=value["td"])
        return None
    return value  # type: ignore[return-value]


def _limit_memory(limit: int) -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _load_in_process(data: bytes, max_rows: int, skip: set[str]) -> dict:  # type: ignore[type-arg]
    """The same reader without a child process (when none can be started)."""
    namespace: dict[str, object] = {"__name__": "cwassess_reader"}
    exec(compile(_READER_SOURCE, "<cwassess-reader>", "exec"), namespace)  # noqa: S102 - our own constant source
    return namespace["load"](data, max_rows, skip)  # type: ignore[operator,no-any-return]


def _load_sheets(data: bytes, limits: Limits, skip: set[str]) -> tuple[list[_RawSheet], str | None]:
    """Every worksheet through calamine in a child process; (sheets, why the workbook cannot be opened)."""
    import json
    import os
    import subprocess
    import sys

    args = [str(limits.max_rows), json.dumps(sorted(skip))]
    result: dict | None = None  # type: ignore[type-arg]
    decode = True
    if limits.isolate and sys.executable:
        try:
            done = subprocess.run(
                [sys.executable, "-I", "-c", _READER_SOURCE, *args],
                input=data,
                capture_output=True,
                timeout=limits.reader_timeout,
                env={**os.environ, "RUST_BACKTRACE": "0"},
                preexec_fn=(lambda: _limit_memory(limits.reader_memory)) if os.name == "posix" else None,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return [], f"文件已损坏或过于复杂：{limits.reader_timeout:g} 秒内未能读完"
        except OSError:
            done = None
        if done is not None:
            if done.returncode != 0:
                return [], "文件已损坏，读取时出错"
            try:
                result = json.loads(done.stdout)
            except ValueError:
                return [], "文件已损坏，读取时出错"
    if result is None:
        result = _load_in_process(data, limits.max_rows, skip)
        decode = False
    try:
        if result["error"]:
            return [], _calamine_reason(*result["error"])
        sheets = [
            _RawSheet(
                name=str(s["name"]),
                hidden=bool(s["hidden"]),
                merged=[(int(a), int(b), int(c), int(d)) for a, b, c, d in s["merged"]],
                rows=[[_decode(v) for v in row] for row in s["rows"]] if decode else s["rows"],
                error=_calamine_reason(*s["error"]) if s["error"] else None,
                last_row=int(s["last_row"]),
            )
            for s in result["sheets"]
        ]
    except (KeyError, TypeError, ValueError):
        return [], "文件已损坏，读取时出错"
    return sheets, None


def _read_calamine(book: Workbook, data: bytes, limits: Limits) -> None:
    notes: dict[str, dict[tuple[int, int], str]] = {}
    skip: set[str] = set()
    if book.kind in ("xlsx", "xlsm"):
        for name, scan in _scan_xlsx(data, limits).items():
            notes[name] = scan.notes
            if scan.too_wide(limits):
                skip.add(name)
                book.problems.append(
                    Problem(
                        code="sheet.too-large-range",
                        file=book.file,
                        key=name,
                        message=f"工作表的数据范围过大（{scan.describe()}），请删除表格以外的多余内容后再导入",
                        expected=f"不超过 {limits.max_cells} 个单元格",
                    )
                )
    sheets, error = _load_sheets(data, limits, skip)
    if error is not None:
        book.problems.append(_not_spreadsheet(book.file, error))
        return
    for raw in sheets:
        if raw.name in skip:
            continue
        if raw.error is not None:
            book.problems.append(Problem(code="sheet.unreadable", file=book.file, key=raw.name, message="无法读取此工作表", found=raw.error))
            continue
        sheet = Sheet(name=raw.name, hidden=raw.hidden, merged=raw.merged, notes=notes.get(raw.name, {}))
        if raw.last_row > limits.max_rows:
            book.problems.append(_too_many_rows(book.file, sheet.name, limits, raw.last_row))
            book.sheets.append(sheet)
            continue
        _collect_rows(book, sheet, enumerate(raw.rows, start=1), limits)
        book.sheets.append(sheet)


def _calamine_reason(kind: str, text: str) -> str:
    """calamine's error (an exception name and English text) as what a user can act on."""
    if kind == "PasswordError" or "password" in text.lower():
        return "加密的文件（设置了打开密码），请去掉密码后再导入"
    return "文件已损坏或格式不受支持"


def _read_csv(book: Workbook, data: bytes, limits: Limits) -> None:
    import csv

    decoded = decode_bytes(data, book.file)
    if decoded.text is None:
        book.problems.extend(decoded.problems)
        return
    text = decoded.text
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first and "," not in first else ";" if ";" in first and "," not in first else ","
    sheet = Sheet(name="")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[CellValue]]] = []
    try:
        for number, values in enumerate(reader, start=1):
            rows.append((number, list(values)))
            if number > limits.max_rows:
                break
    except csv.Error as exc:
        # csv words its errors in English: the one a user meets (a huge cell) is said with its limit
        too_long = "field limit" in str(exc)
        book.problems.append(
            Problem(
                code="sheet.csv",
                file=book.file,
                line=len(rows) + 1,
                key=cell_key("", len(rows) + 1),
                message="单元格内容过长" if too_long else "CSV 格式错误，请在 Excel 中打开并另存为 .xlsx 后再导入",
                expected=f"每个单元格不超过 {csv.field_size_limit()} 个字符" if too_long else None,
            )
        )
        return
    _collect_rows(book, sheet, iter(rows), limits)
    book.sheets.append(sheet)


def _too_many_rows(file: str, sheet: str, limits: Limits, last_row: int | None = None) -> Problem:
    where = f"（最后一个有内容的单元格在第 {last_row} 行）" if last_row else ""
    return Problem(
        code="sheet.too-many-rows",
        file=file,
        key=sheet or None,
        message=f"工作表超过 {limits.max_rows} 行{where}，请删除多余内容或拆分后再导入",
    )


def _collect_rows(book: Workbook, sheet: Sheet, rows: Iterator[tuple[int, list[CellValue]]], limits: Limits) -> None:
    """Keep non-blank rows; stop after a long run of blank rows; refuse sheets that are too long."""
    blank_run = 0
    stopped_at: int | None = None
    for number, values in rows:
        values = values[: limits.max_columns]
        blank = all(is_blank(v) for v in values) and not (
            sheet.notes and any((number, c) in sheet.notes for c in range(1, len(values) + 1))
        )
        if stopped_at is not None:
            if blank:
                continue
            book.problems.append(
                Problem(
                    code="sheet.blank-run",
                    severity="warning",
                    file=book.file,
                    line=number,
                    key=cell_key(sheet.name, number),
                    message=f"第 {stopped_at} 行起连续 {limits.max_blank_run} 行以上为空，其后的内容已忽略",
                )
            )
            return
        if number > limits.max_rows:
            book.problems.append(_too_many_rows(book.file, sheet.name, limits))
            sheet.rows = []
            return
        if blank:
            blank_run += 1
            if blank_run >= limits.max_blank_run:
                stopped_at = number - blank_run + 1
            continue
        blank_run = 0
        sheet.rows.append((number, [None if v == "" else v for v in values]))


# ---------------------------------------------------------------------------------------------------------------
# Formulas without cached values and error values in .xlsx (calamine reads both as empty)

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

FORMULA_NO_VALUE = "公式没有保存计算结果，无法读取（本工具不计算公式）：请在 Excel 中打开并保存后重试，或改填数值"


def _error_value(text: str, formula: bool) -> str:
    return f"公式的结果是错误值“{text}”" if formula else f"单元格是错误值“{text}”"


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → part name inside the archive."""
    rels: dict[str, str] = {}
    with archive.open("xl/_rels/workbook.xml.rels") as stream:
        for _, elem in ElementTree.iterparse(stream):
            if elem.tag == f"{_NS_PKG_REL}Relationship":
                target = elem.get("Target", "")
                rels[elem.get("Id", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    paths: dict[str, str] = {}
    with archive.open("xl/workbook.xml") as stream:
        for _, elem in ElementTree.iterparse(stream):
            if elem.tag == f"{_NS_MAIN}sheet":
                rid = elem.get(f"{_NS_REL}id", "")
                if rid in rels:
                    paths[elem.get("name", "")] = rels[rid]
    return paths


_TAG = re.compile(rb"<(?:[A-Za-z0-9_]+:)?(row|c)\b([^>]*?)(/?)>")
_CELL_REF = re.compile(rb'\br="([A-Z]*)([0-9]+)"')
_MARKERS = (b"<f>", b"<f ", b"<f/>", b't="e"', b":f>", b":f ")


@dataclass
class _SheetScan:
    """What the raw sheet XML says: the extent of cells that have content, and unreadable cells."""

    first_row: int = 0
    first_col: int = 0
    last_row: int = 0
    last_col: int = 0
    notes: dict[tuple[int, int], str] = field(default_factory=dict)
    row: int = 0  # while scanning: the current row, and the last column seen in it
    col: int = 0

    def cells(self) -> int:
        if not self.last_row:
            return 0
        return (self.last_row - self.first_row + 1) * (self.last_col - self.first_col + 1)

    def too_wide(self, limits: Limits) -> bool:
        return self.cells() > limits.max_cells

    def describe(self) -> str:
        last_col = column_letter(self.last_col) if self.last_col <= 16384 * 26 else "…"
        return f"{column_letter(self.first_col)}{self.first_row}:{last_col}{self.last_row}"

    def add(self, row: int, col: int) -> None:
        if not self.last_row:
            self.first_row, self.first_col, self.last_row, self.last_col = row, col, row, col
            return
        self.first_row = min(self.first_row, row)
        self.first_col = min(self.first_col, col)
        self.last_row = max(self.last_row, row)
        self.last_col = max(self.last_col, col)

    def feed(self, body: bytes) -> None:
        """Follow <row> and <c> tags as calamine does: a cell without r="…" is the next column of its row."""
        for match in _TAG.finditer(body):
            refs = list(_CELL_REF.finditer(match.group(2)))  # a damaged tag may say r="…" twice: count every one
            if match.group(1) == b"row":
                self.row = max((int(r.group(2)) for r in refs), default=self.row + 1)
                self.col = 0
                continue
            places = [(int(r.group(2)), _col_number(r.group(1))) for r in refs if r.group(1)]
            if places:
                self.row, self.col = places[-1]
            else:
                self.col += 1
                places = [(self.row, self.col)]
            if not match.group(3):  # <c r="A1" s="1"/> carries only a style: calamine skips it
                for row, col in places:
                    self.add(max(row, 1), max(col, 1))


def _col_number(letters: bytes) -> int:
    column = 0
    for char in letters[:8]:
        column = column * 26 + char - 64
    return column


def _extent(stream: io.BufferedIOBase, limit: int, scan: _SheetScan) -> bool:
    """Record the extent of non-empty cells (calamine allocates that whole rectangle); whether formulas or
    error values occur. Streaming: a regex over chunks, each cut before its last tag."""
    tail = b""
    read = 0
    markers = False
    while chunk := stream.read(1 << 22):
        read += len(chunk)
        if read > limit:
            break
        buffer = tail + chunk
        cut = buffer.rfind(b"<")
        if cut <= 0:
            cut = len(buffer)
        body, tail = buffer[:cut], buffer[cut:]
        if len(tail) > 1 << 20:  # a runaway tag: give up on it
            body, tail = buffer, b""
        markers = markers or any(m in body for m in _MARKERS)
        scan.feed(body)
    scan.feed(tail)
    return markers or any(m in tail for m in _MARKERS)


def _scan_xlsx(data: bytes, limits: Limits) -> dict[str, _SheetScan]:
    scans: dict[str, _SheetScan] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name, part in _sheet_paths(archive).items():
                try:
                    info = archive.getinfo(part)
                except KeyError:
                    continue
                if info.file_size > limits.max_xml_bytes:
                    continue
                scan = scans[name] = _SheetScan()
                with archive.open(part) as stream:
                    markers = _extent(stream, limits.max_xml_bytes, scan)
                if markers:
                    with archive.open(part) as stream:
                        scan.notes = _scan_sheet(stream)
    except (ElementTree.ParseError, LookupError, *_ZIP_ERRORS):
        return scans  # calamine decides whether the workbook can be read; the scan is an extra
    return scans


def _scan_sheet(stream: io.BufferedIOBase) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    for _, elem in ElementTree.iterparse(stream):
        if elem.tag != f"{_NS_MAIN}c":
            if elem.tag == f"{_NS_MAIN}row":
                elem.clear()
            continue
        place = _parse_ref(elem.get("r", ""))
        formula = elem.find(f"{_NS_MAIN}f") is not None
        value = elem.find(f"{_NS_MAIN}v")
        text = value.text if value is not None else None
        if place is not None:
            if elem.get("t") == "e" and text:
                found[place] = _error_value(text, formula)
            elif formula and (text is None or (text == "" and elem.get("t") != "str")):
                found[place] = FORMULA_NO_VALUE
    return found


# ---------------------------------------------------------------------------------------------------------------
# Tables


def header_key(text: object) -> str:
    """Header text as compared: width folded, no spaces, brackets, enumeration marks or asterisks."""
    if not isinstance(text, str):
        return ""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s()\[\]【】〔〕<>《》{}、,:;*\"'“”‘’]+", "", folded)


@dataclass(frozen=True)
class Field:
    """A column a caller wants: its name in code, its canonical header, and other accepted headers."""

    name: str
    label: str
    variants: tuple[str, ...] = ()
    fill_down: bool = False

    def header_keys(self) -> set[str]:
        return {header_key(self.label), *(header_key(v) for v in self.variants)}


@dataclass(frozen=True)
class TableSpec:
    fields: tuple[Field, ...]
    required: tuple[tuple[str, ...], ...]  # each group: at least one of these fields must be in the header

    def by_name(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def describe_required(self) -> str:
        parts = []
        for group in self.required:
            labels = [self.by_name(n).label for n in group]
            parts.append(f"“{labels[0]}”" + "".join(f"（或“{x}”）" for x in labels[1:]))
        if len(parts) == 1:
            return parts[0]
        return "、".join(parts[:-1]) + "和" + parts[-1]


@dataclass
class Record:
    """One data row of a table: values by field, where each came from, and cells that could not be read."""

    file: str
    sheet: str
    row: int
    values: dict[str, CellValue]
    columns: dict[str, int]
    labels: dict[str, str]
    origins: dict[str, int] = field(default_factory=dict)  # field → row its value was merged/filled from
    problems: list[Problem] = field(default_factory=list)

    def source_row(self, name: str) -> int:
        return self.origins.get(name, self.row)

    def key(self, name: str | None = None) -> str:
        if name is None or name not in self.columns:
            return cell_key(self.sheet, self.row)
        return cell_key(self.sheet, self.row, self.columns[name], self.labels[name])

    def problem(self, code: str, message: str, name: str | None = None, **kw: object) -> Problem:
        column = self.columns.get(name) if name else None
        return Problem(code=code, message=message, file=self.file, line=self.row, column=column, key=self.key(name), **kw)  # type: ignore[arg-type]


@dataclass
class TableSheet:
    sheet: str
    header_rows: tuple[int, ...]
    columns: dict[str, int]
    headers: dict[str, str] = field(default_factory=dict)  # field → the header text as the file writes it
    records: list[Record] = field(default_factory=list)


@dataclass
class Table:
    file: str
    kind: str | None = None
    sheets: list[TableSheet] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def records(self) -> list[Record]:
        return [r for s in self.sheets for r in s.records]


def _merge_map(sheet: Sheet, limits: Limits) -> dict[tuple[int, int], tuple[int, int]]:
    """Every covered cell of a merged range → its top-left cell, within the rows and columns that hold data;
    at most `limits.max_cells` cells in all (a crafted file may merge A1:XFD1048576 many times)."""
    last_row = sheet.rows[-1][0] if sheet.rows else 0
    last_col = min(max((len(values) for _, values in sheet.rows), default=0), limits.max_columns)
    covered: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in sheet.merged:
        for r in range(r0, min(r1, last_row) + 1):
            for c in range(c0, min(c1, last_col) + 1):
                if (r, c) != (r0, c0):
                    covered[(r, c)] = (r0, c0)
            if len(covered) > limits.max_cells:
                return covered
    return covered


def _grid(sheet: Sheet, limits: Limits) -> tuple[dict[int, list[CellValue]], dict[tuple[int, int], tuple[int, int]]]:
    """Rows by number with merged cells filled from their top-left cell; plus the merge map."""
    rows = {number: list(values) for number, values in sheet.rows}
    covered = _merge_map(sheet, limits)
    for (r, c), (r0, c0) in covered.items():
        top = rows.get(r0)
        value = top[c0 - 1] if top is not None and c0 - 1 < len(top) else None
        if value is None:
            continue
        row = rows.setdefault(r, [])
        if len(row) < c:
            row.extend([None] * (c - len(row)))
        row[c - 1] = value
    return rows, covered


def _match_row(values: list[CellValue], spec: TableSpec) -> tuple[dict[str, int], dict[str, list[int]]]:
    """field → column for one header row; plus fields that several columns claim."""
    lookup = {key: f.name for f in spec.fields for key in f.header_keys()}
    found: dict[str, list[int]] = {}
    for index, value in enumerate(values, start=1):
        name = lookup.get(header_key(value))
        if name is not None:
            found.setdefault(name, []).append(index)
    return {n: cols[0] for n, cols in found.items()}, {n: cols for n, cols in found.items() if len(cols) > 1}


def _satisfies(columns: dict[str, int], spec: TableSpec) -> bool:
    return all(any(n in columns for n in group) for group in spec.required)


@dataclass
class _Header:
    rows: tuple[int, ...]
    columns: dict[str, int]
    duplicates: dict[str, list[int]]
    values: list[CellValue] = field(default_factory=list)

    def texts(self) -> dict[str, str]:
        return {n: " ".join(str(self.values[c - 1]).split()) for n, c in self.columns.items()}


def _find_header(rows: dict[int, list[CellValue]], spec: TableSpec, limits: Limits) -> _Header | None:
    numbers = sorted(rows)[: limits.header_scan_rows]
    best_duplicate: _Header | None = None
    for i, number in enumerate(numbers):
        single, dup = _match_row(rows[number], spec)
        candidates = [_Header((number,), single, dup, rows[number])]
        if i + 1 < len(numbers) and numbers[i + 1] == number + 1:
            below = rows[numbers[i + 1]]
            combined_values = list(rows[number])
            lookup = {key for f in spec.fields for key in f.header_keys()}
            for index, value in enumerate(below):
                if header_key(value) in lookup:
                    if index >= len(combined_values):
                        combined_values.extend([None] * (index + 1 - len(combined_values)))
                    combined_values[index] = value
            cols, cdup = _match_row(combined_values, spec)
            alone, _ = _match_row(below, spec)
            if single and len(cols) > max(len(single), len(alone)):
                candidates.insert(0, _Header((number, number + 1), cols, cdup, combined_values))
        for cand in candidates:
            if not _satisfies(cand.columns, spec):
                continue
            if cand.duplicates:
                best_duplicate = best_duplicate or cand
                continue
            return cand
    return best_duplicate


def read_meta(sheet: Sheet) -> dict[str, str]:
    """A `_meta` sheet: key in column A, value in column B."""
    meta: dict[str, str] = {}
    for _, values in sheet.rows:
        if len(values) >= 2 and isinstance(values[0], str) and values[1] is not None:
            meta[values[0].strip()] = str(values[1]).strip()
    return meta


def read_table(path: Path, spec: TableSpec, display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> Table:
    """The records of every visible sheet that has the header `spec` describes."""
    book = read_workbook(path, display, limits)
    return table_from_workbook(book, spec, limits)


def table_from_workbook(book: Workbook, spec: TableSpec, limits: Limits = DEFAULT_LIMITS) -> Table:
    table = Table(file=book.file, kind=book.kind, problems=list(book.problems))
    if book.kind is None or (not book.sheets and any(p.severity == "error" for p in book.problems)):
        return table
    meta_sheet = book.sheet(META_SHEET)
    if meta_sheet is not None:
        table.meta = read_meta(meta_sheet)
    visible = [s for s in book.sheets if not s.hidden and s.name != META_SHEET]
    if not any(not s.empty for s in visible):
        if any(p.code == "sheet.too-many-rows" for p in book.problems):
            return table
        names = [s.name for s in visible]
        key = names[0] if len(names) == 1 and names[0] else None
        message = EMPTY_SHEET if len(names) <= 1 else "所有工作表都为空"
        table.problems.append(Problem(code="sheet.empty", file=book.file, key=key, message=message))
        return table
    skipped: list[tuple[Sheet, _Header | None]] = []
    for sheet in visible:
        if sheet.empty:
            continue
        rows, covered = _grid(sheet, limits)
        header = _find_header(rows, spec, limits)
        if header is None or header.duplicates:
            skipped.append((sheet, header))
            continue
        table.sheets.append(_records(book.file, sheet, rows, covered, header, spec))
    for sheet, header in skipped:
        if header is not None and header.duplicates:
            for name, cols in header.duplicates.items():
                letters = "、".join(column_letter(c) for c in cols)
                table.problems.append(
                    Problem(
                        code="sheet.duplicate-header",
                        file=book.file,
                        line=header.rows[-1],
                        key=cell_key(sheet.name, header.rows[-1], cols[1]),
                        message=f"表头“{spec.by_name(name).label}”出现在多列（{letters}），无法确定使用哪一列",
                    )
                )
        elif table.sheets:
            table.problems.append(
                Problem(
                    code="sheet.no-header",
                    severity="warning",
                    file=book.file,
                    key=sheet.name or None,
                    message=f"此工作表中找不到表头，已跳过（需要包含{spec.describe_required()}）",
                )
            )
    if not table.sheets and not any(p.code == "sheet.duplicate-header" for p in table.problems):
        table.problems.append(
            Problem(
                code="sheet.no-header",
                file=book.file,
                message=f"找不到表头：需要包含{spec.describe_required()}列（在每个工作表的前 {limits.header_scan_rows} 行中查找）",
            )
        )
    return table


def _records(
    file: str,
    sheet: Sheet,
    rows: dict[int, list[CellValue]],
    covered: dict[tuple[int, int], tuple[int, int]],
    header: _Header,
    spec: TableSpec,
) -> TableSheet:
    labels = header.texts()
    result = TableSheet(sheet=sheet.name, header_rows=header.rows, columns=header.columns, headers=labels)
    fill = {f.name for f in spec.fields if f.fill_down}
    previous: Record | None = None
    last_header = header.rows[-1]
    for number in sorted(n for n in rows if n > last_header):
        values = rows[number]
        record = Record(file=file, sheet=sheet.name, row=number, values={}, columns=dict(header.columns), labels=labels)
        for name, column in header.columns.items():
            value = values[column - 1] if column - 1 < len(values) else None
            record.values[name] = None if is_blank(value) else value
            origin = covered.get((number, column))
            if origin is not None and record.values[name] is not None:
                record.origins[name] = origin[0]
            note = sheet.notes.get(origin or (number, column))
            if note is not None:
                record.problems.append(record.problem("sheet.unreadable-cell", note, name))
        own = [n for n in header.columns if record.values[n] is not None and n not in record.origins]
        if not own and not record.problems:
            continue  # blank in every column of the table (data only elsewhere, or only merged leftovers)
        filled = [n for n in header.columns if record.values[n] is not None]
        sources = {covered.get((number, header.columns[n]), (number, header.columns[n])) for n in filled}
        if len(filled) > 1 and len(sources) == 1 and not record.problems:
            previous = None
            continue  # one merged cell across the table: a heading band such as “二、健康教育和健康促进”
        if previous is not None and any(n not in fill for n in own):
            for name in fill:
                if name in header.columns and record.values[name] is None and previous.values.get(name) is not None:
                    record.values[name] = previous.values[name]
                    record.origins[name] = previous.source_row(name)
        result.records.append(record)
        previous = record
    return result


def iter_cells(sheet: Sheet) -> Iterable[tuple[int, int, CellValue]]:
    """(row, column, value) of every non-blank cell, for callers that read a sheet freely."""
    for number, values in sheet.rows:
        for index, value in enumerate(values, start=1):
            if not is_blank(value):
                yield number, index, value
