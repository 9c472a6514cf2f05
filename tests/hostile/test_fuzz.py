"""Hypothesis fuzzers for every loader and importer: whatever the input, a valid model or located problems, never an
unhandled exception.

    pytest tests/hostile/test_fuzz.py                    # CI: the "ci" profile (200 examples; fewer for the slow ones)
    CWASSESS_FUZZ=1 pytest tests/hostile/test_fuzz.py    # on demand: 10,000 examples for every fuzzer

Properties checked for every example:
- nothing raises (a bug in a reader shows up as the exception, with the input that caused it, shrunk);
- every problem names its file, and has a line or a key unless it is about the whole file (WHOLE_FILE);
- a model comes back exactly when there is no error;
- paths: whatever a manifest, a template or a ledger row writes, the file reached is inside the workspace.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import functools
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from tests.hostile import harness

FUZZ = os.environ.get("CWASSESS_FUZZ") == "1" or os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"


def examples(ci: int) -> int:
    """`ci` examples in CI, the profile's (10,000) when fuzzing on demand."""
    return settings.default.max_examples if FUZZ else min(ci, settings.default.max_examples)


SLOW = dict(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much], deadline=None)

# Problems about a whole file carry no line and no key.
WHOLE_FILE = {
    "file.empty", "file.missing", "file.unreadable", "file.is-dir", "file.too-large", "file.too-large-unpacked",
    "sheet.not-spreadsheet", "sheet.empty", "sheet.no-header", "sheet.too-many-rows", "sheet.unreadable", "sheet.too-large-range",
    "claims.table.no-rows", "claims.table.template", "claims.table.edition", "intake.not-template", "intake.department",
    "official.unsupported", "official.not-docx", "official.empty", "official.not-pdf", "official.pdf-password", "official.scanned",
    "official.pdf-failed", "official.too-many-pages",
}


def check_problems(problems: list[Any], file: str | None = None) -> None:
    for p in problems:
        assert p.file, p
        if file is not None:
            assert p.file == file, p
        assert p.message and p.render(), p
        if p.code not in WHOLE_FILE and not p.code.startswith("official."):
            assert p.line is not None or p.key is not None, p


# ----------------------------------------------------------------------------------------------- values

HOSTILE_STRINGS = [
    "", " ", "\t", "\n", "\r\n", "\x00", "\x07", "\x85", "\u2028", "\ufeff", "\u202e", "\u200b", "\ud7ff", "\U0001f600",
    "..", "../..", "../../city.yaml", "/etc/passwd", "C:\\Windows\\x.pdf", "C:", "\\\\srv\\share\\a.pdf", "\\a.pdf", "//srv/a",
    "~/a.pdf", "file:///etc/passwd", "a/./b", "a//b", ".", "./", "a\\..\\..\\b", "长" * 100, "a" * 300, "文件 名 (1).pdf",
    "Résumé.pdf", "Re\u0301sume\u0301.pdf", "minutes-2026.pdf", "MINUTES-2026.PDF", "folder.pdf", "evidence", "ledger/photos/before.jpg",
    "<script>alert(1)</script>", "<img src=file:///etc/passwd>", "url(file:///etc/passwd)", "=HYPERLINK(\"http://x\",\"y\")",
    "=cmd|' /C calc'!A0", "+1", "-1", "@SUM(A1)", "95%", "９５％", "0.95", "95", "1e400", "-0", "NaN", "nan", ".nan", "inf", "-inf",
    "1,000", "２０２４年１３月１日", "2024年13月1日", "2024-02-30", "2099-12-31", "1900-01-01", "20240305", "2024.3.5", "2024/3/5",
    "长期坚持", "true", "false", "yes", "no", "null", "~", "&a", "*a", "!!python/object/apply:os.system", "!include x", "{", "}",
    "[", "]", "- ", ": ", "#", "%YAML 1.1", "@", "`", "|", ">", "'", '"', "（一）", "第十二条", "（四十六）", "一、", "A级", "B",
    "aiweiban", "测试市爱卫办", "chengguan", "9" * 5000, "org-agenda", "meeting-minutes", "satisfaction-rate", "会议纪要", "模拟暗访", "乱堆乱摆",
]
texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(HOSTILE_STRINGS),
    st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE_STRINGS), st.text(max_size=12)),
    st.builds(lambda a, b: a + b, st.text(max_size=12), st.sampled_from(HOSTILE_STRINGS)),
)
numbers = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, 1, -1, 0.95, 95, 100, 100.5, 2024, 20240305, 45000, 86400, 2**63, -(2**63)]),
)
scalars = st.one_of(st.none(), st.booleans(), numbers, texts, st.dates(min_value=dt.date(1, 1, 1)))
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=12,
)
cells = st.one_of(
    st.none(), st.booleans(), texts, st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(9999, 12, 31)),
)


