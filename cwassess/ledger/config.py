"""Reading ledger/config.yaml and ledger/grids.yaml, checked against the city (units, districts, streets)."""

from __future__ import annotations

from pathlib import Path

from cwassess.ledger.model import GridsFile, LedgerConfig
from cwassess.ledger.units import Units
from cwassess.loading import display_path
from cwassess.problems import Problem
from cwassess.validation import did_you_mean, validate_document
from cwassess.yamlio import load_yaml

LEDGER_DIR = "ledger"
CONFIG_FILE = "config.yaml"
GRIDS_FILE = "grids.yaml"


def load_config(root: Path, units: Units) -> tuple[LedgerConfig | None, list[Problem]]:
    """The ledger's settings; the defaults when the file does not exist; None when it has errors."""
    path = root / LEDGER_DIR / CONFIG_FILE
    if not path.is_file():
        return LedgerConfig(), []
    doc = load_yaml(path, display_path(path))
    config = validate_document(doc, LedgerConfig)
    problems = list(doc.problems)
    if config is None:
        return None, problems
    resolved = []
    for i, written in enumerate(config.verifiers):
        code, message = units.resolve(written)
        if code is None:
            problems.append(doc.problem(("verifiers", i), "ledger.config.unit", message or ""))
        else:
            resolved.append(code)
    severities = list(config.deadline_days)
    for name, days in config.deadline_days.items():
        if not 0 <= days <= 365:
            problems.append(doc.problem(("deadline_days", name), "ledger.config.days", "期限天数应在 0–365 之间", found=str(days)))
    if config.default_severity not in config.deadline_days:
        problems.append(doc.problem(("default_severity",), "ledger.config.severity", f"严重程度“{config.default_severity}”不在 deadline_days 中", expected="、".join(severities)))
    for cls, rule in config.classes.items():
        if rule.severity not in config.deadline_days:
            guess = did_you_mean(rule.severity, severities)
            problems.append(
                doc.problem(("classes", cls, "severity"), "ledger.config.severity", f"严重程度“{rule.severity}”不在 deadline_days 中" + (f"，是否想写“{guess}”？" if guess else ""))
            )
    if any(p.severity == "error" for p in problems):
        return None, problems
    return config.model_copy(update={"verifiers": resolved}), problems


def load_grids(root: Path, units: Units) -> tuple[GridsFile | None, list[Problem]]:
    path = root / LEDGER_DIR / GRIDS_FILE
    if not path.is_file():
        return GridsFile(), []
    doc = load_yaml(path, display_path(path))
    grids = validate_document(doc, GridsFile)
    problems = list(doc.problems)
    if grids is None:
        return None, problems
    seen: set[str] = set()
    fixed = []
    for i, grid in enumerate(grids.grids):
        base = ("grids", i)
        if grid.name in seen:
            problems.append(doc.problem((*base, "name"), "ledger.grid.duplicate", f"网格“{grid.name}”重复"))
        seen.add(grid.name)
        if grid.district not in units.districts:
            guess = did_you_mean(grid.district, list(units.districts))
            problems.append(doc.problem((*base, "district"), "ledger.grid.district", f"未知区“{grid.district}”" + (f"，是否想写“{guess}”？" if guess else "")))
        elif grid.street not in units.districts[grid.district]:
            guess = did_you_mean(grid.street, units.districts[grid.district])
            problems.append(
                doc.problem((*base, "street"), "ledger.grid.street", f"“{grid.district}”没有街道“{grid.street}”" + (f"，是否想写“{guess}”？" if guess else ""))
            )
        lead, message = units.resolve(grid.lead_unit)
        if lead is None:
            problems.append(doc.problem((*base, "lead_unit"), "ledger.grid.unit", message or ""))
        members = []
        for j, member in enumerate(grid.members):
            code, message = units.resolve(member)
            if code is None:
                problems.append(doc.problem((*base, "members", j), "ledger.grid.unit", message or ""))
            else:
                members.append(code)
        fixed.append(grid.model_copy(update={"lead_unit": lead or grid.lead_unit, "members": members}))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return grids.model_copy(update={"grids": fixed}), problems
