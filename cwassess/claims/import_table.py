"""Importing a 责任分解表: read → validate every row → a plan of changes per department → apply atomically.

Applying writes every changed claims/<dept>.yaml through a temporary file and os.replace, after copying the
previous files to <workspace>/.cwassess/history/claims-<YYYYmmdd-HHMMSS>/. If anything fails, files already
replaced are restored from that copy and new files are removed: nothing is left half-written.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cwassess.claims.table import (
    SPEC,
    TEMPLATE_ID,
    Combined,
    Plan,
    RowContext,
    RowEntry,
    combine_rows,
    parse_row,
    plan_changes,
)
from cwassess.loading import CLAIMS_DIR, Workspace, display_path
from cwassess.models.claims import ClaimsFile
from cwassess.problems import Problem, has_errors
from cwassess.sheets import DEFAULT_LIMITS, Limits, Table, read_table
from cwassess.textio import os_error_zh
from cwassess.validation import validate_document
from cwassess.workspace import schema_ref
from cwassess.yamlio import dump_yaml, parse_yaml_text

HISTORY_DIR = Path(".cwassess") / "history"
CLAIMS_HEADER = """# yaml-language-server: $schema={schema}
# {name}的认领：role 为 lead（牵头）或 support（配合）；可用 requirements / materials / indicators 只认领其中一部分，
# deadline 为达标时间（YYYY-MM-DD），contact 为责任人。修改后运行 cwassess claims status 检查。
"""


@dataclass
class ImportResult:
    file: str
    rows: int = 0
    valid_rows: int = 0
    invalid_rows: int = 0
    skipped_rows: int = 0
    plan: Plan = field(default_factory=lambda: Plan(departments=[]))
    problems: list[Problem] = field(default_factory=list)
    readable: bool = False  # the file was a table we could read at all
    written: list[str] = field(default_factory=list)
    backup: str | None = None

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")


def claims_file_problems(ws: Workspace) -> list[Problem]:
    """Errors in the workspace's claims files: importing over a file we could not read would lose it."""
    folder = ws.root / CLAIMS_DIR
    shown = {display_path(p) for p in folder.glob("*.yaml")} if folder.is_dir() else set()
    return [p for p in ws.problems if p.severity == "error" and p.file in shown]


def _check_meta(table: Table, edition: str) -> list[Problem]:
    meta = table.meta
    if not meta:
        return []
    template = meta.get("template")
    if template and template != TEMPLATE_ID:
        return [Problem(code="claims.table.template", file=table.file, message=f"此文件不是责任分解表（模板“{template}”）")]
    exported = meta.get("edition")
    if exported and exported != edition:
        return [
            Problem(
                code="claims.table.edition",
                file=table.file,
                message=f"此表按标准“{exported}”导出，当前工作区使用“{edition}”，请重新导出后填写",
            )
        ]
    return []


def prepare_import(ws: Workspace, path: Path, shown: str, limits: Limits = DEFAULT_LIMITS) -> ImportResult:
    """Read and validate the whole table and compute the plan; writes nothing."""
    assert ws.standard is not None and ws.city is not None
    result = ImportResult(file=shown)
    table = read_table(path, SPEC, shown, limits)
    result.problems += table.problems
    if has_errors(table.problems) and not table.sheets:
        return result
    meta_problems = _check_meta(table, ws.standard.meta.id)
    if meta_problems:
        result.problems += meta_problems
        return result
    records = table.records
    if not records:
        result.problems.append(Problem(code="claims.table.no-rows", file=shown, message="表头下没有任何数据行"))
        return result
    result.readable = True
    ctx = RowContext.build(ws.standard, ws.city)
    entries: list[RowEntry] = []
    invalid: set[tuple[str, int]] = set()
    for record in records:
        parsed = parse_row(record, ctx)
        result.problems += parsed.problems
        if parsed.entry is not None:
            entries.append(parsed.entry)
        elif not parsed.skipped:
            invalid.add((record.sheet, record.row))
    combined: Combined = combine_rows(entries, ctx)
    result.problems += combined.problems
    invalid |= combined.rejected_rows
    used = {(e.sheet, e.row) for e in entries if e.item in combined.assignments}
    result.rows = len(records)
    result.invalid_rows = len(invalid)
    result.valid_rows = len(used)
    result.skipped_rows = result.rows - result.invalid_rows - result.valid_rows
    result.plan = plan_changes(ws.standard, ws.city, ws.claims, combined.assignments)
    return result


def _render(ws: Workspace, folder: Path, after: ClaimsFile, name: str) -> str:
    data = after.model_dump(mode="json", exclude_defaults=True)
    data = {"department": after.department, **data}
    return CLAIMS_HEADER.format(schema=schema_ref(folder, "claims.schema.json"), name=name) + dump_yaml(data)


def _history_folder(root: Path, now: dt.datetime) -> Path:
    base = root / HISTORY_DIR / f"claims-{now:%Y%m%d-%H%M%S}"
    candidate, n = base, 1
    while candidate.exists():
        n += 1
        candidate = base.with_name(f"{base.name}-{n}")
    return candidate


def apply_plan(ws: Workspace, plan: Plan, now: dt.datetime | None = None) -> tuple[list[str], str | None, list[Problem]]:
    """Write every changed claims file, all or nothing; (written files, backup folder, problems)."""
    folder = ws.root / CLAIMS_DIR
    targets: list[tuple[Path, str]] = []
    for dept in plan.departments:
        path = folder / f"{dept.department}.yaml"
        text = _render(ws, folder, dept.after, dept.name)
        check = parse_yaml_text(text, display_path(path))
        if validate_document(check, ClaimsFile) is None or check.problems:  # a bug, never the user's input
            return [], None, [*check.problems, Problem(code="claims.internal", file=display_path(path), message="生成的认领文件无效，未写入")]
        targets.append((path, text))
    if not targets:
        return [], None, []
    backup: Path | None = None
    temps: dict[Path, Path] = {}
    replaced: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        existing = [path for path, _ in targets if path.exists()]
        if existing:
            backup = _history_folder(ws.root, now or dt.datetime.now())
            backup.mkdir(parents=True)
            for path in existing:
                shutil.copy2(path, backup / path.name)
        for path, text in targets:
            handle, name = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}-", suffix=".yaml.tmp")
            temps[path] = Path(name)
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        for path, _ in targets:
            os.replace(temps[path], path)
            del temps[path]
            replaced.append(path)
    except OSError as exc:
        for path in replaced:
            saved = backup / path.name if backup is not None else None
            try:
                if saved is not None and saved.exists():
                    shutil.copy2(saved, path)
                else:
                    path.unlink()
            except OSError:
                pass
        for temp in temps.values():
            try:
                temp.unlink()
            except OSError:
                pass
        where = display_path(Path(exc.filename)) if getattr(exc, "filename", None) else display_path(folder)
        return [], None, [Problem(code="file.unwritable", file=where, message=f"无法写入认领文件，未做任何改动：{os_error_zh(exc, '写入')}")]
    return [display_path(p) for p, _ in targets], (display_path(backup) if backup else None), []
