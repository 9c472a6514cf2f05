"""Loading a workspace's inputs and scoring them: the edge between files and the pure engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from cwassess.engine.context import build_context
from cwassess.engine.results import ScoreResult
from cwassess.engine.score import score
from cwassess.evidence.load import load_evidence
from cwassess.evidence.model import Evidence
from cwassess.ledger.scoring import closed_inspection_keys, ledger_problems, load_ledger_state, open_problems_for_scoring
from cwassess.loading import Workspace, display_path
from cwassess.problems import Problem


@dataclass
class ScoreRun:
    result: ScoreResult
    evidence: Evidence
    problems: list[Problem] = field(default_factory=list)


def run_score(ws: Workspace, today: dt.date, assume: frozenset[str] = frozenset(), profiles: list[str] | None = None) -> ScoreRun:
    assert ws.standard is not None and ws.city is not None
    evidence, problems = load_evidence(ws, today)
    state = load_ledger_state(ws.root)
    problems += ledger_problems(state, display_path(ws.root / "ledger" / "ledger.db"))
    ctx = build_context(
        ws.standard, ws.city, ws.claims, evidence, today, profiles,
        open_problems=open_problems_for_scoring(state, today), closed_sites=closed_inspection_keys(state),
    )
    return ScoreRun(result=score(ctx, assume), evidence=evidence, problems=problems)
