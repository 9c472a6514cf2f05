"""The `cwassess` command: sub-commands are registered here, one module each."""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import Optional

import typer

from cwassess import __version__
from cwassess.commands import claims_export, claims_import, claims_seed, claims_show, claims_status, init, standard_lint, standard_list, standard_show
from cwassess.commands import evidence_check, evidence_import, evidence_template, score, standard_import_official
from cwassess.commands import report
from cwassess.commands import packet
from cwassess.commands import ledger_add, ledger_assign, ledger_bulletin, ledger_check, ledger_grid_log, ledger_grids, ledger_import
from cwassess.commands import ledger_list, ledger_reject, ledger_reopen, ledger_show, ledger_start, ledger_submit, ledger_sync, ledger_verify
from cwassess.commands.common import EXIT_INTERNAL, AppState

CONTEXT = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="cwassess",
    help="国家卫生城市（国家卫生县）自评工具：标准、认领、证据、模拟测评、报告、迎评资料、整改台账。",
    no_args_is_help=True,
    context_settings=CONTEXT,
    pretty_exceptions_enable=False,
    add_completion=True,
)
standard_app = typer.Typer(help="标准：检查、列出、查看。", no_args_is_help=True, context_settings=CONTEXT)
app.add_typer(standard_app, name="standard")

standard_app.command("lint")(standard_lint.lint)
standard_app.command("list")(standard_list.list_)
standard_app.command("show")(standard_show.show)
standard_app.command("import-official")(standard_import_official.import_official)

claims_app = typer.Typer(help="认领：生成、检查、查看部门职责、导入导出责任分解表。", no_args_is_help=True, context_settings=CONTEXT)
app.add_typer(claims_app, name="claims")
claims_app.command("seed")(claims_seed.seed)
claims_app.command("status")(claims_status.status)
claims_app.command("show")(claims_show.show)
claims_app.command("export")(claims_export.export)
claims_app.command("import")(claims_import.import_)

evidence_app = typer.Typer(help="证据：检查、模板、导入。", no_args_is_help=True, context_settings=CONTEXT)
app.add_typer(evidence_app, name="evidence")
evidence_app.command("check")(evidence_check.check)
evidence_app.command("template")(evidence_template.template)
evidence_app.command("import")(evidence_import.import_)

ledger_app = typer.Typer(help="整改台账：登记问题、整改、复核销号、周通报、网格包靠。", no_args_is_help=True, context_settings=CONTEXT)
app.add_typer(ledger_app, name="ledger")
ledger_app.command("sync")(ledger_sync.sync)
ledger_app.command("add")(ledger_add.add)
ledger_app.command("import")(ledger_import.import_)
ledger_app.command("list")(ledger_list.list_)
ledger_app.command("show")(ledger_show.show)
ledger_app.command("start")(ledger_start.start)
ledger_app.command("submit")(ledger_submit.submit)
ledger_app.command("verify")(ledger_verify.verify)
ledger_app.command("reject")(ledger_reject.reject)
ledger_app.command("assign")(ledger_assign.assign)
ledger_app.command("reopen")(ledger_reopen.reopen)
ledger_app.command("bulletin")(ledger_bulletin.bulletin)
ledger_app.command("grids")(ledger_grids.grids)
ledger_app.command("grid-log")(ledger_grid_log.grid_log)
ledger_app.command("check")(ledger_check.check)

app.command("init")(init.init)
app.command("score")(score.score)
app.command("report")(report.report)
app.command("packet")(packet.packet)


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
