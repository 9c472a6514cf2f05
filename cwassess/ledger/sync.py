"""Inspection records (evidence manifests and inspections/*.yaml) → ledger problems, idempotently.

Each problem found on an inspected site becomes one ledger problem, keyed by
`<department>/<inspection id>/<problem number, 1-based>` — the same key the scoring engine's sampled_sites
findings carry in their gap id (`<item>/site/<department>/<inspection id>/<n>`). A key already in the ledger is
left alone, so running sync again writes nothing. Records are not rejected for what the manual entry would
refuse (an unknown grid, no item): they are registered with a warning, since the inspection happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cwassess.evidence.model import Evidence, Inspection
from cwassess.ledger.model import CREATE, Event
from cwassess.ledger.photos import check_photo
from cwassess.ledger.service import FieldError, LedgerContext, RawProblem
from cwassess.problems import Problem as Diagnostic

KIND_SOURCE = {"模拟暗访": "模拟暗访", "自查": "自查", "明查": "明查", "暗访通报": "暗访通报", "网格巡查": "网格巡查"}


def inspection_key(inspection: Inspection, number: int) -> str:
    return f"{inspection.department}/{inspection.id}/{number}"


def _source_folder(where: str, root: Path) -> Path:
    file = where.rsplit(":", 1)[0] if where.rsplit(":", 1)[-1].isdigit() else where
    path = Path(file)
    return (path if path.is_absolute() else Path.cwd() / path).resolve().parent if file else root


def _where(where: str) -> tuple[str | None, int | None]:
    head, _, tail = where.rpartition(":")
    return (head, int(tail)) if head and tail.isdigit() else (where or None, None)


@dataclass
class SyncResult:
    created: list[Event] = field(default_factory=list)
    planned: list[tuple[str, dict]] = field(default_factory=list)  # (inspection key, data) for a dry run
    existing: int = 0
    found: int = 0
    problems: list[Diagnostic] = field(default_factory=list)


def _diag(error: FieldError, where: str, key: str) -> Diagnostic:
    file, line = _where(where)
    return Diagnostic(code=error.code, message=f"{key}：{error.message}", severity=error.severity, file=file, line=line)  # type: ignore[arg-type]


def _drafts(ctx: LedgerContext, evidence: Evidence, result: SyncResult) -> list[tuple[str, str, dict]]:
    drafts = []
    for inspection in sorted(evidence.inspections, key=lambda i: (i.date, i.department, i.id)):
        base = _source_folder(inspection.where, ctx.root)
        for n, found in enumerate(inspection.problems, start=1):
            result.found += 1
            key = inspection_key(inspection, n)
            photos = []
            if found.photo:
                rel, message = check_photo(ctx.root, found.photo, base, ctx.limits)
                if rel is None:
                    result.problems.append(_diag(FieldError("photos", "ledger.sync.photo", f"{message}，问题登记时不附照片", "warning"), inspection.where, key))
                else:
                    photos.append(rel)
            raw = RawProblem(
                source=KIND_SOURCE.get(inspection.kind, "模拟暗访"),
                found=inspection.date,
                district=inspection.district,
                street=inspection.street,
                grid=inspection.grid,
                address=inspection.site,
                site_type=inspection.site_type,
                items=list(inspection.items),
                problem_class=found.problem_class,
                description=found.description,
            )
            data, errors = ctx.validate(raw, ctx.root, strict_place=False)
            for error in errors:
                result.problems.append(_diag(error if data is None else FieldError(error.field, error.code, error.message, "warning"), inspection.where, key))
            if data is None:
                continue
            data["photos"] = photos
            data["inspection_key"] = key
            drafts.append((key, inspection.department, data))
    return drafts


def sync(ctx: LedgerContext, evidence: Evidence, dry_run: bool = False) -> SyncResult:
    result = SyncResult()
    drafts = _drafts(ctx, evidence, result)
    if dry_run:
        state_keys = {p.inspection_key for p in ctx.store.state().problems.values() if p.inspection_key}
        for key, _, data in drafts:
            if key in state_keys:
                result.existing += 1
            else:
                result.planned.append((key, data))
        return result
    if not drafts:
        return result
    with ctx.store.transaction() as tx:
        for key, department, data in drafts:
            if tx.by_inspection_key(key) is not None:
                result.existing += 1
                continue
            tx.append(tx.new_id(), CREATE, ctx.today, department, None, data)
            result.planned.append((key, data))
        result.created = list(tx.appended)
    return result
