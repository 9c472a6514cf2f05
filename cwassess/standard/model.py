"""The assembled standard that the engine reads: pure data, plus lookups."""

from __future__ import annotations

from functools import cached_property

from pydantic import BaseModel, ConfigDict

from cwassess.models.profile import ProfileFile
from cwassess.models.standard import (
    Department,
    Indicator,
    Item,
    SamplingFile,
    SectionInfo,
    StandardFile,
)

CHINESE_NUMERALS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 45 → 四十五 (enough for item numbers)."""
    if n < 10:
        return CHINESE_NUMERALS[n]
    tens, ones = divmod(n, 10)
    head = "" if tens == 1 else CHINESE_NUMERALS[tens]
    return head + "十" + (CHINESE_NUMERALS[ones] if ones else "")


def item_label(number: int) -> str:
    return f"（{chinese_number(number)}）"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    info: SectionInfo
    items: list[Item]


class Standard(BaseModel):
    """Everything in standards/<edition>/, validated and assembled."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    meta: StandardFile
    sections: list[Section]
    indicators: list[Indicator]
    departments: list[Department]
    sampling: SamplingFile
    profiles: list[ProfileFile]

    @cached_property
    def items(self) -> list[Item]:
        return [item for section in self.sections for item in section.items]

    @cached_property
    def items_by_id(self) -> dict[str, Item]:
        return {item.id: item for item in self.items}

    @cached_property
    def items_by_number(self) -> dict[int, Item]:
        return {item.number: item for item in self.items}

    @cached_property
    def section_of(self) -> dict[str, SectionInfo]:
        return {item.id: section.info for section in self.sections for item in section.items}

    @cached_property
    def indicators_by_id(self) -> dict[str, Indicator]:
        return {ind.id: ind for ind in self.indicators}

    @cached_property
    def departments_by_code(self) -> dict[str, Department]:
        return {dept.code: dept for dept in self.departments}

    @cached_property
    def profiles_by_id(self) -> dict[str, ProfileFile]:
        return {profile.id: profile for profile in self.profiles}

    def model_copy(self, *, update: dict[str, object] | None = None, deep: bool = False) -> Standard:  # type: ignore[override]
        """A copy whose lookups are rebuilt: cached ones would still describe the original."""
        copy = super().model_copy(update=update, deep=deep)
        for name in _CACHED:
            copy.__dict__.pop(name, None)
        return copy

    def national_indicators(self) -> list[Indicator]:
        return [ind for ind in self.indicators if ind.role == "indicator"]

    def planning_targets(self) -> list[Indicator]:
        return [ind for ind in self.indicators if ind.role == "planning_target"]

    def indicators_of(self, item_id: str) -> list[Indicator]:
        return [ind for ind in self.indicators if ind.item == item_id]


_CACHED = [name for name, value in vars(Standard).items() if isinstance(value, cached_property)]
