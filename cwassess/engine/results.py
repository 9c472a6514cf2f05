"""What scoring produces: findings per rule, item and section results, verdict. Documented in schemas/score.schema.json."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from cwassess.problems import Problem

Status = Literal["达标", "基本达标", "不达标", "缺材料", "不适用", "未评估"]
STATUS_ORDER: dict[str, int] = {"不达标": 0, "缺材料": 1, "基本达标": 2, "达标": 3, "未评估": 4, "不适用": 5}
MaterialState = Literal["缺失", "已提交", "已采纳", "已过期", "不适用"]


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Finding(_Result):
    """One rule evaluated: its status, the points it cost, and why (rule → evidence → deduction)."""

    gap: str = Field(description="稳定编号，可用于 --assume")
    rule: str = Field(description="规则类型")
    item: str
    requirement: str | None = None
    subject: str = Field(description="检查的对象")
    requirement_text: str = Field(description="要求")
    status: Status
    points_lost: float = 0.0
    deduction: str | None = Field(default=None, description="扣分依据")
    reason: str
    evidence: list[str] = Field(default_factory=list, description="证据轨迹：文件:行 说明")
    departments: list[str] = Field(default_factory=list, description="责任部门代码")
    origin: str | None = Field(default=None, description="阈值版本与核实程度")
    material_state: MaterialState | None = None
    waived_by: str | None = None
    assumed: bool = False


class ItemResult(_Result):
    item: str
    number: int
    label: str
    title: str
    section: str
    verified: str
    applicable: bool
    status: Status
    marks: float
    score: float
    points_lost: float
    lead: str | None = None
    support: list[str] = Field(default_factory=list)
    waiver: str | None = None
    findings: list[Finding] = Field(default_factory=list)


class Totals(_Result):
    marks: float
    score: float
    ratio: float
    counts: dict[str, int]


class SectionResult(_Result):
    id: str
    number: str
    title: str
    totals: Totals


class DepartmentResult(_Result):
    code: str
    name: str
    lead_items: list[str]
    lead_marks: float
    lead_score: float
    lead_ratio: float | None
    support_items: list[str]
    support_ratio: float | None
    gaps: int
    points_lost: float
    rank: int


class VetoResult(_Result):
    id: str
    title: str
    profile: str
    status: Literal["通过", "否决", "缺材料"]
    reason: str
    evidence: list[str] = Field(default_factory=list)
    verified: str


class Gap(_Result):
    gap: str
    item: str
    label: str
    subject: str
    status: Status
    points_at_stake: float
    reason: str
    departments: list[str]


class WaiverState(_Result):
    id: str
    item: str
    material: str | None = None
    indicator: str | None = None
    reason: str
    approver: str
    expires: dt.date
    active: bool


class ScoreResult(_Result):
    city: str
    kind: str
    standard: str
    assessment_date: dt.date
    today: dt.date
    days_left: int
    scheme: str
    profiles: list[str]
    verdict: Literal["模拟通过", "不通过"]
    verdict_reasons: list[str]
    veto_failed: bool
    totals: Totals
    totals_before_waivers: Totals
    sections: list[SectionResult]
    items: list[ItemResult]
    departments: list[DepartmentResult]
    vetoes: list[VetoResult]
    gaps: list[Gap]
    waivers: list[WaiverState]
    unverified_items: list[str] = Field(description="条文未经原文核实的条目")
    unverified_thresholds: list[str] = Field(description="使用了未核实阈值的指标")
    assumed: list[str] = Field(default_factory=list, description="假设已整改的差距编号")


class InputProblems(_Result):
    errors: int
    warnings: int


class ScoreFile(ScoreResult):
    """reports/score.json and `cwassess score --json`: the result, and how many input problems were skipped."""

    input_problems: InputProblems | None = None
    problems: list[Problem] | None = Field(default=None, description="仅 --json 输出：输入中的全部问题")
