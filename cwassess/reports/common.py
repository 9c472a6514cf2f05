"""What every report shares: its inputs, department names, the header facts (city, dates, issuer)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Self

from pydantic import BaseModel, ConfigDict

from cwassess import __version__
from cwassess.engine.results import Finding, Gap, ItemResult, ScoreResult
from cwassess.models.city import CityFile
from cwassess.models.claims import ClaimsFile
from cwassess.models.common import KIND_ZH
from cwassess.models.profile import ScoringScheme
from cwassess.standard.model import Standard

ISSUER_CODE = "aiweiban"  # 爱卫办: who compiles the reports (创卫办 sits in it)
FAILING = frozenset({"不达标", "缺材料", "基本达标"})


class ReportModel(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Header(ReportModel):
    """The facts on every report's cover and running header."""

    title: str
    city: str
    kind: str
    kind_zh: str
    standard: str
    standard_title: str
    issuer: str
    date: dt.date
    assessment_date: dt.date
    days_left: int
    generator: str


@dataclass
class ReportInputs:
    """Everything a report is built from: the score, and the workspace it was scored from."""

    result: ScoreResult
    standard: Standard
    city: CityFile
    claims: list[ClaimsFile] = field(default_factory=list)
    input_errors: int = 0
    input_warnings: int = 0

    @cached_property
    def item_results(self) -> dict[str, ItemResult]:
        return {it.item: it for it in self.result.items}

    @cached_property
    def stakes(self) -> dict[str, float]:
        """Gap id → the points fixing it would win back (only the gaps the engine ranks have one)."""
        return {g.gap: g.points_at_stake for g in self.result.gaps}

    @cached_property
    def names(self) -> dict[str, str]:
        """Department code → the name this city uses (roster name, else the catalogue's, else the code)."""
        names = {d.code: d.name for d in self.standard.departments}
        names.update({d.code: d.name for d in self.result.departments})
        names.update({e.code: e.name for e in self.city.departments if e.name})
        return names

    def name(self, code: str | None) -> str:
        if not code:
            return "未认领"
        return self.names.get(code, code)

    @cached_property
    def scheme(self) -> ScoringScheme:
        """The scoring scheme the result was scored with: the last of its profiles that sets one."""
        for profile_id in reversed(self.result.profiles):
            profile = self.standard.profiles_by_id.get(profile_id)
            if profile is not None and profile.scoring is not None:
                return profile.scoring
        return ScoringScheme(scheme="deduction")

    @cached_property
    def issuer(self) -> str:
        entry = next((e for e in self.city.departments if e.code == ISSUER_CODE and e.name), None)
        return entry.name if entry and entry.name else f"{self.city.name}爱国卫生运动委员会办公室"

    def header(self, title: str) -> Header:
        r = self.result
        return Header(
            title=title,
            city=r.city,
            kind=r.kind,
            kind_zh=KIND_ZH.get(r.kind, r.kind),
            standard=r.standard,
            standard_title=self.standard.meta.title,
            issuer=self.issuer,
            date=r.today,
            assessment_date=r.assessment_date,
            days_left=r.days_left,
            generator=f"cwassess {__version__}",
        )


class GapFields(ReportModel):
    """A gap as every report lists it (差距分析报告's ranking, a 部门责任清单's gaps): which one, on which item, what
    failed and why, and what fixing it is worth."""

    gap: str
    item: str
    label: str
    item_title: str
    subject: str
    status: str
    reason: str
    points_at_stake: float | None

    @classmethod
    def of(cls, inputs: ReportInputs, item: ItemResult, gap: Finding | Gap, **extra: Any) -> Self:
        return cls(
            gap=gap.gap,
            item=item.item,
            label=item.label,
            item_title=item.title,
            subject=gap.subject,
            status=gap.status,
            reason=gap.reason,
            points_at_stake=inputs.stakes.get(gap.gap),
            **extra,
        )


def indicator_label(number: int | None, name: str) -> str:
    return f"指标 {number} {name}" if number is not None else name
