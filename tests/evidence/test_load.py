"""cwassess/evidence/load.py: manifests, inspections and waivers read into Evidence, every problem with its place.

Each test copies tests/fixtures/evidence-ws to ./ws (cwd is tmp_path) and rewrites one file, so messages say ws/….
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from cwassess.evidence.load import load_evidence
from cwassess.evidence.model import Evidence
from cwassess.loading import load_workspace
from cwassess.problems import Problem
from tests import builders as b
from tests.helpers import FIXTURES

WS = FIXTURES / "evidence-ws"
TODAY = dt.date(2027, 3, 1)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
M = "ws/evidence/aiweiban/manifest.yaml"


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(WS, tmp_path / "ws", symlinks=True)
    monkeypatch.chdir(tmp_path)
    return Path("ws")


def read(ws: Path, today: dt.date = TODAY) -> tuple[Evidence, list[Problem]]:
    workspace = load_workspace(ws)
    assert workspace.ok, [p.render() for p in workspace.problems]
    return load_evidence(workspace, today)


def rendered(problems: list[Problem]) -> list[str]:
    return sorted(p.render() for p in problems)


def manifest(ws: Path, text: str, dept: str = "aiweiban") -> None:
    (ws / "evidence" / dept / "manifest.yaml").write_text(text, encoding="utf-8")


def one_document(ws: Path, file: str, *, material: str = "performance-rules", item: str = "org-agenda", type_: str = "公文", extra: str = "") -> None:
    """A manifest with a single document on line 3; its file: key is on line 4."""
    manifest(
        ws,
        "department: aiweiban\ndocuments:\n"
        f"  - id: doc\n    file: {file}\n    title: 文件\n    item: {item}\n    material: {material}\n    type: {type_}\n    issued: 2026-09-01\n{extra}",
    )


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), (30, 200, 30)).save(out, format="JPEG")
    return out.getvalue()


# -- the clean fixture ----------------------------------------------------------------------------


def test_the_fixture_workspace_reads_cleanly(ws: Path) -> None:
    evidence, problems = read(ws)
    assert problems == []
    assert [(s.indicator, s.department, [(v.year, v.value, v.raw, v.note) for v in s.values], s.source, s.where) for s in evidence.series] == [
        ("satisfaction-rate", "aiweiban", [(2026, 93.5, "93.5%", None)], "第三方满意度调查", f"{M}:3"),
        ("road-lighting-rate", "chengguan", [(2025, 99.0, "99", None), (2026, 100.0, "100", None)], None, "ws/evidence/chengguan/manifest.yaml:3"),
    ]
    docs = {d.id: d for d in evidence.documents}
    assert sorted(docs) == ["lighting-ledger", "minutes-2024", "minutes-2025", "minutes-2026", "regulation"]
    assert all(d.usable and d.problem is None for d in docs.values())
    assert [docs[k].issued for k in ("minutes-2024", "minutes-2025", "minutes-2026")] == [dt.date(2024, 6, 15), dt.date(2025, 3, 10), dt.date(2026, 3, 12)]
    reg = docs["regulation"]
    assert (reg.file, reg.issued, reg.effective, reg.date, reg.issuer, reg.where) == (
        "ws/evidence/aiweiban/法规/样例市爱国卫生条例.pdf", dt.date(2018, 9, 28), dt.date(2019, 1, 1), dt.date(2019, 1, 1), "样例市人民代表大会常务委员会", f"{M}:29"
    )
    data = (WS / "evidence" / "aiweiban" / "法规" / "样例市爱国卫生条例.pdf").read_bytes()
    assert (reg.size, reg.sha256) == (len(data), hashlib.sha256(data).hexdigest())
    ledger = docs["lighting-ledger"]
    assert (ledger.department, ledger.period_start, ledger.period_end, ledger.issued) == ("chengguan", dt.date(2026, 6, 1), dt.date(2026, 12, 31), None)
    assert [(s.indicator, s.year, s.sample_size, s.rate, s.where) for s in evidence.surveys] == [("satisfaction-rate", 2026, 1200, 93.5, f"{M}:39")]
    assert [(s.item, s.text) for s in evidence.statements] == [("org-agenda", "市政府每年专题研究爱国卫生工作。")]
    assert [(i.id, i.department, i.date, i.site_type, i.items, [p.problem_class for p in i.problems], i.where) for i in evidence.inspections] == [
        ("q1-001", "aiweiban", dt.date(2027, 2, 10), "主次干道", [], ["乱堆乱摆"], "ws/inspections/2027-q1.yaml:3"),
        ("q1-002", "aiweiban", dt.date(2027, 2, 11), "背街小巷", [], [], "ws/inspections/2027-q1.yaml:12"),
    ]
    assert [(w.id, w.item, w.material, w.approved, w.expires, w.where) for w in evidence.waivers] == [
        ("port-none", "env-waste-sorting", "port-system", dt.date(2026, 12, 1), dt.date(2027, 12, 31), "ws/waivers.yaml:2"),
        ("toilets-old", "env-toilets", None, dt.date(2025, 1, 1), dt.date(2026, 12, 31), "ws/waivers.yaml:9"),
    ]


def test_no_evidence_folder_is_no_evidence(ws: Path) -> None:
    shutil.rmtree(ws / "evidence")
    shutil.rmtree(ws / "inspections")
    (ws / "waivers.yaml").unlink()
    evidence, problems = read(ws)
    assert (evidence, problems) == (Evidence(), [])


def test_a_folder_without_manifest_is_skipped(ws: Path) -> None:
    (ws / "evidence" / "jikong").mkdir()
    (ws / "evidence" / "jikong" / "a.pdf").write_bytes(PDF)
    evidence, problems = read(ws)
    assert problems == []
    assert {d.department for d in evidence.documents} == {"aiweiban", "chengguan"}


# -- references -----------------------------------------------------------------------------------


def test_unknown_indicator_item_and_material_with_suggestions(ws: Path) -> None:
    manifest(
        ws,
        "department: aiweiban\n"
        "indicators:\n"
        "  - indicator: satisfaction-rat\n"
        "    values: {2026: 95}\n"
        "documents:\n"
        "  - {id: a, file: minutes-2024.pdf, title: 纪要, item: org-agendaa, material: meeting-minutes, type: 会议纪要, issued: 2024-06-15}\n"
        "  - {id: b, file: minutes-2024.pdf, title: 纪要, item: org-agenda, material: meeting-minute, type: 会议纪要, issued: 2024-06-15}\n"
        "  - {id: c, file: minutes-2024.pdf, title: 纪要, item: qqq, material: zzz, type: 会议纪要, issued: 2024-06-15}\n"
        "statements:\n"
        "  - {item: org-agenda-x, text: 说明}\n",
    )
    evidence, problems = read(ws)
    assert rendered(problems) == [
        f"{M}:10:6: 错误: statements.0.item: 未知条目“org-agenda-x”，是否想写“org-agenda”？",
        f"{M}:3:5: 错误: indicators.0.indicator: 未知指标“satisfaction-rat”，是否想写“satisfaction-rate”？",
        f"{M}:6:48: 错误: documents.0.item: 未知条目“org-agendaa”，是否想写“org-agenda”？",
        f"{M}:7:66: 错误: documents.1.material: 条目“org-agenda”没有材料“meeting-minute”，是否想写“meeting-minutes”？",
        f"{M}:8:48: 错误: documents.2.item: 未知条目“qqq”",
    ]
    assert ([s.department for s in evidence.series], [d.department for d in evidence.documents], evidence.statements) == (["chengguan"], ["chengguan"], [])


def test_unknown_department_and_folder_mismatch(ws: Path) -> None:
    manifest(ws, "department: chengguanju\n")
    shutil.move(ws / "evidence" / "chengguan", ws / "evidence" / "cg")
    evidence, problems = read(ws)
    assert rendered(problems) == [
        f"{M}:1:1: 错误: department: 未知部门“chengguanju”，是否想写“chengguan（城管局）”？",
        "ws/evidence/cg/manifest.yaml:1:1: 错误: department: 证据目录名应与部门代码一致（应为：evidence/chengguan/；实际：evidence/cg/）",
    ]
    # The misplaced folder is still read (under its manifest's department); the unknown department is not.
    assert [d.department for d in evidence.documents] == ["chengguan"]


def test_the_department_must_be_written_as_its_code(ws: Path) -> None:
    manifest(ws, "department: 爱卫办\n")
    evidence, problems = read(ws)
    assert rendered(problems) == [f"{M}:1:1: 错误: department: 编号格式不符：只能使用小写字母、数字和连字符，且以字母开头（实际：爱卫办）"]
    assert {d.department for d in evidence.documents} == {"chengguan"}


def test_a_broken_record_costs_only_itself(ws: Path) -> None:
    """One document with a typo must not drop the department's other evidence; later problems keep their lines."""
    good = "  - id: {id}\n    file: minutes-2024.pdf\n    title: 会议纪要\n    item: org-agenda\n    material: meeting-minutes\n    type: 会议纪要\n    issued: {issued}\n"
    manifest(ws, "department: aiweiban\ndocuments:\n" + good.format(id="a", issued="2026-09-01") + "  - id: b\n    colour: red\n" + good.format(id="c", issued="2026年13月1日"))
    evidence, problems = read(ws)
    assert rendered(problems) == [
        f"{M}:10:5: 错误: documents.1.file: 缺少必填字段",
        f"{M}:10:5: 错误: documents.1.item: 缺少必填字段",
        f"{M}:10:5: 错误: documents.1.material: 缺少必填字段",
        f"{M}:10:5: 错误: documents.1.title: 缺少必填字段",
        f"{M}:10:5: 错误: documents.1.type: 缺少必填字段",
        f"{M}:11:5: 错误: documents.1.colour: 未知字段“colour”",
        f"{M}:12:5: 错误: documents.2: 文件缺少日期：发文日期（issued）、生效日期（effective）或覆盖时间段（period）至少填一项",
        f"{M}:18:5: 错误: documents.2.issued: 无法识别的日期“2026年13月1日”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
    ]
    assert [d.id for d in evidence.documents if d.department == "aiweiban"] == ["a", "c"]


