"""conditional: a requirement or material that applies only to some cities (立法权, 港口, 城市/县)."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.models.common import Applicability
from cwassess.models.standard import Item
from cwassess.rules.base import RuleDoc, finding

TYPE = "conditional"
DOC = RuleDoc(
    title="条件适用",
    requirement="只在满足条件时检查，如具有立法权的地方须有爱国卫生法规，其他地方须有规范性文件；建有港口的城市须有船—港—城衔接制度。",
    why="同一条标准对不同城市要求不同，不适用的要求不应失分。",
    example="示例县无立法权 → “本地爱国卫生法规”不适用，改查“爱国卫生规范性文件”。",
    remedy="核对 city.yaml 中的 kind、legislative_power、port 是否填写正确。",
)


def applies(ctx: Context, condition: Applicability | None) -> bool:
    return condition is None or condition.matches(ctx.city.kind, ctx.city.legislative_power, ctx.city.port)


def not_applicable(ctx: Context, item: Item, gap: str, subject: str, condition: Applicability) -> Finding:
    return finding(
        gap=gap,
        rule=TYPE,
        item=item.id,
        subject=subject,
        requirement_text=f"仅适用于：{condition.describe()}",
        status="不适用",
        reason=f"本市不满足适用条件（{condition.describe()}）",
    )
