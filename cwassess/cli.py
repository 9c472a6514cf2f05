"""The `cwassess` command. Commands are listed in cwassess.commands.registry and imported only when run."""

from __future__ import annotations

import difflib
import importlib
import re
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import IO, Any, Optional, get_args

import typer
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperCommand, TyperGroup, _TyperParameter

from cwassess import __version__
from cwassess.commands.registry import PROGRAM_HELP, TOP, Entry, Group

CONTEXT = {"help_option_names": ["-h", "--help"]}
EXIT_INTERNAL = 3  # also in cwassess.commands.common; repeated so that start-up imports nothing more
EXIT_INTERRUPTED = 130  # the shell's convention for Ctrl-C
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]…"
_TYPE_ZH: dict[Any, str] = {int: "整数", float: "数字", str: "文字"}
ROOT_OPTIONS = {"--workspace": " 目录", "-w": " 目录", "--debug": ""}  # option → what follows it


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
    original_display_type = _TyperParameter.display_type

    def display_type(self: Any, ctx: Any) -> str | None:
        """What an option takes, in Chinese (typer shows Python's names: <str>, <list[str]>, <int range>)."""
        descriptor = self.type_descriptor
        if descriptor.is_choice:
            return original_display_type(self, ctx)  # the values themselves: <html|pdf>
        annotation = descriptor.annotation
        many = descriptor.is_list
        if many:
            annotation = next(iter(get_args(annotation)), str)
        if annotation is bool:
            return None  # a flag takes nothing
        word = "日期" if descriptor.is_datetime else "路径" if descriptor.is_path else _TYPE_ZH.get(annotation, "文字")
        return f"<{word}{'，可多次使用' if many else ''}>"

    _TyperParameter.display_type = display_type  # type: ignore[method-assign,assignment]


# ---------------------------------------------------------------------------------------------- usage errors
# click words its usage errors in English and offers no translation hook, so each error is re-worded here from
# its fields (the option, the parameter, the value, click's suggestions); the exit code stays 2.


class ChineseUsageError(UsageError):
    """A usage error worded in Chinese: the usage line, where to find help, then what is wrong."""

    def show(self, file: IO[Any] | None = None) -> None:
        lines = []
        if self.ctx is not None:
            path = self.ctx.command_path
            pieces = " ".join(self.ctx.command.collect_usage_pieces(self.ctx))
            lines += [f"用法：{path} {pieces}".rstrip(), f"运行 {path} --help 查看帮助。", ""]
        lines.append(f"错误：{self.message}")
        typer.echo("\n".join(lines), file=file, err=True)


def _param_label(param: Any) -> str:
    if param is None:
        return "参数"
    if param.param_type_name == "option":
        return f"选项 {max(param.opts, key=len)}"
    return f"参数 {param.metavar or param.name}"


def _range_text(info: Any) -> str | None:
    low, high = getattr(info, "min", None), getattr(info, "max", None)
    if low is not None and high is not None:
        return f"应在 {low} 到 {high} 之间"
    if low is not None:
        return f"应不小于 {low}"
    if high is not None:
        return f"应不大于 {high}"
    return None


def _bad_value(error: BadParameter) -> str:
    """“选项 --top 的值“abc”无效，应为整数”, from the validation error typer got from pydantic."""
    param = error.param
    details = getattr(error.__cause__, "errors", None)
    first = details(include_url=False)[0] if callable(details) else {}
    kind = first.get("type", "")
    reason = None
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        reason = "应为整数"
    elif kind in {"float_parsing", "float_type"}:
        reason = "应为数字"
    elif kind in {"greater_than_equal", "greater_than", "less_than_equal", "less_than"}:
        reason = _range_text(param.type_descriptor.parameter_info) if param is not None else None
    elif kind == "bool_parsing":
        reason = "应为 true 或 false"
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and descriptor.is_choice and descriptor.choices:
        reason = "可选：" + "、".join(str(getattr(choice, "value", choice)) for choice in descriptor.choices)  # Enum or Literal
    value = first.get("input")
    said = f"的值“{value}”" if isinstance(value, str) else "的值"
    return f"{_param_label(param)} {said}无效" + (f"，{reason}" if reason else "")


def _unknown_option(error: NoSuchOption) -> str:
    option = error.option_name
    ctx = error.ctx
    if option in ROOT_OPTIONS and ctx is not None and ctx.parent is not None:
        # The most common slip: `cwassess score --workspace ws`; the root's options come before the command.
        command = ctx.command_path.split(" ", 1)[1]
        return f"选项 {option} 要写在命令之前，如：cwassess {option}{ROOT_OPTIONS[option]} {command}"
    if error.possibilities:
        return f"没有选项 {option}，是否想用 {' 或 '.join(sorted(error.possibilities))}？"
    return f"没有选项 {option}"


