"""Profiles: a province's or city's overlay on the bundled standard, without touching it."""

from __future__ import annotations

from pydantic import Field

from cwassess.models.common import Provenance, ShortText, Slug, StrictModel, Text
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
    incident_years: int = Field(default=3, ge=1, le=10)


class ProfileFile(StrictModel):
    """standards/<edition>/profiles/*.yaml or a workspace's profiles/*.yaml"""

    id: Slug
    title: ShortText
    description: Text | None = None
    provenance: Provenance
    standard: Slug = Field(description="适用的标准版本编号，如 nhc-2021")
    thresholds: dict[Slug, IndicatorRule] = Field(default_factory=dict, description="按指标编号覆盖阈值规则")
    vetoes: list[Veto] = Field(default_factory=list)