# ----------------------------------------------------------------------------------------------- YAML → every file model

CLAIMS = {"department": "aiweiban", "claims": [{"item": "org-agenda", "role": "lead", "contact": "周建华", "deadline": "2027-06-30"}]}
PROFILE = {
    "id": "local", "title": "本地", "provenance": {"verified": "unverified"}, "standard": "nhc-2021",
    "thresholds": {"satisfaction-rate": {"type": "threshold", "op": ">=", "value": 90, "version": "2014", "provenance": {"verified": "unverified"}}},
    "scoring": {"scheme": "deduction", "pass_ratio": 0.9, "site_types": {"主次干道": ["env-roads"]}},
}
MANIFEST = {
    "department": "aiweiban",
    "indicators": [{"indicator": "satisfaction-rate", "unit": "%", "values": {"2026": "93.5%", "2025": 0.95}}],
    "documents": [{"id": "doc", "file": "minutes-2026.pdf", "title": "纪要", "item": "org-agenda", "material": "meeting-minutes",
                   "type": "会议纪要", "issued": "2026-03-12", "period": {"start": "2026-01-01", "end": "2026-12-31"}}],
    "inspections": [{"id": "mf-1", "kind": "模拟暗访", "site_type": "主次干道", "site": "人民路", "date": "2026-11-02", "items": ["env-roads"],
                     "problems": [{"problem_class": "乱堆乱摆", "description": "杂物", "photo": "a.jpg"}]}],
    "surveys": [{"indicator": "satisfaction-rate", "year": 2026, "method": "电话", "sample_size": 1200, "rate": "93%"}],
    "vectors": [{"pest": "rat", "year": 2026, "level": "A", "sub_indicators": {"x": 1}}],
    "incidents": [{"type": "食品安全事故", "date": "2026-01-01", "description": "无"}],
    "statements": [{"item": "org-agenda", "text": "说明"}],
}
WAIVERS = {"waivers": [{"id": "w1", "item": "org-agenda", "reason": "无", "approver": "市爱卫办", "approved": "2026-01-01", "expires": "2027-01-01"}]}
INSPECTIONS = {"department": "aiweiban", "inspections": MANIFEST["inspections"]}
LEDGER_CONFIG = {"verifiers": ["aiweiban"], "deadline_days": {"严重": 3, "一般": 15}, "default_severity": "一般",
                 "classes": {"乱堆乱摆": {"severity": "一般", "duty": "属地"}}, "escalation": {"red_days": 7}}
GRIDS = {"inspection_days": 7, "grids": [{"name": "网格1", "district": "甲区", "street": "一街道", "leader": "李", "lead_unit": "chengguan", "members": ["一街道"]}]}
OVERLAY = {"standard": "nhc-2021", "source": {"file": "a.pdf", "sha256": "0" * 64}, "items": {"org-agenda": {"number": 1, "text": "原文"}}}


def _city() -> dict[str, Any]:
    return yaml.safe_load((harness.BASE / "city.yaml").read_text(encoding="utf-8"))


