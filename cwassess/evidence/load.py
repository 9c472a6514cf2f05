"""Reading evidence/<department>/manifest.yaml, inspections/*.yaml and waivers.yaml into Evidence.

Every value is normalised here (dates, "95%", levels), every file path is checked to stay inside the
workspace, every file is hashed; all problems are collected with their file and line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import stat
from pathlib import Path

from cwassess.departments import DepartmentResolver, city_departments
from cwassess.evidence.content import Finding, check_content, suffixes_for, too_large
from cwassess.evidence.digests import DigestCache
from cwassess.evidence.model import (
    Document,
    Evidence,
    Incident,
    IndicatorSeries,
    IndicatorValue,
    Inspection,
    SiteProblem,
    Statement,
    Survey,
    VectorResult,
    WaiverRecord,
)
from cwassess.evidence.values import parse_value, parse_year
from cwassess.loading import Workspace, display_path
from cwassess.models.city import CityFile
from cwassess.models.evidence import EvidenceManifest, InspectionEntry, InspectionFile, WaiverFile
from cwassess.normalize import DATE_EXPECTED, parse_date
from cwassess.paths import resolve_inside
from cwassess.perf import paused_gc
from cwassess.problems import Problem
from cwassess.textio import os_error_zh
from cwassess.standard.model import Standard
from cwassess.validation import did_you_mean, validate_records
from cwassess.yamlio import Path_, YamlDocument, load_yaml

EVIDENCE_DIR = "evidence"
MANIFEST = "manifest.yaml"
INSPECTIONS_DIR = "inspections"
WAIVERS_FILE = "waivers.yaml"
MANIFEST_LISTS = ("indicators", "documents", "inspections", "surveys", "vectors", "incidents", "statements")
PEST_INDICATORS = {"rat": "rat-density", "mosquito": "mosquito-density", "fly": "fly-density", "cockroach": "cockroach-density"}
# What a file's first bytes must look like for each extension.
_MAGIC = {
    ".pdf": (b"%PDF",),
    ".ofd": (b"PK",),
    ".docx": (b"PK",),
    ".xlsx": (b"PK",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG",),
}

# A FIFO named like a PDF must not block the open; regular files ignore the flag.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


# Fifty thousand inspection records carry a few hundred distinct dates.
_parse_date = functools.lru_cache(maxsize=4096)(parse_date)


class _Reader:
    def __init__(self, ws: Workspace, today: dt.date, open_files: bool) -> None:
        assert ws.standard is not None and ws.city is not None
        self.ws = ws
        self.limits = ws.limits
        self.open_files = open_files
        self.digests = DigestCache(ws.root)
        self.std: Standard = ws.standard
        self.city: CityFile = ws.city
        self.today = today
        self.resolver = DepartmentResolver(city_departments(self.std.departments, self.city))
        self.evidence = Evidence()
        self.problems: list[Problem] = []

    # -- helpers -------------------------------------------------------------------------------
    def where(self, doc: YamlDocument, path: Path_) -> str:
        line, _ = doc.position(path)
        return f"{doc.file}:{line}" if line else doc.file

    def date(self, doc: YamlDocument, path: Path_, raw: object, required: bool = True) -> dt.date | None:
        value, error = (None, None) if raw is None else _parse_date(raw) if isinstance(raw, str | int) else parse_date(raw)
        if error:
            self.problems.append(doc.problem(path, "evidence.date", error, expected=DATE_EXPECTED))
            return None
        if value is None:  # absent or blank ("", 空格)
            if required:
                self.problems.append(doc.problem(path, "evidence.no-date", "缺少日期"))
            return None
        if value is not None and value > self.today:
            self.problems.append(doc.problem(path, "evidence.future-date", f"日期 {value} 晚于今天（{self.today}）", severity="warning"))
        return value

    def known_item(self, doc: YamlDocument, path: Path_, item_id: str) -> bool:
        if item_id in self.std.items_by_id:
            return True
        guess = did_you_mean(item_id, list(self.std.items_by_id))
        self.problems.append(doc.problem(path, "ref.item", f"未知条目“{item_id}”" + (f"，是否想写“{guess}”？" if guess else "")))
        return False

    def known_indicator(self, doc: YamlDocument, path: Path_, ind_id: str) -> bool:
        if ind_id in self.std.indicators_by_id:
            return True
        guess = did_you_mean(ind_id, list(self.std.indicators_by_id))
        self.problems.append(doc.problem(path, "ref.indicator", f"未知指标“{ind_id}”" + (f"，是否想写“{guess}”？" if guess else "")))
        return False

    # -- manifests -----------------------------------------------------------------------------
    def manifest(self, folder: Path) -> None:
        path = folder / MANIFEST
        doc = load_yaml(path, display_path(path), self.limits.text_bytes, cache=self.ws.cache)
        manifest, at = validate_records(doc, EvidenceManifest, MANIFEST_LISTS)  # at: each kept entry's index in the file
        self.problems.extend(doc.problems)
        if manifest is None:
            return
        dept = manifest.department
        if self.resolver.resolve(dept) != dept:
            self.problems.append(doc.problem(("department",), "ref.department", self.resolver.unknown_message(dept)))
            return
        if dept != folder.name:
            self.problems.append(
                doc.problem(("department",), "evidence.folder", "证据目录名应与部门代码一致", expected=f"{EVIDENCE_DIR}/{dept}/", found=f"{EVIDENCE_DIR}/{folder.name}/")
            )
        self.indicators(doc, manifest, at, dept)
        self.documents(doc, manifest, at, dept, folder)
        for i, entry in zip(at["inspections"], manifest.inspections, strict=True):
            self.inspection(doc, ("inspections", i), entry, dept)
        self.surveys(doc, manifest, at, dept)
        self.vectors(doc, manifest, at, dept)
        for i, inc in zip(at["incidents"], manifest.incidents, strict=True):
            when = self.date(doc, ("incidents", i, "date"), inc.date)
            if when is not None:
                self.evidence.incidents.append(
                    Incident(department=dept, type=inc.type, date=when, description=inc.description, where=self.where(doc, ("incidents", i)))
                )
        for i, st in zip(at["statements"], manifest.statements, strict=True):
            if self.known_item(doc, ("statements", i, "item"), st.item):
                self.evidence.statements.append(Statement(department=dept, item=st.item, text=st.text, where=self.where(doc, ("statements", i))))

    def indicators(self, doc: YamlDocument, manifest: EvidenceManifest, at: dict[str, list[int]], dept: str) -> None:
        for i, entry in zip(at["indicators"], manifest.indicators, strict=True):
            base: Path_ = ("indicators", i)
            if not self.known_indicator(doc, (*base, "indicator"), entry.indicator):
                continue
            ind = self.std.indicators_by_id[entry.indicator]
            if entry.unit is not None and entry.unit.replace("％", "%") != ind.unit:
                self.problems.append(
                    doc.problem((*base, "unit"), "evidence.unit", f"单位与指标“{ind.name}”不一致", expected=ind.unit, found=entry.unit)
                )
                continue
            values = []
            for key, raw in entry.values.items():
                year = parse_year(key)
                if year is None:
                    self.problems.append(doc.problem((*base, "values", key), "evidence.year", f"无法识别的年份“{key}”", expected="如 2025"))
                    continue
                parsed = parse_value(raw, ind.unit)
                if parsed.error:
                    self.problems.append(doc.problem((*base, "values", key), "evidence.value", parsed.error))
                    continue
                if parsed.note:
                    self.problems.append(doc.problem((*base, "values", key), "evidence.value-note", parsed.note, severity="warning"))
                values.append(IndicatorValue(year=year, value=parsed.value, raw=str(raw), note=parsed.note))  # type: ignore[arg-type]
            self.evidence.series.append(
                IndicatorSeries(indicator=ind.id, department=dept, values=sorted(values, key=lambda v: v.year), source=entry.source, where=self.where(doc, base))
            )

    def documents(self, doc: YamlDocument, manifest: EvidenceManifest, at: dict[str, list[int]], dept: str, folder: Path) -> None:
        seen: dict[str, int] = {}
        for i, entry in zip(at["documents"], manifest.documents, strict=True):
            base: Path_ = ("documents", i)
            line, _ = doc.position(base)
            if entry.id in seen:
                self.problems.append(doc.problem((*base, "id"), "evidence.dup-id", f"文件编号“{entry.id}”重复（第一次出现在第 {seen[entry.id]} 行）"))
                continue
            seen[entry.id] = line or 0
            if not self.known_item(doc, (*base, "item"), entry.item):
                continue
            item = self.std.items_by_id[entry.item]
            material = next((m for m in item.materials if m.id == entry.material), None)
            if material is None:
                guess = did_you_mean(entry.material, [m.id for m in item.materials])
                self.problems.append(
                    doc.problem((*base, "material"), "ref.material", f"条目“{item.id}”没有材料“{entry.material}”" + (f"，是否想写“{guess}”？" if guess else ""))
                )
                continue
            issued = self.date(doc, (*base, "issued"), entry.issued, required=False)
            effective = self.date(doc, (*base, "effective"), entry.effective, required=False)
            if issued is None and effective is None and entry.period is None:
                self.problems.append(doc.problem(base, "evidence.no-date", "文件缺少日期：发文日期（issued）、生效日期（effective）或覆盖时间段（period）至少填一项"))
            start = end = None
            if entry.period is not None:
                start = self.date(doc, (*base, "period", "start"), entry.period.start)
                end = self.date(doc, (*base, "period", "end"), entry.period.end)
                if start and end and start > end:
                    self.problems.append(doc.problem((*base, "period"), "evidence.period", "覆盖时间段的开始晚于结束", found=f"{start} — {end}"))
            usable, problem, digest, size, shown = self.file(doc, (*base, "file"), entry.file, folder, material.formats, entry.sha256)
            self.evidence.documents.append(
                # Built from validated input: skip re-validation, it is a third of the load time of a large city.
            Document.model_construct(
                    department=dept, id=entry.id, title=entry.title, item=entry.item, material=entry.material, type=entry.type,
                    issuer=entry.issuer, doc_number=entry.doc_number, issued=issued, effective=effective,
                    period_start=start, period_end=end, file=shown, size=size, sha256=digest, usable=usable, problem=problem,
                    stage=entry.stage, paired_with=entry.paired_with, place=entry.place, where=self.where(doc, base),
                )
            )

    def file(self, doc: YamlDocument, path: Path_, written: str, folder: Path, formats: list[str], recorded: str | None) -> tuple[bool, str | None, str | None, int | None, str]:
        """(usable, problem, sha256, size, shown path) of the file a document names; problems reported at `path`."""
        real, refused = resolve_inside(self.ws.root, folder, written)
        if real is None:
            self.problems.append(doc.problem(path, "evidence.path", refused or "路径无效"))
            return False, refused, None, None, written
        shown = display_path(real, resolved=True)

        def unusable(finding: Finding, digest: str | None = None, size: int | None = None) -> tuple[bool, str, str | None, int | None, str]:
            self.problems.append(doc.problem(path, finding.code, finding.message, **finding.details()))
            return False, finding.text(), digest, size, shown

        suffix = real.suffix.lower()
        if suffix not in suffixes_for(formats):
            message = f"格式“{suffix or '无扩展名'}”不在该材料允许的格式内"
            self.problems.append(doc.problem(path, "evidence.format", message, expected="、".join(formats), found=suffix or "无扩展名"))
            return False, message, None, None, shown
        missing = Finding("evidence.missing-file", f"文件不存在：{written}")
        try:
            st = os.stat(real)
        except (FileNotFoundError, NotADirectoryError):
            return unusable(missing)
        except OSError as exc:
            return unusable(Finding("evidence.unreadable", f"无法读取文件：{os_error_zh(exc)}"))
        except ValueError:  # a character the file system cannot take (resolve_inside refuses the known ones)
            return unusable(Finding("evidence.path", f"无法解析路径“{written}”"))
        if not stat.S_ISREG(st.st_mode):
            return unusable(missing)
        big = too_large(st.st_size, self.limits)
        if big is not None:  # refused before hashing: reading the whole file is what the limit prevents
            return unusable(big, size=st.st_size)
        stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
        known = self.digests.get(str(real), stamp)
        if known is not None:
            hexdigest, head = known
            size = st.st_size
        else:
            hashed = self.hash_file(real, written)
            if isinstance(hashed, Finding):
                return unusable(hashed)
            hexdigest, head, size = hashed
            if size == st.st_size:
                self.digests.put(str(real), stamp, hexdigest, head)
        if size == 0:
            return unusable(Finding("evidence.empty-file", "文件为空（0 字节）"), size=0)
        magic = _MAGIC.get(suffix)
        if magic and not head.startswith(magic):
            return unusable(Finding("evidence.magic", f"文件内容与扩展名“{suffix}”不符"), hexdigest, size)
        if recorded and recorded != hexdigest:
            return unusable(Finding("evidence.sha256", "文件内容与登记时的摘要（sha256）不一致：文件可能被替换，请作为新版本重新提交"), hexdigest, size)
        found = check_content(real, self.limits) if self.open_files else None
        if found is not None and found.severity == "error":
            return unusable(found, hexdigest, size)
        if found is not None:
            self.problems.append(doc.problem(path, found.code, found.message, severity="warning", **found.details()))
        return True, None, hexdigest, size, shown

    @staticmethod
    def hash_file(real: Path, written: str) -> tuple[str, bytes, int] | Finding:
        """sha256, first bytes and size, read through one descriptor (a FIFO named like a PDF must not block)."""
        missing = Finding("evidence.missing-file", f"文件不存在：{written}")
        try:
            fd = os.open(real, os.O_RDONLY | _NONBLOCK)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            return missing
        except OSError as exc:
            return Finding("evidence.unreadable", f"无法读取文件：{os_error_zh(exc)}")
        except ValueError:
            return Finding("evidence.path", f"无法解析路径“{written}”")
        try:
            with os.fdopen(fd, "rb") as fh:
                if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                    return missing
                head = fh.read(8)
                fh.seek(0)
                return hashlib.file_digest(fh, "sha256").hexdigest(), head, os.fstat(fh.fileno()).st_size
        except IsADirectoryError:  # a folder named like a file
            return missing
        except OSError as exc:
            return Finding("evidence.unreadable", f"无法读取文件：{os_error_zh(exc)}")

    def inspection(self, doc: YamlDocument, base: Path_, entry: InspectionEntry, dept: str) -> None:
        when = self.date(doc, (*base, "date"), entry.date)
        items = [it for j, it in enumerate(entry.items) if self.known_item(doc, (*base, "items", j), it)]
        if when is None:
            return
        self.evidence.inspections.append(
            Inspection.model_construct(
                department=dept, id=entry.id, kind=entry.kind, site_type=entry.site_type, site=entry.site,
                district=entry.district, street=entry.street, grid=entry.grid, date=when, inspector=entry.inspector, items=items,
                problems=[SiteProblem.model_construct(problem_class=p.problem_class, description=p.description, photo=p.photo) for p in entry.problems],
                where=self.where(doc, base),
            )
        )

    def surveys(self, doc: YamlDocument, manifest: EvidenceManifest, at: dict[str, list[int]], dept: str) -> None:
        for i, entry in zip(at["surveys"], manifest.surveys, strict=True):
            base: Path_ = ("surveys", i)
            if not self.known_indicator(doc, (*base, "indicator"), entry.indicator):
                continue
            parsed = parse_value(entry.rate, "%")
            if parsed.error:
                self.problems.append(doc.problem((*base, "rate"), "evidence.value", parsed.error))
                continue
            if parsed.note:
                self.problems.append(doc.problem((*base, "rate"), "evidence.value-note", parsed.note, severity="warning"))
            self.evidence.surveys.append(
                Survey(department=dept, indicator=entry.indicator, year=entry.year, method=entry.method, sample_size=entry.sample_size,
                       rate=float(parsed.value), report=entry.report, where=self.where(doc, base))  # type: ignore[arg-type]
            )

    def vectors(self, doc: YamlDocument, manifest: EvidenceManifest, at: dict[str, list[int]], dept: str) -> None:
        for i, entry in zip(at["vectors"], manifest.vectors, strict=True):
            base: Path_ = ("vectors", i)
            ind = self.std.indicators_by_id.get(PEST_INDICATORS[entry.pest])
            known = {s.id: s for s in ind.sub_indicators} if ind else {}
            subs: dict[str, float] = {}
            for key, raw in entry.sub_indicators.items():
                if key not in known:
                    guess = did_you_mean(key, list(known))
                    self.problems.append(doc.problem((*base, "sub_indicators", key), "ref.sub-indicator", f"未知分项指标“{key}”" + (f"，是否想写“{guess}”？" if guess else "")))
                    continue
                parsed = parse_value(raw, known[key].unit)
                if parsed.error:
                    self.problems.append(doc.problem((*base, "sub_indicators", key), "evidence.value", parsed.error))
                    continue
                subs[key] = float(parsed.value)  # type: ignore[arg-type]
            if entry.level is None and not subs:
                self.problems.append(doc.problem(base, "evidence.vector-empty", "病媒监测结果须填写等级（level）或分项指标（sub_indicators）"))
                continue
            self.evidence.vectors.append(
                VectorResult(department=dept, pest=entry.pest, year=entry.year, level=entry.level, sub_indicators=subs, where=self.where(doc, base))
            )

    # -- workspace-level files ----------------------------------------------------------------
    def inspection_files(self) -> None:
        folder = self.ws.root / INSPECTIONS_DIR
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            doc = load_yaml(path, display_path(path), self.limits.text_bytes, cache=self.ws.cache)
            parsed, at = validate_records(doc, InspectionFile, ("inspections",))
            self.problems.extend(doc.problems)
            if parsed is None:
                continue
            for i, entry in zip(at["inspections"], parsed.inspections, strict=True):
                self.inspection(doc, ("inspections", i), entry, parsed.department)

    def waivers(self) -> None:
        path = self.ws.root / WAIVERS_FILE
        if not path.is_file():
            return
        doc = load_yaml(path, display_path(path), self.limits.text_bytes)
        parsed, at = validate_records(doc, WaiverFile, ("waivers",))
        self.problems.extend(doc.problems)
        if parsed is None:
            return
        for i, w in zip(at["waivers"], parsed.waivers, strict=True):
            base: Path_ = ("waivers", i)
            if not self.known_item(doc, (*base, "item"), w.item):
                continue
            item = self.std.items_by_id[w.item]
            if w.material and w.material not in {m.id for m in item.materials}:
                self.problems.append(doc.problem((*base, "material"), "ref.material", f"条目“{item.id}”没有材料“{w.material}”"))
                continue
            if w.indicator and not self.known_indicator(doc, (*base, "indicator"), w.indicator):
                continue
            if w.indicator and w.indicator not in {i.id for i in self.std.indicators_of(item.id)}:
                self.problems.append(doc.problem((*base, "indicator"), "ref.indicator", f"条目“{item.id}”没有指标“{w.indicator}”"))
                continue
            approved = self.date(doc, (*base, "approved"), w.approved)
            expires, error = parse_date(w.expires)
            if error:
                self.problems.append(doc.problem((*base, "expires"), "evidence.date", error))
                continue
            if approved is None or expires is None:
                continue
            if expires < approved:
                self.problems.append(doc.problem((*base, "expires"), "waiver.expiry", "到期日早于批准日", found=f"{approved} → {expires}"))
                continue
            self.evidence.waivers.append(
                WaiverRecord(id=w.id, item=w.item, material=w.material, indicator=w.indicator, reason=w.reason, approver=w.approver,
                             approved=approved, expires=expires, where=self.where(doc, base))
            )


def load_evidence(ws: Workspace, today: dt.date, open_files: bool = False) -> tuple[Evidence, list[Problem]]:
    """All evidence of a loaded workspace (city and standard must be usable).

    Files are hashed and their first bytes checked; `open_files` (evidence check) also opens each one as
    what its extension says (content.py) — too slow for scoring a city's twenty thousand files.
    """
    with paused_gc():
        return _load_evidence(ws, today, open_files)


def _load_evidence(ws: Workspace, today: dt.date, open_files: bool) -> tuple[Evidence, list[Problem]]:
    reader = _Reader(ws, today, open_files)
    root = ws.root / EVIDENCE_DIR
    folders = sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    large = [*(f / MANIFEST for f in folders), *sorted((ws.root / INSPECTIONS_DIR).glob("*.yaml"))]  # in reading order
    with ws.cache.prefilling(large, ws.limits.text_bytes) if ws.cache is not None else contextlib.nullcontext():
        for folder in folders:
            if (folder / MANIFEST).is_file():
                reader.manifest(folder)
        reader.inspection_files()
    reader.waivers()
    reader.digests.save()
    return reader.evidence, reader.problems
