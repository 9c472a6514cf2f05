"""The ledger's operations on a workspace: checking what people type, then writing events.

Every check runs before anything is written, and the checks that depend on the current state run inside the
write transaction (see store.py): on any error nothing is written. Errors are `FieldError`s naming the input
field, so the command line can point at the option (--item) and an import at the cell (台账!F7).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cwassess.ledger import deadlines
from cwassess.ledger.config import load_config, load_grids
from cwassess.ledger.machine import ACTIONS, refusal
from cwassess.ledger.model import ASSIGN, CREATE, RECUR, REJECT, SOURCES, START, SUBMIT, VERIFY, Event, Grid, GridsFile, LedgerConfig, Problem
from cwassess.ledger.photos import check_photo, typed_photo_base
from cwassess.ledger.store import ID_PREFIX, LedgerError, LedgerStore, Transaction, wall_clock
from cwassess.ledger.units import Units
from cwassess.loading import Workspace
from cwassess.models.limits import DEFAULT_INPUT_LIMITS, InputLimits
from cwassess.normalize import cell_text, parse_date
from cwassess.problems import Problem as Diagnostic
from cwassess.problems import shorten
from cwassess.sheets import DEFAULT_LIMITS as DEFAULT_SHEET_LIMITS
from cwassess.sheets import Limits as SheetLimits
from cwassess.standard.model import Standard, item_label
from cwassess.validation import did_you_mean

MAX_TEXT = 2000
OPTION: dict[str, str] = {
    "source": "--source",
    "found": "--found",
    "district": "--district",
    "street": "--street",
    "grid": "--grid",
    "address": "--address",
    "site_type": "--site-type",
    "items": "--item",
    "problem_class": "--class",
    "description": "--description",
    "photos": "--photo",
    "unit": "--unit",
    "deadline": "--deadline",
    "severity": "--severity",
    "as": "--as",
    "date": "--date",
    "reason": "--reason",
    "id": "ID",
    "inspector": "--inspector",
    "note": "--note",
    "state": "--state",
}


@dataclass(frozen=True)
class FieldError:
    field: str
    code: str
    message: str
    severity: str = "error"

    def as_problem(self, file: str | None = None) -> Diagnostic:
        return Diagnostic(code=self.code, message=self.message, severity=self.severity, file=file, key=OPTION.get(self.field, self.field) or None)  # type: ignore[arg-type]


def has_error(errors: list[FieldError]) -> bool:
    return any(e.severity == "error" for e in errors)


class Refused(Exception):
    """A change not allowed now; raised inside a write transaction so that nothing is written."""

    def __init__(self, error: FieldError) -> None:
        super().__init__(error.message)
        self.error = error


@dataclass
class RawProblem:
    """A new problem as typed (command line) or read (a spreadsheet row, an inspection record)."""

    source: object = None
    found: object = None
    district: object = None
    street: object = None
    grid: object = None
    address: object = None
    site_type: object = None
    items: list[str] = field(default_factory=list)
    problem_class: object = None
    description: object = None
    photos: list[str] = field(default_factory=list)
    unit: object = None
    deadline: object = None
    severity: object = None


def _text(value: object) -> str | None:
    text = cell_text(value) if value is not None else ""
    return text or None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def normalize_id(text: str) -> str:
    """“zg-12”, “ZG12”, “12” → “ZG-0012”; anything else unchanged."""
    match = re.fullmatch(r"(?i)\s*(?:zg-?)?0*(\d{1,9})\s*", text)
    return f"{ID_PREFIX}{int(match.group(1)):04d}" if match else text.strip()


@dataclass
class LedgerContext:
    root: Path
    std: Standard
    config: LedgerConfig
    grids: GridsFile
    units: Units
    site_types: dict[str, list[str]]
    lead_of: dict[str, str | None]
    today: dt.date
    store: LedgerStore
    limits: InputLimits = DEFAULT_INPUT_LIMITS  # the city's size limits: a photo's bytes and pixels
    sheet_limits: SheetLimits = DEFAULT_SHEET_LIMITS  # the same, for an imported spreadsheet (Workspace.sheet_limits)

    @property
    def verifiers(self) -> list[str]:
        return list(self.config.verifiers)

    def label(self, code: str) -> str:
        return self.units.label(code)

    def grid(self, name: str) -> Grid | None:
        return next((g for g in self.grids.grids if g.name == name), None)

    # -- items ------------------------------------------------------------------------------------------------
    def resolve_item(self, text: str) -> tuple[str | None, str | None]:
        from cwassess.claims.table import split_item_ref

        written = _fold(text)
        by_id = self.std.items_by_id
        if written in by_id:
            return written, None
        titles = {_fold(it.title): it.id for it in self.std.items}
        if written in titles:
            return titles[written], None
        number, rest = split_item_ref(written)
        if number is None and re.fullmatch(r"[0-9]{1,4}", written):  # a bare item number; never int() of 4,400 digits
            number, rest = int(written), ""
        if number is not None:
            item = self.std.items_by_number.get(number)
            if item is not None and (not rest or _fold(rest) == _fold(item.title) or _fold(item.title).startswith(_fold(rest))):
                return item.id, None
        guess = did_you_mean(written, list(by_id)) or did_you_mean(written, list(titles))
        if guess in titles:
            item = by_id[titles[guess]]
            guess = f"{item.id}（{item_label(item.number)}{item.title}）"
        return None, f"未知条目“{shorten(text)}”" + (f"，是否想写“{guess}”？" if guess else "")

    def items_for_site(self, site_type: str | None) -> list[str]:
        return list(self.site_types.get(_fold(site_type), [])) if site_type else []

    # -- responsible unit -------------------------------------------------------------------------------------
    def suggest_unit(self, problem_class: str, district: str | None, street: str | None, items: list[str]) -> str | None:
        """属地 problem → its street, else district; 行业 problem → the lead department of its first item."""
        place = street if street in self.units.street_district else (district if district in self.units.districts else None)
        lead = next((self.lead_of.get(i) for i in items if self.lead_of.get(i) in self.units.names), None)
        if deadlines.duty_for(problem_class, self.config) == "行业":
            return lead or place
        return place or lead

    # -- photos -----------------------------------------------------------------------------------------------
    def photos(self, written: list[str], errors: list[FieldError], base: Path | None = None) -> list[str]:
        """The photos as stored (relative to the workspace, without repeats); an error for each refused one.
        `base`: where a relative path starts; None for paths typed on the command line (see typed_photo_base)."""
        out: list[str] = []
        for one in written:
            rel, message = check_photo(self.root, one, base or typed_photo_base(self.root, one), self.limits)
            if rel is None:
                errors.append(FieldError("photos", "ledger.photo", message or ""))
            elif rel not in out:
                out.append(rel)
        return out

    # -- a new problem ----------------------------------------------------------------------------------------
    def validate(self, raw: RawProblem, photo_base: Path | None = None, strict_place: bool = True) -> tuple[dict[str, Any] | None, list[FieldError]]:
        """The create event's data for a new problem, or None and every error at once."""
        errors: list[FieldError] = []

        def err(name: str, code: str, message: str, severity: str = "error") -> None:
            errors.append(FieldError(name, code, message, severity))

        source = _text(raw.source)
        if source is None:
            err("source", "ledger.source.missing", "缺少问题来源")
        elif source not in SOURCES:
            guess = did_you_mean(source, list(SOURCES))
            err("source", "ledger.source", f"未知来源“{source}”" + (f"，是否想写“{guess}”？" if guess else f"（可选：{'、'.join(SOURCES)}）"))
        found, message = parse_date(raw.found)
        if message:
            err("found", "ledger.date", message)
        elif found is None:
            err("found", "ledger.found.missing", "缺少发现日期")
        elif found > self.today:
            err("found", "ledger.found.future", f"发现日期 {found} 晚于今天（{self.today}）")
            found = None
        district, street, grid = _text(raw.district), _text(raw.street), _text(raw.grid)
        district, street, grid = self._place(district, street, grid, err, strict_place)
        address, site_type = _text(raw.address), _text(raw.site_type)
        items: list[str] = []
        for written in raw.items:
            item, message = self.resolve_item(written)
            parts = [p for p in re.split(r"[、，,;；\s]+", written) if p]
            results = [(item, message)] if item is not None or len(parts) < 2 else [self.resolve_item(p) for p in parts]
            for item, message in results:
                if item is None:
                    err("items", "ledger.item", message or "")
                elif item not in items:
                    items.append(item)
        if not raw.items:
            items = self.items_for_site(site_type)
            if not items:
                if strict_place:
                    err("items", "ledger.item.missing", "须指明所涉条目（--item），或填写能归属条目的点位类型（--site-type）")
                else:
                    err("items", "ledger.item.missing", f"点位类型“{site_type or '未填写'}”无法归属条目，该问题不计入模拟测评", "warning")
        problem_class = _text(raw.problem_class)
        if problem_class is None:
            err("problem_class", "ledger.class.missing", "缺少问题类别")
        elif self.config.classes and problem_class not in self.config.classes:
            guess = did_you_mean(problem_class, list(self.config.classes))
            if guess:
                err("problem_class", "ledger.class.unknown", f"问题类别“{problem_class}”不在 ledger/config.yaml 中，是否想写“{guess}”？（按默认严重程度“{self.config.default_severity}”登记）", "warning")
        description = _text(raw.description)
        if description is None:
            err("description", "ledger.description.missing", "缺少问题描述")
        elif len(description) > MAX_TEXT:
            err("description", "ledger.description.long", f"问题描述过长（{len(description)} 字，最多 {MAX_TEXT} 字）")
        photos = self.photos(raw.photos, errors, photo_base)
        severity = _text(raw.severity)
        if severity is not None and severity not in self.config.deadline_days:
            guess = did_you_mean(severity, list(self.config.deadline_days))
            err("severity", "ledger.severity", f"未知严重程度“{severity}”" + (f"，是否想写“{guess}”？" if guess else f"（可选：{'、'.join(self.config.deadline_days)}）"))
            severity = None
        if severity is None and problem_class:
            severity = deadlines.severity_for(problem_class, self.config)
        unit_text = _text(raw.unit)
        suggested = self.suggest_unit(problem_class or "", district, street, items)
        unit: str | None = None
        if unit_text is not None:
            unit, message = self.units.resolve(unit_text)
            if unit is None:
                err("unit", "ledger.unit", message or "")
        elif suggested is None:
            if strict_place:
                err("unit", "ledger.unit.missing", "无法推荐责任单位（未填写街道或区，条目也没有牵头部门），请指定责任单位（--unit）")
            else:
                unit = self.verifiers[0]
                err("unit", "ledger.unit.fallback", f"无法推荐责任单位，暂交{self.label(unit)}，请用 ledger assign 改派", "warning")
        else:
            unit = suggested
        deadline, message = parse_date(raw.deadline)
        if message:
            err("deadline", "ledger.date", message)
        elif deadline is not None and found is not None and deadline < found:
            err("deadline", "ledger.deadline.before-found", f"整改期限 {deadline} 早于发现日期 {found}")
        if has_error(errors):
            return None, errors
        assert found is not None and problem_class and description and unit and severity and source
        return {
            "source": source,
            "found": found.isoformat(),
            "district": district,
            "street": street,
            "grid": grid,
            "address": address,
            "site_type": site_type,
            "items": items,
            "problem_class": problem_class,
            "severity": severity,
            "description": description,
            "photos": photos,
            "unit": unit,
            "suggested_unit": suggested,
            "deadline": (deadline or deadlines.default_deadline(found, severity, self.config)).isoformat(),
        }, errors

    def _place(self, district: str | None, street: str | None, grid: str | None, err: Any, strict: bool) -> tuple[str | None, str | None, str | None]:
        severity = "error" if strict else "warning"
        units = self.units
        if grid is not None and self.grids.grids:
            known = self.grid(grid)
            if known is None:
                guess = did_you_mean(grid, [g.name for g in self.grids.grids])
                err("grid", "ledger.grid", f"未知网格“{grid}”" + (f"，是否想写“{guess}”？" if guess else "（见 ledger/grids.yaml）"), severity)
            else:
                if street is not None and street != known.street:
                    err("grid", "ledger.grid.street", f"网格“{grid}”属于“{known.street}”，与填写的街道“{street}”不一致", severity)
                street = street or known.street
                district = district or known.district
        if district is not None and district not in units.districts:
            guess = did_you_mean(district, list(units.districts))
            err("district", "ledger.district", f"未知区“{district}”" + (f"，是否想写“{guess}”？" if guess else ""), severity)
        if street is not None:
            owner = units.street_district.get(street)
            if owner is None:
                candidates = units.districts.get(district or "", list(units.street_district))
                guess = did_you_mean(street, candidates)
                err("street", "ledger.street", f"未知街道“{street}”" + (f"，是否想写“{guess}”？" if guess else ""), severity)
            elif district is None:
                district = owner
            elif district in units.districts and owner != district:
                err("street", "ledger.street.district", f"街道“{street}”属于“{owner}”，不属于“{district}”", severity)
        return district, street, grid

    # -- writes -----------------------------------------------------------------------------------------------
    def _actor(self, written: str | None, errors: list[FieldError], default_verifier: bool = False) -> str | None:
        if written is None or not written.strip():
            if default_verifier:
                return self.verifiers[0]
            errors.append(FieldError("as", "ledger.as.missing", "须用 --as 指明办理单位"))
            return None
        code, message = self.units.resolve(written)
        if code is None:
            errors.append(FieldError("as", "ledger.unit", message or ""))
        return code

    def _day(self, value: object, errors: list[FieldError], name: str = "date") -> dt.date:
        if value is None:
            return self.today
        day, message = parse_date(value)
        if message or day is None:
            errors.append(FieldError(name, "ledger.date", message or "缺少日期"))
            return self.today
        if day > self.today:
            errors.append(FieldError(name, "ledger.date.future", f"日期 {day} 晚于今天（{self.today}）"))
        return day

    def add(self, drafts: list[dict[str, Any]], actor: str | None = None, person: str | None = None) -> tuple[list[Event], list[FieldError]]:
        """Register new problems (already validated), all in one transaction."""
        errors: list[FieldError] = []
        who = self._actor(actor, errors, default_verifier=True)
        if errors:
            return [], errors
        with self.store.transaction() as tx:
            for data in drafts:
                tx.append(tx.new_id(), CREATE, self.today, who, person, data)
            return list(tx.appended), []

    def _problem(self, tx: Transaction, written: str) -> Problem:
        pid = normalize_id(written)
        problem = tx.problem(pid)
        if problem is None:
            ids = [str(r[0]) for r in tx.conn.execute("SELECT id FROM problems ORDER BY num")]
            guess = did_you_mean(pid, ids)
            raise Refused(FieldError("id", "ledger.id", f"未知问题编号“{written}”" + (f"，是否想写“{guess}”？" if guess else "")))
        return problem

    def _allowed(self, problem: Problem, kind: str, actor: str | None, day: dt.date) -> None:
        why = refusal(problem, kind, actor, self.verifiers, self.label)
        if why:
            code = "ledger.state" if "当前为" in why else "ledger.role"
            raise Refused(FieldError("as" if code == "ledger.role" else "id", code, why))
        if problem.last_date and day < problem.last_date:
            raise Refused(FieldError("date", "ledger.date.order", f"日期 {day} 早于问题 {problem.id} 上一次办理的日期 {problem.last_date}"))

    def _change(
        self, problem_id: str, kind: str, who: str | None, day: dt.date, errors: list[FieldError], write: Callable[[Transaction, Problem], None]
    ) -> tuple[list[Event], list[FieldError]]:
        """What every change to one problem shares: stop on the input's errors; then, in one write transaction, find
        the problem, check that `who` may do `kind` to it on `day`, and let `write` append the events. A refusal
        anywhere (raised as Refused) rolls back: nothing is written."""
        if errors:
            return [], errors
        if not self.store.exists:
            return [], [FieldError("id", "ledger.id", f"未知问题编号“{problem_id}”（台账中还没有问题）")]
        try:
            with self.store.transaction() as tx:
                problem = self._problem(tx, problem_id)
                self._allowed(problem, kind, who, day)
                write(tx, problem)
                return list(tx.appended), []
        except Refused as refused:
            return [], [refused.error]

    def transition(
        self,
        kind: str,
        problem_id: str,
        actor: str | None,
        *,
        date: object = None,
        person: str | None = None,
        reason: str | None = None,
        description: str | None = None,
        photos: list[str] | None = None,
        photo_base: Path | None = None,
        unit: str | None = None,
        note: str | None = None,
    ) -> tuple[list[Event], list[FieldError]]:
        """start / submit / verify / reject / assign one problem: one event, or errors and nothing written."""
        assert kind in (START, SUBMIT, VERIFY, REJECT, ASSIGN)
        errors: list[FieldError] = []
        who = self._actor(actor, errors)
        day = self._day(date, errors)
        data: dict[str, Any] = {}
        if note:
            data["note"] = note.strip()
        if kind == SUBMIT:
            text = (description or "").strip()
            if not text:
                errors.append(FieldError("description", "ledger.submit.description", "提交复核须填写整改情况说明（--description）"))
            shots = self.photos(photos or [], errors, photo_base)
            if not photos:
                errors.append(FieldError("photos", "ledger.submit.photo", "提交复核须附整改后照片（--photo）"))
            data.update(description=text, photos=shots)
        if kind == REJECT:
            text = (reason or "").strip()
            if not text:
                errors.append(FieldError("reason", "ledger.reject.reason", "退回须说明原因（--reason）"))
            data["reason"] = text
        if kind == ASSIGN:
            target, message = self.units.resolve(unit) if unit else (None, "改派须指明新的责任单位（--unit）")
            if target is None:
                errors.append(FieldError("unit", "ledger.unit", message or ""))
            data["unit"] = target

        def write(tx: Transaction, problem: Problem) -> None:
            if kind == REJECT:
                data["deadline"] = deadlines.rework_deadline(problem, day, self.config).isoformat()
            if kind == ASSIGN:
                if data["unit"] == problem.unit:
                    raise Refused(FieldError("unit", "ledger.assign.same", f"问题 {problem.id} 的责任单位已是{self.label(problem.unit)}"))
                data["from"] = problem.unit
            tx.append(problem.id, kind, day, who, person, data)

        return self._change(problem_id, kind, who, day, errors, write)

    def reopen(
        self,
        problem_id: str,
        actor: str | None = None,
        *,
        found: object = None,
        description: str | None = None,
        photos: list[str] | None = None,
        photo_base: Path | None = None,
        deadline: object = None,
        person: str | None = None,
    ) -> tuple[list[Event], list[FieldError]]:
        """A closed problem found again: a new problem linked to it (the old one's history is untouched)."""
        errors: list[FieldError] = []
        who = self._actor(actor, errors, default_verifier=True)
        day = self._day(found, errors, "found")
        shots = self.photos(photos or [], errors, photo_base)
        due, message = parse_date(deadline)
        if message:
            errors.append(FieldError("deadline", "ledger.date", message))
        elif due is not None and due < day:
            errors.append(FieldError("deadline", "ledger.deadline.before-found", f"整改期限 {due} 早于发现日期 {day}"))

        def write(tx: Transaction, old: Problem) -> None:
            new_id = tx.new_id()
            data = {
                "source": old.source,
                "found": day.isoformat(),
                "district": old.district,
                "street": old.street,
                "grid": old.grid,
                "address": old.address,
                "site_type": old.site_type,
                "items": list(old.items),
                "problem_class": old.problem_class,
                "severity": old.severity,
                "description": (description or "").strip() or old.description,
                "photos": shots,
                "unit": old.unit,
                "suggested_unit": old.suggested_unit,
                "deadline": (due or deadlines.default_deadline(day, old.severity, self.config)).isoformat(),
                "recurs": old.id,
            }
            tx.append(new_id, CREATE, max(self.today, day), who, person, data)
            tx.append(old.id, RECUR, day, who, person, {"problem": new_id})

        return self._change(problem_id, RECUR, who, day, errors, write)