def test_a_fault_outside_the_records_rejects_the_manifest(ws: Path) -> None:
    manifest(ws, "department: aiweiban\ndocuments: {a: 1}\nsurveys: []\n")
    evidence, problems = read(ws)
    assert [p.code for p in problems] == ["schema.list_type"]
    assert {d.department for d in evidence.documents} == {"chengguan"}


def test_a_schema_error_in_the_only_record_leaves_no_evidence(ws: Path) -> None:
    manifest(ws, "department: aiweiban\ndocuments:\n  - id: a\n    file: minutes-2024.pdf\n    item: org-agenda\n    material: meeting-minutes\n    type: 纪要\n    colour: red\n")
    evidence, problems = read(ws)
    assert rendered(problems) == [
        f"{M}:3:5: 错误: documents.0.title: 缺少必填字段",
        f"{M}:7:5: 错误: documents.0.type: 取值不在允许范围内（应为：法规、规章、规范性文件、公文、制度、规划、会议纪要、台账、报告、统计报表、合同、证照、照片、截图、视频截图、宣传品 或 其他；实际：纪要）",
        f"{M}:8:5: 错误: documents.0.colour: 未知字段“colour”",
    ]
    assert {d.department for d in evidence.documents} == {"chengguan"}


# -- indicator values -----------------------------------------------------------------------------


