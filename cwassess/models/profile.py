"""Profiles: a province's or city's overlay on the bundled standard, without touching it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cwassess.models.common import Integer, Number, Provenance, ShortText, Slug, StrictModel, Text
from cwassess.models.standard import IndicatorRule, Version


class Veto(StrictModel):
    """一票否决: failing it fails the verdict whatever the score. It must say what evidence decides it."""

    id: Slug
    title: ShortText
    text: Text
    item: Slug
    provenance: Provenance
    version: Version
    indicators: list[Slug] = Field(default_factory=list, description="须全部达标的指标")
    materials: list[ShortText] = Field(default_factory=list, description="须具备的材料，写作“条目编号/材料编号”")
    incidents: list[ShortText] = Field(default_factory=list, description="近 N 年内不得发生的事件")
    incident_years: Integer = Field(default=3, ge=1, le=10)


class Deductions(StrictModel):
    """扣分: how many points each kind of gap costs (all configurable, none official)."""

    missing_material: Number = Field(default=0.5, ge=0, le=100, description="缺一项必备材料")
    expired_material: Number = Field(default=0.5, ge=0, le=100, description="材料不在有效期内")
    missing_indicator: Number = Field(default=1.0, ge=0, le=100, description="指标未填报")
    indicator_fail: Number = Field(default=1.0, ge=0, le=100, description="指标不达标")
    indicator_basic: Number = Field(default=0.5, ge=0, le=100, description="指标基本达标")
    site_problem: dict[ShortText, Number] = Field(default_factory=dict, description="每个问题点按类别扣分")
    site_problem_default: Number = Field(default=0.2, ge=0, le=100)
    sample_shortfall: Number = Field(default=1.0, ge=0, le=100, description="抽查点位数低于人口档最低要求")
    survey_shortfall: Number = Field(default=0.5, ge=0, le=100, description="调查样本量不足")
    open_problem: Number = Field(default=0.2, ge=0, le=100, description="整改台账中未销号的问题")


class ScoringScheme(StrictModel):
    """A scoring scheme chosen by profile: status (达标率) or deduction (扣分制)."""

    scheme: Literal["status", "deduction"]
    item_marks: Number = Field(default=2.0, gt=0, le=1000, description="每条满分")
    item_marks_override: dict[Slug, Number] = Field(default_factory=dict)
    deductions: Deductions = Field(default_factory=Deductions)
    zero_tolerance: list[ShortText] = Field(default_factory=list, description="出现即该条不达标的问题类别")
    basic_ratio: Number = Field(default=0.8, ge=0, le=1, description="扣分制：得分率不低于此值为基本达标")
    pass_ratio: Number = Field(default=0.9, ge=0, le=1, description="模拟通过所需的总得分率")
    survey_min_sample: dict[Slug, Integer] = Field(default_factory=dict, description="调查类指标的最低样本量")
    site_types: dict[ShortText, list[Slug]] = Field(default_factory=dict, description="点位类型 → 计入的条目")
    problem_items: dict[ShortText, list[Slug]] = Field(
        default_factory=dict,
        description="问题类别 → 优先扣分的条目：点位对应多个条目时，该类问题计入其中第一个列出的条目（如 无三防 → 防蝇防鼠设施）",
    )
    inspection_days: Integer = Field(default=365, ge=1, le=3650, description="计入评分的检查记录时间范围（天）")
    data_max_age_years: Integer = Field(
        default=2, ge=0, le=20, description="指标最新数据的年份最多早于今年几年（默认 2：2026 年测评时，最新数据须为 2024 年或以后）"
    )


class ProfileFile(StrictModel):
    """standards/<edition>/profiles/*.yaml or a workspace's profiles/*.yaml"""

    id: Slug
    title: ShortText
    description: Text | None = None
    provenance: Provenance
    standard: Slug = Field(description="适用的标准版本编号，如 nhc-2021")
    thresholds: dict[Slug, IndicatorRule] = Field(default_factory=dict, description="按指标编号覆盖阈值规则")
    vetoes: list[Veto] = Field(default_factory=list)
    disable_vetoes: list[Slug] = Field(default_factory=list, description="关闭的一票否决条件编号")
    scoring: ScoringScheme | None = None
