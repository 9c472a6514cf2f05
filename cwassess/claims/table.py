"""The 责任分解表 (task-decomposition table): its columns, and the pure conversion rows ⇄ claims.

Layout, as cities already use it:

    项目 | 内容 | 检查内容、标准及达到效果 | 分管市领导 | 牵头部门 | 配合（承办）部门 | 达标时间 | 责任人

One row per item. 项目 is the section (“一、爱国卫生组织管理”), 内容 the item (“（一）…”), the third column the
item's text. The 牵头部门 has exactly one department; 配合部门 may list several. 达标时间, 责任人 and 分管市领导
belong to the lead's claim (分管市领导 defaults to the lead department's leader in city.yaml).

Importing a table replaces, for each item present in it, which departments lead and support that item; other
fields of a claim that stays (requirements, materials, indicators, note) are kept, and items not in the table
are untouched. Everything here is pure: models in, rows/plans/problems out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal

from cwassess.applicability import item_applies, why_not
from cwassess.departments import DepartmentResolver, city_departments, display_name
from cwassess.models.city import CityFile
from cwassess.models.claims import ROLE_ZH, Claim, ClaimsFile
from cwassess.models.standard import Item
from cwassess.normalize import cell_text, fold, is_no_deadline_word, parse_date, split_names
from cwassess.problems import Problem, shorten
from cwassess.refs import parse_chinese_number
from cwassess.sheets import Field, Record, TableSpec
from cwassess.standard.model import Standard, item_label

TEMPLATE_ID = "cwassess-claims"
TEMPLATE_VERSION = "1"
UNVERIFIED_MARK = "（条文未核实）"
MAX_TEXT = 200
DATE_EXPECTED = "日期，如 2027-05-31 或 2027年5月31日"


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    width: float


COLUMNS: tuple[Column, ...] = (
    Column("section", "项目", 16),
    Column("item", "内容", 30),
    Column("text", "检查内容、标准及达到效果", 60),
    Column("leader", "分管市领导", 12),
    Column("lead", "牵头部门", 16),
    Column("support", "配合（承办）部门", 32),
    Column("deadline", "达标时间", 13),
    Column("contact", "责任人", 12),
)
HEADERS: dict[str, str] = {c.field: c.header for c in COLUMNS}

SPEC = TableSpec(
    fields=(
        Field("number", "序号", ("条目序号", "条目编号", "编号", "条款", "条目")),
        Field("section", "项目", ("方面", "类别", "项目类别", "大项", "一级指标"), fill_down=True),
        Field(
            "item",
            "内容",
            ("标准内容", "条目内容", "创建内容", "项目内容", "具体内容", "工作内容", "任务内容", "评审内容", "二级指标"),
            fill_down=True,
        ),
        Field(
            "text",
            "检查内容、标准及达到效果",
            (
                "检查内容",
                "标准及达到效果",
                "检查内容及标准",
                "检查内容和标准",
                "工作标准",
                "工作要求",
                "达标要求",
                "标准要求",
                "具体要求",
                "考核标准",
                "评价标准",
                "工作任务",
                "任务要求",
            ),
        ),
        Field("leader", "分管市领导", ("分管领导", "责任领导", "牵头市领导", "市级领导", "分管副市长", "责任市领导", "牵头领导")),
        Field("lead", "牵头部门", ("牵头单位", "责任单位", "责任部门", "牵头责任单位", "主责部门", "主责单位", "牵头责任部门")),
        Field(
            "support",
            "配合（承办）部门",
            ("配合部门", "配合单位", "承办部门", "承办单位", "协办单位", "协办部门", "配合责任单位", "参与部门", "配合承办单位"),
        ),
        Field("deadline", "达标时间", ("完成时间", "完成时限", "时间节点", "完成期限", "达标时限", "时限要求", "时间要求")),
        Field("contact", "责任人", ("联系人", "具体责任人", "负责人", "责任人员")),
    ),
    required=(("item", "number"), ("lead",)),
)


# ---------------------------------------------------------------------------------------------------------------
# Export


@dataclass(frozen=True)
class ExportRow:
    item: str
    section: str
    content: str
    text: str
    leader: str
    lead: str
    support: str
    deadline: dt.date | None
    contact: str

    def cells(self) -> dict[str, str | dt.date | None]:
        return {
            "section": self.section,
            "item": self.content,
            "text": self.text,
            "leader": self.leader,
            "lead": self.lead,
            "support": self.support,
            "deadline": self.deadline,
            "contact": self.contact,
        }


def _department_order(city: CityFile, codes: set[str]) -> list[str]:
    roster = [e.code for e in city.departments]
    return [c for c in roster if c in codes] + sorted(codes - set(roster))


def export_rows(std: Standard, city: CityFile, claim_files: list[ClaimsFile]) -> list[ExportRow]:
    """One row per applicable item, in the standard's order."""
    catalogue = std.departments_by_code
    leaders = {e.code: e.leader for e in city.departments if e.leader}
    by_item: dict[str, list[tuple[str, Claim]]] = {}
    for claims in claim_files:
        for claim in claims.claims:
            by_item.setdefault(claim.item, []).append((claims.department, claim))
    rows = []
    for item in std.items:
        if not item_applies(item, city):
            continue
        section = std.section_of[item.id]
        claims = by_item.get(item.id, [])
        leads = [(d, c) for d, c in claims if c.role == "lead"]
        lead_codes = _department_order(city, {d for d, _ in leads})
        support_codes = _department_order(city, {d for d, c in claims if c.role == "support"} - set(lead_codes))
        first = next((c for d, c in leads if d == lead_codes[0]), None) if lead_codes else None
        leader = (first.leader if first and first.leader else leaders.get(lead_codes[0], "")) if lead_codes else ""
        text = item.effective_text + ("" if item.effective_verified == "verbatim" else UNVERIFIED_MARK)
        rows.append(
            ExportRow(
                item=item.id,
                section=f"{section.number}、{section.title}",
                content=f"{item_label(item.number)}{item.title}",
                text=text,
                leader=leader or "",
                lead="、".join(display_name(c, catalogue, city) for c in lead_codes),
                support="、".join(display_name(c, catalogue, city) for c in support_codes),
                deadline=first.deadline if first else None,
                contact=(first.contact or "") if first else "",
            )
        )
    return rows


