"""Which documents go into which box, in which order. Pure: models in, a Packet out; no file is opened here.

One box per applicable item, in the standard's order. A box holds, after its cover, TOC and 自评说明, the item's
ACCEPTED documents (usable, of an accepted type, inside their material's window, as document_present counts
them), grouped by the kind of their material in the fixed order 文件 → 会议 → 台账 → 数据 → 影像 → 宣传, newest
first within a kind. Photos (jpg/png) become photo pages; two photos that name each other (paired_with) with the
stages 整改前/整改后 share one page, side by side. Other electronic files (xlsx, docx, ofd) get a page that says
so, with the original embedded in the PDF.

Placeholders (a marked page each, at the end of their kind):
- a required material that is 缺失, 已过期 or 已提交 but incomplete (the engine's finding says which), with the
  responsible departments, contact and deadline (from the 缺口清单's owners);
- a document that would count but whose file cannot be used (empty, wrong content for its extension, a format
  the material does not allow, outside the workspace, changed since it was registered …).
Optional materials, waived materials and materials whose condition does not hold get no placeholder.

The fingerprint of a box is the sha256 of its whole plan (every field shown on its pages, every source's sha256)
and the tool and format versions: a box is rebuilt exactly when its fingerprint changes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cwassess import __version__
from cwassess.engine.results import ItemResult, ScoreResult
from cwassess.evidence.model import Document, Evidence
from cwassess.evidence.validity import in_window
from cwassess.models.city import CityFile
from cwassess.models.claims import ClaimsFile
from cwassess.models.common import KIND_ZH, VERIFIED_ZH
from cwassess.models.standard import MATERIAL_KINDS, Item, Material
from cwassess.packet import FORMAT_VERSION
from cwassess.standard.model import Standard

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png")
PDF_SUFFIXES = (".pdf",)
BEFORE, AFTER = "整改前", "整改后"
KIND_HEADINGS = {"文件": "文件类", "会议": "会议类", "台账": "工作记录/台账类", "数据": "数据类", "影像": "影像类", "宣传": "宣传类"}
PLACEHOLDER_STATES = frozenset({"缺失", "已提交", "已过期"})


@dataclass(frozen=True)
class Source:
    """One submitted file as the packet shows and checks it."""

    document: str  # "<department>/<id>": unique in the workspace
    department: str
    department_name: str
    title: str
    type: str
    file: str  # workspace-relative POSIX path (as written when it points outside)
    sha256: str | None
    size: int | None
    issuer: str | None = None
    doc_number: str | None = None
    date: str | None = None  # ISO date that orders it: effective, else issued, else the end of its period
    period: str | None = None  # "2025-01-01—2025-12-31"
    stage: str | None = None
    place: str | None = None
    problem: str | None = None  # why the file cannot be used (only for "bad" entries)

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.file).suffix.lower()


@dataclass(frozen=True)
class Owner:
    """Who has to supply a missing material, and by when (from the 缺口清单)."""

    department: str
    contact: str | None
    deadline: str  # ISO date
    overdue: bool


@dataclass(frozen=True)
class Entry:
    """One line of a box's TOC: a submitted PDF, a photo (or a before/after pair), another file, or a placeholder."""

    kind: str  # material kind: 文件 会议 台账 数据 影像 宣传
    type: str  # pdf | photo | pair | file | missing | bad
    material: str
    material_title: str
    title: str
    date: str | None
    sources: tuple[Source, ...] = ()
    reason: str | None = None  # placeholders: what is missing and why
    need: str | None = None  # placeholders: what the standard asks for
    owners: tuple[Owner, ...] = ()

    @property
    def placeholder(self) -> bool:
        return self.type in ("missing", "bad")

    @property
    def heading(self) -> str:
        if self.type == "missing":
            return f"缺：{self.material_title}"
        if self.type == "bad":
            return f"缺：{self.title}（文件无法使用）"
        return self.title