def test_unit_mismatch_drops_the_series(ws: Path) -> None:
    manifest(ws, "department: aiweiban\nindicators:\n  - indicator: satisfaction-rate\n    unit: ‰\n    values: {2026: 95}\n  - indicator: satisfaction-rate\n    unit: ％\n    values: {2025: 94}\n")
    evidence, problems = read(ws)
    assert rendered(problems) == [f"{M}:4:5: 错误: indicators.0.unit: 单位与指标“群众对卫生状况满意率”不一致（应为：%；实际：‰）"]
    assert [(s.indicator, [v.year for v in s.values]) for s in evidence.series if s.department == "aiweiban"] == [("satisfaction-rate", [2025])]


def test_percent_values_are_normalised(ws: Path) -> None:
    manifest(
        ws,
        "department: aiweiban\nindicators:\n  - indicator: satisfaction-rate\n"
        '    values: {"2022": "95%", "2023": "９５％", "2024": 0.95, "2025": "0.95", 2026年: 95}\n',
    )
    evidence, problems = read(ws)
    series = next(s for s in evidence.series if s.department == "aiweiban")
    assert [(v.year, v.value, v.raw, v.note) for v in series.values] == [
        (2022, 95.0, "95%", None),
        (2023, 95.0, "９５％", None),
        (2024, 95.0, "0.95", "按比例理解：0.95 → 95%"),
        (2025, 95.0, "0.95", "按比例理解：0.95 → 95%"),
        (2026, 95.0, "95", None),
    ]
    assert rendered(problems) == [
        f"{M}:4:44: 警告: indicators.0.values.2024: 按比例理解：0.95 → 95%",
        f"{M}:4:58: 警告: indicators.0.values.2025: 按比例理解：0.95 → 95%",
    ]


def test_bad_values_and_years_are_reported_each(ws: Path) -> None:
    manifest(
        ws,
        "department: aiweiban\nindicators:\n  - indicator: satisfaction-rate\n    values:\n"
        '      "2021": "-3"\n      "2022": NaN\n      "2023": "150%"\n      "2024": 九十五\n      二〇二六: 95\n      "1989": 95\n      "2025": 95\n',
    )
    evidence, problems = read(ws)
    assert rendered(problems) == [
        f"{M}:10:7: 错误: indicators.0.values.1989: 无法识别的年份“1989”（应为：如 2025）",
        f"{M}:5:7: 错误: indicators.0.values.2021: 数值不能为负数（实际：-3）",
        f"{M}:6:7: 错误: indicators.0.values.2022: 无法识别的数值“NaN”",
        f"{M}:7:7: 错误: indicators.0.values.2023: 百分比不能超过 100（实际：150%）",
        f"{M}:8:7: 错误: indicators.0.values.2024: 无法识别的数值“九十五”",
        f"{M}:9:7: 错误: indicators.0.values.二〇二六: 无法识别的年份“二〇二六”（应为：如 2025）",
    ]
    series = next(s for s in evidence.series if s.department == "aiweiban")
    assert [(v.year, v.value) for v in series.values] == [(2025, 95.0)]


def test_yaml_nan_and_infinity_are_refused(ws: Path) -> None:
    manifest(ws, "department: aiweiban\nindicators:\n  - indicator: satisfaction-rate\n    values: {2025: .nan, 2026: .inf}\n")
    evidence, problems = read(ws)
    assert rendered(problems) == [
        f"{M}:4:14: 错误: indicators.0.values.2025: 无法识别的数值“.nan”",
        f"{M}:4:26: 错误: indicators.0.values.2026: 无法识别的数值“.inf”",
    ]
    assert [(s.department, s.values) for s in evidence.series] == [("aiweiban", []), ("chengguan", evidence.series[1].values)]


def test_levels_and_booleans_are_normalised(ws: Path) -> None:
    manifest(
        ws,
        "department: aiweiban\nindicators:\n"
        "  - {indicator: rat-density, values: {2025: \"02\", 2026: B级}}\n"
        "  - {indicator: tobacco-control-law, values: {2025: 无, 2026: 有}}\n"
        "  - {indicator: fly-density, values: {2026: E}}\n",
    )
    evidence, problems = read(ws)
    assert rendered(problems) == [f"{M}:5:39: 错误: indicators.2.values.2026: 无法识别的等级“E”，应为 A、B、C 或 D"]
    got = {s.indicator: [v.value for v in s.values] for s in evidence.series if s.department == "aiweiban"}
    assert got == {"rat-density": ["B", "B"], "tobacco-control-law": [False, True], "fly-density": []}


# -- dates ----------------------------------------------------------------------------------------


