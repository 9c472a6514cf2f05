"""The weekly 通报 of the ledger, pure: per responsible unit, what was found and closed in the week, what is
still open and overdue at its end, the closure rate and the ranking; plus the list of overdue problems.

Definitions (week = ISO week, Monday–Sunday; `as_of` = the week's Sunday, or today for the running week):
    本周新增  problems found in the week
    本周销号  problems verified (销号) in the week
    未销号    problems found by `as_of` and not closed at `as_of`
    逾期      of those, problems whose deadline had passed at `as_of` while the unit held them (待整改/整改中)
    销号率    closed by `as_of` ÷ found by `as_of` (cumulative)
    排名      by 销号率 (high first), then fewer overdue, then fewer open; equal on all three share a rank
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from cwassess.ledger.deadlines import LEVEL_ZH, days_overdue, escalation, overdue_times
from cwassess.ledger.model import LedgerConfig, Problem
from cwassess.ledger.units import Units

WEEK_PATTERN = re.compile(r"(\d{4})-?[Ww](\d{1,2})")


def parse_week(text: str) -> tuple[tuple[dt.date, dt.date] | None, str | None]:
    match = WEEK_PATTERN.fullmatch(text.strip())
    if not match:
        return None, f"周次“{text}”格式不对，应为 YYYY-Www，如 2026-W47"
    year, week = int(match.group(1)), int(match.group(2))
    try:
        start = dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        return None, f"{year} 年没有第 {week} 周"
    return (start, start + dt.timedelta(days=6)), None


def week_label(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class UnitRow:
    unit: str
    name: str
    new: int = 0
    closed: int = 0
    open: int = 0
    overdue: int = 0
    total: int = 0
    closed_total: int = 0
    rank: int | None = None

    @property
    def rate(self) -> float | None:
        return self.closed_total / self.total if self.total else None

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit, "name": self.name, "new": self.new, "closed": self.closed, "open": self.open, "overdue": self.overdue,
            "total": self.total, "closed_total": self.closed_total, "rank": self.rank, "rate": None if self.rate is None else round(self.rate, 4),
        }


@dataclass
class OverdueRow:
    id: str
    unit: str
    name: str
    leader: str | None
    place: str
    problem_class: str
    description: str
    found: dt.date
    deadline: dt.date
    state: str
    days: int
    times: int
    level: int

    @property
    def level_zh(self) -> str:
        return LEVEL_ZH[self.level]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "unit": self.unit, "name": self.name, "leader": self.leader, "place": self.place, "problem_class": self.problem_class,
            "description": self.description, "found": self.found.isoformat(), "deadline": self.deadline.isoformat(), "state": self.state,
            "days": self.days, "times": self.times, "level": self.level, "level_zh": self.level_zh,
        }


@dataclass
class Bulletin:
    city: str
    week: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    rows: list[UnitRow] = field(default_factory=list)
    total: UnitRow = field(default_factory=lambda: UnitRow("", "合计"))
    overdue: list[OverdueRow] = field(default_factory=list)

    @property
    def title(self) -> str:
        year, week, _ = self.start.isocalendar()
        return f"{self.city}创卫问题整改周通报（{year}年第{week}周）"

    @property
    def period(self) -> str:
        text = f"{self.start.year}年{self.start.month}月{self.start.day}日—{self.end.month}月{self.end.day}日"
        return text + (f"（统计截至{self.as_of.month}月{self.as_of.day}日）" if self.as_of < self.end else "")

    def as_json(self) -> dict[str, Any]:
        return {
            "city": self.city,
            "title": self.title,
            "week": self.week,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "as_of": self.as_of.isoformat(),
            "units": [r.as_json() for r in self.rows],
            "total": self.total.as_json(),
            "overdue": [r.as_json() for r in self.overdue],
        }


def build_bulletin(
    problems: list[Problem], start: dt.date, end: dt.date, as_of: dt.date, config: LedgerConfig, units: Units, city: str = ""
) -> Bulletin:
    """`problems`: each as it stood at the end of `as_of` (store.problems_as_of)."""
    bulletin = Bulletin(city=city, week=week_label(start), start=start, end=end, as_of=as_of)
    rows: dict[str, UnitRow] = {}
    total = bulletin.total
    for p in problems:
        if p.found > as_of:
            continue
        row = rows.get(p.unit)
        if row is None:
            row = rows[p.unit] = UnitRow(p.unit, units.name(p.unit))
        closed = p.closed is not None and p.closed <= as_of
        days = days_overdue(p, as_of)
        for r in (row, total):
            r.total += 1
            r.new += start <= p.found <= end
            if closed:
                r.closed_total += 1
                r.closed += start <= p.closed <= end  # type: ignore[operator]
            else:
                r.open += 1
                r.overdue += days > 0
        if days:
            bulletin.overdue.append(
                OverdueRow(
                    id=p.id, unit=p.unit, name=units.name(p.unit), leader=units.leaders.get(p.unit), place=p.place,
                    problem_class=p.problem_class, description=p.description, found=p.found, deadline=p.deadline,
                    state=p.state, days=days, times=overdue_times(p, as_of), level=escalation(p, as_of, config),
                )
            )
    ordered = sorted(rows.values(), key=lambda r: (-(r.rate or 0.0), r.overdue, r.open, r.unit))
    previous: tuple[float, int, int] | None = None
    for i, row in enumerate(ordered, start=1):
        key = (row.rate or 0.0, row.overdue, row.open)
        row.rank = ordered[i - 2].rank if previous == key else i
        previous = key
    bulletin.rows = ordered
    bulletin.overdue.sort(key=lambda r: (-r.level, -r.days, r.unit, r.id))
    return bulletin
