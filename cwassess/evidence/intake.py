"""Reading a filled evidence template back into the department's manifest: every row checked, atomically.

Intake records each file's sha256 and keeps a copy of its content in the workspace store
(.cwassess/store/), so a later resubmission of the same document never loses the earlier version.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from cwassess.evidence.content import check_content, suffixes_for, too_large
from cwassess.evidence.load import EVIDENCE_DIR, MANIFEST
from cwassess.evidence.template import DOCUMENT_SHEET, DOCUMENT_SPEC, INDICATOR_SHEET, INDICATOR_SPEC, STATEMENT_SHEET, STATEMENT_SPEC, TEMPLATE_ID
from cwassess.evidence.values import parse_value, parse_year
from cwassess.fileio import sha256_file, write_atomic
from cwassess.models.evidence import DOC_TYPES, DocumentEntry, EvidenceManifest, IndicatorEntry, Period, Statement
from cwassess.models.limits import DEFAULT_INPUT_LIMITS, InputLimits
from cwassess.normalize import cell_text, is_blank, parse_date
from cwassess.paths import resolve_inside
from cwassess.problems import Problem
from cwassess.sheets import DEFAULT_LIMITS, META_SHEET, Limits, Record, Workbook, read_meta, read_workbook, table_from_workbook
from cwassess.standard.model import Standard
from cwassess.textio import os_error_zh
from cwassess.validation import did_you_mean
from cwassess.workspace import schema_ref
from cwassess.yamlio import dump_yaml

STORE_DIR = Path(".cwassess") / "store"
HISTORY_DIR = Path(".cwassess") / "history" / "evidence"


@dataclass
class IntakePlan:
    manifest: EvidenceManifest
    problems: list[Problem] = field(default_factory=list)
    added_values: int = 0
    changed_values: int = 0
    added_documents: int = 0
    new_versions: int = 0
    statements: int = 0
    rejected_rows: int = 0
    store: list[tuple[Path, str]] = field(default_factory=list)  # files to copy into the store, by sha256
    changed: bool = False  # False: `manifest` is the one read, and writing it would only lose its comments


def _only(book: Workbook, name: str) -> Workbook:
    return dataclasses.replace(book, sheets=[s for s in book.sheets if s.name == name], problems=[])


def _date(record: Record, name: str, problems: list[Problem]) -> str | None:
    value = record.values.get(name)
    if is_blank(value):
        return None
    parsed, error = parse_date(value)
    if error:
        problems.append(record.problem("intake.date", error, name))
        return None
    return parsed.isoformat() if parsed else None


class _Intake:
    def __init__(self, root: Path, std: Standard, dept: str, manifest: EvidenceManifest | None, limits: InputLimits) -> None:
        self.root = root
        self.limits = limits
        self.std = std
        self.dept = dept
        self.folder = root / EVIDENCE_DIR / dept
        self.old = manifest or EvidenceManifest(department=dept)
        self.plan = IntakePlan(manifest=self.old)
        self.indicators: dict[str, IndicatorEntry] = {e.indicator: e for e in self.old.indicators}
        self.documents: dict[str, DocumentEntry] = {d.id: d for d in self.old.documents}
        self.statements: dict[str, str] = {s.item: s.text for s in self.old.statements}
        self.before = (dict(self.indicators), dict(self.documents), dict(self.statements))

    def indicator(self, record: Record) -> None:
        problems: list[Problem] = list(record.problems)
        if is_blank(record.values.get("value")):
            return
        ind_id = cell_text(record.values.get("indicator"))
        if ind_id:
            ind = self.std.indicators_by_id.get(ind_id)
        else:  # a row a person added by hand may carry only the indicator's name
            ind = {i.name: i for i in self.std.indicators}.get(cell_text(record.values.get("name")))
        if ind is None:
            guess = did_you_mean(ind_id, list(self.std.indicators_by_id))
            problems.append(record.problem("ref.indicator", f"未知指标“{ind_id}”" + (f"，是否想写“{guess}”？" if guess else ""), "indicator"))
            return self._reject(problems)
        unit = cell_text(record.values.get("unit"))
        if unit and unit.replace("％", "%") != ind.unit:
            problems.append(record.problem("intake.unit", f"单位与指标“{ind.name}”不一致", "unit", expected=ind.unit, found=unit))
        year = parse_year(record.values.get("year"))
        if year is None:
            problems.append(record.problem("intake.year", f"无法识别的年份“{cell_text(record.values.get('year'))}”", "year", expected="如 2025"))
        raw = record.values.get("value")
        parsed = parse_value(raw, ind.unit)
        if parsed.error:
            problems.append(record.problem("intake.value", parsed.error, "value"))
        if problems:
            return self._reject(problems)
        entry = self.indicators.get(ind.id) or IndicatorEntry(indicator=ind.id, values={}, unit=ind.unit)
        key = str(year)
        stored = raw if isinstance(raw, (int, float)) and not isinstance(raw, bool) else cell_text(raw)
        if key in entry.values:
            if entry.values[key] != stored:
                self.plan.changed_values += 1
        else:
            self.plan.added_values += 1
        source = cell_text(record.values.get("source")) or entry.source
        self.indicators[ind.id] = entry.model_copy(update={"values": {**entry.values, key: stored}, "source": source})

    def document(self, record: Record) -> None:
        problems: list[Problem] = list(record.problems)
        if is_blank(record.values.get("file")):
            return
        item_id = cell_text(record.values.get("item"))
        item = self.std.items_by_id.get(item_id)
        if item is None:
            guess = did_you_mean(item_id, list(self.std.items_by_id))
            problems.append(record.problem("ref.item", f"未知条目“{item_id}”" + (f"，是否想写“{guess}”？" if guess else ""), "item"))
            return self._reject(problems)
        mat_id = cell_text(record.values.get("material"))
        material = next((m for m in item.materials if m.id == mat_id), None)
        if material is None:
            guess = did_you_mean(mat_id, [m.id for m in item.materials])
            problems.append(record.problem("ref.material", f"条目“{item.id}”没有材料“{mat_id}”" + (f"，是否想写“{guess}”？" if guess else ""), "material"))
            return self._reject(problems)
        doc_type = cell_text(record.values.get("type")) or (material.doc_types[0] if material.doc_types else "")
        if doc_type not in DOC_TYPES:
            problems.append(record.problem("intake.type", f"未知文件类型“{doc_type}”", "type", expected="、".join(DOC_TYPES)))
        title = cell_text(record.values.get("title")) or material.title
        written = cell_text(record.values.get("file"))
        real, digest = self._file(record, written, material.formats, problems)
        issued = _date(record, "issued", problems)
        effective = _date(record, "effective", problems)
        start = _date(record, "period_start", problems)
        end = _date(record, "period_end", problems)
        if (start is None) != (end is None) and not problems:
            problems.append(record.problem("intake.period", "覆盖时间段须同时填写开始和结束", "period_start" if start is None else "period_end"))
        if problems or real is None or digest is None:
            return self._reject(problems)
        doc_id = cell_text(record.values.get("id")) or self._new_id(material.id)
        previous = self.documents.get(doc_id)
        history = list(previous.previous) if previous else []
        if previous is None:
            self.plan.added_documents += 1
        elif previous.sha256 and previous.sha256 != digest:
            history.append(previous.sha256)
            self.plan.new_versions += 1
        try:
            entry = DocumentEntry(
                id=doc_id, file=written, title=title, item=item.id, material=material.id, type=doc_type,  # type: ignore[arg-type]
                issuer=cell_text(record.values.get("issuer")) or None, doc_number=cell_text(record.values.get("doc_number")) or None,
                issued=issued, effective=effective, period=Period(start=start, end=end) if start and end else None,
                sha256=digest, previous=history,
            )
        except ValueError as exc:
            problems.append(record.problem("intake.row", f"无法读取此行：{exc.errors()[0]['msg'] if hasattr(exc, 'errors') else exc}"))
            return self._reject(problems)
        self.documents[doc_id] = entry
        self.plan.store.append((real, digest))

    def _file(self, record: Record, written: str, formats: list[str], problems: list[Problem]) -> tuple[Path | None, str | None]:
        """The file a row names and its sha256, after the checks `evidence check` makes; problems go to `problems`."""
        real, refused = resolve_inside(self.root, self.folder, written)
        if real is None:
            problems.append(record.problem("intake.path", refused or "路径无效", "file"))
            return None, None
        suffix = real.suffix.lower()
        if suffix not in suffixes_for(formats):
            shown = suffix or "无扩展名"
            problems.append(record.problem("intake.format", f"格式“{shown}”不在该材料允许的格式内", "file", expected="、".join(formats), found=shown))
            return None, None
        try:
            if not real.is_file():
                problems.append(record.problem("intake.missing-file", f"文件不存在：{written}（请先放入 {EVIDENCE_DIR}/{self.dept}/ 目录）", "file"))
                return None, None
            size = real.stat().st_size
            if size == 0:
                problems.append(record.problem("intake.empty-file", "文件为空（0 字节）", "file"))
                return None, None
            finding = too_large(size, self.limits) or check_content(real, self.limits)
            if finding is not None:
                code = finding.code.replace("evidence.", "intake.", 1)
                problem = record.problem(code, finding.message, "file", severity=finding.severity, **finding.details())
                if finding.severity == "error":
                    problems.append(problem)
                    return None, None
                self.plan.problems.append(problem)  # a warning (a PDF qpdf can repair) does not refuse the row
            return real, sha256_file(real)
        except OSError as exc:  # a name too long for the file system, a file that cannot be read
            problems.append(record.problem("intake.unreadable", f"无法读取文件：{os_error_zh(exc)}", "file"))
            return None, None

    def statement(self, record: Record) -> None:
        text = cell_text(record.values.get("text"))
        if not text:
            return
        item_id = cell_text(record.values.get("item"))
        if item_id not in self.std.items_by_id:
            guess = did_you_mean(item_id, list(self.std.items_by_id))
            return self._reject([record.problem("ref.item", f"未知条目“{item_id}”" + (f"，是否想写“{guess}”？" if guess else ""), "item")])
        if self.statements.get(item_id) != text:
            self.plan.statements += 1
        self.statements[item_id] = text

    def _new_id(self, material: str) -> str:
        n = 1
        while f"{material}-{n}" in self.documents:
            n += 1
        return f"{material}-{n}"

    def _reject(self, problems: list[Problem]) -> None:
        self.plan.problems.extend(problems)
        self.plan.rejected_rows += 1

    def finish(self) -> IntakePlan:
        self.plan.changed = (self.indicators, self.documents, self.statements) != self.before
        if not self.plan.changed:
            return self.plan
        self.plan.manifest = self.old.model_copy(
            update={
                "indicators": sorted(self.indicators.values(), key=lambda e: e.indicator),
                "documents": list(self.documents.values()),
                "statements": [Statement(item=k, text=v) for k, v in sorted(self.statements.items())],
            }
        )
        return self.plan


def plan_intake(
    path: Path, display: str, root: Path, std: Standard, dept: str, manifest: EvidenceManifest | None,
    sheet_limits: Limits = DEFAULT_LIMITS, limits: InputLimits = DEFAULT_INPUT_LIMITS,
) -> IntakePlan:
    """Read a filled template; every row checked, nothing written. Limits: the workspace's (ws.sheet_limits, ws.limits)."""
    intake = _Intake(root, std, dept, manifest, limits)
    book = read_workbook(path, display, sheet_limits)
    intake.plan.problems.extend(book.problems)
    if book.kind is None:
        return intake.plan
    for sheet_name, spec, handler in (
        (INDICATOR_SHEET, INDICATOR_SPEC, intake.indicator),
        (DOCUMENT_SHEET, DOCUMENT_SPEC, intake.document),
        (STATEMENT_SHEET, STATEMENT_SPEC, intake.statement),
    ):
        if book.sheet(sheet_name) is None:
            continue
        table = table_from_workbook(_only(book, sheet_name), spec)
        intake.plan.problems.extend(p for p in table.problems if p.code != "sheet.empty")
        for record in table.records:
            handler(record)
    if not any(book.sheet(n) for n in (INDICATOR_SHEET, DOCUMENT_SHEET, STATEMENT_SHEET)):
        intake.plan.problems.append(
            Problem(code="intake.not-template", file=display, message=f"不是证据填报模板：找不到“{INDICATOR_SHEET}”“{DOCUMENT_SHEET}”或“{STATEMENT_SHEET}”工作表")
        )
    meta_sheet = book.sheet(META_SHEET)
    if meta_sheet is not None:
        meta = read_meta(meta_sheet)
        if meta.get("template") == TEMPLATE_ID and meta.get("department") not in (None, dept):
            intake.plan.problems.append(
                Problem(code="intake.department", file=display, message="这份模板属于另一个部门", expected=dept, found=meta.get("department"))
            )
    return intake.finish()


