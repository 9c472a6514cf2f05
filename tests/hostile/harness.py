"""Running one hostile input through one reader, the way the CLI would, and rendering what comes back.

Every reader starts from a fresh copy of tests/hostile/base at ./ws (cwd = a temp folder), so every message
reads ws/…; a spreadsheet or an official document is copied to ./<its name> and named by that.

Readers (the `reader` of a corpus case):
    city, profile, claims, overlay      the file placed in the workspace → load_workspace problems
    manifest, inspections, waivers      → load_workspace + load_evidence problems
    ledger-config, ledger-grids         → open_context problems
    standard                            the mini standard at ./mini with one file replaced → load + lint
    evidence-file                       the input placed in evidence/aiweiban/, a manifest naming it → load_evidence
    packet-file                         the same, then `cwassess packet --item <its item> --json` → exit code and
                                        every problem of the build ("level: file: message")
    workbook                            sheets.read_workbook problems
    claims-import                       claims.import_table.prepare_import problems
    evidence-import                     evidence.intake.plan_intake problems (department aiweiban)
    ledger-import                       ledger.importing.prepare problems
    official                            official.extract.extract_file, then parse_official if there is text
    cli:<args>                          the input at `target`; `cwassess --workspace ws <args>` in-process →
                                        exit code and output lines ("exit N" first)
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

HOSTILE = Path(__file__).resolve().parent
BASE = HOSTILE / "base"
MINI = HOSTILE.parent / "fixtures" / "mini-standard"
TODAY = dt.date(2027, 3, 1)
PDF = (BASE / "evidence" / "aiweiban" / "minutes-2026.pdf").read_bytes()
CLI_ENV = {"COLUMNS": "200", "NO_COLOR": "1", "CWASSESS_WORKSPACE": None, "CWASSESS_TODAY": TODAY.isoformat()}

# Where a YAML reader puts its input (relative to the workspace) unless the case says otherwise.
DEFAULT_TARGET = {
    "city": "city.yaml",
    "profile": "profiles/local.yaml",
    "claims": "claims/aiweiban.yaml",
    "overlay": "overlays/official-text.yaml",
    "manifest": "evidence/aiweiban/manifest.yaml",
    "inspections": "inspections/q1.yaml",
    "waivers": "waivers.yaml",
    "ledger-config": "ledger/config.yaml",
    "ledger-grids": "ledger/grids.yaml",
}
# evidence-file: which material may hold a file of this extension (formats in the bundled standard).
MATERIAL_FOR = {
    ".pdf": ("org-agenda", "meeting-minutes", "会议纪要"),
    ".jpg": ("org-annual-work", "campaign-records", "照片"),
    ".jpeg": ("org-annual-work", "campaign-records", "照片"),
    ".png": ("org-annual-work", "campaign-records", "照片"),
    ".xlsx": ("org-complaints", "complaint-ledger", "台账"),
}


def fresh_workspace(tmp: Path) -> Path:
    """./ws as a copy of the base workspace; cwd must already be `tmp`."""
    shutil.copytree(BASE, tmp / "ws", symlinks=True)
    return Path("ws")


def rendered(problems: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(p.render() for p in problems)


def evidence_manifest_for(name: str) -> str:
    """A manifest whose only document is `name` (its `file:` on line 4)."""
    item, material, type_ = MATERIAL_FOR.get(Path(name).suffix.lower(), MATERIAL_FOR[".pdf"])
    quoted = "'" + name.replace("'", "''") + "'"
    return (
        "department: aiweiban\ndocuments:\n  - id: doc\n"
        f"    file: {quoted}\n    title: 文件\n    item: {item}\n    material: {material}\n    type: {type_}\n    issued: 2026-09-01\n"
    )


# ----------------------------------------------------------------------------------------------- readers


def _workspace_problems(ws: Path) -> list:  # type: ignore[type-arg]
    from cwassess.loading import load_workspace

    return load_workspace(ws).problems


def _evidence_problems(ws: Path) -> list:  # type: ignore[type-arg]
    from cwassess.evidence.load import load_evidence
    from cwassess.loading import load_workspace

    workspace = load_workspace(ws)
    if not workspace.ok:
        return workspace.problems
    _, problems = load_evidence(workspace, TODAY)
    return [*workspace.problems, *problems]


def _ledger_problems(ws: Path) -> list:  # type: ignore[type-arg]
    from cwassess.ledger.service import open_context
    from cwassess.loading import load_workspace

    workspace = load_workspace(ws)
    assert workspace.ok, rendered(workspace.problems)
    _, problems = open_context(workspace, TODAY)
    return problems


def _standard_problems(mini: Path) -> list:  # type: ignore[type-arg]
    from cwassess.standard.lint import lint_standard
    from cwassess.standard.load import load_standard

    result = load_standard(mini)
    problems = list(result.problems)
    if result.standard is not None:
        problems += lint_standard(result.standard, result.locator)
    return problems


def _claims_import(ws: Path, path: Path) -> list:  # type: ignore[type-arg]
    from cwassess.claims.import_table import prepare_import
    from cwassess.loading import load_workspace

    workspace = load_workspace(ws)
    assert workspace.ok, rendered(workspace.problems)
    return prepare_import(workspace, path, path.name).problems


def _evidence_import(ws: Path, path: Path) -> list:  # type: ignore[type-arg]
    from cwassess.evidence.intake import plan_intake
    from cwassess.loading import load_workspace
    from cwassess.models.evidence import EvidenceManifest
    from cwassess.validation import validate_document
    from cwassess.yamlio import load_yaml

    workspace = load_workspace(ws)
    assert workspace.ok and workspace.standard is not None, rendered(workspace.problems)
    doc = load_yaml(ws / "evidence" / "aiweiban" / "manifest.yaml")
    manifest = validate_document(doc, EvidenceManifest)
    return plan_intake(path, path.name, workspace.root, workspace.standard, "aiweiban", manifest).problems


def _ledger_import(ws: Path, path: Path) -> list:  # type: ignore[type-arg]
    from cwassess.ledger.importing import prepare
    from cwassess.ledger.service import open_context
    from cwassess.loading import load_workspace

    workspace = load_workspace(ws)
    ctx, problems = open_context(workspace, TODAY)
    assert ctx is not None, rendered(problems)
    return prepare(ctx, path, path.name).problems


def _official(path: Path) -> list:  # type: ignore[type-arg]
    from cwassess.official.extract import extract_file
    from cwassess.official.parse import parse_official

    extracted = extract_file(path, path.name)
    problems = list(extracted.problems)
    if extracted.text is not None and extracted.kind is not None:
        locator = {"txt": "line", "docx": "paragraph", "pdf": "page"}[extracted.kind]
        problems += parse_official(extracted.text, file=path.name, locator=locator, expected_items=45, expected_sections=7).problems  # type: ignore[arg-type]
    return problems


def _packet(item: str) -> list[str]:
    import json

    from typer.testing import CliRunner

    from cwassess.cli import app

    result = CliRunner().invoke(app, ["--workspace", "ws", "packet", "--item", item, "--json"], env=CLI_ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    try:
        problems = json.loads(result.stdout)["problems"]
    except (ValueError, KeyError):
        return [f"exit {result.exit_code}", *result.output.splitlines()]
    return [f"exit {result.exit_code}", *sorted(f"{p['level']}: {p.get('file')}: {p['message']}" for p in problems)]


def _cli(args: str) -> list[str]:
    from typer.testing import CliRunner

    from cwassess.cli import app

    result = CliRunner().invoke(app, ["--workspace", "ws", *shlex.split(args)], env=CLI_ENV)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return [f"exit {result.exit_code}", *result.output.splitlines()]


Setup = Callable[[Path, Path, Path], None]


def run(source: Path, reader: str, target: str | None, setup: Setup | None, tmp: Path) -> list[str]:
    """Place `source` for `reader`, run any `setup(tmp, ws_or_mini, placed)`, and return what the reader reports."""
    if reader == "standard":
        shutil.copytree(MINI, tmp / "mini")
        mini = Path("mini")
        placed = mini / (target or "standard.yaml")
        shutil.copyfile(source, placed)
        if setup:
            setup(tmp, mini, placed)
        return rendered(_standard_problems(mini))
    ws = fresh_workspace(tmp)
    if reader in DEFAULT_TARGET or reader.startswith("cli:"):
        placed = ws / (target or DEFAULT_TARGET.get(reader, ""))
        if reader.startswith("cli:") and target is None:
            placed = Path(source.name)
        placed.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, placed)
        if setup:
            setup(tmp, ws, placed)
        if reader.startswith("cli:"):
            return _cli(reader.removeprefix("cli:").replace("{input}", shlex.quote(str(placed))))
        if reader in ("city", "profile", "claims", "overlay"):
            return rendered(_workspace_problems(ws))
        if reader in ("manifest", "inspections", "waivers"):
            return rendered(_evidence_problems(ws))
        return rendered(_ledger_problems(ws))
    if reader in ("evidence-file", "packet-file"):
        name = target or source.name
        placed = ws / "evidence" / "aiweiban" / name
        shutil.copyfile(source, placed)
        (ws / "evidence" / "aiweiban" / "manifest.yaml").write_text(evidence_manifest_for(name), encoding="utf-8")
        if setup:
            setup(tmp, ws, placed)
        if reader == "packet-file":
            return _packet(MATERIAL_FOR.get(Path(name).suffix.lower(), MATERIAL_FOR[".pdf"])[0])
        return rendered(_evidence_problems(ws))
    placed = Path(target or source.name)
    shutil.copyfile(source, placed)
    if setup:
        setup(tmp, ws, placed)
    if reader == "workbook":
        from cwassess.sheets import read_workbook

        return rendered(read_workbook(placed, placed.name).problems)
    if reader == "claims-import":
        return rendered(_claims_import(ws, placed))
    if reader == "evidence-import":
        return rendered(_evidence_import(ws, placed))
    if reader == "ledger-import":
        return rendered(_ledger_import(ws, placed))
    if reader == "official":
        return rendered(_official(placed))
    raise ValueError(f"unknown reader {reader!r}")


def chdir(path: Path) -> Callable[[], None]:
    """cd into path; the returned function goes back (for scripts; tests use monkeypatch.chdir)."""
    before = Path.cwd()
    os.chdir(path)
    return lambda: os.chdir(before)
