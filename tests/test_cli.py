"""cwassess/cli.py: the entry point never shows a traceback, logs a crash, and exits 3."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Literal

import pytest
import typer

import cwassess
from cwassess import cli
from cwassess.commands.registry import Entry
from tests.helpers import lines, run_cli


def _crash(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom")


def _main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["cwassess", *argv])
    monkeypatch.setenv("COLUMNS", "300")
    monkeypatch.delenv("CWASSESS_WORKSPACE", raising=False)
    with pytest.raises(SystemExit) as exc:
        cli.main()
    out, err = capsys.readouterr()
    return int(exc.value.code or 0), out, err


@pytest.fixture
def crashing(monkeypatch: pytest.MonkeyPatch) -> None:
    import cwassess.standard.load

    monkeypatch.setattr(cwassess.standard.load, "load_standard", _crash)


def test_internal_error_has_no_traceback_and_logs_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], crashing: None
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _main(monkeypatch, capsys, "standard", "lint")
    (log,) = (tmp_path / ".cwassess" / "logs").glob("error-*.log")
    assert code == 3
    assert "Traceback" not in out + err
    assert err == f"内部错误：cwassess 遇到了意外问题，详细信息已记录在 {log}。请加 --debug 重试并反馈。\n"
    assert "RuntimeError: boom" in log.read_text(encoding="utf-8")


def test_debug_shows_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], crashing: None
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _main(monkeypatch, capsys, "--debug", "standard", "lint")
    assert code == 3
    assert err.startswith("Traceback (most recent call last):")
    assert "RuntimeError: boom" in err


def test_crash_log_goes_to_the_workspace_given_with_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], crashing: None
) -> None:
    """BUG: _log_crash uses resolve_workspace(None), so with --workspace the log lands in the current folder."""
    (tmp_path / "ws").mkdir()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    code, _, _ = _main(monkeypatch, capsys, "--workspace", str(tmp_path / "ws"), "standard", "lint")
    assert code == 3
    assert list((tmp_path / "elsewhere").rglob("error-*.log")) == []
    assert len(list((tmp_path / "ws" / ".cwassess" / "logs").glob("error-*.log"))) == 1


def test_version() -> None:
    result = run_cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"cwassess {cwassess.__version__}\n")


def test_no_arguments_shows_help() -> None:
    result = run_cli()
    assert result.exit_code == 2
    assert "standard" in result.output


def test_standard_help_lists_its_commands() -> None:
    result = run_cli("standard", "--help")
    assert result.exit_code == 0
    out = "\n".join(lines(result.stdout))
    for command in ("lint", "list", "show"):
        assert command in out


def test_two_crashes_in_the_same_second_keep_both_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], crashing: None
) -> None:
    class Frozen(datetime):
        @classmethod
        def now(cls, tz: object = None) -> Frozen:  # type: ignore[override]
            return cls(2027, 3, 1, 9, 30, 0)

    monkeypatch.setattr(cli, "datetime", Frozen)
    monkeypatch.chdir(tmp_path)
    _, _, first = _main(monkeypatch, capsys, "standard", "lint")
    _, _, second = _main(monkeypatch, capsys, "standard", "lint")
    logs = tmp_path / ".cwassess" / "logs"
    assert sorted(p.name for p in logs.iterdir()) == ["error-20270301-093000-2.log", "error-20270301-093000.log"]
    assert f"{logs / 'error-20270301-093000.log'}。" in first and f"{logs / 'error-20270301-093000-2.log'}。" in second


def test_ctrl_c_says_so_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import cwassess.standard.load

    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cwassess.standard.load, "load_standard", interrupt)
    monkeypatch.chdir(tmp_path)
    assert _main(monkeypatch, capsys, "standard", "lint") == (130, "", "已中断\n")


# Usage errors: click's English, re-worded in Chinese from the error's fields; exit 2, nothing on stdout.
USAGE_ERRORS = [
    (["--foo"], "用法：cwassess [选项] 命令 [参数]…\n运行 cwassess --help 查看帮助。\n\n错误：没有选项 --foo\n"),
    (["score", "--to"], "用法：cwassess score [选项]\n运行 cwassess score --help 查看帮助。\n\n错误：没有选项 --to，是否想用 --json 或 --top？\n"),
    (["score", "--workspace", "ws"],
     "用法：cwassess score [选项]\n运行 cwassess score --help 查看帮助。\n\n错误：选项 --workspace 要写在命令之前，如：cwassess --workspace 目录 score\n"),
    (["claims", "show"],
     "用法：cwassess claims show [选项] {department}\n运行 cwassess claims show --help 查看帮助。\n\n"
     "错误：缺少参数 department（部门代码或名称，如 chengguan、城管局）\n"),
    (["score", "--top", "abc"], "用法：cwassess score [选项]\n运行 cwassess score --help 查看帮助。\n\n错误：选项 --top 的值“abc”无效，应为整数\n"),
    (["score", "--top", "0"], "用法：cwassess score [选项]\n运行 cwassess score --help 查看帮助。\n\n错误：选项 --top 的值“0”无效，应在 1 到 200 之间\n"),
    (["ledger", "bulletin", "--week"], "用法：cwassess ledger bulletin [选项]\n运行 cwassess ledger bulletin --help 查看帮助。\n\n错误：选项 --week 需要一个值\n"),
    (["score", "--json=yes"], "用法：cwassess score [选项]\n运行 cwassess score --help 查看帮助。\n\n错误：选项 --json 不接受值\n"),
    (["score", "a", "b"], "用法：cwassess score [选项]\n运行 cwassess score --help 查看帮助。\n\n错误：多余的参数：a b\n"),
    (["--debug"], "用法：cwassess [选项] 命令 [参数]…\n运行 cwassess --help 查看帮助。\n\n错误：缺少命令\n"),
    (["scor"], "用法：cwassess [选项] 命令 [参数]…\n运行 cwassess --help 查看帮助。\n\n错误：没有命令“scor”，是否想用 score？\n"),
    (["claims", "imprt"], "用法：cwassess claims [选项] 命令 [参数]…\n运行 cwassess claims --help 查看帮助。\n\n错误：没有命令“imprt”，是否想用 import？\n"),
    (["xyz"],
     "用法：cwassess [选项] 命令 [参数]…\n运行 cwassess --help 查看帮助。\n\n"
     "错误：没有命令“xyz”（可用：assess、init、standard、claims、evidence、score、report、packet、ledger）\n"),
]


@pytest.mark.parametrize(("argv", "expected"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_errors_are_chinese(argv: list[str], expected: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert _main(monkeypatch, capsys, *argv) == (2, "", expected)


def test_usage_errors_are_chinese_in_process_too() -> None:
    result = run_cli("score", "--top", "abc")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "错误：选项 --top 的值“abc”无效，应为整数"


def pick(kind: Literal["html", "pdf"] = typer.Option("html", "--kind", help="格式")) -> None:
    """A command with a fixed set of values (none of cwassess's own has one)."""


def test_a_value_that_is_not_one_of_the_choices(capsys: pytest.CaptureFixture[str]) -> None:
    group = cli.LazyGroup(name="cwassess", rich_markup_mode=None, options_metavar=cli.OPTIONS_METAVAR, subcommand_metavar=cli.SUBCOMMAND_METAVAR)
    group.entries = {"pick": Entry("tests.test_cli", "pick", "选一个")}  # type: ignore[assignment]
    with pytest.raises(SystemExit) as exc:
        group.main(["pick", "--kind", "doc"], prog_name="cwassess")
    assert exc.value.code == 2
    assert capsys.readouterr().err == "用法：cwassess pick [选项]\n运行 cwassess pick --help 查看帮助。\n\n错误：选项 --kind 的值“doc”无效，可选：html、pdf\n"
