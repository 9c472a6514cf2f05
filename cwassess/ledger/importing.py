"""Importing problems from a spreadsheet (.xlsx/.xls/.csv): read → check every row → write all at once.

Columns are found by their header (cwassess.sheets), in any order, with the usual variants (“问题类别”, “问题类型”).
Every error names its cell (“台账!F7（条目)”). By default nothing is written unless every row is valid;
`partial` writes the valid rows. A row already imported (same source, date, place, class and description) is
skipped, so importing a file twice does not register its problems twice. Photo paths are relative to the
workspace (e.g. ledger/photos/x.jpg).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cwassess.ledger.model import CREATE, Event
from cwassess.ledger.service import FieldError, LedgerContext, RawProblem, origin_key
from cwassess.normalize import cell_text, split_names
from cwassess.problems import Problem as Diagnostic
from cwassess.sheets import Field, Record, TableSpec, read_table

SPEC = TableSpec(
    fields=(
        Field("source", "来源", ("问题来源", "发现途径", "来源渠道")),
        Field("found", "发现日期", ("发现时间", "检查日期", "交办日期", "日期")),
        Field("district", "区", ("所属区", "城区", "区县", "所在区")),
        Field("street", "街道", ("所属街道", "乡镇街道", "街道（乡镇）", "所在街道")),
        Field("grid", "网格", ("所属网格", "网格名称")),
        Field("address", "地址", ("点位", "点位名称", "具体位置", "问题地址", "位置", "地点")),
        Field("site_type", "点位类型", ("场所类型", "点位类别")),
        Field("items", "条目", ("标准条目", "涉及条目", "对应条目", "所涉条目")),
        Field("problem_class", "问题类别", ("问题类型", "问题分类")),
        Field("description", "问题描述", ("问题内容", "存在问题", "问题")),
        Field("photos", "照片", ("问题照片", "整改前照片", "照片路径")),
        Field("unit", "责任单位", ("整改责任单位", "整改单位")),
        Field("deadline", "整改期限", ("整改时限", "完成时限", "整改期限（日期）")),
        Field("severity", "严重程度", ("问题等级", "等级")),
    ),
    required=(("found",), ("description",)),
)


@dataclass
class Row:
    record: Record
    data: dict[str, Any] | None
    duplicate_of: str | None = None


@dataclass
class ImportResult:
    file: str
    rows: list[Row] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    readable: bool = False
    created: list[Event] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == "error")

    @property
    def valid(self) -> list[Row]:
        return [r for r in self.rows if r.data is not None]

    @property
    def invalid(self) -> int:
        return sum(1 for r in self.rows if r.data is None)

    @property
    def new(self) -> list[Row]:
        return [r for r in self.valid if r.duplicate_of is None]


def split_paths(value: object) -> list[str]:
    """Several photo paths in one cell: separated by 、，,;； or newlines (never by “/”, which is in the paths)."""
    import re

    return [p.strip() for p in re.split(r"[、，,;；\n\r]+", cell_text(value)) if p.strip()] if value is not None else []


def _raw(record: Record, default_source: str | None) -> RawProblem:
    v = record.values
    return RawProblem(
        source=v.get("source") if v.get("source") is not None else default_source,
        found=v.get("found"),
        district=v.get("district"),
        street=v.get("street"),
        grid=v.get("grid"),
        address=v.get("address"),
        site_type=v.get("site_type"),
        items=split_names(v.get("items")) if v.get("items") is not None else [],
        problem_class=v.get("problem_class"),
        description=v.get("description"),
        photos=split_paths(v.get("photos")),
        unit=v.get("unit"),
        deadline=v.get("deadline"),
        severity=v.get("severity"),
    )


def _cell_problem(record: Record, error: FieldError) -> Diagnostic:
    name = error.field if error.field in record.columns else None
    message = error.message
    if error.field == "source" and "source" not in record.columns and error.code == "ledger.source.missing":
        message = "缺少问题来源：请在表中加“来源”列，或用 --source 指定"
    return record.problem(error.code, message, name, severity=error.severity)


def prepare(ctx: LedgerContext, path: Path, shown: str, default_source: str | None = None) -> ImportResult:
    table = read_table(path, SPEC, shown, ctx.sheet_limits)
    result = ImportResult(file=shown, problems=list(table.problems))
    if any(p.severity == "error" for p in table.problems) and not table.sheets:
        return result
    result.readable = True
    known = {p.origin: p.id for p in ctx.store.state().problems.values() if p.origin}
    seen: dict[str, str] = {}
    for record in table.records:
        result.problems.extend(record.problems)
        if record.problems and any(p.severity == "error" for p in record.problems):
            result.rows.append(Row(record, None))
            continue
        data, errors = ctx.validate(_raw(record, default_source), ctx.root)
        result.problems.extend(_cell_problem(record, e) for e in errors)
        if data is None:
            result.rows.append(Row(record, None))
            continue
        origin = origin_key(data)
        data["origin"] = origin
        row = Row(record, data)
        if origin in known:
            row.duplicate_of = known[origin]
            result.problems.append(record.problem("ledger.import.duplicate", f"与已登记的问题 {known[origin]} 相同，已跳过", severity="warning"))
        elif origin in seen:
            row.duplicate_of = seen[origin]
            result.problems.append(record.problem("ledger.import.duplicate", f"与{seen[origin]}相同，已跳过", severity="warning"))
        else:
            seen[origin] = record.key()
        result.rows.append(row)
    return result


def apply(ctx: LedgerContext, result: ImportResult, actor: str | None, person: str | None = None) -> list[Event]:
    """Write the valid, new rows in one transaction (re-checking duplicates inside it)."""
    rows = result.new
    if not rows:
        return []
    errors: list[FieldError] = []
    who = ctx._actor(actor, errors, default_verifier=True)
    if errors:
        result.problems.extend(e.as_problem() for e in errors)
        return []
    with ctx.store.transaction() as tx:
        for row in rows:
            assert row.data is not None
            if tx.by_origin(row.data["origin"]) is not None:
                continue
            tx.append(tx.new_id(), CREATE, ctx.today, who, person, row.data)
        result.created = list(tx.appended)
    return result.created


def template_rows() -> list[str]:
    return [f.label for f in SPEC.fields]


__all__ = ["SPEC", "ImportResult", "apply", "cell_text", "prepare", "template_rows"]
