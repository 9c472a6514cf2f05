"""Evidence after reading and normalising: what the scoring engine consumes. Plain data, no I/O."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorValue(_Record):
    year: int
    value: float | str | bool
    raw: str
    note: str | None = None


class IndicatorSeries(_Record):
    indicator: str
    department: str
    values: list[IndicatorValue]
    source: str | None = None
    where: str

    def latest(self) -> IndicatorValue | None:
        return max(self.values, key=lambda v: v.year) if self.values else None


class Document(_Record):
    department: str
    id: str
    title: str
    item: str
    material: str
    type: str
    issuer: str | None = None
    doc_number: str | None = None
    issued: dt.date | None = None
    effective: dt.date | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    file: str = Field(description="工作区内的相对路径")
    size: int | None = None
    sha256: str | None = None
    usable: bool = Field(description="文件存在、可读、在工作区内、格式允许")
    problem: str | None = None
    stage: str | None = None
    paired_with: str | None = None
    place: str | None = None
    where: str

    @property
    def date(self) -> dt.date | None:
        """The date that decides validity: effective, else issued (never the upload date)."""
        return self.effective or self.issued


class SiteProblem(_Record):
    problem_class: str
    description: str
    photo: str | None = None


class Inspection(_Record):
    department: str
    id: str
    kind: str
    site_type: str
    site: str
    district: str | None = None
    street: str | None = None
    grid: str | None = None
    date: dt.date
    inspector: str | None = None
    items: list[str] = Field(default_factory=list)
    problems: list[SiteProblem] = Field(default_factory=list)
    where: str


class Survey(_Record):
    department: str
    indicator: str
    year: int
    method: str
    sample_size: int
    rate: float
    report: str | None = None
    where: str


class VectorResult(_Record):
    department: str
    pest: str
    year: int
    level: str | None = None
    sub_indicators: dict[str, float] = Field(default_factory=dict)
    where: str


class Incident(_Record):
    department: str
    type: str
    date: dt.date
    description: str
    where: str


class Statement(_Record):
    department: str
    item: str
    text: str
    where: str


class WaiverRecord(_Record):
    id: str
    item: str
    material: str | None = None
    indicator: str | None = None
    reason: str
    approver: str
    approved: dt.date
    expires: dt.date
    where: str


class Evidence(BaseModel):
    """Everything submitted, normalised; the engine's only view of the outside world."""

    model_config = ConfigDict(extra="forbid")

    series: list[IndicatorSeries] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    inspections: list[Inspection] = Field(default_factory=list)
    surveys: list[Survey] = Field(default_factory=list)
    vectors: list[VectorResult] = Field(default_factory=list)
    incidents: list[Incident] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    waivers: list[WaiverRecord] = Field(default_factory=list)
