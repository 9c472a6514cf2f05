"""Paths and small helpers shared by the tests (not a test module)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "mini-standard"
BROKEN = FIXTURES / "broken"
BUNDLED = REPO / "standards" / "nhc-2021"
SCHEMAS = REPO / "schemas"

# Rich reads COLUMNS; no workspace from the environment leaks into a test.
CLI_ENV = {"COLUMNS": "100", "NO_COLOR": "1", "CWASSESS_WORKSPACE": None, "CWASSESS_TODAY": None}


def lint_rendered(root: Path) -> list[str]:
    """load_standard + lint_standard, every problem rendered, sorted."""
    from cwassess.standard.lint import lint_standard
    from cwassess.standard.load import load_standard

    result = load_standard(root)
    problems = list(result.problems)
    if result.standard is not None:
        problems += lint_standard(result.standard, result.locator)
    return sorted(p.render() for p in problems)


def run_cli(*args: str) -> Result:
    """The real `cwassess` app in-process, as a user at a 100-column terminal would run it."""
    from cwassess.cli import app

    return CliRunner().invoke(app, list(args), env=CLI_ENV)


def lines(text: str) -> list[str]:
    return text.splitlines()
