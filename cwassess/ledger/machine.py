"""The state machine of a problem, pure: which action is allowed from which state and by whom, and how an
event changes a problem.

    待整改 ──start──▶ 整改中 ──submit──▶ 待复核 ──verify──▶ 已销号
                          ▲                  │
                          └─────reject───────┘
    已销号 ──recur──▶ (a new problem, linked to the old one; the old one stays 已销号)
    待整改/整改中 ──assign──▶ same state, another responsible unit (改派, by a verifier)

Who: start — the responsible unit or a verifier; submit — the responsible unit only; verify and reject — a
verifier that is not the responsible unit (nobody reviews their own problem); assign — a verifier.

`refusal` says, in the exact Chinese a user reads, why an action is not allowed (None when it is);
`apply` folds one event into a problem. Both take plain values and do no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Literal

from cwassess.ledger.model import (
    ASSIGN,
    CLOSED,
    CREATE,
    DOING,
    RECUR,
    REJECT,
    REVIEW,
    START,
    SUBMIT,
    PENDING,
    VERIFY,
    Event,
    Problem,
    parse_day,
)

Who = Literal["unit", "unit-or-verifier", "verifier", "coordinator", "any"]


@dataclass(frozen=True)
class Action:
    kind: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the state does not change
    who: Who


ACTIONS: dict[str, Action] = {
    START: Action(START, "开始整改", (PENDING,), DOING, "unit-or-verifier"),
    SUBMIT: Action(SUBMIT, "提交复核", (DOING,), REVIEW, "unit"),
    VERIFY: Action(VERIFY, "销号", (REVIEW,), CLOSED, "verifier"),
    REJECT: Action(REJECT, "退回", (REVIEW,), DOING, "verifier"),
    RECUR: Action(RECUR, "复发重开", (CLOSED,), None, "any"),
    ASSIGN: Action(ASSIGN, "改派", (PENDING, DOING), None, "coordinator"),
}

# What to do instead, by (action, current state).
HINTS: dict[tuple[str, str], str] = {
    (SUBMIT, PENDING): "请先开始整改（ledger start）",
    (VERIFY, PENDING): "责任单位须先整改并提交复核",
    (VERIFY, DOING): "责任单位须先提交复核",
    (REJECT, PENDING): "问题尚未提交复核",
    (REJECT, DOING): "问题尚未提交复核",
    (START, DOING): "问题已在整改中",
    (START, REVIEW): "问题已提交复核，等待核验单位复核",
    (SUBMIT, REVIEW): "问题已提交复核，等待核验单位复核",
    (RECUR, PENDING): "问题尚未销号，请继续整改",
    (RECUR, DOING): "问题尚未销号，请继续整改",
    (RECUR, REVIEW): "问题尚未销号，请复核",
    (ASSIGN, REVIEW): "问题已提交复核；如需改派，请先退回",
}
for _kind in (START, SUBMIT, VERIFY, REJECT, ASSIGN):
    HINTS[(_kind, CLOSED)] = "问题已销号；如再次出现，请用 ledger reopen 登记复发"


class ReplayError(ValueError):
    """An event that cannot follow the events before it: the log itself is inconsistent."""


def _plain(code: str) -> str:
    return code


def refusal(
    problem: Problem,
    kind: str,
    actor: str | None,
    verifiers: Iterable[str],
    label: Callable[[str], str] = _plain,
) -> str | None:
    """Why `actor` may not do `kind` to `problem` now (exact message), or None when it may."""
    action = ACTIONS[kind]
    verifiers = list(verifiers)
    if action.who != "any":
        if actor is None:
            return f"{action.label}须指明办理单位（--as）"
        is_verifier = actor in verifiers
        if action.who == "coordinator" and not is_verifier:
            names = "、".join(label(v) for v in verifiers)
            return f"只有核验单位（{names}）可以{action.label}，{label(actor)}不能{action.label}"
        if action.who == "verifier":
            if not is_verifier:
                names = "、".join(label(v) for v in verifiers)
                return f"只有核验单位（{names}）可以{action.label}，{label(actor)}不能{action.label}"
            if actor == problem.unit:
                return f"{label(actor)}是问题 {problem.id} 的责任单位，不能复核自己的问题（{action.label}须由其他核验单位办理）"
        elif action.who != "coordinator" and actor != problem.unit and not (action.who == "unit-or-verifier" and is_verifier):
            return f"问题 {problem.id} 的责任单位是{label(problem.unit)}，{label(actor)}不能{action.label}"
    if problem.state not in action.sources:
        allowed = "、".join(f"“{s}”" for s in action.sources)
        text = f"问题 {problem.id} 当前为“{problem.state}”，不能{action.label}：只有{allowed}的问题可以{action.label}"
        hint = HINTS.get((kind, problem.state))
        return text + (f"（{hint}）" if hint else "")
    return None


def created(event: Event) -> Problem:
    d = event.data
    return Problem(
        id=event.subject,
        source=d["source"],
        found=parse_day(d["found"]),  # type: ignore[arg-type]
        problem_class=d["problem_class"],
        severity=d["severity"],
        description=d["description"],
        unit=d["unit"],
        deadline=parse_day(d["deadline"]),  # type: ignore[arg-type]
        district=d.get("district"),
        street=d.get("street"),
        grid=d.get("grid"),
        address=d.get("address"),
        site_type=d.get("site_type"),
        items=tuple(d.get("items") or ()),
        photos=tuple(d.get("photos") or ()),
        suggested_unit=d.get("suggested_unit"),
        inspection_key=d.get("inspection_key"),
        origin=d.get("origin"),
        recurs=d.get("recurs"),
        created=event.date,
        events=1,
        last_seq=event.seq,
        last_date=event.date,
    )


def apply(problem: Problem | None, event: Event) -> Problem:
    """The problem after `event`. Raises ReplayError if the event cannot follow (a corrupt log)."""
    if event.kind == CREATE:
        if problem is not None:
            raise ReplayError(f"问题 {event.subject} 重复登记（事件 #{event.seq}）")
        return created(event)
    if problem is None:
        raise ReplayError(f"事件 #{event.seq} 指向未登记的问题 {event.subject}")
    action = ACTIONS.get(event.kind)
    if action is None:
        raise ReplayError(f"事件 #{event.seq} 的类型“{event.kind}”未知")
    if problem.state not in action.sources:
        raise ReplayError(f"事件 #{event.seq}（{action.label}）不能跟在“{problem.state}”之后")
    d = event.data
    common = {"events": problem.events + 1, "last_seq": event.seq, "last_date": event.date}
    if event.kind == START:
        return replace(problem, state=DOING, started=event.date, **common)
    if event.kind == SUBMIT:
        late = 1 if event.date > problem.deadline else 0
        return replace(
            problem,
            state=REVIEW,
            submitted=event.date,
            rectification=d.get("description"),
            after_photos=tuple(d.get("photos") or ()),
            missed_deadlines=problem.missed_deadlines + late,
            **common,
        )
    if event.kind == VERIFY:
        return replace(problem, state=CLOSED, closed=event.date, **common)
    if event.kind == REJECT:
        deadline = parse_day(d.get("deadline")) or problem.deadline
        return replace(problem, state=DOING, rejections=problem.rejections + 1, last_reason=d.get("reason"), deadline=deadline, **common)
    if event.kind == ASSIGN:
        return replace(problem, unit=d["unit"], **common)
    # RECUR: a link only; the closed problem stays closed.
    return replace(problem, recurrences=(*problem.recurrences, d["problem"]), **common)


def replay(events: Iterable[Event]) -> dict[str, Problem]:
    """Every problem from its events, in the order they were written."""
    problems: dict[str, Problem] = {}
    for event in events:
        if event.kind in ACTIONS or event.kind == CREATE:
            problems[event.subject] = apply(problems.get(event.subject), event)
    return problems
