"""cwassess standard lint [PATH]: every problem of a standard or profile, at once, with file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from cwassess.commands.common import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    fail_with,
    print_problems,
    problem_counts,
    problems_json,
    state,
)
from cwassess.console import make_console, print_json
from cwassess.problems import Problem, has_errors


def _lint_profile_file(path: Path, standard_root: Path) -> list[Problem]:
    from cwassess.models.profile import ProfileFile
    from cwassess.standard.lint import lint_profile, lint_standard
    from cwassess.standard.load import load_standard
    from cwassess.validation import validate_document
    from cwassess.yamlio import load_yaml

    result = load_standard(standard_root)
    problems = list(result.problems)
    if result.standard is not None:
        problems += lint_standard(result.standard, result.locator)
    doc = load_yaml(path, str(path))
    profile = validate_document(doc, ProfileFile)
    problems += doc.problems
    if profile is not None and result.standard is not None:
        problems += lint_profile(profile, result.standard, lambda sub, code, msg, **kw: doc.problem(tuple(sub), code, msg, **kw))
    return problems


def _workspace_profile_problems(workspace: Path, std: object) -> tuple[list[Problem], int]:
    """The workspace's own profiles (profiles/*.yaml), checked against the standard it uses; and how many there are."""
    from cwassess.loading import CITY_FILE, PROFILES_DIR, display_path
    from cwassess.models.profile import ProfileFile
    from cwassess.standard.lint import lint_profile
    from cwassess.validation import validate_document
    from cwassess.yamlio import load_yaml

    folder = workspace / PROFILES_DIR
    if not (workspace / CITY_FILE).is_file() or not folder.is_dir():
        return [], 0
    problems: list[Problem] = []
    paths = sorted(folder.glob("*.yaml"))
    for path in paths:
        doc = load_yaml(path, display_path(path))
        profile = validate_document(doc, ProfileFile)
        problems += doc.problems
        if profile is not None:
            problems += lint_profile(profile, std, lambda sub, code, msg, doc=doc, **kw: doc.problem(tuple(sub), code, msg, **kw))  # type: ignore[arg-type]
    return problems, len(paths)


def lint(
    ctx: typer.Context,
    path: Optional[Path] = typer.Argument(None, help="标准目录或文件；默认检查工作区使用的标准", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """检查标准文件：语法、字段、引用、部门、单位、来源，一次列出全部问题。"""
    from cwassess.standard.lint import lint_standard
    from cwassess.standard.load import find_standard_root, load_standard
    from cwassess.workspace import resolve_workspace, standard_dir

    workspace = resolve_workspace(state(ctx).workspace_option)
    default_root = standard_dir(workspace)
    target = path or default_root
    if not target.exists():
        make_console(stderr=True).print(f"路径不存在：{target}", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    root = find_standard_root(target)
    if root is None and target.is_file():
        problems = _lint_profile_file(target, default_root)
        counts: dict[str, int] = {}
    elif root is None:
        make_console(stderr=True).print(f"{target} 不是标准目录：找不到 standard.yaml", markup=False, soft_wrap=True)
        raise typer.Exit(EXIT_USAGE)
    else:
        result = load_standard(root)
        problems = list(result.problems)
        counts = {}
        if result.standard is not None:
            problems += lint_standard(result.standard, result.locator)
            std = result.standard
            counts = {
                "sections": len(std.sections),
                "items": len(std.items),
                "indicators": len(std.national_indicators()),
                "planning_targets": len(std.planning_targets()),
                "profiles": len(std.profiles),
            }
            if path is None:  # the workspace's standard: its own profiles too
                extra, count = _workspace_profile_problems(workspace, std)
                problems += extra
                counts["profiles"] += count
    if has_errors(problems):
        fail_with(problems, as_json, "检查未通过")
    errors, warnings = problem_counts(problems)
    if as_json:
        print_json({"ok": True, "errors": errors, "warnings": warnings, "counts": counts, "problems": problems_json(problems)})
        raise typer.Exit(EXIT_OK)
    print_problems(problems)
    summary = "检查通过"
    if counts:
        summary += (
            f"：{counts['sections']} 个方面，{counts['items']} 条，{counts['indicators']} 项指标"
            f"（另 {counts['planning_targets']} 项规划目标），{counts['profiles']} 个配置"
        )
    summary += f"；{warnings} 个警告" if warnings else ""
    make_console().print(summary, style="green", markup=False, soft_wrap=True)
    raise typer.Exit(EXIT_OK if not has_errors(problems) else EXIT_INVALID)
