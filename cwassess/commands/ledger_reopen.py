"""cwassess ledger reopen ID: a 已销号 problem found again → a new problem linked to it."""

from __future__ import annotations

from typing import Optional

import typer

from cwassess.ledger.commandkit import done, events_json, fail_fields, open_ledger, problem_json, store_errors


def reopen(
    ctx: typer.Context,
    problem_id: str = typer.Argument(..., metavar="ID", help="已销号的问题编号", show_default=False),
    actor: Optional[str] = typer.Option(None, "--as", help="登记单位（默认核验单位）", show_default=False),
    found: Optional[str] = typer.Option(None, "--found", help="再次发现的日期（默认今天）", show_default=False),
    description: Optional[str] = typer.Option(None, "--description", help="这次发现的情况（默认沿用原描述）", show_default=False),
    photo: list[str] = typer.Option([], "--photo", help="照片（可重复；须在工作区内，路径相对于工作区或当前目录，如 ledger/photos/x.jpg）", show_default=False),
    deadline: Optional[str] = typer.Option(None, "--deadline", help="整改期限（默认按严重程度）", show_default=False),
    person: Optional[str] = typer.Option(None, "--by", help="经办人", show_default=False),
    as_json: bool = typer.Option(False, "--json", help="输出一个 JSON 文档"),
) -> None:
    """问题销号后复发：登记为一个新问题，与原问题关联；原问题的记录不变。"""
    ledger, _ = open_ledger(ctx, as_json)
    with store_errors(ledger, as_json):
        events, errors = ledger.reopen(
            problem_id, actor, found=found, description=description, photos=photo, deadline=deadline, person=person
        )
        if not events:
            fail_fields(errors, as_json, "未登记复发")
        new = ledger.store.problem(events[0].subject)
    assert new is not None
    line = f"已登记复发问题 {new.id}（原问题 {new.recurs}），责任单位 {ledger.label(new.unit)}，整改期限 {new.deadline}"
    done(as_json, {"problem": problem_json(new, ledger), "events": events_json(events)}, [line])