def test_bad_missing_and_future_dates(ws: Path) -> None:
    manifest(
        ws,
        "department: aiweiban\ndocuments:\n"
        "  - {id: a, file: minutes-2024.pdf, title: 纪要, item: org-agenda, material: meeting-minutes, type: 会议纪要, issued: 2024年13月1日}\n"
        "  - {id: b, file: minutes-2025.pdf, title: 纪要, item: org-agenda, material: meeting-minutes, type: 会议纪要}\n"
        "  - {id: c, file: minutes-2026.pdf, title: 纪要, item: org-agenda, material: meeting-minutes, type: 会议纪要, issued: 2027-04-01}\n"
        "  - {id: d, file: minutes-2026.pdf, title: 纪要, item: org-agenda, material: meeting-minutes, type: 会议纪要, period: {start: 2026-12-31, end: 2026-01-01}}\n",
    )
    evidence, problems = read(ws)
    assert rendered(problems) == [
        f"{M}:3:105: 错误: documents.0.issued: 无法识别的日期“2024年13月1日”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
        f"{M}:3:5: 错误: documents.0: 文件缺少日期：发文日期（issued）、生效日期（effective）或覆盖时间段（period）至少填一项",
        f"{M}:4:5: 错误: documents.1: 文件缺少日期：发文日期（issued）、生效日期（effective）或覆盖时间段（period）至少填一项",
        f"{M}:5:105: 警告: documents.2.issued: 日期 2027-04-01 晚于今天（2027-03-01）",
        f"{M}:6:105: 错误: documents.3.period: 覆盖时间段的开始晚于结束（实际：2026-12-31 — 2026-01-01）",
    ]
    # Documents with date problems are still listed (usable files), so the engine can say why they do not count.
    assert [(d.id, d.issued) for d in evidence.documents if d.department == "aiweiban"] == [
        ("a", None), ("b", None), ("c", dt.date(2027, 4, 1)), ("d", None)
    ]


@pytest.mark.parametrize("written", ["常态化", "长期坚持"])
def test_an_inspection_date_that_is_not_a_date_is_reported(ws: Path, written: str) -> None:
    """BUG: parse_date reads 常态化/长期坚持 as “no deadline” (None without an error), so the reader drops the
    inspection — and an incident or waiver with such a date — silently, with no problem reported."""
    (ws / "inspections" / "2027-q1.yaml").write_text(
        f"department: aiweiban\ninspections:\n  - {{id: x, kind: 自查, site_type: 学校, site: 一中, date: {written}}}\n", encoding="utf-8"
    )
    evidence, problems = read(ws)
    assert evidence.inspections == []
    assert rendered(problems) == [
        f"ws/inspections/2027-q1.yaml:3:48: 错误: inspections.0.date: 无法识别的日期“{written}”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）"
    ]


@pytest.mark.parametrize("written", ['""', "'  '"])
def test_a_blank_inspection_date_is_reported_not_dropped(ws: Path, written: str) -> None:
    (ws / "inspections" / "2027-q1.yaml").write_text(
        f"department: aiweiban\ninspections:\n  - {{id: x, kind: 自查, site_type: 学校, site: 一中, date: {written}}}\n", encoding="utf-8"
    )
    evidence, problems = read(ws)
    assert evidence.inspections == []
    assert rendered(problems) == ["ws/inspections/2027-q1.yaml:3:48: 错误: inspections.0.date: 缺少日期"]


def test_incident_and_inspection_dates(ws: Path) -> None:
    manifest(
        ws,
        "department: aiweiban\n"
        "incidents:\n  - {type: 重大食品安全事故, date: 2025年8月1日, description: 集体食物中毒}\n  - {type: 重大食品安全事故, date: 2025-02-30, description: 日期无效}\n"
        "inspections:\n  - {id: s1, kind: 自查, site_type: 学校, site: 一中, date: 2027-02-01, items: [place-school]}\n",
    )
    evidence, problems = read(ws)
    assert rendered(problems) == [
        f"{M}:4:22: 错误: incidents.1.date: 无法识别的日期“2025-02-30”（应为：YYYY-MM-DD、2024年3月5日 或 2024.3.5）",
        f"{M}:6:75: 错误: inspections.0.items.0: 未知条目“place-school”，是否想写“place-schools”？",
    ]
    assert [(i.type, i.date, i.department, i.where) for i in evidence.incidents] == [("重大食品安全事故", dt.date(2025, 8, 1), "aiweiban", f"{M}:3")]
    # The inspection itself is kept, without the unknown item.
    assert [(i.id, i.items) for i in evidence.inspections if i.department == "aiweiban" and i.id == "s1"] == [("s1", [])]


# -- files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("nofile.pdf", "文件不存在：nofile.pdf"),
        ("../chengguan/lighting-ledger.pdf", "路径“../chengguan/lighting-ledger.pdf”含有“..”，不允许指向证据目录之外"),
        ("sub/../../chengguan/lighting-ledger.pdf", "路径“sub/../../chengguan/lighting-ledger.pdf”含有“..”，不允许指向证据目录之外"),
        ("/etc/passwd", "不允许使用绝对路径“/etc/passwd”，请写相对于本部门证据目录的路径"),
        ("'C:\\证据\\a.pdf'", "不允许使用绝对路径“C:\\证据\\a.pdf”，请写相对于本部门证据目录的路径"),
        ("'\\\\server\\share\\a.pdf'", "不允许使用绝对路径“\\\\server\\share\\a.pdf”，请写相对于本部门证据目录的路径"),
        ("'..\\chengguan\\lighting-ledger.pdf'", "路径“..\\chengguan\\lighting-ledger.pdf”含有“..”，不允许指向证据目录之外"),
    ],
)
def test_refused_and_missing_paths(ws: Path, written: str, message: str) -> None:
    one_document(ws, written)
    evidence, problems = read(ws)
    assert [(p.render()) for p in problems] == [f"{M}:4:5: 错误: documents.0.file: {message}"]
    doc = next(d for d in evidence.documents if d.id == "doc")
    assert (doc.usable, doc.problem, doc.sha256) == (False, message, None)


def test_a_windows_style_relative_path_is_accepted(ws: Path) -> None:
    one_document(ws, "'法规\\样例市爱国卫生条例.pdf'")
    evidence, problems = read(ws)
    assert problems == []
    doc = next(d for d in evidence.documents if d.id == "doc")
    assert (doc.usable, doc.file) == (True, "ws/evidence/aiweiban/法规/样例市爱国卫生条例.pdf")