def department_choices(std: Standard, city: CityFile) -> list[str]:
    """Names for the drop-down: the roster first, then the rest of the catalogue; no duplicates."""
    catalogue = std.departments_by_code
    names: list[str] = []
    codes = [e.code for e in city.departments] + [d.code for d in std.departments]
    for code in codes:
        name = display_name(code, catalogue, city)
        if name not in names:
            names.append(name)
    return names


# ---------------------------------------------------------------------------------------------------------------
# Import: one row


def _title_key(text: str) -> str:
    return re.sub(r"\s+", "", fold(text)).rstrip("。.")


@dataclass(frozen=True)
class RowContext:
    std: Standard
    city: CityFile
    resolver: DepartmentResolver
    titles: dict[str, Item]

    @classmethod
    def build(cls, std: Standard, city: CityFile) -> RowContext:
        return cls(
            std=std,
            city=city,
            resolver=DepartmentResolver(city_departments(std.departments, city)),
            titles={_title_key(item.title): item for item in std.items},
        )


@dataclass
class RowEntry:
    """A data row understood: which item, who leads and supports, and the lead's date, contact and leader."""

    file: str
    sheet: str
    row: int
    group: tuple[str, int]  # rows sharing the same (merged or filled-down) item cell belong together
    item: str
    lead: str | None
    support: tuple[str, ...]
    deadline: dt.date | None
    contact: str | None
    leader: str | None


@dataclass
class ParsedRow:
    entry: RowEntry | None = None
    skipped: bool = False  # a heading or note row: nothing to import, nothing wrong
    problems: list[Problem] = field(default_factory=list)


_NUM = r"([0-9]{1,3}|[零一二两三四五六七八九十]{1,4})"
_BRACKETED = re.compile(rf"(?:[一二三四五六七八九十]{{1,3}}\s*[-—–、.]\s*)?(?:第\s*)?\(\s*{_NUM}\s*\)\s*条?\s*[、.:]?\s*(.*)", re.DOTALL)
_ARTICLE = re.compile(rf"第\s*{_NUM}\s*条\s*[、.:]?\s*(.*)", re.DOTALL)
_LEADING = re.compile(r"([0-9]{1,3})(?:\s*[、.:]\s*|\s+|$)(.*)", re.DOTALL)


