"""The standard as data: sections, items, check points, materials, indicators, departments, sampling."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from cwassess.models.common import (
    Applicability,
    NOT_BOOL_FLOAT,
    NOT_BOOL_INT,
    Integer,
    Kind,
    Number,
    Provenance,
    ShortText,
    Slug,
    StrictModel,
    Text,
)

MaterialKind = Literal["文件", "会议", "台账", "数据", "影像", "宣传"]
MATERIAL_KINDS: tuple[str, ...] = ("文件", "会议", "台账", "数据", "影像", "宣传")
Period = Literal["现行有效", "当年", "近1年", "近3年", "近5年"]
FileFormat = Literal["pdf", "ofd", "jpg", "png", "docx", "xlsx"]
Version = Literal["2014", "2021", "legacy", "default"]
Level = Literal["A", "B", "C", "D"]
LEVELS: tuple[str, ...] = ("A", "B", "C", "D")


class Source(StrictModel):
    id: ShortText
    title: Text
    url: ShortText | None = None
    completeness: ShortText | None = None


class Requirement(StrictModel):
    """A check point (检查要点) that rules can score one by one."""

    id: Slug
    text: Text
    provenance: Provenance
    applies_when: Applicability | None = None
    indicators: list[Slug] = Field(default_factory=list, description="该要点对应的指标编号")
    on_site: bool = Field(default=False, description="现场抽查点位评分")


class Material(StrictModel):
    """A required material (所需材料) for an item."""

    id: Slug
    title: ShortText
    kind: MaterialKind
    doc_types: list[ShortText] = Field(default_factory=list, description="文件类型，如 法规、规范性文件、会议纪要")
    period: Period | None = Field(default=None, description="时间范围：现行有效、当年、近1年、近3年、近5年")
    per_year: bool = Field(default=False, description="count 是否按年计")
    count: Integer = Field(default=1, ge=1, le=1000)
    mandatory: bool = True
    formats: list[FileFormat] = Field(default_factory=lambda: ["pdf", "ofd"])
    issuer: ShortText | None = None
    requirement: Slug | None = Field(default=None, description="对应的检查要点编号")
    applies_when: Applicability | None = None
    provenance: Provenance


class Item(StrictModel):
    """One of the 45 items (条), numbered （一）…（四十五）."""

    id: Slug
    number: Integer = Field(ge=1, le=99)
    number_provenance: Provenance
    title: ShortText
    text: Text
    official_text: Text | None = Field(
        default=None, description="官方原文：填写后即以此为准，并视为原文核实（只需改这一个字段）"
    )
    provenance: Provenance
    applies_to: list[Kind] = Field(default_factory=lambda: ["city", "county"])
    applies_when: Applicability | None = None
    scope: Literal["建成区", "辖区"] = "建成区"
    lead: ShortText | None = Field(default=None, description="默认牵头部门代码")
    support: list[ShortText] = Field(default_factory=list, description="默认配合部门代码")
    requirements: list[Requirement] = Field(default_factory=list)
    materials: list[Material] = Field(default_factory=list)

    @property
    def effective_text(self) -> str:
        return self.official_text or self.text

    @property
    def effective_verified(self) -> str:
        return "verbatim" if self.official_text else self.provenance.verified


class SectionInfo(StrictModel):
    id: Slug
    number: Literal["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    title: ShortText
    provenance: Provenance


class SectionFile(StrictModel):
    """standards/<edition>/sections/*.yaml"""

    section: SectionInfo
    items: list[Item]


Comparison = Literal[">=", "<=", ">", "<"]
Limit = Annotated[float, Field(ge=-1e9, le=1e9), NOT_BOOL_FLOAT]


class _RuleBase(StrictModel):
    version: Version = Field(description="阈值版本：2014（历史基线）、2021、legacy（除四害旧标准）、default（本工具建议）")
    provenance: Provenance
    unit: ShortText | None = Field(default=None, description="若填写，须与指标单位一致")


class ThresholdRule(_RuleBase):
    type: Literal["threshold"]
    op: Comparison | Literal["range"]
    value: Limit | None = None
    min: Limit | None = None
    max: Limit | None = None


class TrendRule(_RuleBase):
    type: Literal["trend"]
    direction: Literal["up", "down"] = Field(description="up 逐年提高为好；down 逐年下降为好")
    years: Integer = Field(ge=2, le=10)


class BaselineRule(_RuleBase):
    type: Literal["baseline"]
    op: Literal["<=", ">="]
    years: Integer = Field(ge=2, le=10, description="与前 N 年平均水平比较")


class PlanRule(_RuleBase):
    type: Literal["vs_plan"]
    plan: Slug = Field(description="对应的区域规划目标指标编号")


class LevelRule(_RuleBase):
    type: Literal["level"]
    pass_at: Level = "C"


class BooleanRule(_RuleBase):
    type: Literal["boolean"]
    expected: bool = True


class RecordRule(_RuleBase):
    """Collected for the online form, no pass/fail threshold."""

    type: Literal["record"]


IndicatorRule = Annotated[
    Union[ThresholdRule, TrendRule, BaselineRule, PlanRule, LevelRule, BooleanRule, RecordRule],
    Field(discriminator="type"),
]


class SubIndicator(StrictModel):
    """A graded sub-indicator (e.g. a pest's 有蝇房间阳性率); the pest's level is its worst sub-indicator."""

    id: Slug
    name: ShortText
    unit: ShortText
    method: ShortText | None = None
    op: Literal["<=", ">="] = "<="
    levels: dict[Level, Number | None] = Field(default_factory=dict, description="A/B/C 各级限值；未知为 null")
    provenance: Provenance


class Indicator(StrictModel):
    id: Slug
    number: Annotated[int, Field(ge=1, le=999), NOT_BOOL_INT] | None = Field(default=None, description="全国系统填报表中的序号；规划目标为空")
    name: ShortText
    name_county: ShortText | None = Field(default=None, description="国家卫生县填报表中不同的名称")
    provenance: Provenance
    role: Literal["indicator", "planning_target"] = "indicator"
    item: Slug
    item_provenance: Provenance
    unit: ShortText
    series_years: Integer = Field(default=1, ge=1, le=10)
    series_years_county: Annotated[int, Field(ge=1, le=10), NOT_BOOL_INT] | None = None
    applies_to: list[Kind] = Field(default_factory=lambda: ["city", "county"])
    owner: list[ShortText] = Field(default_factory=list, description="通常的数据提供部门代码")
    rule: IndicatorRule | None = None
    baseline_2014: ShortText | None = Field(default=None, description="2014 版阈值原文摘要")
    sub_indicators: list[SubIndicator] = Field(default_factory=list)


class IndicatorFile(StrictModel):
    """standards/<edition>/indicators.yaml"""

    indicators: list[Indicator]


class Department(StrictModel):
    code: Slug
    name: ShortText
    aliases: list[ShortText] = Field(default_factory=list)
    category: Literal["市直部门", "属地", "群团及其他", "驻地单位"] = "市直部门"


class DepartmentFile(StrictModel):
    """standards/<edition>/departments.yaml"""

    departments: list[Department]


class SampleRow(StrictModel):
    id: Slug
    site_type: ShortText
    category: ShortText
    minimum: dict[Slug, Integer] = Field(description="各人口规模档的最少点位数，键为 tiers 的编号")
    contents: Text | None = None
    subtotal: bool = False


class PopulationTier(StrictModel):
    id: Slug
    label: ShortText
    min_wan: Number = Field(ge=0, le=1e5, description="下限（万人，含）")
    max_wan: Annotated[float, Field(ge=0, le=1e5), NOT_BOOL_FLOAT] | None = Field(default=None, description="上限（万人，不含）；最高档为空")


class SamplingFile(StrictModel):
    """standards/<edition>/sampling.yaml: on-site minimum sample sizes by population tier."""

    provenance: Provenance
    tiers: list[PopulationTier]
    rows: list[SampleRow]


class ExpectedCounts(StrictModel):
    sections: Integer = Field(ge=1, le=20)
    items: Integer = Field(ge=1, le=200)
    indicators: Integer = Field(ge=0, le=1000)
    planning_targets: Integer = Field(ge=0, le=100)


class StandardFile(StrictModel):
    """standards/<edition>/standard.yaml"""

    id: Slug
    title: ShortText
    document: ShortText | None = None
    issuer: ShortText | None = None
    provenance: Provenance
    scope_text: Text
    scope_provenance: Provenance
    expected: ExpectedCounts
    sections: list[ShortText] = Field(min_length=1, description="各方面文件的相对路径，按顺序")
    indicators: ShortText = "indicators.yaml"
    departments: ShortText = "departments.yaml"
    sampling: ShortText = "sampling.yaml"
    profiles_dir: ShortText = "profiles"
    sources: list[Source] = Field(default_factory=list)