def test_a_symlink_out_of_the_workspace_is_refused(ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.pdf"
    outside.write_bytes(PDF)
    os.symlink(outside, ws / "evidence" / "aiweiban" / "link.pdf")
    one_document(ws, "link.pdf")
    evidence, problems = read(ws)
    assert rendered(problems) == [f"{M}:4:5: 错误: documents.0.file: 路径“link.pdf”指向工作区之外（可能是符号链接），已拒绝"]
    assert next(d for d in evidence.documents if d.id == "doc").usable is False


def test_a_symlink_inside_the_workspace_is_followed(ws: Path) -> None:
    os.symlink(Path("..") / "chengguan" / "lighting-ledger.pdf", ws / "evidence" / "aiweiban" / "shared.pdf")
    one_document(ws, "shared.pdf")
    evidence, problems = read(ws)
    assert problems == []
    doc = next(d for d in evidence.documents if d.id == "doc")
    assert (doc.usable, doc.file) == (True, "ws/evidence/chengguan/lighting-ledger.pdf")


def test_an_nfd_file_name_is_found_from_its_nfc_spelling(ws: Path) -> None:
    """macOS writes decomposed names; the manifest (typed on Windows) has the composed form."""
    name = "がいよう-café.pdf"
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != unicodedata.normalize("NFC", name)
    (ws / "evidence" / "aiweiban" / nfd).write_bytes(PDF)
    one_document(ws, unicodedata.normalize("NFC", name))
    evidence, problems = read(ws)
    assert problems == []
    doc = next(d for d in evidence.documents if d.id == "doc")
    assert doc.usable is True
    assert doc.file == f"ws/evidence/aiweiban/{nfd}"


@pytest.mark.parametrize(
    ("file", "content", "message", "detail"),
    [
        ("a.docx", b"PK\x03\x04", "格式“.docx”不在该材料允许的格式内", "（应为：pdf、ofd；实际：.docx）"),
        ("README", b"text", "格式“无扩展名”不在该材料允许的格式内", "（应为：pdf、ofd；实际：无扩展名）"),
        ("image.pdf", None, "文件内容与扩展名“.pdf”不符", ""),
        ("empty.pdf", b"", "文件为空（0 字节）", ""),
        ("html.pdf", b"<html>not a pdf</html>", "文件内容与扩展名“.pdf”不符", ""),
    ],
)
def test_unusable_files(ws: Path, file: str, content: bytes | None, message: str, detail: str) -> None:
    (ws / "evidence" / "aiweiban" / file).write_bytes(png_bytes() if content is None else content)
    one_document(ws, file)
    evidence, problems = read(ws)
    assert rendered(problems) == [f"{M}:4:5: 错误: documents.0.file: {message}{detail}"]
    doc = next(d for d in evidence.documents if d.id == "doc")
    assert (doc.usable, doc.problem) == (False, message)


def test_upper_case_pdf_extension_is_accepted(ws: Path) -> None:
    (ws / "evidence" / "aiweiban" / "SCAN.PDF").write_bytes(PDF)
    one_document(ws, "SCAN.PDF")
    _, problems = read(ws)
    assert problems == []


def test_images_are_checked_by_their_magic_bytes(ws: Path) -> None:
    folder = ws / "evidence" / "aiweiban"
    (folder / "a.jpg").write_bytes(jpeg_bytes())
    (folder / "b.jpeg").write_bytes(jpeg_bytes())
    (folder / "c.png").write_bytes(png_bytes())
    (folder / "d.png").write_bytes(jpeg_bytes())
    (folder / "e.jpg").write_bytes(png_bytes())
    lines = ["department: aiweiban", "documents:"]
    for n, name in enumerate(["a.jpg", "b.jpeg", "c.png", "d.png", "e.jpg"]):
        lines.append(f"  - {{id: p{n}, file: {name}, title: 照片, item: edu-tobacco, material: signage-photos, type: 照片, issued: 2026-10-01}}")
    manifest(ws, "\n".join(lines) + "\n")
    evidence, problems = read(ws)
    assert rendered(problems) == [
        f"{M}:6:14: 错误: documents.3.file: 文件内容与扩展名“.png”不符",
        f"{M}:7:14: 错误: documents.4.file: 文件内容与扩展名“.jpg”不符",
    ]
    assert [(d.id, d.usable) for d in evidence.documents if d.department == "aiweiban"] == [
        ("p0", True), ("p1", True), ("p2", True), ("p3", False), ("p4", False)
    ]


def test_sha256_is_checked_when_recorded(ws: Path) -> None:
    good = hashlib.sha256((WS / "evidence" / "aiweiban" / "minutes-2024.pdf").read_bytes()).hexdigest()
    one_document(ws, "minutes-2024.pdf", extra=f"    sha256: {good}\n")
    evidence, problems = read(ws)
    assert problems == []
    assert next(d for d in evidence.documents if d.id == "doc").sha256 == good
    one_document(ws, "minutes-2024.pdf", extra=f"    sha256: {'0' * 64}\n")
    evidence, problems = read(ws)
    message = "文件内容与登记时的摘要（sha256）不一致：文件可能被替换，请作为新版本重新提交"
    assert rendered(problems) == [f"{M}:4:5: 错误: documents.0.file: {message}"]
    doc = next(d for d in evidence.documents if d.id == "doc")
    assert (doc.usable, doc.problem, doc.sha256) == (False, message, good)


def test_a_large_file_is_hashed_whole(ws: Path) -> None:
    content = PDF + b"x" * (3 << 20)
    (ws / "evidence" / "aiweiban" / "big.pdf").write_bytes(content)
    one_document(ws, "big.pdf")
    evidence, _ = read(ws)
    doc = next(d for d in evidence.documents if d.id == "doc")
    assert (doc.size, doc.sha256) == (len(content), hashlib.sha256(content).hexdigest())


def test_unchanged_files_are_not_read_again_and_replaced_ones_are(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cwassess.evidence.load import _Reader

    reads: list[str] = []
    real_hash = _Reader.hash_file

    def counting(real: Path, written: str) -> object:
        reads.append(written)
        return real_hash(real, written)

    monkeypatch.setattr(_Reader, "hash_file", staticmethod(counting))
    target = ws / "evidence" / "aiweiban" / "minutes-2024.pdf"
    good = hashlib.sha256(target.read_bytes()).hexdigest()
    one_document(ws, "minutes-2024.pdf", extra=f"    sha256: {good}\n")
    assert read(ws)[1] == [] and "minutes-2024.pdf" in reads
    assert (ws / ".cwassess" / "cache" / "files.json").is_file()
    reads.clear()
    assert read(ws)[1] == [] and reads == []  # size, time and inode unchanged: the recorded digest is trusted
    data = bytearray(target.read_bytes())
    data[-2] ^= 1  # same size, other content, a later time
    target.write_bytes(bytes(data))
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 1_000_000))
    _, problems = read(ws)
    assert reads == ["minutes-2024.pdf"]
    assert rendered(problems) == [f"{M}:4:5: 错误: documents.0.file: 文件内容与登记时的摘要（sha256）不一致：文件可能被替换，请作为新版本重新提交"]
    (ws / ".cwassess" / "cache" / "files.json").write_text("{damaged", encoding="utf-8")
    reads.clear()
    assert len(read(ws)[1]) == 1 and "minutes-2024.pdf" in reads  # a damaged cache only costs a read
    manifest(ws, "department: aiweiban\n")
    read(ws)
    kept = json.loads((ws / ".cwassess" / "cache" / "files.json").read_text(encoding="utf-8"))["files"]
    assert not any(name.endswith("minutes-2024.pdf") for name in kept)  # files no longer named drop out