def _number(token: str) -> int | None:
    return int(token) if token.isdigit() else parse_chinese_number(token)


def split_item_ref(text: str) -> tuple[int | None, str]:
    """“（十二）生活垃圾…” → (12, "生活垃圾…"); also 12、… / 第十二条 / 三-(十二); else (None, text).

    A bare Chinese numeral (“二”) is not an item: by convention 一、二、三 number the sections.
    """
    folded = fold(text).strip()
    for pattern in (_BRACKETED, _ARTICLE, _LEADING):
        match = pattern.fullmatch(folded)
        if match:
            number = _number(match.group(1))
            if number is not None:
                return number, match.group(2).strip()
    return None, folded


def _resolve_item(record: Record, ctx: RowContext) -> tuple[Item | None, str | None, Problem | None]:
    """The item a row is about and the field it was read from; or a problem (an error, or a warning with the item).

    The 内容 column comes first: its leading number, else its exact title; then the 序号/条目 column. An item
    found only through a bare 序号 while 内容 says something else gets a warning: 序号 may be a row counter.
    """
    sources = [(name, cell_text(record.values.get(name))) for name in ("item", "number") if name in record.columns]
    sources = [(name, text) for name, text in sources if text]
    titles = ctx.titles
    by_number = ctx.std.items_by_number
    numbers = sorted(by_number)
    unmatched: str | None = None
    for name, text in sources:
        number, rest = split_item_ref(text)
        if number is not None:
            item = by_number.get(number)
            if item is None:
                span = f"{item_label(numbers[0])}至{item_label(numbers[-1])}" if numbers else "（无）"
                return None, name, record.problem("claims.table.unknown-item", f"未知条目“{shorten(text)}”：本标准的条目为{span}", name)
            other = titles.get(_title_key(rest)) if rest else None
            if other is not None and other.id != item.id:
                return None, name, record.problem(
                    "claims.table.item-mismatch",
                    f"条目序号与名称不一致：{item_label(item.number)}是“{item.title}”，而“{other.title}”是{item_label(other.number)}",
                    name,
                )
            if unmatched is not None:
                return item, name, record.problem(
                    "claims.table.number-only",
                    f"按“{record.labels.get(name, name)}”列的“{shorten(text)}”认定为{item_label(item.number)}{item.title}；"
                    f"“{record.labels.get('item', 'item')}”列写的是“{shorten(unmatched)}”，请核对",
                    name,
                    severity="warning",
                )
            return item, name, None
        item = titles.get(_title_key(rest))
        if item is not None:
            return item, name, None
        unmatched = text if name == "item" else unmatched
    name, text = sources[0]
    return None, name, record.problem(
        "claims.table.unknown-item", f"无法识别条目“{shorten(text)}”：请写明条目序号，如“（十二）”", name
    )


def _short_text(record: Record, name: str, problems: list[Problem]) -> str | None:
    text = cell_text(record.values.get(name))
    if not text:
        return None
    if len(text) > MAX_TEXT:
        problems.append(record.problem("claims.table.too-long", "文本过长", name, expected=f"最多 {MAX_TEXT} 个字符", found=f"{len(text)} 个字符"))
        return None
    return text