def _missing(error: MissingParameter) -> str:
    param = error.param
    if param is None:
        return "缺少参数"
    help_text = f"（{param.help}）" if getattr(param, "help", None) else ""
    return f"缺少{_param_label(param)}{help_text}"


def _usage_message(error: UsageError) -> str:
    if isinstance(error, NoSuchOption):
        return _unknown_option(error)
    if isinstance(error, MissingParameter):
        return _missing(error)
    if isinstance(error, BadParameter):
        return _bad_value(error)
    if isinstance(error, BadOptionUsage):
        if error.message.endswith("does not take a value."):
            return f"选项 {error.option_name} 不接受值"
        return f"选项 {error.option_name} 需要一个值"
    # The rest are plain UsageErrors that click raises with a sentence only: known by their (pinned) wording.
    extra = re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", error.message)
    if extra:
        return f"多余的参数：{extra.group(1)}"
    if error.message == "Missing command.":
        return "缺少命令"
    return "命令行有误"


def in_chinese(error: UsageError, ctx: Any = None) -> UsageError:
    """The same usage error, worded in Chinese (the help shown for a bare group is left as it is). `ctx` is the
    command being parsed: click's parser raises some errors without one, and the usage line needs it."""
    if isinstance(error, NoArgsIsHelpError):
        return error
    if isinstance(error, ChineseUsageError):
        error.ctx = error.ctx or ctx
        return error
    return ChineseUsageError(_usage_message(error), error.ctx or ctx)


class ChineseCommand(TyperCommand):
    """A command whose usage errors are worded in Chinese."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:
            raise in_chinese(error, ctx) from None


def _unknown_command(name: str, ctx: Any, known: list[str]) -> ChineseUsageError:
    close = difflib.get_close_matches(name, known)
    hint = f"，是否想用 {' 或 '.join(close)}？" if close else f"（可用：{'、'.join(known)}）"
    return ChineseUsageError(f"没有命令“{name}”{hint}", ctx)


# ---------------------------------------------------------------------------------------------- commands


def _command(name: str, entry: Entry) -> Any:
    """The click command of one registry entry, built from its module on first use."""
    _localize()
    func = getattr(importlib.import_module(entry.module), entry.attr)
    single = typer.Typer(context_settings=CONTEXT, add_completion=False, pretty_exceptions_enable=False)
    single.command(name, cls=ChineseCommand, help=func.__doc__ or entry.help, options_metavar=OPTIONS_METAVAR)(func)
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
            group = LazyGroup(
                name=cmd_name,
                help=entry.help,
                no_args_is_help=True,
                context_settings=CONTEXT,
                rich_markup_mode=None,
                options_metavar=OPTIONS_METAVAR,
                subcommand_metavar=SUBCOMMAND_METAVAR,
            )
            group.entries = entry.commands  # type: ignore[assignment]
            return group
        return _command(cmd_name, entry)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in self.entries and not ctx.resilient_parsing:
            raise _unknown_command(name, ctx, list(self.entries))
        return super().resolve_command(ctx, args)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as error:
            raise in_chinese(error, ctx) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except UsageError as error:
            raise in_chinese(error) from None
        except KeyboardInterrupt:
            # typer would turn it into a silent exit 130; the user is told what happened
            typer.echo("已中断", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None

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
    options_metavar=OPTIONS_METAVAR,
    subcommand_metavar=SUBCOMMAND_METAVAR,
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
    """Write the trace to a new log in the workspace; never over an earlier one (two crashes in one second)."""
    from cwassess.fileio import mkdir_inside
    from cwassess.workspace import resolve_workspace

    try:
        workspace = resolve_workspace(_workspace_from_argv(sys.argv[1:]))
        folder = workspace / ".cwassess" / "logs"
        if not mkdir_inside(workspace, folder):
            return None  # a symlinked log folder: nothing is written outside the workspace
        stamp = f"error-{datetime.now():%Y%m%d-%H%M%S}"
        for number in range(1, 1000):
            path = folder / (f"{stamp}.log" if number == 1 else f"{stamp}-{number}.log")
            try:
                with path.open("x", encoding="utf-8") as log:
                    log.write(trace)
                return path
            except FileExistsError:
                continue
    except OSError:
        return None
    return None


def main() -> None:
    """Entry point: no traceback reaches the user unless --debug is given."""
    try:
        app(prog_name="cwassess")
    except SystemExit:
        raise
    except KeyboardInterrupt:  # outside a command (while starting up): LazyGroup.invoke handles the rest
        sys.stderr.write("已中断\n")
        sys.exit(EXIT_INTERRUPTED)
    except Exception:  # the last line of defence: a bug, never a user's input error
        trace = traceback.format_exc()
        if "--debug" in sys.argv:
            sys.stderr.write(trace)
        log = _log_crash(trace)
        where = f"，详细信息已记录在 {log}" if log else ""
        sys.stderr.write(f"内部错误：cwassess 遇到了意外问题{where}。请加 --debug 重试并反馈。\n")
        sys.exit(EXIT_INTERNAL)
