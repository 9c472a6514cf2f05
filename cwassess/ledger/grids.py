"""网格包靠: each grid's 包靠 leader and units, its inspection logs, and the weekly-inspection flag (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cwassess.ledger.model import GRID_LOG, Event, Grid, GridLog, GridsFile, Problem
from cwassess.ledger.service import FieldError, LedgerContext
from cwassess.validation import did_you_mean


@dataclass(frozen=True)
class GridStatus:
    grid: Grid
    last: dt.date | None
    days_since: int | None
    logs_in_period: int
    stale: bool
    open_problems: int

    @property
    def flag(self) -> str:
        if not self.stale:
            return ""
        return "从未巡查" if self.last is None else f"{self.days_since} 天未巡查"


def grid_statuses(grids: GridsFile, logs: list[GridLog], problems: list[Problem], today: dt.date) -> list[GridStatus]:
    """A grid is flagged when its last inspection is more than `inspection_days` (7) days ago, or never."""
    period = grids.inspection_days
    by_grid: dict[str, list[GridLog]] = {}
    for log in logs:
        if log.date <= today:
            by_grid.setdefault(log.grid, []).append(log)
    open_by_grid: dict[str, int] = {}
    for p in problems:
        if p.is_open and p.grid:
            open_by_grid[p.grid] = open_by_grid.get(p.grid, 0) + 1
    out = []
    for grid in grids.grids:
        mine = by_grid.get(grid.name, [])
        last = max((g.date for g in mine), default=None)
        days = (today - last).days if last else None
        recent = sum(1 for g in mine if (today - g.date).days < period)
        out.append(GridStatus(grid, last, days, recent, last is None or days > period, open_by_grid.get(grid.name, 0)))  # type: ignore[operator]
    return out


def log_inspection(
    ctx: LedgerContext, grid: str, date: object, inspector: str | None, note: str | None, person: str | None = None
) -> tuple[list[Event], list[FieldError]]:
    errors: list[FieldError] = []
    known = ctx.grid(grid.strip())
    if known is None:
        names = [g.name for g in ctx.grids.grids]
        guess = did_you_mean(grid.strip(), names)
        tail = f"，是否想写“{guess}”？" if guess else ("（ledger/grids.yaml 中还没有网格）" if not names else "（见 ledger/grids.yaml）")
        errors.append(FieldError("id", "ledger.grid", f"未知网格“{grid}”" + tail))
    day = ctx._day(date, errors)
    who = (inspector or "").strip()
    if not who:
        errors.append(FieldError("inspector", "ledger.grid-log.inspector", "须填写巡查人（--inspector）"))
    if errors:
        return [], errors
    assert known is not None
    data = {"inspector": who, "note": (note or "").strip() or None}
    with ctx.store.transaction() as tx:
        tx.append(known.name, GRID_LOG, day, known.lead_unit, person, data)
        return list(tx.appended), []