def parse_row(record: Record, ctx: RowContext) -> ParsedRow:
    """A data row → an entry, or problems placed on its cells; a heading row is skipped. Never raises."""
    problems = list(record.problems)
    values = record.values
    people = ("lead", "support", "deadline", "contact", "leader")
    has_ref = any(cell_text(values.get(n)) for n in ("item", "number") if n in record.columns)
    has_people = any(cell_text(values.get(n)) for n in people if n in record.columns)
    if not has_ref:
        if not has_people and not problems:
            return ParsedRow(skipped=True)
        place = "item" if "item" in record.columns else "number"
        problems.append(record.problem("claims.table.no-item", f"缺少条目：请在“{record.labels.get(place, place)}”列写明条目，如“（十二）”", place))
        return ParsedRow(problems=problems)
    item, item_field, problem = _resolve_item(record, ctx)
    heading = not has_people and not problems and problem is not None and problem.code == "claims.table.unknown-item"
    if heading and item_field and split_item_ref(cell_text(values.get(item_field)))[0] is None:
        return ParsedRow(skipped=True)  # “二、健康教育和健康促进” or “注：…” written in the 内容 column
    if problem is not None:
        problems.append(problem)
    if item is not None and not item_applies(item, ctx.city):
        problems.append(
            record.problem(
                "claims.not-applicable", f"{item_label(item.number)}{item.title}不适用于本市（{why_not(item, ctx.city)}）", item_field
            )
        )

    lead_names = split_names(values.get("lead"))
    lead: str | None = None
    if len(lead_names) > 1:
        problems.append(
            record.problem("claims.table.several-leads", f"牵头部门只能填一个，此格有 {len(lead_names)} 个：{'、'.join(lead_names)}", "lead")
        )
    elif lead_names:
        lead = ctx.resolver.resolve(lead_names[0])
        if lead is None:
            problems.append(record.problem("ref.department", ctx.resolver.unknown_message(lead_names[0]), "lead"))

    support: list[str] = []
    for name in split_names(values.get("support")):
        code = ctx.resolver.resolve(name)
        if code is None:
            problems.append(record.problem("ref.department", ctx.resolver.unknown_message(name), "support"))
        elif code == lead:
            problems.append(
                record.problem("claims.table.lead-also-support", f"“{name}”已是牵头部门，不再列为配合部门", "support", severity="warning")
            )
        elif code not in support:
            support.append(code)

    deadline, message = parse_date(values.get("deadline"), deadline=True)
    if message is not None:
        problems.append(record.problem("claims.table.date", message, "deadline", expected=DATE_EXPECTED))
    elif is_no_deadline_word(values.get("deadline")):
        problems.append(
            record.problem(
                "claims.table.no-date",
                f"达标时间“{cell_text(values.get('deadline'))}”不是具体日期，未设定达标时间（按评估日期）",
                "deadline",
                severity="warning",
            )
        )
    contact = _short_text(record, "contact", problems)
    leader = _short_text(record, "leader", problems)

    if any(p.severity == "error" for p in problems) or item is None or item_field is None:
        return ParsedRow(problems=problems)
    entry = RowEntry(
        file=record.file,
        sheet=record.sheet,
        row=record.row,
        group=(record.sheet, record.source_row(item_field)),
        item=item.id,
        lead=lead,
        support=tuple(support),
        deadline=deadline,
        contact=contact,
        leader=leader,
    )
    return ParsedRow(entry=entry, problems=problems)


# ---------------------------------------------------------------------------------------------------------------
# Import: rows → one assignment per item


@dataclass
class Assignment:
    """What the table says about one item."""

    item: str
    lead: str
    support: tuple[str, ...]
    deadline: dt.date | None
    contact: str | None
    leader: str | None
    sheet: str
    rows: list[int]


@dataclass
class Combined:
    assignments: dict[str, Assignment]
    problems: list[Problem]
    rejected_rows: set[tuple[str, int]]  # (sheet, row) of rows whose item was rejected here


def _row_name(sheet: str, row: int, other_sheet: str) -> str:
    return f"第 {row} 行" if sheet == other_sheet else f"工作表“{sheet}”第 {row} 行"


def _agree(
    entries: list[RowEntry], attr: str, label: str, show, problems: list[Problem], ctx_label: str  # type: ignore[no-untyped-def]
) -> bool:
    seen: list[tuple[RowEntry, object]] = []
    for entry in entries:
        value = getattr(entry, attr)
        if value is None:
            continue
        first = next((s for s in seen if s[1] != value), None) if seen else None
        if first is not None:
            problems.append(
                Problem(
                    code="claims.table.group-conflict",
                    file=entry.file,
                    line=entry.row,
                    key=f"{entry.sheet}!第{entry.row}行" if entry.sheet else f"第{entry.row}行",
                    message=f"{ctx_label}的{label}不一致：第 {first[0].row} 行为“{show(first[1])}”，第 {entry.row} 行为“{show(value)}”",
                )
            )
            return False
        seen.append((entry, value))
    return True


