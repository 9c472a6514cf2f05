"""Inspection records → problems: once each, keyed like the scoring engine's site findings."""

from __future__ import annotations

from cwassess.evidence.load import load_evidence
from cwassess.ledger.service import LedgerContext
from cwassess.ledger.sync import sync
from cwassess.loading import load_workspace
from tests.ledger.conftest import TODAY, db_bytes


def evidence_of(ctx: LedgerContext):  # type: ignore[no-untyped-def]
    ws = load_workspace(ctx.root)
    evidence, problems = load_evidence(ws, TODAY)
    assert not [p for p in problems if p.severity == "error"]
    return evidence


def test_sync_registers_each_inspection_problem_once(ctx: LedgerContext) -> None:
    evidence = evidence_of(ctx)
    result = sync(ctx, evidence)
    assert (result.found, result.existing, len(result.created)) == (3, 0, 3)
    problems = list(ctx.store.state().problems.values())
    summary = [(p.id, p.inspection_key, p.unit, p.severity, p.deadline.isoformat(), p.items, p.photos) for p in problems]
    assert summary == [
        ("ZG-0001", "aiweiban/mf-001/1", "一街道", "一般", "2026-11-17", ("env-roads", "env-ads"), ("inspections/photos/a.jpg",)),
        ("ZG-0002", "aiweiban/mf-002/1", "shichang", "严重", "2026-11-08", ("food-small-businesses", "dis-vector-facilities"), ()),
        ("ZG-0003", "aiweiban/mf-002/2", "shichang", "较重", "2026-11-12", ("food-small-businesses", "dis-vector-facilities"), ()),
    ]
    assert len(result.problems) == 1
    assert result.problems[0].render().endswith("inspections/2026-q4.yaml:13: 警告: aiweiban/mf-002/2：照片“photos/missing.jpg”不存在，问题登记时不附照片")
    assert problems[0].source == "模拟暗访" and problems[0].grid == "一街道第1网格" and problems[0].address == "人民路（一街道段）"
    assert {e.unit for e in ctx.store.events()} == {"aiweiban"}
    before = db_bytes(ctx)
    again = sync(ctx, evidence)
    assert (again.existing, again.created) == (3, [])
    assert db_bytes(ctx) == before  # idempotent: nothing written


def test_dry_run_writes_nothing(ctx: LedgerContext) -> None:
    result = sync(ctx, evidence_of(ctx), dry_run=True)
    assert [k for k, _ in result.planned] == ["aiweiban/mf-001/1", "aiweiban/mf-002/1", "aiweiban/mf-002/2"]
    assert not ctx.store.path.exists()


def test_a_closed_problem_is_not_registered_again(ctx: LedgerContext) -> None:
    evidence = evidence_of(ctx)
    sync(ctx, evidence)
    ctx.transition("start", "ZG-0001", "一街道")
    ctx.transition("submit", "ZG-0001", "一街道", description="已清理", photos=["ledger/photos/after.jpg"], photo_base=ctx.root)
    ctx.transition("verify", "ZG-0001", "aiweiban")
    assert sync(ctx, evidence).created == []
