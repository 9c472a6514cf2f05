"""The `cwassess` command. Commands are listed in cwassess.commands.registry and imported only when run."""

from __future__ import annotations

import importlib
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any, Optional

import typer
from typer.core import TyperGroup

from cwassess import __version__
from cwassess.commands.registry import PROGRAM_HELP, TOP, Entry, Group

CONTEXT = {"help_option_names": ["-h", "--help"]}
EXIT_INTERNAL = 3  # also in cwassess.commands.common; repeated so that start-up imports nothing more


def _localize() -> None:
    """Typer's own words in Chinese: panel titles, the usage prefix, the help option."""
    from typer import rich_utils
    from typer._click import decorators, formatting

    for attr, text in (
        ("ARGUMENTS_PANEL_TITLE", "参数"), ("OPTIONS_PANEL_TITLE", "选项"), ("COMMANDS_PANEL_TITLE", "命令"),
        ("ERRORS_PANEL_TITLE", "错误"), ("DEFAULT_STRING", "[默认：{}]"), ("REQUIRED_LONG_STRING", "[必填]"),
        ("ABORTED_TEXT", "已中止。"), ("RICH_HELP", "运行 '{command_path} {help_option}' 查看帮助。"),
    ):
        setattr(rich_utils, attr, text)
    if getattr(decorators.help_option, "_zh", False):
        return
    original_help_option = decorators.help_option

    def help_option(param_decls: list[str]) -> Any:
        decorate = original_help_option(param_decls)

        def apply(command: Any) -> Any:
            result = decorate(command)
            command.params[-1].help = "显示帮助"
            return result

        return apply

    help_option._zh = True  # type: ignore[attr-defined]
    decorators.help_option = help_option
    original_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_usage(self, prog, args, "用法：" if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]


def _command(name: str, entry: Entry) -> Any:
    """The click command of one registry entry, built from its module on first use."""
    _localize()
    func = getattr(importlib.import_module(entry.module), entry.attr)
    single = typer.Typer(context_settings=CONTEXT, add_completion=False, pretty_exceptions_enable=False)
    single.command(name, help=func.__doc__ or entry.help)(func)
    return typer.main.get_command(single)


class LazyGroup(TyperGroup):
    """A command group whose members come from the registry and are imported only when chosen."""

    entries: dict[str, Entry | Group] = TOP

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.entries)

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        entry = self.entries.get(cmd_name)
        if entry is None:
            return None
        if isinstance(entry, Group):
            group = LazyGroup(name=cmd_name, help=entry.help, no_args_is_help=True, context_settings=CONTEXT, rich_markup_mode=None)
            group.entries = entry.commands  # type: ignore[assignment]
            return group
        return _command(cmd_name, entry)

    def get_help(self, ctx: Any) -> str:
        """A group's help in Chinese, from the registry alone."""
        width = max(len(name) for name in self.entries) + 2
        lines = [f"用法：{ctx.command_path} 命令 [参数]…", "", self.help or "", "", "命令："]
        lines += [f"  {name.ljust(width)}{entry.help}" for name, entry in self.entries.items()]
        lines += ["", f"运行 {ctx.command_path} 命令 --help 查看各命令的用法。"]
        return "\n".join(lines)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # Help lists one-liners from the registry, without importing every command.
        rows = [(name, entry.help) for name, entry in self.entries.items()]
        with formatter.section("命令"):
            formatter.write_dl(rows)


app = typer.Typer(
    name="cwassess",
    cls=LazyGroup,
    help=PROGRAM_HELP,
    no_args_is_help=True,
    context_settings=CONTEXT,
    pretty_exceptions_enable=False,
    add_completion=True,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cwassess {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    workspace: Optional[Path] = typer.Option(None, "--workspace", "-w", help="工作区目录（默认当前目录）"),
    debug: bool = typer.Option(False, "--debug", help="出错时显示完整调用栈"),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="显示版本"),
) -> None:
    from cwassess.commands.common import AppState

    del version
    ctx.obj = AppState(workspace_option=workspace, debug=debug)


def _workspace_from_argv(argv: list[str]) -> Path | None:
    """The --workspace given on the command line (the typer context is gone once a command crashed)."""
    for i, arg in enumerate(argv):
        if arg in {"--workspace", "-w"} and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith("--workspace="):
            return Path(arg.split("=", 1)[1])
    return None


def _log_crash(trace: str) -> Path | None:
    from cwassess.workspace import resolve_workspace

    folder = resolve_workspace(_workspace_from_argv(sys.argv[1:])) / ".cwassess" / "logs"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"error-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text(trace, encoding="utf-8")
        return path
    except OSError:
        return None


def main() -> None:
    """Entry point: no traceback reaches the user unless --debug is given."""
    try:
        app(prog_name="cwassess")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("已中断\n")
        sys.exit(130)
    except Exception:  # the last line of defence: a bug, never a user's input error
        trace = traceback.format_exc()
        if "--debug" in sys.argv:
            sys.stderr.write(trace)
        log = _log_crash(trace)
        where = f"，详细信息已记录在 {log}" if log else ""
        sys.stderr.write(f"内部错误：cwassess 遇到了意外问题{where}。请加 --debug 重试并反馈。\n")
        sys.exit(EXIT_INTERNAL)
