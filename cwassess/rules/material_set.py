"""material_set: every mandatory material of one check point (检查要点) is accepted."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.models.standard import Item, Requirement
from cwassess.rules.base import RuleDoc, finding

TYPE = "material_set"
DOC = RuleDoc(
    title="要点材料成套",
    requirement="一个检查要点的全部必备材料都已采纳（如年度计划、部署、检查、总结四件套）。",
    why="专家按要点核对资料是否成套，缺一件就说明工作链条不完整。",
    example="“年度有计划、有部署、有检查、有总结”：近3年的计划、部署会纪要、督查通报、总结齐全 → 成套。",
    remedy="按缺项清单补齐，注意每年一套。",
)


def evaluate(ctx: Context, item: Item, requirement: Requirement, material_findings: list[Finding]) -> Finding:
    """Summarises the document_present findings of this requirement's materials (no points of its own)."""
    mine = [f for f in material_findings if f.requirement == requirement.id and f.status != "不适用"]
    lacking = [f.subject.removeprefix("材料：") for f in mine if f.status == "缺材料"]
    base = dict(
        gap=f"{item.id}/set/{requirement.id}",
        rule=TYPE,
        item=item.id,
        requirement=requirement.id,
        subject=f"要点：{requirement.text}",
        requirement_text="必备材料成套",
        departments=ctx.responsible(item.id),
    )
    if not mine:
        return finding(**base, status="未评估", reason="该要点没有必备材料")
    if lacking:
        return finding(**base, status="缺材料", reason=f"缺 {len(lacking)} 项：{'、'.join(lacking)}")
    return finding(**base, status="达标", reason=f"{len(mine)} 项材料齐全")