def _models() -> dict[str, tuple[type, dict[str, Any]]]:
    from cwassess.ledger.model import GridsFile, LedgerConfig
    from cwassess.models.city import CityFile
    from cwassess.models.claims import ClaimsFile
    from cwassess.models.evidence import EvidenceManifest, InspectionFile, WaiverFile
    from cwassess.models.overlay import OfficialOverlay
    from cwassess.models.profile import ProfileFile
    from cwassess.models.standard import DepartmentFile, IndicatorFile, SamplingFile, SectionFile, StandardFile

    bundled = harness.HOSTILE.parent.parent / "standards" / "nhc-2021"
    std = {name: yaml.safe_load((bundled / f"{name}.yaml").read_text(encoding="utf-8")) for name in ("standard", "departments", "sampling")}
    section = yaml.safe_load((bundled / "sections" / "1-organization.yaml").read_text(encoding="utf-8"))
    section["items"] = section["items"][:2]
    indicators = yaml.safe_load((bundled / "indicators.yaml").read_text(encoding="utf-8"))
    indicators["indicators"] = indicators["indicators"][:3]
    return {
        "city": (CityFile, _city()),
        "claims": (ClaimsFile, CLAIMS),
        "profile": (ProfileFile, PROFILE),
        "manifest": (EvidenceManifest, MANIFEST),
        "inspections": (InspectionFile, INSPECTIONS),
        "waivers": (WaiverFile, WAIVERS),
        "ledger-config": (LedgerConfig, LEDGER_CONFIG),
        "ledger-grids": (GridsFile, GRIDS),
        "overlay": (OfficialOverlay, OVERLAY),
        "standard": (StandardFile, std["standard"]),
        "section": (SectionFile, section),
        "indicators": (IndicatorFile, indicators),
        "departments": (DepartmentFile, std["departments"]),
        "sampling": (SamplingFile, std["sampling"]),
    }


