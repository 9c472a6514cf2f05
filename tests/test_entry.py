"""The console script answers --help and --version without importing typer or any command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cwassess import __version__
from cwassess.cli import app
from cwassess.commands.registry import TOP, Group

REPO = Path(__file__).resolve().parents[1]
PYTHON_TYPE = re.compile(r"<(str|bool|int|float|Path|path|list|datetime|int range)\b")  # typer's own labels: help says 文字, 整数 …


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from cwassess.entry import run; sys.argv=['cwassess', *sys.argv[1:]]; run(); print(sorted(m for m in sys.modules if m.split('.')[0] in {'typer', 'rich', 'pydantic'}))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=60, cwd=REPO)


def test_help_imports_nothing_heavy() -> None:
    proc = _run("--help")
    assert proc.returncode == 0
    assert proc.stdout.startswith("用法：cwassess [选项] 命令 [参数]…\n")
    assert proc.stdout.rstrip().endswith("[]")  # no typer, rich or pydantic module was imported


def test_version() -> None:
    assert _run("--version").stdout.startswith(f"cwassess {__version__}\n")


def test_every_registered_command_loads_and_has_chinese_help() -> None:
    runner = CliRunner()
    for name, entry in TOP.items():
        names = [[name, sub] for sub in entry.commands] if isinstance(entry, Group) else [[name]]
        for path in names:
            result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "100"})
            assert result.exit_code == 0, (path, result.output)
            assert "用法：" in result.output and "显示帮助" in result.output, path
            assert not PYTHON_TYPE.search(result.output), (path, result.output)
            assert "[OPTIONS]" not in result.output, path


def test_group_help_is_chinese() -> None:
    result = CliRunner().invoke(app, ["ledger", "--help"])
    assert result.exit_code == 0
    assert result.output.startswith("用法：cwassess ledger 命令 [参数]…\n")
    assert "  verify    复核通过并销号（核验单位）\n" in result.output