def combine_rows(entries: list[RowEntry], ctx: RowContext) -> Combined:
    """Rows of one merged item cell form one assignment; the same item in two places is a duplicate."""
    groups: dict[tuple[str, int], list[RowEntry]] = {}
    for entry in entries:
        groups.setdefault(entry.group, []).append(entry)
    problems: list[Problem] = []
    rejected: set[tuple[str, int]] = set()
    assignments: dict[str, Assignment] = {}
    first_place: dict[str, tuple[str, int]] = {}
    bad_items: set[str] = set()
    std = ctx.std
    label_of = ctx.resolver.label
    for rows in groups.values():  # reading order: sheets as in the workbook, rows top to bottom
        item = std.items_by_id[rows[0].item]
        label = f"{item_label(item.number)}{item.title}"
        sheet, first_row = rows[0].sheet, rows[0].row
        if item.id in first_place:
            other_sheet, other_row = first_place[item.id]
            problems.append(
                Problem(
                    code="claims.table.duplicate",
                    file=rows[0].file,
                    line=first_row,
                    key=f"{sheet}!第{first_row}行" if sheet else f"第{first_row}行",
                    message=f"{label}重复：{_row_name(other_sheet, other_row, sheet)}和第 {first_row} 行都填写了此条，两处均未导入",
                )
            )
            bad_items.add(item.id)
            continue
        first_place[item.id] = (sheet, first_row)
        ok = all(
            [
                _agree(rows, "lead", "牵头部门", label_of, problems, label),
                _agree(rows, "deadline", "达标时间", str, problems, label),
                _agree(rows, "contact", "责任人", str, problems, label),
                _agree(rows, "leader", "分管市领导", str, problems, label),
            ]
        )
        lead = next((r.lead for r in rows if r.lead), None)
        support: list[str] = []
        for r in rows:
            support += [s for s in r.support if s not in support and s != lead]
        if not ok:
            bad_items.add(item.id)
            continue
        if lead is None:
            where = rows[0]
            key_text = f"{sheet}!第{first_row}行" if sheet else f"第{first_row}行"
            if support:
                problems.append(
                    Problem(code="claims.table.no-lead", file=where.file, line=first_row, key=key_text, message=f"{label}缺少牵头部门")
                )
                bad_items.add(item.id)
            else:
                problems.append(
                    Problem(
                        code="claims.table.unassigned",
                        severity="warning",
                        file=where.file,
                        line=first_row,
                        key=key_text,
                        message=f"{label}未填写牵头部门和配合部门，此条未导入",
                    )
                )
            continue
        assignments[item.id] = Assignment(
            item=item.id,
            lead=lead,
            support=tuple(support),
            deadline=next((r.deadline for r in rows if r.deadline), None),
            contact=next((r.contact for r in rows if r.contact), None),
            leader=next((r.leader for r in rows if r.leader), None),
            sheet=sheet,
            rows=[r.row for r in rows],
        )
    for item_id in bad_items:
        assignments.pop(item_id, None)
    for entry in entries:
        if entry.item in bad_items:
            rejected.add((entry.sheet, entry.row))
    return Combined(assignments=assignments, problems=problems, rejected_rows=rejected)


# ---------------------------------------------------------------------------------------------------------------
# Import: assignments → changes per department


ChangeKind = Literal["add", "remove", "change"]
CHANGE_ZH: dict[str, str] = {"add": "新增", "remove": "删除", "change": "变更"}


@dataclass
class Change:
    kind: ChangeKind
    item: str
    label: str
    role: str
    details: list[str] = field(default_factory=list)

    def render(self) -> str:
        text = f"{CHANGE_ZH[self.kind]} {self.label} ［{ROLE_ZH[self.role]}］"
        return text + ("：" + "；".join(self.details) if self.details else "")

    def as_json(self) -> dict[str, object]:
        return {"kind": self.kind, "item": self.item, "label": self.label, "role": self.role, "details": self.details}


@dataclass
class DepartmentPlan:
    department: str
    name: str
    changes: list[Change]
    existed: bool
    after: ClaimsFile


@dataclass
class Plan:
    departments: list[DepartmentPlan]

    @property
    def empty(self) -> bool:
        return not self.departments

    def counts(self) -> dict[str, int]:
        counts = {"add": 0, "remove": 0, "change": 0}
        for dept in self.departments:
            for change in dept.changes:
                counts[change.kind] += 1
        return counts


def _show(value: object, empty: str) -> str:
    return empty if value in (None, "") else str(value)


