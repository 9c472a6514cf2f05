"""cwassess/commands/import_output.py: the closing line every import ends with, and its exit code."""

from __future__ import annotations

import pytest

from cwassess.commands.import_output import ImportOutcome


def outcome(**kw: object) -> ImportOutcome:
    base: dict[str, object] = dict(
        file="t.csv", problems=[], errors=0, invalid_rows=0, dry_run=False, partial=False, summary="t.csv：…",
        done=None, noun="问题", nothing="没有需要登记的新问题。",
    )
    return ImportOutcome(**{**base, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kw", "line", "style", "code"),
    [
        ({"done": "已登记 2 个问题（ZG-0001—ZG-0002）。"}, "已登记 2 个问题（ZG-0001—ZG-0002）。", "green", 0),
        ({"done": "已登记 1 个问题（ZG-0001）。", "errors": 1, "invalid_rows": 1}, "已登记 1 个问题（ZG-0001）。有 1 行无效，未导入。", "red", 1),
        ({"dry_run": True}, "试运行：未写入任何问题。", None, 0),
        ({"dry_run": True, "errors": 2}, "试运行：未写入任何问题。", "red", 1),
        ({"errors": 1, "invalid_rows": 1}, "有无效的行，未写入任何问题（可加 --partial 只导入有效的行）。", "red", 1),
        ({}, "没有需要登记的新问题。", "green", 0),
    ],
)
def test_closing_line(kw: dict[str, object], line: str, style: str | None, code: int) -> None:
    result = outcome(**kw)
    assert result.closing_line() == (line, style)
    assert result.exit_code == code
