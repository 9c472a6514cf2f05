"""What every command shares: the app state, exit codes, printing problems, loading the standard."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import typer

from cwassess.console import make_console, print_json
from cwassess.problems import Problem, has_errors, sort_problems

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


@dataclass
class AppState:
    workspace_option: Path | None = None
    debug: bool = False


def state(ctx: typer.Context) -> AppState:
    root = ctx.find_root()
    if not isinstance(root.obj, AppState):
        root.obj = AppState()
    return root.obj


def problems_json(problems: list[Problem]) -> list[dict[str, object]]:
    return [p.model_dump(exclude_none=True) for p in sort_problems(problems)]


def print_problems(problems: list[Problem]) -> None:
    console = make_console()
    for problem in sort_problems(problems):
        style = "red" if problem.severity == "error" else "yellow"
        console.print(problem.render(), style=style, markup=False, soft_wrap=True)


def problem_counts(problems: list[Problem]) -> tuple[int, int]:
    errors = sum(1 for p in problems if p.severity == "error")
    return errors, len(problems) - errors


def fail_with(problems: list[Problem], as_json: bool, title: str) -> NoReturn:
    """Stop a command because its inputs are invalid: every problem at once, exit 1."""
    errors, warnings = problem_counts(problems)
    if as_json:
        print_json({"ok": False, "errors": errors, "warnings": warnings, "problems": problems_json(problems)})
    else:
        print_problems(problems)
        make_console().print(f"{title}：{errors} 个错误，{warnings} 个警告", style="bold red", markup=False)
    raise typer.Exit(EXIT_INVALID)


def load_standard_or_exit(ctx: typer.Context, as_json: bool):  # type: ignore[no-untyped-def]
    """The workspace's standard, linted; stops with exit 1 if it has errors."""
    from cwassess.loading import load_overlayed_standard
    from cwassess.standard.lint import lint_standard
    from cwassess.standard.load import load_standard
    from cwassess.workspace import resolve_workspace, standard_dir

    workspace = resolve_workspace(state(ctx).workspace_option)
    result = load_standard(standard_dir(workspace))
    problems = list(result.problems)
    std = result.standard
    if std is not None:
        problems += lint_standard(std, result.locator)
        std, overlay_problems = load_overlayed_standard(workspace, std)
        problems += overlay_problems
    if std is None or has_errors(problems):
        fail_with(problems, as_json, "标准文件有错误，请先运行 cwassess standard lint 修正")
    return std


def load_workspace_or_exit(ctx: typer.Context, as_json: bool, with_claims: bool = True):  # type: ignore[no-untyped-def]
    """The workspace; stops with exit 1 when its city file or standard cannot be used."""
    from cwassess.loading import load_workspace
    from cwassess.workspace import resolve_workspace

    ws = load_workspace(resolve_workspace(state(ctx).workspace_option), with_claims=with_claims)
    blocking = [p for p in ws.problems if p.severity == "error" and not p.code.startswith(("claims.", "ref.", "schema.", "yaml.", "file."))]
    if ws.city is None or ws.standard is None or blocking:
        fail_with(ws.problems, as_json, "工作区无法使用")
    return ws


def department_or_exit(ws, department: str) -> str:  # type: ignore[no-untyped-def]
    """The code of a department named by code, name or alias; stops with exit 2 and a did-you-mean otherwise."""
    from cwassess.departments import DepartmentResolver, city_departments

    resolver = DepartmentResolver(city_departments(ws.standard.departments, ws.city))
    code = resolver.resolve(department)
    if code is None:
        make_console(stderr=True).print(resolver.unknown_message(department), markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    return code