def _lead_fields(existing: Claim | None, a: Assignment, roster_leader: str | None) -> dict[str, object]:
    if a.leader is None:
        leader = None
    elif existing is not None and existing.leader == a.leader:
        leader = existing.leader
    elif a.leader == roster_leader:
        leader = None  # the roster's leader is the default; do not copy it into every claim
    else:
        leader = a.leader
    return {"deadline": a.deadline, "contact": a.contact, "leader": leader}


def _details(before: Claim, after: Claim) -> list[str]:
    details = []
    if before.role != after.role:
        details.append(f"{ROLE_ZH[before.role]} → {ROLE_ZH[after.role]}")
    for attr, label, empty in (("deadline", "达标时间", "未设定"), ("contact", "责任人", "未填写"), ("leader", "分管市领导", "未填写")):
        old, new = getattr(before, attr), getattr(after, attr)
        if old != new:
            details.append(f"{label}：{_show(old, empty)} → {_show(new, empty)}")
    return details


def plan_changes(std: Standard, city: CityFile, claim_files: list[ClaimsFile], assignments: dict[str, Assignment]) -> Plan:
    """For each item in the table, make the claims of every department match it; report what changes."""
    order = {item.id: i for i, item in enumerate(std.items)}
    roster_leaders = {e.code: e.leader for e in city.departments}
    catalogue = std.departments_by_code
    current: dict[str, list[Claim]] = {f.department: list(f.claims) for f in claim_files}
    existed = set(current)
    changes: dict[str, list[Change]] = {}
    for item_id in sorted(assignments, key=lambda i: order.get(i, 0)):
        a = assignments[item_id]
        item = std.items_by_id[item_id]
        label = f"{item_label(item.number)}{item.title}"
        desired: dict[str, str] = {a.lead: "lead", **{s: "support" for s in a.support if s != a.lead}}
        for dept in sorted(set(current) | set(desired)):
            claims = current.get(dept, [])
            existing = [c for c in claims if c.item == item_id]
            role = desired.get(dept)
            log = changes.setdefault(dept, [])
            if role is None:
                for claim in existing:
                    log.append(Change("remove", item_id, label, claim.role))
                current[dept] = [c for c in claims if c.item != item_id]
                continue
            keep = next((c for c in existing if c.role == role), existing[0] if existing else None)
            if keep is None:
                data: dict[str, object] = {"item": item_id, "role": role}
                if role == "lead":
                    data.update({k: v for k, v in _lead_fields(None, a, roster_leaders.get(dept)).items() if v is not None})
                new = Claim.model_validate(data)
                log.append(Change("add", item_id, label, role))
                claims = _insert(claims, new, order)
            else:
                update: dict[str, object] = {"role": role}
                if role == "lead":
                    update.update(_lead_fields(keep, a, roster_leaders.get(dept)))
                new = Claim.model_validate({**keep.model_dump(), **update})
                for claim in existing:
                    if claim is not keep:
                        log.append(Change("remove", item_id, label, claim.role))
                if new != keep:
                    log.append(Change("change", item_id, label, role, _details(keep, new)))
                dropped = {id(c) for c in existing if c is not keep}
                claims = [new if c is keep else c for c in claims if id(c) not in dropped]
            current[dept] = claims
    plans = []
    for dept in sorted(changes, key=lambda d: (_department_rank(city, d), d)):
        if not changes[dept]:
            continue
        name = display_name(dept, catalogue, city)
        plans.append(
            DepartmentPlan(
                department=dept,
                name=name,
                changes=changes[dept],
                existed=dept in existed,
                after=ClaimsFile(department=dept, claims=current[dept]),
            )
        )
    return Plan(departments=plans)


def _department_rank(city: CityFile, code: str) -> int:
    roster = [e.code for e in city.departments]
    return roster.index(code) if code in roster else len(roster)


def _insert(claims: list[Claim], new: Claim, order: dict[str, int]) -> list[Claim]:
    """Put a new claim before the first claim of a later item, keeping the file's own order otherwise."""
    rank = order.get(new.item, len(order))
    for index, claim in enumerate(claims):
        if order.get(claim.item, len(order)) > rank:
            return [*claims[:index], new, *claims[index:]]
    return [*claims, new]

