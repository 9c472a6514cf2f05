"""The city file (city.yaml) at the root of a workspace."""

from __future__ import annotations

from pydantic import Field

from cwassess.models.common import Day, Kind, Number, ShortText, Slug, StrictModel
from cwassess.models.limits import InputLimits

Phone = ShortText


class District(StrictModel):
    name: ShortText
    streets: list[ShortText] = Field(default_factory=list, description="街道（含建成区内的乡镇）")


class RosterEntry(StrictModel):
    """A department taking part in this city's work, with its liaison (联络员)."""

    code: Slug = Field(description="部门代码：标准部门目录中的代码，或本市自定义代码")
    name: ShortText | None = Field(default=None, description="本市的正式名称，如“示例市城市管理局”")
    aliases: list[ShortText] = Field(default_factory=list, description="本市自定义部门的别名")
    liaison: ShortText | None = Field(default=None, description="联络员")
    phone: Phone | None = None
    leader: ShortText | None = Field(default=None, description="分管市领导")


class CityFile(StrictModel):
    """city.yaml"""

    name: ShortText
    kind: Kind
    population_wan: Number = Field(gt=0, le=10000, description="建成区常住人口（万人），决定现场抽查点位档")
    legislative_power: bool = False
    port: bool = False
    assessment_date: Day = Field(description="评估（暗访/现场评估）日期，YYYY-MM-DD")
    standard: Slug = "nhc-2021"
    profiles: list[Slug] = Field(default_factory=list, description="启用的配置（标准自带或工作区 profiles/ 中的）")
    districts: list[District] = Field(default_factory=list)
    departments: list[RosterEntry] = Field(default_factory=list)
    limits: InputLimits = Field(default_factory=InputLimits, description="提交文件的大小上限（可选，一般不必填写）")
