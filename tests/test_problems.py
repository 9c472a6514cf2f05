"""cwassess/problems.py: how one problem is rendered and how problems are ordered."""

from __future__ import annotations

import pytest

from cwassess.problems import Problem, has_errors, shorten, sort_problems


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem(code="x", message="消息"), "<输入>: 错误: 消息"),
        (Problem(code="x", message="消息", file="a.yaml"), "a.yaml: 错误: 消息"),
        (Problem(code="x", message="消息", file="a.yaml", line=3), "a.yaml:3: 错误: 消息"),
        (Problem(code="x", message="消息", file="a.yaml", column=4), "a.yaml: 错误: 消息"),
        (Problem(code="x", message="消息", file="a.yaml", line=3, column=4, key="items.0.lead"), "a.yaml:3:4: 错误: items.0.lead: 消息"),
        (Problem(code="x", message="消息", severity="warning", file="a.yaml", line=3, column=4), "a.yaml:3:4: 警告: 消息"),
        (Problem(code="x", message="消息", file="a.yaml", expected="整数"), "a.yaml: 错误: 消息（应为：整数）"),
        (Problem(code="x", message="消息", file="a.yaml", found="abc"), "a.yaml: 错误: 消息（实际：abc）"),
        (Problem(code="x", message="消息", file="a.yaml", expected="整数", found="abc"), "a.yaml: 错误: 消息（应为：整数；实际：abc）"),
        (Problem(code="x", message="消息", file="a.yaml", expected="", found=""), "a.yaml: 错误: 消息（应为：；实际：）"),
    ],
)
def test_render(problem: Problem, text: str) -> None:
    assert problem.render() == text


def test_sort_by_file_line_column_then_key() -> None:
    problems = [
        Problem(code="x", message="m", file="b.yaml", line=1),
        Problem(code="x", message="m", file="a.yaml", line=10, column=1),
        Problem(code="x", message="m", file="a.yaml", line=9, column=5),
        Problem(code="x", message="m", file="a.yaml", line=9, column=5, key="a"),
        Problem(code="x", message="m"),
    ]
    assert [p.render() for p in sort_problems(problems)] == [
        "<输入>: 错误: m",
        "a.yaml:9:5: 错误: m",
        "a.yaml:9:5: 错误: a: m",
        "a.yaml:10:1: 错误: m",
        "b.yaml:1: 错误: m",
    ]


def test_has_errors() -> None:
    assert has_errors([Problem(code="x", message="m", severity="warning"), Problem(code="x", message="m")])
    assert not has_errors([Problem(code="x", message="m", severity="warning")])
    assert not has_errors([])


def test_shorten() -> None:
    assert shorten("abc") == "abc"
    assert shorten("a\nb") == "a\\nb"
    assert shorten(12) == "12"
    assert shorten(None) == "None"
    assert shorten("x" * 100) == "x" * 59 + "…"
    assert shorten("x" * 60) == "x" * 60


def test_problems_are_frozen() -> None:
    problem = Problem(code="x", message="m")
    with pytest.raises(Exception):
        problem.message = "n"  # type: ignore[misc]
