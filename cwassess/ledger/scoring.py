"""The ledger's link to mock scoring: problems not yet 销号 count against their items.

    open_problems_for_scoring(ledger_state, today) -> list[OpenProblem]

Pure. `ledger_state` is what `load_ledger_state(workspace_root)` (or `LedgerStore.state()`) returns. A problem
counts when it was found by `today` and is not 已销号; 待复核 still counts (not yet verified).

Not deducting twice: a problem synced from an inspection carries `inspection_key`
(`<department>/<inspection id>/<n>`, n 1-based) — the same tail as the sampled_sites finding's gap id
(`<item>/site/<department>/<inspection id>/<n>`) that already deducts it. The engine should add the ledger's
`open_problem` deduction only for problems whose key has no such finding for that item (a problem from a
complaint, a 通报, a grid inspection, or an inspection older than the scheme's `inspection_days`).
`closed_inspection_keys` gives the keys of inspection problems that are 已销号, for an engine that wants to show
a site finding as rectified.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cwassess.ledger.deadlines import days_overdue
from cwassess.ledger.model import CLOSED
from cwassess.ledger.store import LedgerError, LedgerState, LedgerStore
from cwassess.problems import Problem as Diagnostic


@dataclass(frozen=True)
class OpenProblem:
    problem_id: str
    items: tuple[str, ...]
    source: str
    problem_class: str
    severity: str
    state: str
    unit: str
    found: dt.date
    deadline: dt.date
    days_overdue: int
    inspection_key: str | None  # department/inspection-id/n when it came from an inspection record
    place: str = ""
    description: str = ""

    def site_gap(self, item: str) -> str | None:
        """The sampled_sites finding's gap id for the same site problem under `item`, if it came from one."""
        return f"{item}/site/{self.inspection_key}" if self.inspection_key else None


def open_problems_for_scoring(ledger_state: LedgerState, today: dt.date) -> list[OpenProblem]:
    out = []
    for p in ledger_state.problems.values():
        if p.state == CLOSED or p.found > today:
            continue
        out.append(
            OpenProblem(
                problem_id=p.id, items=p.items, source=p.source, problem_class=p.problem_class, severity=p.severity,
                state=p.state, unit=p.unit, found=p.found, deadline=p.deadline, days_overdue=days_overdue(p, today),
                inspection_key=p.inspection_key, place=p.place, description=p.description,
            )
        )
    return out


def open_problems_by_unit(ledger_state: LedgerState, today: dt.date) -> dict[str, list[OpenProblem]]:
    """Open problems per responsible unit (department code, district or street), for the department sheets."""
    out: dict[str, list[OpenProblem]] = {}
    for problem in open_problems_for_scoring(ledger_state, today):
        out.setdefault(problem.unit, []).append(problem)
    return out


def closed_inspection_keys(ledger_state: LedgerState) -> set[str]:
    return {p.inspection_key for p in ledger_state.problems.values() if p.state == CLOSED and p.inspection_key}


def load_ledger_state(workspace_root: Path) -> LedgerState:
    """The stored ledger, read-only; empty when the workspace has none. Never raises for a damaged ledger.db:
    unreadable rows are left out, and they (or a file that is no ledger at all) are listed in `damaged`, which
    `ledger_problems` turns into problems for the score's report."""
    store = LedgerStore.for_workspace(workspace_root)
    try:
        return store.state(tolerant=True)
    except LedgerError as exc:
        return LedgerState(damaged=[exc.finding])
    finally:
        store.close()


def ledger_problems(ledger_state: LedgerState, file: str) -> list[Diagnostic]:
    """What a tolerant read left out, as problems located in `file` (the ledger.db as the user sees it)."""
    return [
        Diagnostic(code="ledger.store", file=file, key=f.where, message=f"{f.message}（该部分未计入模拟测评，可运行 cwassess ledger check 检查）")
        for f in ledger_state.damaged
    ]