def test_duplicate_document_ids(ws: Path) -> None:
    manifest(
        ws,
        "department: aiweiban\ndocuments:\n"
        "  - {id: m, file: minutes-2024.pdf, title: 纪要, item: org-agenda, material: meeting-minutes, type: 会议纪要, issued: 2024-06-15}\n"
        "  - {id: m, file: minutes-2025.pdf, title: 纪要, item: org-agenda, material: meeting-minutes, type: 会议纪要, issued: 2025-06-15}\n",
    )
    evidence, problems = read(ws)
    assert rendered(problems) == [f"{M}:4:6: 错误: documents.1.id: 文件编号“m”重复（第一次出现在第 3 行）"]
    assert [d.issued for d in evidence.documents if d.id == "m"] == [dt.date(2024, 6, 15)]


def test_every_document_type_a_material_asks_for_can_be_submitted(ws: Path) -> None:
    """Regression: materials ask for 统计报表, 制度, 合同, 证照 and 截图, which the manifest's type list once refused —
    env-greening/greening-statistics (统计报表 only) could then never be satisfied."""
    std = b.bundled()
    wanted = sorted({(t, item.id, mat.id) for item in std.items for mat in item.materials for t in mat.doc_types})
    lines = ["department: aiweiban", "documents:"]
    seen: set[str] = set()
    for doc_type, item_id, mat_id in wanted:
        if doc_type in seen:
            continue
        seen.add(doc_type)
        lines.append(f"  - {{id: t{len(seen)}, file: minutes-2026.pdf, title: 材料, item: {item_id}, material: {mat_id}, type: {doc_type}, issued: 2026-09-01}}")
    manifest(ws, "\n".join(lines) + "\n")
    evidence, problems = read(ws)
    assert rendered(problems) == []
    assert sorted(d.type for d in evidence.documents if d.department == "aiweiban") == sorted(seen)


# -- surveys, vectors, waivers --------------------------------------------------------------------


def test_surveys_and_vectors(ws: Path) -> None:
    manifest(
        ws,
        "department: aiweiban\n"
        "surveys:\n"
        "  - {indicator: satisfaction-rate, year: 2026, method: 入户调查, sample_size: 800, rate: 0.935}\n"
        "  - {indicator: satisfaction-rate, year: 2025, method: 入户调查, sample_size: 800, rate: 有}\n"
        "vectors:\n"
        "  - {pest: fly, year: 2026, sub_indicators: {room-positive-rate: 5%, flies-per-room: 2}}\n"
        "  - {pest: rat, year: 2026}\n"
        "  - {pest: cockroach, year: 2026, level: B}\n",
    )
    evidence, problems = read(ws)
    assert rendered(problems) == [
        f"{M}:3:80: 警告: surveys.0.rate: 按比例理解：0.935 → 93.5%",
        f"{M}:4:80: 错误: surveys.1.rate: 无法识别的数值“有”",
        f"{M}:6:70: 错误: vectors.0.sub_indicators.flies-per-room: 未知分项指标“flies-per-room”，是否想写“flies-per-positive-room”？",
        f"{M}:7:5: 错误: vectors.1: 病媒监测结果须填写等级（level）或分项指标（sub_indicators）",
    ]
    mine = [s for s in evidence.surveys if s.department == "aiweiban"]
    assert [(s.year, s.rate, s.method, s.sample_size, s.where) for s in mine] == [(2026, 93.5, "入户调查", 800, f"{M}:3")]
    assert [(v.pest, v.level, v.sub_indicators) for v in evidence.vectors] == [("fly", None, {"room-positive-rate": 5.0}), ("cockroach", "B", {})]