MODELS = _models()


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """A valid document with a few values replaced, keys added or dropped, list items duplicated."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(0, 4))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        if not path:
            if draw(st.booleans()):
                return draw(values)
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "replace", "drop", "add", "dup"]))
        if action == "replace":
            parent[path[-1]] = draw(values)
        elif action == "drop":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(texts)] = draw(values)
        elif action == "dup" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    return data


def _dump(data: Any) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=80)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return repr(data)


@st.composite
def yaml_texts(draw: st.DrawFn, base: dict[str, Any]) -> str:
    """YAML a person (or an attacker) could write: a mutated valid document, dumped, then perhaps spliced with raw junk."""
    text = _dump(draw(mutated(base)))
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.one_of(st.sampled_from(HOSTILE_STRINGS), st.text(max_size=8))) + text[at:]
    if draw(st.integers(0, 9)) == 0:
        text = draw(st.text(max_size=200))
    return text


@pytest.mark.parametrize("name", sorted(MODELS))
def test_yaml_into_every_file_model(name: str) -> None:
    from cwassess.problems import has_errors
    from cwassess.validation import validate_document
    from cwassess.yamlio import parse_yaml_text

    model, base = MODELS[name]
    shown = f"ws/{name}.yaml"

    @settings(max_examples=examples(settings.default.max_examples), **SLOW)
    @given(text=yaml_texts(base))
    def run(text: str) -> None:
        doc = parse_yaml_text(text, shown)
        result = validate_document(doc, model)
        check_problems(doc.problems, shown)
        assert (result is None) == has_errors(doc.problems), [p.render() for p in doc.problems]
        if result is None:
            assert doc.problems

    run()


# ----------------------------------------------------------------------------------------------- bytes → text, and YAML from bytes


@settings(max_examples=examples(settings.default.max_examples), **SLOW)
@given(data=st.one_of(
    st.binary(max_size=300),
    st.builds(lambda t, enc: t.encode(enc, errors="replace"), st.text(max_size=80), st.sampled_from(["utf-8", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "latin-1", "gb18030", "big5"])),
    st.builds(lambda a, b: a + b, st.text(max_size=40).map(lambda t: t.encode("utf-8")), st.text(max_size=40).map(lambda t: t.encode("gbk", errors="ignore"))),
))
def test_bytes_decode(data: bytes) -> None:
    from cwassess.textio import decode_bytes
    from cwassess.yamlio import parse_yaml_text

    decoded = decode_bytes(data, "f.txt")
    assert (decoded.text is None) == bool(decoded.problems)
    check_problems(decoded.problems, "f.txt")
    for p in decoded.problems:
        assert p.code == "file.empty" or p.line is not None, p
    if decoded.text is not None:
        assert "\x00" not in decoded.text
        doc = parse_yaml_text(decoded.text, "f.txt")
        check_problems(doc.problems, "f.txt")


# ----------------------------------------------------------------------------------------------- workspaces shared by the fuzzers


@contextlib.contextmanager
def workspace() -> Iterator[tuple[Path, Any]]:
    """A copy of the base workspace at <tmp>/ws (cwd = tmp), loaded once."""
    from cwassess.loading import load_workspace

    before = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            ws = harness.fresh_workspace(Path(tmp))
            loaded = load_workspace(ws)
            assert loaded.ok
            yield ws, loaded
        finally:
            os.chdir(before)


# ----------------------------------------------------------------------------------------------- paths


def test_resolve_inside_never_leaves_the_workspace() -> None:
    from cwassess.paths import resolve_inside

    with workspace() as (ws, _):
        root = ws.resolve()
        outside = root.parent / "outside"
        outside.mkdir()
        (outside / "secret.pdf").write_bytes(b"%PDF-secret")
        (root / "evidence" / "aiweiban" / "link.pdf").symlink_to(outside / "secret.pdf")
        (root / "evidence" / "aiweiban" / "dirlink").symlink_to(outside, target_is_directory=True)
        base = root / "evidence" / "aiweiban"
        parts = st.one_of(st.sampled_from(["..", ".", "", "link.pdf", "dirlink", "secret.pdf", "minutes-2026.pdf", "长" * 90, "\x00", "C:", "~"]), st.text(max_size=12))

        @settings(max_examples=examples(settings.default.max_examples), **SLOW)
        @given(written=st.one_of(texts, st.lists(parts, max_size=5).map("/".join), st.lists(parts, max_size=5).map("\\".join)))
        def run(written: str) -> None:
            real, refused = resolve_inside(root, base, written)
            assert (real is None) != (refused is None)
            if real is not None:
                assert "\x00" not in str(real), f"a path with a NUL byte is accepted: {written!r}"
                assert real.is_relative_to(root), (written, real)
                assert real.resolve().is_relative_to(root), (written, real)
            else:
                assert isinstance(refused, str) and refused

        run()


def test_ledger_photo_paths_never_leave_the_workspace() -> None:
    from cwassess.ledger.photos import check_photo

    with workspace() as (ws, _):
        root = ws.resolve()
        outside = root.parent / "outside"
        outside.mkdir()
        (outside / "x.jpg").write_bytes(b"\xff\xd8\xff\xe0")
        (root / "ledger" / "photos" / "out.jpg").symlink_to(outside / "x.jpg")

        @settings(max_examples=examples(settings.default.max_examples), **SLOW)
        @given(written=st.one_of(texts, st.lists(st.sampled_from(["ledger", "photos", "before.jpg", "out.jpg", "..", "/", "\x00", "长" * 90]), max_size=4).map("/".join)),
               base=st.sampled_from(["root", "photos", "outside"]))
        def run(written: str, base: str) -> None:
            where = {"root": root, "photos": root / "ledger" / "photos", "outside": outside}[base]
            rel, message = check_photo(root, written, where)
            assert (rel is None) != (message is None)
            if rel is not None:
                assert (root / rel).resolve().is_relative_to(root), (written, rel)

        run()


# ----------------------------------------------------------------------------------------------- evidence manifests


@st.composite
def manifests(draw: st.DrawFn) -> str:
    data = draw(mutated(MANIFEST))
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        for doc in data["documents"]:
            if isinstance(doc, dict) and draw(st.booleans()):
                doc["file"] = draw(st.one_of(st.sampled_from(HOSTILE_STRINGS), st.lists(st.sampled_from(["..", "minutes-2026.pdf", "a", "长" * 90, "\x00", ""]), max_size=4).map("/".join)))
    if isinstance(data, dict) and isinstance(data.get("indicators"), list):
        for ind in data["indicators"]:
            if isinstance(ind, dict) and draw(st.booleans()):
                ind["values"] = draw(st.dictionaries(st.one_of(texts, st.sampled_from(["2024", "2025年", "二〇二五"])), scalars, max_size=4))
    return _dump(data)


def test_evidence_manifests() -> None:
    from cwassess.evidence.load import load_evidence

    with workspace() as (ws, loaded):
        target = ws / "evidence" / "aiweiban" / "manifest.yaml"

        @settings(max_examples=examples(settings.default.max_examples), **SLOW)
        @given(text=manifests())
        def run(text: str) -> None:
            target.write_text(text, encoding="utf-8")
            evidence, problems = load_evidence(loaded, harness.TODAY)
            check_problems(problems)
            root = ws.resolve()
            for doc in evidence.documents:
                if doc.usable:
                    assert (Path.cwd() / doc.file).resolve().is_relative_to(root), doc.file

        run()


# ----------------------------------------------------------------------------------------------- claims and profile files in a workspace


@pytest.mark.parametrize("kind", ["claims", "profile"])
def test_workspace_claims_and_profiles(kind: str) -> None:
    from cwassess import loading

    with workspace() as (ws, loaded):
        target = ws / ("claims/aiweiban.yaml" if kind == "claims" else "profiles/local.yaml")
        target.parent.mkdir(exist_ok=True)
        base = CLAIMS if kind == "claims" else PROFILE

        @settings(max_examples=examples(settings.default.max_examples), **SLOW)
        @given(text=yaml_texts(base))
        def run(text: str) -> None:
            target.write_text(text, encoding="utf-8")
            fresh = loading.Workspace(root=ws, city=loaded.city, standard=loaded.standard)
            if kind == "claims":
                loading._load_claims(fresh)
            else:
                loading._load_profiles(fresh, loaded.standard)
            check_problems(fresh.problems)

        run()


# ----------------------------------------------------------------------------------------------- spreadsheets: importers from random cells

CLAIMS_HEAD = ["序号", "项目", "内容", "检查内容、标准及达到效果", "分管市领导", "牵头部门", "配合（承办）部门", "达标时间", "责任人"]
LEDGER_HEAD = ["来源", "发现日期", "区", "街道", "网格", "地址", "点位类型", "条目", "问题类别", "问题描述", "照片", "责任单位", "整改期限", "严重程度"]
IND_HEAD = ["指标编号", "指标名称", "单位", "要求", "年份", "数值", "数据来源"]
DOC_HEAD = ["文件编号", "条目编号", "条目", "材料编号", "材料名称", "文件类型", "标题", "文件路径", "发文单位", "文号", "发文日期", "生效日期", "覆盖开始", "覆盖结束"]
STMT_HEAD = ["条目编号", "条目", "自评说明"]
LIKELY = {
    "牵头部门": ["测试市爱卫办", "爱卫办", "chengguan", "测试市爱卫办、测试市城管局", "不存在局"], "内容": ["（一）", "（二）", "第十二条", "（四十六）", "12"],
    "发现日期": ["2026-11-10", "2026年11月10日", 46000, "2099-01-01"], "问题描述": ["杂物", "<script>"], "照片": ["ledger/photos/before.jpg", "../city.yaml"],
    "指标编号": ["satisfaction-rate", "road-lighting-rate", "x"], "年份": [2026, "2025年", "二〇二五"], "数值": ["95%", 0.95, "９５％", -1],
    "条目编号": ["org-agenda", "org-annual-work", "env-roads"], "材料编号": ["meeting-minutes", "campaign-records"], "文件路径": ["minutes-2026.pdf", "../../city.yaml", "长" * 90],
    "点位类型": ["主次干道", "小餐饮店"], "问题类别": ["乱堆乱摆"], "街道": ["一街道", "三街道"], "区": ["甲区"], "来源": ["模拟暗访", "投诉"],
}


@st.composite
def tables(draw: st.DrawFn, header: list[str], max_rows: int = 6) -> list[list[Any]]:
    """A header (perhaps shuffled, perhaps short, perhaps below junk rows) and rows of random or likely cells."""
    head = list(header)
    if draw(st.booleans()):
        head = draw(st.permutations(head))
    if draw(st.integers(0, 4)) == 0:
        head = head[: draw(st.integers(0, len(head)))]
    rows: list[list[Any]] = [[draw(cells) for _ in range(draw(st.integers(0, 3)))] for _ in range(draw(st.integers(0, 2)))]
    rows.append(list(head))
    for _ in range(draw(st.integers(0, max_rows))):
        rows.append([draw(st.one_of(cells, st.sampled_from(LIKELY.get(h, [None])))) for h in head] + [draw(cells) for _ in range(draw(st.integers(0, 2)))])
    return rows


def _book(file: str, sheets: dict[str, list[list[Any]]]) -> Any:
    """An in-memory Workbook as the reader would return it (values exactly as a spreadsheet cell holds them)."""
    from cwassess.sheets import DEFAULT_LIMITS, Sheet, Workbook, _collect_rows

    book = Workbook(file=file, kind="xlsx")
    for name, rows in sheets.items():
        sheet = Sheet(name=name)
        _collect_rows(book, sheet, iter(enumerate(rows, start=1)), DEFAULT_LIMITS)
        book.sheets.append(sheet)
    return book


def test_claims_import_from_random_cells() -> None:
    from cwassess.claims import import_table
    from cwassess.sheets import table_from_workbook

    with workspace() as (ws, loaded):

        @settings(max_examples=examples(settings.default.max_examples), **SLOW)
        @given(rows=tables(CLAIMS_HEAD))
        def run(rows: list[list[Any]]) -> None:
            book = _book("t.xlsx", {"任务分解表": rows})
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(import_table, "read_table", lambda path, spec, shown, limits: table_from_workbook(book, spec, limits))
                result = import_table.prepare_import(loaded, Path("t.xlsx"), "t.xlsx")
            check_problems(result.problems, "t.xlsx")
            assert result.rows == result.valid_rows + result.invalid_rows + result.skipped_rows

        run()


def test_evidence_import_from_random_cells() -> None:
    from cwassess.evidence import intake

    with workspace() as (ws, loaded):

        @settings(max_examples=examples(settings.default.max_examples), **SLOW)
        @given(indicators=tables(IND_HEAD), documents=tables(DOC_HEAD), statements=tables(STMT_HEAD, 3), which=st.sets(st.sampled_from(["指标", "文件", "自评说明", "其他"])))
        def run(indicators: list[list[Any]], documents: list[list[Any]], statements: list[list[Any]], which: set[str]) -> None:
            sheets = {"指标": indicators, "文件": documents, "自评说明": statements, "其他": [["x"]]}
            book = _book("e.xlsx", {k: v for k, v in sheets.items() if k in which})
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(intake, "read_workbook", lambda path, display, limits: book)
                plan = intake.plan_intake(Path("e.xlsx"), "e.xlsx", loaded.root, loaded.standard, "aiweiban", None)
            check_problems(plan.problems, "e.xlsx")
            root = ws.resolve()
            for source, _ in plan.store:
                assert source.resolve().is_relative_to(root), source
            for doc in plan.manifest.documents:
                assert (root / "evidence" / "aiweiban" / doc.file).resolve().is_relative_to(root), doc.file

        run()


def test_ledger_import_from_random_cells() -> None:
    from cwassess.ledger import importing
    from cwassess.ledger.service import open_context
    from cwassess.sheets import table_from_workbook

    with workspace() as (ws, loaded):
        ctx, problems = open_context(loaded, harness.TODAY)
        assert ctx is not None, problems

        @settings(max_examples=examples(settings.default.max_examples), **SLOW)
        @given(rows=tables(LEDGER_HEAD), source=st.one_of(st.none(), texts))
        def run(rows: list[list[Any]], source: str | None) -> None:
            book = _book("l.xlsx", {"问题": rows})
            with pytest.MonkeyPatch.context() as mp:
                mp.setattr(importing, "read_table", lambda path, spec, shown, limits: table_from_workbook(book, spec, limits))
                result = importing.prepare(ctx, Path("l.xlsx"), "l.xlsx", source)
            check_problems(result.problems, "l.xlsx")
            root = ws.resolve()
            for row in result.valid:
                for photo in row.data["photos"]:
                    assert (root / photo).resolve().is_relative_to(root), photo

        run()


# ----------------------------------------------------------------------------------------------- spreadsheets: the real reader (files)


def _xlsx(rows: list[list[Any]]) -> bytes:
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
                                     "nan_inf_to_errors": True})
    book.set_properties({"created": dt.datetime(2026, 1, 1)})  # the same cells give the same bytes (hypothesis replays)
    sheet = book.add_worksheet("表")
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif isinstance(value, (dt.date, dt.datetime)):
                sheet.write_datetime(r, c, value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time()), date_format)
            else:
                sheet.write(r, c, value)
    book.close()
    return out.getvalue()


def _csv(rows: list[list[Any]], encoding: str) -> bytes:
    import csv

    out = io.StringIO()
    csv.writer(out).writerows([["" if v is None else str(v) for v in row] for row in rows])
    return out.getvalue().encode(encoding, errors="replace")


@st.composite
def spreadsheet_bytes(draw: st.DrawFn) -> tuple[bytes, str]:
    """A real .xlsx or .csv of random cells under a real header; sometimes damaged, sometimes not a spreadsheet at all."""
    rows = draw(tables(draw(st.sampled_from([CLAIMS_HEAD, LEDGER_HEAD, DOC_HEAD])), 4))
    kind = draw(st.sampled_from(["xlsx", "xlsx", "csv", "csv", "junk"]))
    if kind == "xlsx":
        data = _xlsx(rows)
        if draw(st.integers(0, 3)) == 0:  # damage it: flip, cut or splice bytes
            at = draw(st.integers(0, len(data) - 1))
            data = data[:at] + draw(st.binary(max_size=8)) + data[at + draw(st.integers(0, 64)):]
        return data, ".xlsx"
    if kind == "csv":
        return _csv(rows, draw(st.sampled_from(["utf-8", "gbk", "utf-8-sig", "utf-16"]))), ".csv"
    return draw(st.binary(max_size=200)), draw(st.sampled_from([".xlsx", ".xls", ".csv", ".ods"]))


def test_spreadsheet_files_through_every_importer() -> None:
    """End to end through the real reader (calamine in its child process): slower, so CI runs fewer examples."""
    from cwassess.claims.import_table import prepare_import
    from cwassess.evidence.intake import plan_intake
    from cwassess.ledger.importing import prepare
    from cwassess.ledger.service import open_context
    from cwassess.sheets import read_workbook

    with workspace() as (ws, loaded):
        ctx, _ = open_context(loaded, harness.TODAY)
        assert ctx is not None

        @settings(max_examples=examples(40), **SLOW)
        @given(sheet=spreadsheet_bytes(), importer=st.sampled_from(["workbook", "claims", "evidence", "ledger"]))
        def run(sheet: tuple[bytes, str], importer: str) -> None:
            data, suffix = sheet
            path = Path(f"in{suffix}")
            path.write_bytes(data)
            note(f"{importer} {suffix} {len(data)} bytes")
            if importer == "workbook":
                problems = read_workbook(path, path.name).problems
            elif importer == "claims":
                problems = prepare_import(loaded, path, path.name).problems
            elif importer == "evidence":
                problems = plan_intake(path, path.name, loaded.root, loaded.standard, "aiweiban", None).problems
            else:
                problems = prepare(ctx, path, path.name).problems
            check_problems(problems, path.name)

        run()


# ----------------------------------------------------------------------------------------------- official documents

STRUCTURE = [
    "一、爱国卫生组织管理", "二、健康教育和健康促进", "（一）", "（二）", "（十二）", "（四十五）", "（四十六）", "第一条", "1.", "附件", "国家卫生城市标准",
    "— 3 —", "- 12 -", "\f", "全爱卫发〔2021〕6号", "（一）爱国卫生工作纳入各级党委和政府议事日程。", "七、疾病防控与公共卫生",
]


@settings(max_examples=examples(settings.default.max_examples), **SLOW)
@given(lines=st.lists(st.one_of(st.sampled_from(STRUCTURE), texts, st.builds(lambda a, b: a + b, st.sampled_from(STRUCTURE), texts)), max_size=60),
       locator=st.sampled_from(["line", "paragraph", "page"]))
def test_official_text_parser(lines: list[str], locator: str) -> None:
    from cwassess.official.parse import parse_official

    parsed = parse_official("\n".join(lines), file="o.txt", locator=locator, expected_items=45, expected_sections=7)  # type: ignore[arg-type]
    check_problems(parsed.problems, "o.txt")
    for item in parsed.items:
        assert 1 <= item.number


@functools.cache
def _pdfs() -> list[bytes]:
    from tests.hostile import make_corpus

    return [make_corpus.pdf(1), make_corpus.pdf_count_lie(), make_corpus.pdf_kids_loop(), make_corpus.pdf(2, text="abc")]


@st.composite
def official_bytes(draw: st.DrawFn) -> tuple[bytes, str]:
    from tests.hostile import make_corpus

    kind = draw(st.sampled_from(["txt", "docx", "pdf"]))
    text = "\n".join(draw(st.lists(st.one_of(st.sampled_from(STRUCTURE), texts), max_size=12)))
    if kind == "txt":
        data = text.encode(draw(st.sampled_from(["utf-8", "gbk", "utf-16", "utf-8-sig"])), errors="replace")
    elif kind == "docx":
        from xml.sax.saxutils import escape

        paragraphs = "".join(f"<w:p><w:r><w:t>{escape(''.join(c for c in line if c.isprintable()))}</w:t></w:r></w:p>" for line in text.split("\n"))
        data = make_corpus.docx(paragraphs)
    else:
        data = draw(st.sampled_from(_pdfs()))
    if draw(st.integers(0, 2)) == 0:
        at = draw(st.integers(0, max(0, len(data) - 1)))
        data = data[:at] + draw(st.binary(max_size=16)) + data[at + draw(st.integers(0, 32)):]
    return data, kind


@settings(max_examples=examples(100), **SLOW)
@given(doc=official_bytes())
def test_official_documents(doc: tuple[bytes, str]) -> None:
    from cwassess.official.extract import extract_bytes

    data, kind = doc
    extracted = extract_bytes(data, kind, f"o.{kind}", f"o.{kind}")  # type: ignore[arg-type]
    assert (extracted.text is None) == bool([p for p in extracted.problems if p.severity == "error"])
    check_problems(extracted.problems, f"o.{kind}")


# ----------------------------------------------------------------------------------------------- cell and value parsers


@settings(max_examples=examples(settings.default.max_examples), **SLOW)
@given(value=st.one_of(scalars, cells), unit=st.sampled_from(["%", "‰", "级", "有/无", "天", "1/10万", "µg/m³", "个", "m²/人", "x"]), deadline=st.booleans())
def test_value_and_date_parsers(value: Any, unit: str, deadline: bool) -> None:
    from cwassess.evidence.values import parse_value, parse_year
    from cwassess.normalize import cell_text, parse_date, split_names

    parsed = parse_value(value, unit)
    assert (parsed.error is None) == (parsed.value is not None)
    if isinstance(parsed.value, float):
        assert parsed.value == parsed.value and parsed.value not in (float("inf"), float("-inf")) and parsed.value >= 0
        if unit == "%":
            assert parsed.value <= 100
    parse_year(value)
    date, message = parse_date(value, deadline=deadline)
    assert date is None or message is None
    if date is not None:
        assert 1990 <= date.year <= 2100
    cell_text(value)
    split_names(value)


# ----------------------------------------------------------------------------------------------- sanity of this file


def test_the_fuzz_profile_is_10000_examples() -> None:
    assert settings.get_profile("fuzz").max_examples == 10_000
    assert settings.get_profile("ci").max_examples <= 500