def open_context(ws: Workspace, today: dt.date, clock: Any = wall_clock) -> tuple[LedgerContext | None, list[Diagnostic]]:
    """The ledger of a loaded workspace (city and standard usable); None and the problems when its files are wrong."""
    from cwassess.engine.context import build_context
    from cwassess.evidence.model import Evidence

    assert ws.city is not None and ws.standard is not None
    units = Units.build(ws.standard.departments, ws.city)
    config, problems = load_config(ws.root, units)
    grids, grid_problems = load_grids(ws.root, units)
    problems += grid_problems
    if config is None or grids is None:
        return None, problems
    engine = build_context(ws.standard, ws.city, ws.claims, Evidence(), today)
    store = LedgerStore.for_workspace(ws.root, clock)
    ctx = LedgerContext(
        root=ws.root,
        std=ws.standard,
        config=config,
        grids=grids,
        units=units,
        site_types={_fold(k): v for k, v in engine.scheme.site_types.items()},
        lead_of=engine.lead_of,
        today=today,
        store=store,
        limits=ws.limits,
        sheet_limits=ws.sheet_limits,
    )
    return ctx, problems


def origin_key(data: dict[str, Any]) -> str:
    """What makes two imported rows the same problem: source, date, place, class and description."""
    parts = [data.get(k) or "" for k in ("source", "found", "district", "street", "grid", "address", "problem_class", "description")]
    return "import:" + hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


__all__ = ["ACTIONS", "FieldError", "LedgerContext", "LedgerError", "RawProblem", "Refused", "normalize_id", "open_context", "origin_key"]
