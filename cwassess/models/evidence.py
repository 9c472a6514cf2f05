"""What a department submits (evidence/<department>/manifest.yaml) and the 创卫办's waivers."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from cwassess.models.common import Integer, RawDate, ShortText, Slug, StrictModel, Text

# Values arrive as people type them: 95, "95%", "９５％", "0.95", true for 有/无. Readers keep them raw and
# parse them with the indicator's unit (bool first, so that true is not read as 1.0, i.e. 100%).
RawValue = bool | float | int | str

DocType = Literal[
    "法规", "规章", "规范性文件", "公文", "制度", "规划", "会议纪要", "台账", "报告", "统计报表",
    "合同", "证照", "照片", "截图", "视频截图", "宣传品", "其他",
]
DOC_TYPES: tuple[str, ...] = get_args(DocType)
InspectionKind = Literal["模拟暗访", "自查", "明查", "暗访通报", "网格巡查"]
Pest = Literal["rat", "mosquito", "fly", "cockroach"]
PEST_ZH: dict[str, str] = {"rat": "鼠", "mosquito": "蚊", "fly": "蝇", "cockroach": "蟑螂"}


class IndicatorEntry(StrictModel):
    indicator: Slug
    values: dict[str, RawValue] = Field(description="年份 → 数值，如 \"2025\": 96.5 或 \"96.5%\"")
    unit: ShortText | None = Field(default=None, description="填写时须与指标单位一致")
    source: ShortText | None = Field(default=None, description="数据来源，如 统计年报")


class Period(StrictModel):
    start: RawDate
    end: RawDate


class DocumentEntry(StrictModel):
    id: Slug = Field(description="本部门内唯一、不复用的编号")
    file: ShortText = Field(description="文件路径，相对于本部门证据目录")
    title: ShortText
    item: Slug
    material: Slug
    type: DocType
    issuer: ShortText | None = Field(default=None, description="发文单位")
    doc_number: ShortText | None = Field(default=None, description="文号")
    issued: RawDate | None = Field(default=None, description="发文日期")
    effective: RawDate | None = Field(default=None, description="生效日期；判断有效期以此为准")
    period: Period | None = Field(default=None, description="材料覆盖的时间段")
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$", description="提交时记录的文件摘要")
    previous: list[str] = Field(default_factory=list, description="此前各版本的文件摘要（内容保存在 .cwassess/store/）")
    paired_with: Slug | None = Field(default=None, description="整改前后照片配对：另一张照片的编号")
    stage: Literal["整改前", "整改后"] | None = None
    place: ShortText | None = None


class ProblemFound(StrictModel):
    problem_class: ShortText = Field(description="问题类别，如 乱堆乱摆、卫生死角、无三防、无证经营、病媒孳生地")
    description: Text
    photo: ShortText | None = None


class InspectionEntry(StrictModel):
    id: Slug
    kind: InspectionKind
    site_type: ShortText = Field(description="点位类型，如 主次干道、背街小巷、农贸市场、小餐饮店、公厕、城中村、学校、医院、建筑工地")
    site: ShortText = Field(description="点位名称")
    district: ShortText | None = None
    street: ShortText | None = None
    grid: ShortText | None = None
    date: RawDate
    inspector: ShortText | None = None
    items: list[Slug] = Field(default_factory=list, description="计入的条目；为空时按点位类型归属")
    problems: list[ProblemFound] = Field(default_factory=list)


class SurveyEntry(StrictModel):
    indicator: Slug
    year: Integer = Field(ge=2000, le=2100)
    method: ShortText
    sample_size: Integer = Field(ge=1, le=10_000_000)
    rate: RawValue
    report: Slug | None = Field(default=None, description="调查报告的文件编号")


class VectorEntry(StrictModel):
    pest: Pest
    year: Integer = Field(ge=2000, le=2100)
    level: Literal["A", "B", "C", "D"] | None = None
    sub_indicators: dict[Slug, RawValue] = Field(default_factory=dict, description="分项指标编号 → 数值")
    report: Slug | None = None


class IncidentEntry(StrictModel):
    """A reportable incident (e.g. 重大食品安全事故): it can trigger a veto within its window."""

    type: ShortText
    date: RawDate
    description: Text


class Statement(StrictModel):
    item: Slug
    text: Text


class EvidenceManifest(StrictModel):
    """evidence/<department>/manifest.yaml"""

    department: Slug
    indicators: list[IndicatorEntry] = Field(default_factory=list)
    documents: list[DocumentEntry] = Field(default_factory=list)
    inspections: list[InspectionEntry] = Field(default_factory=list)
    surveys: list[SurveyEntry] = Field(default_factory=list)
    vectors: list[VectorEntry] = Field(default_factory=list)
    incidents: list[IncidentEntry] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)


class Waiver(StrictModel):
    """不适用/豁免: approved by the 创卫办, with a reason and an expiry."""

    id: Slug
    item: Slug
    material: Slug | None = Field(default=None, description="只豁免该条的某项材料")
    indicator: Slug | None = Field(default=None, description="只豁免某项指标")
    reason: Text
    approver: ShortText
    approved: RawDate
    expires: RawDate


class InspectionFile(StrictModel):
    """inspections/*.yaml at the workspace root: the 创卫办's mock inspections (模拟暗访)."""

    department: Slug = Field(description="组织检查的部门，通常为 aiweiban")
    inspections: list[InspectionEntry]


class WaiverFile(StrictModel):
    """waivers.yaml at the workspace root."""

    waivers: list[Waiver] = Field(default_factory=list)