@dataclass(frozen=True)
class Statement:
    department: str
    text: str


@dataclass(frozen=True)
class IndicatorLine:
    name: str
    values: str


@dataclass(frozen=True)
class Box:
    seq: int
    item: str
    number: int
    label: str  # （十）
    section_number: str  # 三
    section_title: str
    title: str
    text: str
    text_verified: bool
    verified_zh: str
    city: str
    kind_zh: str
    issuer: str
    lead: str | None
    support: tuple[str, ...]
    contact: str | None
    period_start: str | None
    period_end: str | None
    waiver: str | None
    statements: tuple[Statement, ...]
    indicators: tuple[IndicatorLine, ...]
    entries: tuple[Entry, ...]
    statement_owner: Owner | None = None

    @property
    def code(self) -> str:
        """三-（十）: how the box is labelled on its spine and in page labels."""
        return f"{self.section_number}-{self.label}"

    @property
    def file_name(self) -> str:
        return f"{self.seq:02d}-{self.item}.pdf"

    @property
    def packet_date(self) -> str | None:
        """The newest date of the box's sources: the date its files carry (never the build day)."""
        return self.period_end

    def fingerprint(self) -> str:
        # repr of frozen dataclasses of strings, numbers and tuples: every field, in a fixed order, and five times
        # cheaper than asdict + json
        return hashlib.sha256(f"{__version__}|{FORMAT_VERSION}|{self!r}".encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Packet:
    city: str
    kind_zh: str
    issuer: str
    assessment_date: str
    boxes: tuple[Box, ...]
    skipped: tuple[str, ...] = field(default=())  # items without a box (not applicable), for the report

    @property
    def packet_date(self) -> str:
        dates = [b.packet_date for b in self.boxes if b.packet_date]
        return max(dates) if dates else self.assessment_date


# -- helpers ------------------------------------------------------------------------------------------------------


def workspace_relative(file: str, root: Path, cwd: Path) -> str | None:
    """A Document.file (as load_evidence shows it: relative to the current folder, or absolute) relative to the
    workspace root, in POSIX form; None when it is not inside the workspace. Path arithmetic only (the build
    resolves symlinks again before it reads anything)."""
    path = file if os.path.isabs(file) else os.path.join(str(cwd), file)
    full = os.path.normpath(path)
    base = os.path.normpath(str(root if root.is_absolute() else cwd / root))
    try:
        rel = os.path.relpath(full, base)
    except ValueError:  # another drive
        return None
    if rel == os.curdir or rel.startswith(os.pardir + os.sep) or rel == os.pardir or os.path.isabs(rel):
        return None
    return PurePosixPath(*Path(rel).parts).as_posix()


def _date_of(doc: Document) -> dt.date | None:
    return doc.effective or doc.issued or doc.period_end


def _source(doc: Document, names: Mapping[str, str], root: Path, cwd: Path, problem: str | None = None) -> Source:
    rel = workspace_relative(doc.file, root, cwd)
    when = _date_of(doc)
    return Source(
        document=f"{doc.department}/{doc.id}",
        department=doc.department,
        department_name=names.get(doc.department, doc.department),
        title=doc.title,
        type=doc.type,
        file=rel if rel is not None else doc.file,
        sha256=doc.sha256,
        size=doc.size,
        issuer=doc.issuer,
        doc_number=doc.doc_number,
        date=when.isoformat() if when else None,
        period=f"{doc.period_start.isoformat()}—{doc.period_end.isoformat()}" if doc.period_start and doc.period_end else None,
        stage=doc.stage,
        place=doc.place,
        problem=problem,
    )


def need_text(mat: Material) -> str:
    need = f"{mat.period or ''}{'每年' if mat.per_year else ''} {mat.count} 份".strip()
    return f"{need}，格式 {'/'.join(mat.formats)}"


def _value_text(value: float | str | bool, unit: str) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        shown = f"{value:g}"
    else:
        shown = str(value)
    if not unit or unit in {"是/否", "等级"}:
        return shown
    return f"{shown}{unit}" if unit in {"%", "‰", "％"} else f"{shown} {unit}"


def _sort_key(entry: Entry, material_order: Mapping[str, int]) -> tuple[object, ...]:
    ordinal = dt.date.fromisoformat(entry.date).toordinal() if entry.date else 0
    first = entry.sources[0].document if entry.sources else ""
    return (
        MATERIAL_KINDS.index(entry.kind) if entry.kind in MATERIAL_KINDS else len(MATERIAL_KINDS),
        entry.placeholder,
        -ordinal,
        material_order.get(entry.material, 999),
        entry.title,
        first,
    )


def owners_from_checklist(rows: Iterable[object]) -> dict[tuple[str, str], tuple[Owner, ...]]:
    """(item, material) → owners, from the 缺口清单's rows (cwassess.reports.checklist.ChecklistRow)."""
    out: dict[tuple[str, str], list[Owner]] = {}
    for row in rows:
        contact = getattr(row, "contact", None) or getattr(row, "liaison", None)
        phone = getattr(row, "phone", None)
        if contact and phone:
            contact = f"{contact}（{phone}）"
        owner = Owner(
            department=row.department_name,  # type: ignore[attr-defined]
            contact=contact,
            deadline=row.deadline.isoformat(),  # type: ignore[attr-defined]
            overdue=bool(getattr(row, "overdue", False)),
        )
        out.setdefault((row.item, row.material), []).append(owner)  # type: ignore[attr-defined]
    return {k: tuple(v) for k, v in out.items()}


# -- the plan -----------------------------------------------------------------------------------------------------


@dataclass
class PlanInputs:
    standard: Standard
    city: CityFile
    claims: Sequence[ClaimsFile]
    evidence: Evidence
    result: ScoreResult
    root: Path
    cwd: Path
    names: Mapping[str, str]  # department code → the name this city uses
    issuer: str
    owners: Mapping[tuple[str, str], tuple[Owner, ...]] = field(default_factory=dict)


def _accepted(doc: Document, mat: Material, assessment: dt.date) -> tuple[bool, bool]:
    """(counts, file is the only problem): as document_present decides, before the file check."""
    if mat.doc_types and doc.type not in mat.doc_types:
        return False, False
    ok, _ = in_window(doc, mat, assessment)
    if not ok:
        return False, False
    return doc.usable, not doc.usable


def _box_entries(item: Item, result: ItemResult, inputs: PlanInputs, docs: Sequence[Document]) -> list[Entry]:
    assessment = inputs.city.assessment_date
    names = inputs.names
    materials = {m.id: m for m in item.materials}
    order = {m.id: n for n, m in enumerate(item.materials)}
    entries: list[Entry] = []
    photos: dict[tuple[str, str], Document] = {}
    for doc in docs:
        mat = materials.get(doc.material)
        if mat is None:
            continue
        counts, bad_file = _accepted(doc, mat, assessment)
        if bad_file:
            source = _source(doc, names, inputs.root, inputs.cwd, problem=doc.problem or "文件无法使用")
            entries.append(Entry(kind=mat.kind, type="bad", material=mat.id, material_title=mat.title, title=doc.title,
                                 date=source.date, sources=(source,), reason=source.problem, need=need_text(mat),
                                 owners=inputs.owners.get((item.id, mat.id), ())))
            continue
        if not counts:
            continue
        suffix = PurePosixPath(doc.file).suffix.lower()
        if suffix in PHOTO_SUFFIXES:
            photos[(doc.department, doc.id)] = doc
            continue
        source = _source(doc, names, inputs.root, inputs.cwd)
        kind = "pdf" if suffix in PDF_SUFFIXES else "file"
        entries.append(Entry(kind=mat.kind, type=kind, material=mat.id, material_title=mat.title, title=doc.title, date=source.date, sources=(source,),
                             owners=inputs.owners.get((item.id, mat.id), ())))

    done: set[tuple[str, str]] = set()
    for key in sorted(photos):
        if key in done:
            continue
        doc = photos[key]
        mat = materials[doc.material]
        partner = None
        if doc.paired_with:
            partner = photos.get((doc.department, doc.paired_with)) or next(
                (d for k, d in sorted(photos.items()) if k[1] == doc.paired_with and k not in done and k != key), None
            )
        if partner is not None and (partner.department, partner.id) not in done and {doc.stage, partner.stage} == {BEFORE, AFTER}:
            before, after = (doc, partner) if doc.stage == BEFORE else (partner, doc)
            done.update({(before.department, before.id), (after.department, after.id)})
            sources = (_source(before, names, inputs.root, inputs.cwd), _source(after, names, inputs.root, inputs.cwd))
            dates = [s.date for s in sources if s.date]
            entries.append(Entry(kind=mat.kind, type="pair", material=mat.id, material_title=mat.title,
                                 title=after.title if after.title else before.title, date=max(dates) if dates else None, sources=sources))
            continue
        done.add(key)
        source = _source(doc, names, inputs.root, inputs.cwd)
        entries.append(Entry(kind=mat.kind, type="photo", material=mat.id, material_title=mat.title, title=doc.title, date=source.date, sources=(source,)))

    findings = {f.gap: f for f in result.findings}
    for mat in item.materials:
        finding = findings.get(f"{item.id}/material/{mat.id}")
        if finding is None or finding.waived_by or not mat.mandatory or finding.material_state not in PLACEHOLDER_STATES:
            continue
        entries.append(
            Entry(kind=mat.kind, type="missing", material=mat.id, material_title=mat.title, title=mat.title, date=None,
                  reason=f"{finding.material_state}：{finding.reason}", need=need_text(mat), owners=inputs.owners.get((item.id, mat.id), ()))
        )
    entries.sort(key=lambda e: _sort_key(e, order))
    return entries


def _contact(inputs: PlanInputs, lead: str | None, item: Item) -> str | None:
    if lead is None:
        return None
    entry = next((e for e in inputs.city.departments if e.code == lead), None)
    parts = []
    claim = next((c for f in inputs.claims if f.department == lead for c in f.claims if c.item == item.id and c.role == "lead"), None)
    if claim is not None and claim.contact:
        parts.append(f"责任人 {claim.contact}")
    if entry is not None and entry.liaison:
        parts.append(f"联络员 {entry.liaison}" + (f"（{entry.phone}）" if entry.phone else ""))
    return "；".join(parts) or None


def _indicators(item: Item, inputs: PlanInputs) -> tuple[IndicatorLine, ...]:
    series = {}
    for s in sorted(inputs.evidence.series, key=lambda s: (s.indicator, s.department)):
        series.setdefault(s.indicator, s)
    lines = []
    for ind in inputs.standard.indicators_of(item.id):
        if ind.role != "indicator" or inputs.city.kind not in ind.applies_to:
            continue
        found = series.get(ind.id)
        if found is None or not found.values:
            lines.append(IndicatorLine(name=ind.name, values="（未填报）"))
            continue
        text = "；".join(f"{v.year}年 {_value_text(v.value, ind.unit)}" for v in found.values)
        lines.append(IndicatorLine(name=ind.name, values=f"{text}（{names_get(inputs.names, found.department)}）"))
    return tuple(lines)


def names_get(names: Mapping[str, str], code: str | None) -> str:
    return names.get(code, code) if code else "未认领"


def plan_packet(inputs: PlanInputs, items: Sequence[str] | None = None) -> Packet:
    """The packet's boxes (all applicable items, or only `items`, keeping their numbers)."""
    std = inputs.standard
    results = {it.item: it for it in inputs.result.items}
    docs_by_item: dict[str, list[Document]] = {}
    for doc in sorted(inputs.evidence.documents, key=lambda d: (d.item, d.material, d.department, d.id)):
        docs_by_item.setdefault(doc.item, []).append(doc)
    statements: dict[str, list[Statement]] = {}
    for st in sorted(inputs.evidence.statements, key=lambda s: (s.item, s.department)):
        statements.setdefault(st.item, []).append(Statement(department=names_get(inputs.names, st.department), text=st.text.strip()))
    boxes: list[Box] = []
    skipped: list[str] = []
    seq = 0
    for item in std.items:
        result = results.get(item.id)
        if result is None or not result.applicable:
            skipped.append(item.id)
            continue
        seq += 1
        if items is not None and item.id not in items:
            continue
        section = std.section_of[item.id]
        entries = _box_entries(item, result, inputs, docs_by_item.get(item.id, []))
        dates = [s.date for e in entries for s in e.sources if s.date and not e.placeholder]
        starts = [s.period.split("—")[0] if s.period else s.date for e in entries for s in e.sources if s.date and not e.placeholder]
        lead_owner = None
        if not statements.get(item.id) and result.lead:
            claim = next((c for f in inputs.claims if f.department == result.lead for c in f.claims if c.item == item.id), None)
            deadline = claim.deadline if claim and claim.deadline else inputs.city.assessment_date
            lead_owner = Owner(department=names_get(inputs.names, result.lead), contact=_contact(inputs, result.lead, item),
                               deadline=deadline.isoformat(), overdue=deadline < inputs.result.today)
        boxes.append(
            Box(
                seq=seq,
                item=item.id,
                number=item.number,
                label=result.label,
                section_number=section.number,
                section_title=section.title,
                title=item.title,
                text=item.effective_text,
                text_verified=item.effective_verified == "verbatim",
                verified_zh=VERIFIED_ZH.get(item.effective_verified, item.effective_verified),
                city=inputs.city.name,
                kind_zh=KIND_ZH.get(inputs.city.kind, inputs.city.kind),
                issuer=inputs.issuer,
                lead=names_get(inputs.names, result.lead) if result.lead else None,
                support=tuple(names_get(inputs.names, c) for c in result.support),
                contact=_contact(inputs, result.lead, item),
                period_start=min(starts) if starts else None,
                period_end=max(dates) if dates else None,
                waiver=result.waiver,
                statements=tuple(statements.get(item.id, [])),
                indicators=_indicators(item, inputs),
                entries=tuple(entries),
                statement_owner=lead_owner,
            )
        )
    return Packet(
        city=inputs.city.name,
        kind_zh=KIND_ZH.get(inputs.city.kind, inputs.city.kind),
        issuer=inputs.issuer,
        assessment_date=inputs.city.assessment_date.isoformat(),
        boxes=tuple(boxes),
        skipped=tuple(skipped),
    )


def packet_inputs(ws: object, run: object) -> PlanInputs:
    """The plan's inputs from a loaded workspace and its score run (cwassess.engine.run.ScoreRun)."""
    from cwassess.reports.checklist import build_checklist
    from cwassess.reports.common import ReportInputs

    report = ReportInputs(result=run.result, standard=ws.standard, city=ws.city, claims=ws.claims)  # type: ignore[attr-defined]
    rows = build_checklist(report).rows
    return PlanInputs(
        standard=ws.standard,  # type: ignore[attr-defined]
        city=ws.city,  # type: ignore[attr-defined]
        claims=ws.claims,  # type: ignore[attr-defined]
        evidence=run.evidence,  # type: ignore[attr-defined]
        result=run.result,  # type: ignore[attr-defined]
        root=ws.root.resolve(),  # type: ignore[attr-defined]
        cwd=Path.cwd(),
        names=dict(report.names),
        issuer=report.issuer,
        owners=owners_from_checklist(rows),
    )
