"""cwassess/evidence/intake.py: a filled template's files checked as `evidence check` does, limits, nothing lost on failure.

Each test copies tests/fixtures/evidence-ws to ./ws (cwd is tmp_path); the template is ./t.xlsx, so messages say t.xlsx:….
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from cwassess.evidence.intake import IntakePlan, apply_intake, plan_intake
from cwassess.loading import load_workspace
from cwassess.models.evidence import EvidenceManifest
from cwassess.models.limits import InputLimits
from cwassess.sheets import Limits
from cwassess.textio import format_size, os_error_zh
from cwassess.validation import validate_document
from cwassess.yamlio import load_yaml
from tests.helpers import CLI_ENV, FIXTURES

MANIFEST = Path("ws/evidence/aiweiban/manifest.yaml")
DOC_HEAD = ["条目编号", "材料编号", "文件类型", "标题", "文件路径", "发文日期"]
IND_HEAD = ["指标编号", "指标名称", "单位", "要求", "年份", "数值", "数据来源"]


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "evidence-ws", tmp_path / "ws")
    monkeypatch.chdir(tmp_path)
    return Path("ws")


def workbook(sheets: dict[str, list[list[object]]]) -> Path:
    import xlsxwriter

    path = Path("t.xlsx")
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
    book.close()
    return path


def pdf(pages: int = 1) -> bytes:
    import pikepdf

    doc = pikepdf.new()
    for _ in range(pages):
        doc.add_blank_page()
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def plan(ws: Path, path: Path, sheet_limits: Limits | None = None, limits: InputLimits | None = None) -> IntakePlan:
    loaded = load_workspace(ws)
    assert loaded.ok and loaded.standard is not None
    manifest = validate_document(load_yaml(ws / MANIFEST.relative_to("ws")), EvidenceManifest)
    return plan_intake(path, path.name, loaded.root, loaded.standard, "aiweiban", manifest,
                       sheet_limits or loaded.sheet_limits, limits or loaded.limits)


def document_row(file: str) -> list[list[object]]:
    return [DOC_HEAD, ["org-agenda", "meeting-minutes", "会议纪要", "纪要", file, "2026-10-01"]]


def rendered(result: IntakePlan) -> list[str]:
    return sorted(p.render() for p in result.problems)


# -- the file a row names -------------------------------------------------------------------------

WHERE = "t.xlsx:2:5: 错误: 文件!E2（文件路径）: "


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("长" * 100 + ".pdf", None, "无法读取文件：文件名过长"),
        ("不存在.pdf", None, "文件不存在：不存在.pdf（请先放入 evidence/aiweiban/ 目录）"),
        ("empty.pdf", b"", "文件为空（0 字节）"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "PDF 已损坏，无法打开：请重新导出或扫描后再提交"),
        ("named.pdf", b"<html></html>", "PDF 已损坏，无法打开：请重新导出或扫描后再提交"),
        ("a.docx", b"PK\x03\x04", "格式“.docx”不在该材料允许的格式内（应为：pdf、ofd；实际：.docx）"),
    ],
)
def test_a_file_that_cannot_be_submitted_is_reported_on_its_cell(ws: Path, file: str, content: bytes | None, message: str) -> None:
    if content is not None:
        (ws / "evidence" / "aiweiban" / file).write_bytes(content)
    result = plan(ws, workbook({"文件": document_row(file)}))
    assert rendered(result) == [WHERE + message]
    assert (result.rejected_rows, result.store, result.changed) == (1, [], False)


def test_a_nul_in_a_path_is_refused(ws: Path) -> None:
    """An .xlsx stores a NUL as _x0000_; the reader turns it back into one."""
    result = plan(ws, workbook({"文件": document_row("minutes\x00-2026.pdf")}))
    assert rendered(result) == [WHERE + "路径“minutes␀-2026.pdf”含有不可见的控制字符（␀），请删除后重新填写"]


def test_a_folder_named_like_a_pdf(ws: Path) -> None:
    (ws / "evidence" / "aiweiban" / "folder.pdf").mkdir()
    result = plan(ws, workbook({"文件": document_row("folder.pdf")}))
    assert rendered(result) == [WHERE + "文件不存在：folder.pdf（请先放入 evidence/aiweiban/ 目录）"]


def test_the_citys_limits_apply(ws: Path) -> None:
    (ws / "evidence" / "aiweiban" / "long.pdf").write_bytes(pdf(3))
    result = plan(ws, workbook({"文件": document_row("long.pdf")}), limits=InputLimits(pdf_pages=2))
    assert rendered(result) == [WHERE + "PDF 页数过多（应为：不超过 2 页；实际：3 页）"]
    result = plan(ws, workbook({"文件": document_row("long.pdf")}), limits=InputLimits(file_mb=0.0001))
    size = format_size((ws / "evidence" / "aiweiban" / "long.pdf").stat().st_size)
    assert rendered(result) == [WHERE + f"文件过大（应为：不超过 104 字节；实际：{size}）"]


def test_the_workbook_is_read_within_the_sheet_limits(ws: Path) -> None:
    path = workbook({"文件": document_row("x.pdf")})
    result = plan(ws, path, sheet_limits=Limits(max_bytes=100))
    assert rendered(result) == [f"t.xlsx: 错误: 文件过大（应为：不超过 100 字节；实际：{format_size(path.stat().st_size)}）"]


def test_a_pdf_that_needed_repair_is_a_warning_and_imported(ws: Path) -> None:
    data = pdf(1)
    xref = data.rindex(b"startxref")
    (ws / "evidence" / "aiweiban" / "repaired.pdf").write_bytes(data[:xref] + b"startxref\n999\n%%EOF\n")
    result = plan(ws, workbook({"文件": document_row("repaired.pdf")}))
    assert rendered(result) == ["t.xlsx:2:5: 警告: 文件!E2（文件路径）: PDF 有结构错误，可自动修复后打开；建议重新导出后再提交"]
    assert (result.added_documents, len(result.store), result.changed) == (1, 1, True)


# -- nothing to write, a failing write ------------------------------------------------------------


def test_nothing_importable_keeps_the_manifest_as_read(ws: Path) -> None:
    result = plan(ws, workbook({"文件": document_row("不存在.pdf")}))
    assert result.changed is False
    assert result.manifest == validate_document(load_yaml(MANIFEST), EvidenceManifest)


def test_a_failing_manifest_write_changes_nothing(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cwassess import fileio

    (ws / "evidence" / "aiweiban" / "new.pdf").write_bytes(pdf(1))
    result = plan(ws, workbook({"文件": document_row("new.pdf")}))
    assert result.changed and not result.problems
    before = MANIFEST.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", full)
    with pytest.raises(OSError):
        apply_intake(ws.resolve(), "aiweiban", result, dt.datetime(2027, 3, 1, 9, 30))
    assert MANIFEST.read_bytes() == before
    assert not list((ws / ".cwassess" / "history").rglob("*.yaml"))  # the copy of an unchanged manifest is not kept
    assert not [p for p in ws.rglob("*") if p.name.endswith(".tmp")]


# -- through the command --------------------------------------------------------------------------


def cli(*args: str) -> Result:
    from cwassess.cli import app

    return CliRunner().invoke(app, ["--workspace", "ws", "evidence", "import", "aiweiban", *args], env={**CLI_ENV, "CWASSESS_TODAY": "2027-03-01"})


def test_partial_with_nothing_importable_writes_nothing(ws: Path) -> None:
    path = workbook({"文件": document_row("不存在.pdf")})
    before = MANIFEST.read_bytes()
    result = cli(str(path), "--partial")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "有 1 个错误，未写入任何文件（可修正后重新导入，或加 --partial 只导入正确的行）。"
    assert MANIFEST.read_bytes() == before
    assert not (ws / ".cwassess" / "history").exists()


def test_a_template_that_changes_nothing_writes_nothing(ws: Path) -> None:
    path = workbook({"指标": [IND_HEAD, ["satisfaction-rate", "", "%", "", 2026, "93.5%", "第三方满意度调查"]]})
    before = MANIFEST.read_bytes()
    result = cli(str(path))
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "没有需要写入的变更，证据清单保持不变。")
    assert MANIFEST.read_bytes() == before


def test_a_full_disk_is_a_message(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cwassess import fileio

    path = workbook({"指标": [IND_HEAD, ["satisfaction-rate", "", "%", "", 2025, "95%", ""]]})
    before = MANIFEST.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "fsync", full)
    result = cli(str(path))
    reason = os_error_zh(OSError(errno.ENOSPC, ""))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"ws/evidence/aiweiban/manifest.yaml: 错误: 无法写入证据清单，未做任何改动：{reason}"
    assert MANIFEST.read_bytes() == before
