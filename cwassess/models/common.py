"""Building blocks shared by every model: strictness, provenance, applicability."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Kind = Literal["city", "county"]
KIND_ZH: dict[str, str] = {"city": "国家卫生城市", "county": "国家卫生县"}

# How sure we are of a text, a number or a threshold. Never present anything but "verbatim" as official.
Verified = Literal["verbatim", "secondary", "inferred", "unverified"]
VERIFIED_ZH: dict[str, str] = {
    "verbatim": "原文核实",
    "secondary": "二手来源",
    "inferred": "推断",
    "unverified": "未核实",
}
VERIFIED_MARK: dict[str, str] = {"verbatim": "V", "secondary": "S", "inferred": "I", "unverified": "?"}

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=64)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=5000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class StrictModel(BaseModel):
    """Every domain object: unknown keys are errors, NaN/inf are refused."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class Provenance(StrictModel):
    """Where a text, number or threshold comes from (source ids of the reference digest, e.g. S1)."""

    verified: Verified = Field(description="verbatim 原文 | secondary 二手 | inferred 推断 | unverified 未核实")
    source: list[ShortText] = Field(default_factory=list, description="来源编号，如 S1；官方文件导入时为文件名与 sha256")
    note: Text | None = None


class Applicability(StrictModel):
    """Conditions under which something applies; an unset field means 'either way'."""

    kind: list[Kind] | None = None
    legislative_power: bool | None = None
    port: bool | None = None

    def matches(self, kind: Kind, legislative_power: bool, port: bool) -> bool:
        if self.kind is not None and kind not in self.kind:
            return False
        if self.legislative_power is not None and self.legislative_power != legislative_power:
            return False
        return self.port is None or self.port == port

    def describe(self) -> str:
        parts = []
        if self.kind is not None:
            parts.append("、".join(KIND_ZH[k] for k in self.kind))
        if self.legislative_power is not None:
            parts.append("具有立法权" if self.legislative_power else "无立法权")
        if self.port is not None:
            parts.append("建有港口" if self.port else "无港口")
        return "，".join(parts) or "全部"