MANIFEST_HEADER = "# yaml-language-server: $schema={schema}\n# {dept} 的证据清单：由 cwassess evidence import 写入，也可直接编辑；修改后运行 cwassess evidence check。\n"


def apply_intake(root: Path, dept: str, plan: IntakePlan, now: dt.datetime) -> Path:
    """Store file contents, keep the previous manifest, then replace the manifest atomically.

    An OSError (disk full, read-only share) leaves the manifest as it was; store copies already made stay,
    as they are named by their content and harm nothing.
    """
    folder = root / EVIDENCE_DIR / dept
    for source, digest in plan.store:
        target = root / STORE_DIR / digest[:2] / f"{digest}{source.suffix.lower()}"
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(target.suffix + ".tmp")
            try:
                shutil.copyfile(source, tmp)
                tmp.replace(target)
            finally:
                tmp.unlink(missing_ok=True)
    manifest_path = folder / MANIFEST
    data = plan.manifest.model_dump(mode="json", exclude_defaults=True)
    data = {"department": dept, **data}
    header = MANIFEST_HEADER.format(schema=schema_ref(folder, "evidence.schema.json"), dept=dept)
    kept: Path | None = None
    try:
        if manifest_path.is_file():
            history = root / HISTORY_DIR / dept
            history.mkdir(parents=True, exist_ok=True)
            kept = history / f"{now:%Y%m%d-%H%M%S-%f}-{MANIFEST}"
            shutil.copyfile(manifest_path, kept)
        write_atomic(manifest_path, header + dump_yaml(data))
    except BaseException:
        if kept is not None:  # the manifest is unchanged: its copy in the history would only mislead
            kept.unlink(missing_ok=True)
        raise
    return manifest_path
