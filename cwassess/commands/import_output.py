"""How an import command (claims, ledger) ends: its JSON document, or its problems, a summary and one closing
line; then exit 1 while any row is invalid (also with --partial), 0 otherwise."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NoReturn

import typer

from cwassess.commands.common import EXIT_INVALID, print_problems, problems_json
from cwassess.console import make_console, print_json
from cwassess.problems import Problem


@dataclass
class ImportOutcome:
    """What one import found and did, in the words of its command."""

    file: str  # as displayed
    problems: list[Problem]
    errors: int
    invalid_rows: int
    dry_run: bool
    partial: bool
    summary: str  # "{file}：N 行数据，有效 …"
    done: str | None  # what was written ("已写入 3 个认领文件。"); None when nothing was
    noun: str  # what a refused or dry run does not write: "文件", "问题"
    nothing: str  # the closing line when the table changes nothing
    details: list[str] = field(default_factory=list)  # lines between the problems and the summary
    data: dict[str, Any] = field(default_factory=dict)  # the JSON document's own fields, before "problems"

    @property
    def exit_code(self) -> int:
        return EXIT_INVALID if self.errors else 0

    def closing_line(self) -> tuple[str, str | None]:
        """The last line and its style."""
        if self.done:
            invalid = f"有 {self.invalid_rows} 行无效，未导入。" if self.errors else ""
            return self.done + invalid, "red" if self.errors else "green"
        if self.dry_run:
            return f"试运行：未写入任何{self.noun}。", "red" if self.errors else None
        if self.errors:
            return f"有无效的行，未写入任何{self.noun}（可加 --partial 只导入有效的行）。", "red"
        return self.nothing, "green"


def finish_import(outcome: ImportOutcome, as_json: bool) -> NoReturn:
    if as_json:
        print_json(
            {
                "ok": outcome.errors == 0,
                "file": outcome.file,
                "dry_run": outcome.dry_run,
                "partial": outcome.partial,
                **outcome.data,
                "problems": problems_json(outcome.problems),
            }
        )
        raise typer.Exit(outcome.exit_code)
    console = make_console()
    print_problems(outcome.problems)
    for line in outcome.details:
        console.print(line, markup=False, soft_wrap=True)
    console.print(outcome.summary, markup=False, soft_wrap=True)
    line, style = outcome.closing_line()
    console.print(line, style=style, markup=False, soft_wrap=True)
    raise typer.Exit(outcome.exit_code)
