"""A department's claims (认领): the items it leads (牵头) or supports (配合)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cwassess.models.common import Deadline, ShortText, Slug, StrictModel

Role = Literal["lead", "support"]
ROLE_ZH: dict[str, str] = {"lead": "牵头", "support": "配合"}


class Claim(StrictModel):
    item: Slug = Field(description="条目编号，如 env-roads")
    role: Role
    requirements: list[Slug] = Field(default_factory=list, description="只认领其中的检查要点（空为全部）")
    indicators: list[Slug] = Field(default_factory=list, description="负责填报的指标")
    materials: list[Slug] = Field(default_factory=list, description="负责提交的材料（空为该条全部材料，仅牵头时）")
    deadline: Deadline = Field(default=None, description="达标时间")
    contact: ShortText | None = Field(default=None, description="责任人")
    leader: ShortText | None = Field(default=None, description="分管市领导")
    note: ShortText | None = None


class ClaimsFile(StrictModel):
    """claims/<department>.yaml"""

    department: Slug
    claims: list[Claim] = Field(default_factory=list)
