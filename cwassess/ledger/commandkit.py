"""What the `cwassess ledger …` commands share: opening the ledger of the workspace, printing errors and
problems, the exact Chinese of a state change."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer

from cwassess.commands.common import fail_with, load_workspace_or_exit
from cwassess.console import make_console, print_json
from cwassess.ledger.deadlines import LEVEL_ZH, days_overdue, escalation, overdue_times
from cwassess.ledger.model import KIND_ZH, Event, Problem
from cwassess.ledger.service import FieldError, LedgerContext, open_context
from cwassess.ledger.store import DamagedRow, LedgerError
from cwassess.loading import Workspace, display_path
from cwassess.problems import Problem as Diagnostic
from cwassess.workspace import today


def open_ledger(ctx: typer.Context, as_json: bool) -> tuple[LedgerContext, Workspace]:
    ws = load_workspace_or_exit(ctx, as_json)
    ledger, problems = open_context(ws, today())
    if ledger is None:
        fail_with(problems, as_json, "整改台账的配置有错误（ledger/config.yaml 或 ledger/grids.yaml）")
    return ledger, ws


def fail_fields(errors: list[FieldError], as_json: bool, title: str) -> NoReturn:
    fail_with([e.as_problem() for e in errors], as_json, title)


@contextmanager
def store_errors(ledger: LedgerContext, as_json: bool) -> Iterator[None]:
    """A ledger file that cannot be used becomes a clear error (exit 1), never a traceback."""
    try:
        yield
    except LedgerError as exc:
        where, message = exc.finding
        if isinstance(exc, DamagedRow):
            message += "（台账文件可能被其他程序改动过，可运行 cwassess ledger check 检查）"
        fail_with([Diagnostic(code="ledger.store", file=display_path(ledger.store.path), key=where, message=message)], as_json, "整改台账无法使用")


def print_warnings(errors: list[FieldError]) -> None:
    console = make_console()
    for e in errors:
        if e.severity == "warning":
            console.print(e.as_problem().render(), style="yellow", markup=False, soft_wrap=True)


def describe_event(event: Event, ledger: LedgerContext) -> str:
    """One line of a problem's history."""
    d = event.data
    who = ledger.label(event.unit) if event.unit else "—"
    if event.person:
        who += f" {event.person}"
    text = f"{event.date} #{event.seq} {KIND_ZH.get(event.kind, event.kind)}（{who}）"
    details = []
    if event.kind == "create":
        details.append(f"{d.get('source')}，责任单位 {ledger.label(d['unit'])}，期限 {d.get('deadline')}")
        if d.get("recurs"):
            details.append(f"系 {d['recurs']} 的复发")
    elif event.kind == "submit":
        details.append(f"整改情况：{d.get('description')}")
        if d.get("photos"):
            details.append("整改后照片：" + "、".join(d["photos"]))
    elif event.kind == "reject":
        details.append(f"原因：{d.get('reason')}；新期限 {d.get('deadline')}")
    elif event.kind == "recur":
        details.append(f"复发，新问题 {d.get('problem')}")
    elif event.kind == "assign":
        details.append(f"{ledger.label(d.get('from') or '')} → {ledger.label(d.get('unit') or '')}")
    if d.get("note"):
        details.append(f"备注：{d['note']}")
    return text + ("：" + "；".join(details) if details else "")


def problem_json(p: Problem, ledger: LedgerContext) -> dict[str, Any]:
    out = p.to_json()
    days = days_overdue(p, ledger.today)
    level = escalation(p, ledger.today, ledger.config)
    out.update(
        unit_name=ledger.units.name(p.unit),
        days_overdue=days,
        overdue_times=overdue_times(p, ledger.today),
        escalation=level,
        escalation_zh=LEVEL_ZH[level],
    )
    return out


def events_json(events: list[Event]) -> list[dict[str, Any]]:
    return [e.as_json() for e in events]


def done(as_json: bool, payload: dict[str, Any], lines: list[str]) -> None:
    if as_json:
        print_json({"ok": True, **payload})
        return
    console = make_console()
    for line in lines:
        console.print(line, markup=False, soft_wrap=True)


def run_transition(typer_ctx: typer.Context, kind: str, problem_id: str, actor: str | None, as_json: bool, **kw: Any) -> None:
    """start / submit / verify / reject / assign: one event, printed; or every error and exit 1, nothing written."""
    from cwassess.ledger.machine import ACTIONS

    ledger, _ = open_ledger(typer_ctx, as_json)
    label = ACTIONS[kind].label
    with store_errors(ledger, as_json):
        before = ledger.store.problem(problem_id) if problem_id else None
        events, errors = ledger.transition(kind, problem_id, actor, **kw)
        if not events:
            fail_fields(errors, as_json, f"未{label}")
        after = ledger.store.problem(events[-1].subject)
    assert after is not None
    was = before.state if before is not None else ""
    change = f"{was} → {after.state}" if was and was != after.state else after.state
    line = f"问题 {after.id}：{label}，{change}（{ledger.label(events[-1].unit or '')}，{events[-1].date}）"
    if kind == "reject":
        line += f"；新的整改期限 {after.deadline}"
    if kind == "assign":
        line += f"；责任单位 {ledger.label(after.unit)}"
    done(as_json, {"problem": problem_json(after, ledger), "events": events_json(events)}, [line])