def test_waiver_problems(ws: Path) -> None:
    (ws / "waivers.yaml").write_text(
        "waivers:\n"
        "  - {id: a, item: env-toilets, reason: 无, approver: 爱卫办, approved: 2027-01-01, expires: 2026-01-01}\n"
        "  - {id: b, item: env-toilet, reason: 无, approver: 爱卫办, approved: 2027-01-01, expires: 2027-12-31}\n"
        "  - {id: c, item: env-toilets, material: toilets, reason: 无, approver: 爱卫办, approved: 2027-01-01, expires: 2027-12-31}\n"
        "  - {id: d, item: env-toilets, indicator: toilet-rate, reason: 无, approver: 爱卫办, approved: 2027-01-01, expires: 2027-12-31}\n"
        "  - {id: e, item: env-toilets, reason: 无, approver: 爱卫办, approved: 2027-01-01, expires: 2027年13月1日}\n"
        "  - {id: f, item: env-toilets, reason: 无, approver: 爱卫办, approved: 2027年1月5日, expires: 2027.12.31}\n"
        "  - {id: g, item: env-toilets, reason: 无, approver: 爱卫办, approved: 2027-04-01, expires: 2027-12-31}\n",
        encoding="utf-8",
    )
    evidence, problems = read(ws)
    assert rendered(problems) == [
        "ws/waivers.yaml:2:80: 错误: waivers.0.expires: 到期日早于批准日（实际：2027-01-01 → 2026-01-01）",
        "ws/waivers.yaml:3:13: 错误: waivers.1.item: 未知条目“env-toilet”，是否想写“env-toilets”？",
        "ws/waivers.yaml:4:32: 错误: waivers.2.material: 条目“env-toilets”没有材料“toilets”",
        "ws/waivers.yaml:5:32: 错误: waivers.3.indicator: 未知指标“toilet-rate”，是否想写“smoking-rate”？",
        "ws/waivers.yaml:6:80: 错误: waivers.4.expires: 无法识别的日期“2027年13月1日”",
        "ws/waivers.yaml:8:58: 警告: waivers.6.approved: 日期 2027-04-01 晚于今天（2027-03-01）",
    ]
    assert [(w.id, w.approved, w.expires) for w in evidence.waivers] == [
        ("f", dt.date(2027, 1, 5), dt.date(2027, 12, 31)),
        ("g", dt.date(2027, 4, 1), dt.date(2027, 12, 31)),
    ]


def test_a_waiver_for_another_items_indicator_is_reported(ws: Path) -> None:
    """BUG: a waived material must belong to the waiver's item, but an indicator is only checked to exist; a waiver
    of env-toilets for road-lighting-rate (an env-roads indicator) is accepted and then silently waives nothing."""
    (ws / "waivers.yaml").write_text(
        "waivers:\n  - {id: a, item: env-toilets, indicator: road-lighting-rate, reason: 无, approver: 爱卫办, approved: 2027-01-01, expires: 2027-12-31}\n",
        encoding="utf-8",
    )
    evidence, problems = read(ws)
    assert rendered(problems) == ["ws/waivers.yaml:2:32: 错误: waivers.0.indicator: 条目“env-toilets”没有指标“road-lighting-rate”"]
    assert evidence.waivers == []


def test_a_survey_rate_read_as_a_fraction_is_reported(ws: Path) -> None:
    """BUG: an indicator value 0.935 is read as 93.5% with a warning (evidence.value-note); the same reinterpretation
    of a survey's rate is silent."""
    manifest(ws, "department: aiweiban\nsurveys:\n  - {indicator: satisfaction-rate, year: 2026, method: 入户调查, sample_size: 1200, rate: 0.935}\n")
    evidence, problems = read(ws)
    assert [s.rate for s in evidence.surveys] == [93.5]
    assert rendered(problems) == [f"{M}:3:81: 警告: surveys.0.rate: 按比例理解：0.935 → 93.5%"]


def test_a_symlink_loop_is_reported_in_chinese(ws: Path) -> None:
    folder = ws / "evidence" / "aiweiban"
    os.symlink("loop-b.pdf", folder / "loop-a.pdf")
    os.symlink("loop-a.pdf", folder / "loop-b.pdf")
    one_document(ws, "loop-a.pdf")
    evidence, problems = read(ws)
    assert rendered(problems) == [f"{M}:4:5: 错误: documents.0.file: 无法解析路径“loop-a.pdf”"]
    assert next(d for d in evidence.documents if d.id == "doc").usable is False


# -- what the load path refuses before reading, and what only `evidence check` opens -------------


def limits(ws: Path, text: str) -> None:
    """The city's `limits:` (city.yaml)."""
    with (ws / "city.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"limits: {text}\n")


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"minutes\\0-2026.pdf"', "路径“minutes␀-2026.pdf”含有不可见的控制字符（␀），请删除后重新填写"),
        ('"a\\tb.pdf"', "路径“a␉b.pdf”含有不可见的控制字符（␉），请删除后重新填写"),
    ],
)
def test_control_characters_in_a_path(ws: Path, written: str, message: str) -> None:
    """A NUL made os.open raise ValueError (a crash): refused as a path, with the character shown."""
    one_document(ws, written)
    evidence, problems = read(ws)
    assert rendered(problems) == [f"{M}:4:5: 错误: documents.0.file: {message}"]
    doc = next(d for d in evidence.documents if d.id == "doc")
    assert (doc.usable, doc.problem) == (False, message)


