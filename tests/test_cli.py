"""cwassess/cli.py: the entry point never shows a traceback, logs a crash, and exits 3."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import cwassess
from cwassess import cli
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
