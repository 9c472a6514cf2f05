"""Random sequences of ledger commands never corrupt it: the stored state equals the replay of the events,
history only grows, a refused command writes nothing, and every 销号 was done by a verifier other than the
responsible unit."""

from __future__ import annotations

import dataclasses
import tempfile
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from cwassess.ledger.machine import replay
from cwassess.ledger.model import ASSIGN, REJECT, START, SUBMIT, VERIFY
from cwassess.ledger.service import LedgerContext
from cwassess.ledger.store import LedgerStore
from tests.ledger.conftest import raw

ACTORS = ["一街道", "三街道", "chengguan", "aiweiban", "weijianwei", "shichang", "nobody"]
RIGHT = "<the one who may>"  # most commands come from the right unit, so that problems really get closed and reopened
KINDS = [START, SUBMIT, VERIFY, REJECT, ASSIGN, "reopen", "add"]
NEXT = "<the natural next step>"  # start a 待整改 problem, submit one 整改中, verify or reject one 待复核, reopen one 已销号
OPERATION = st.tuples(st.sampled_from([*KINDS, *[NEXT] * 5]), st.integers(1, 5), st.sampled_from([*ACTORS, *[RIGHT] * 20]), st.sampled_from([*[None] * 8, "2026-11-19", "2026-11-20", "2026-11-25"]), st.booleans())
PLACES = [dict(), dict(unit="weijianwei"), dict(unit="aiweiban"), dict(grid=None, street="三街道", district=None, problem_class="无三防", site_type="小餐饮店")]


def run(ctx: LedgerContext, kind: str, n: int, actor: str, date: str | None, accept: bool = True) -> tuple[list, list]:
    pid = f"ZG-{n:04d}"
    if kind == NEXT:
        count = len(ctx.store.problem_ids())
        pid = f"ZG-{(n - 1) % count + 1:04d}" if count else pid  # always an existing problem
        p = ctx.store.problem(pid)
        state = p.state if p else None
        kind = {"待整改": START, "整改中": SUBMIT, "待复核": VERIFY if accept else REJECT, "已销号": "reopen"}.get(state, "add")  # type: ignore[arg-type]
    if actor == RIGHT:
        p = ctx.store.problem(pid)
        unit = p.unit if p else "aiweiban"
        actor = unit if kind in (START, SUBMIT) else ("weijianwei" if unit == "aiweiban" else "aiweiban")
    if kind == "add":
        data, errors = ctx.validate(raw(**PLACES[n % len(PLACES)]), ctx.root)
        return ctx.add([data]) if data else ([], errors)
    if kind == "reopen":
        return ctx.reopen(pid, actor, found=date)
    extra: dict[str, object] = {"date": date}
    if kind == SUBMIT:
        extra.update(description="已整改", photos=["ledger/photos/after.jpg"], photo_base=ctx.root)
    if kind == REJECT:
        extra["reason"] = "仍有残留"
    if kind == ASSIGN:
        extra["unit"] = ACTORS[n % len(ACTORS)]
    return ctx.transition(kind, pid, actor, **extra)


kinds_seen: set[str] = set()


# One walk through the whole machine, so the coverage check below never depends on luck.
FULL_CYCLE = [(NEXT, 1, RIGHT, None, True), (NEXT, 1, RIGHT, None, True), (NEXT, 1, RIGHT, None, False), (NEXT, 1, RIGHT, None, True),
              (NEXT, 1, RIGHT, None, True), (NEXT, 1, RIGHT, None, True), (ASSIGN, 2, RIGHT, None, True)]  # the reopened problem is ZG-0002


@example(1, FULL_CYCLE)
@given(st.integers(0, 4), st.lists(OPERATION, min_size=5, max_size=30))
def test_random_commands_never_corrupt_the_ledger(base_context: LedgerContext, first: int, operations: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ctx = dataclasses.replace(base_context, store=LedgerStore(Path(folder) / "ledger.db", durable=False))
        history: list = []
        for kind, n, actor, date, accept in [("add", i, "", None, True) for i in range(first)] + operations:
            events, errors = run(ctx, kind, n, actor, date, accept)
            now = ctx.store.events()
            assert now[: len(history)] == history  # history is never rewritten
            assert len(now) == len(history) + len(events)  # what was reported is what was written
            if not events:
                assert errors
            history = now
            stored = ctx.store.state().problems
            assert replay(history) == stored
        assert ctx.store.check() == []
        kinds_seen.update(e.kind for e in history)
        ctx.store.close()
        # every 销号 by a verifier that was not then the responsible unit
        units: dict[str, str] = {}
        for e in history:
            if e.kind == "create":
                units[e.subject] = e.data["unit"]
            elif e.kind == "assign":
                units[e.subject] = e.data["unit"]
            elif e.kind == VERIFY:
                assert e.unit in ctx.verifiers and e.unit != units[e.subject]
            elif e.kind == SUBMIT:
                assert e.unit == units[e.subject] and e.data["photos"]


def test_the_random_commands_reach_every_kind_of_event() -> None:
    """Runs after the property test in the same module: the generator did exercise the whole machine."""
    if kinds_seen:
        missing = {"create", START, SUBMIT, VERIFY, REJECT, ASSIGN, "recur"} - kinds_seen
        assert not missing, sorted(missing)