def test_a_name_too_long_for_the_file_system(ws: Path) -> None:
    one_document(ws, "长" * 100 + ".pdf")
    _, problems = read(ws)
    assert rendered(problems) == [f"{M}:4:5: 错误: documents.0.file: 无法读取文件：文件名过长"]


def test_a_folder_named_like_a_pdf_is_a_missing_file(ws: Path) -> None:
    (ws / "evidence" / "aiweiban" / "folder.pdf").mkdir()
    one_document(ws, "folder.pdf")
    _, problems = read(ws)
    assert rendered(problems) == [f"{M}:4:5: 错误: documents.0.file: 文件不存在：folder.pdf"]


def test_a_file_over_the_citys_limit_is_refused_unread(ws: Path) -> None:
    limits(ws, "{file_mb: 0.001}")  # 1,048 bytes
    (ws / "evidence" / "aiweiban" / "big.pdf").write_bytes(PDF + b"x" * 2000)
    one_document(ws, "big.pdf")
    evidence, problems = read(ws)
    message = "文件过大（应为：不超过 1 KB；实际：2 KB）"
    assert rendered(problems) == [f"{M}:4:5: 错误: documents.0.file: {message}"]
    doc = next(d for d in evidence.documents if d.id == "doc")
    assert (doc.usable, doc.problem, doc.size, doc.sha256) == (False, message, len(PDF) + 2000, None)


def test_manifests_inspections_and_waivers_are_read_within_the_text_limit(ws: Path) -> None:
    limits(ws, "{text_mb: 0.01}")  # 10,485 bytes: city.yaml and the claims fit
    padding = "# " + "填" * 2000 + "\n"
    for path in (ws / "evidence" / "aiweiban" / "manifest.yaml", ws / "inspections" / "2027-q1.yaml", ws / "waivers.yaml"):
        with path.open("a", encoding="utf-8") as fh:
            fh.write(padding * 2)
    workspace = load_workspace(ws)
    assert workspace.ok, rendered(workspace.problems)
    _, problems = load_evidence(workspace, TODAY)
    assert rendered(problems) == [
        f"{file}: 错误: 文件过大（应为：不超过 10.2 KB；实际：{size}）"
        for file, size in (("ws/evidence/aiweiban/manifest.yaml", "13 KB"), ("ws/inspections/2027-q1.yaml", "12.1 KB"), ("ws/waivers.yaml", "12.1 KB"))
    ]


def pdf_needing_a_password() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="o", user="u"))
    return out.getvalue()


def test_scoring_reads_only_the_first_bytes(ws: Path) -> None:
    """The load path used by score must not open 20,000 PDFs: a damaged one with the right header is usable there."""
    (ws / "evidence" / "aiweiban" / "locked.pdf").write_bytes(pdf_needing_a_password())
    one_document(ws, "locked.pdf")
    evidence, problems = read(ws)
    assert problems == []
    assert next(d for d in evidence.documents if d.id == "doc").usable is True


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (PDF, "PDF 已损坏，无法打开：请重新导出或扫描后再提交"),
        (None, "PDF 已加密，需要打开密码：请提供未加密的版本"),
    ],
)
def test_evidence_check_opens_every_file(ws: Path, content: bytes | None, message: str) -> None:
    (ws / "evidence" / "aiweiban" / "x.pdf").write_bytes(pdf_needing_a_password() if content is None else content)
    one_document(ws, "x.pdf")
    workspace = load_workspace(ws)
    evidence, problems = load_evidence(workspace, TODAY, open_files=True)
    found = [p.render() for p in problems if p.file == M]
    assert found == [f"{M}:4:5: 错误: documents.0.file: {message}"]
    doc = next(d for d in evidence.documents if d.id == "doc")
    assert (doc.usable, doc.problem) == (False, message)


def test_evidence_check_gives_the_page_limit_and_keeps_warnings_usable(ws: Path) -> None:
    import pikepdf

    limits(ws, "{pdf_pages: 2}")
    for name, pages in (("long.pdf", 3), ("ok.pdf", 2)):
        pdf = pikepdf.new()
        for _ in range(pages):
            pdf.add_blank_page()
        pdf.save(ws / "evidence" / "aiweiban" / name)
    data = (ws / "evidence" / "aiweiban" / "ok.pdf").read_bytes()
    xref = data.rindex(b"startxref")
    (ws / "evidence" / "aiweiban" / "repaired.pdf").write_bytes(data[:xref] + b"startxref\n999\n%%EOF\n")
    lines = ["department: aiweiban", "documents:"]
    for n, name in enumerate(["long.pdf", "ok.pdf", "repaired.pdf"]):
        lines.append(f"  - {{id: d{n}, file: {name}, title: 纪要, item: org-agenda, material: meeting-minutes, type: 会议纪要, issued: 2026-10-01}}")
    manifest(ws, "\n".join(lines) + "\n")
    evidence, problems = load_evidence(load_workspace(ws), TODAY, open_files=True)
    assert rendered([p for p in problems if p.file == M]) == [
        f"{M}:3:14: 错误: documents.0.file: PDF 页数过多（应为：不超过 2 页；实际：3 页）",
        f"{M}:5:14: 警告: documents.2.file: PDF 有结构错误，可自动修复后打开；建议重新导出后再提交",
    ]
    assert [(d.id, d.usable, d.problem) for d in evidence.documents if d.department == "aiweiban"] == [
        ("d0", False, "PDF 页数过多（应为：不超过 2 页；实际：3 页）"), ("d1", True, None), ("d2", True, None)
    ]
