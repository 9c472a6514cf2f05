"""open_problems: a problem in the rectification ledger that is not yet 已销号 costs points on its items."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.models.standard import Item
from cwassess.rules import sampled_sites
from cwassess.rules.base import RuleDoc, finding, points_text

TYPE = "open_problems"
DOC = RuleDoc(
    title="整改台账未销号问题",
    requirement="检查、暗访、投诉中发现的问题整改到位并经创卫办复核销号；未销号的问题计入模拟测评扣分。",
    why="评估当天问题仍在，就是失分点；销号须经核验，不能自行关闭。",
    example="省暗访通报的背街小巷垃圾堆放问题已整改、复核、销号 → 不再扣分。",
    remedy="按期限整改，提交整改后照片和说明，由创卫办复核销号；逾期的优先处理。",
)


def evaluate(ctx: Context, item: Item, site_gaps: set[str]) -> list[Finding]:
    """One finding per open problem on this item, unless the same problem is a site finding: here already, or on
    the one item a recent site problem costs points on (sampled_sites)."""
    points = ctx.scheme.deductions.open_problem
    owners = sampled_sites.site_owners(ctx)
    found = []
    for problem in ctx.open_problems:
        if item.id not in problem.items:
            continue
        if problem.inspection_key and f"{item.id}/site/{problem.inspection_key}" in site_gaps:
            continue  # already deducted once as a site problem
        if problem.inspection_key and owners.get(problem.inspection_key, item.id) != item.id:
            continue  # deducted on the item that owns this site problem
        overdue = f"，已逾期 {problem.days_overdue} 天" if problem.days_overdue > 0 else f"，整改期限 {problem.deadline}"
        found.append(
            finding(
                gap=f"{item.id}/ledger/{problem.problem_id}",
                rule=TYPE,
                item=item.id,
                subject=f"整改台账 {problem.problem_id}：{problem.problem_class}",
                requirement_text="问题整改并复核销号",
                status="基本达标",
                reason=f"{problem.state}（{problem.source}，{problem.found} 发现{overdue}）：{problem.description}",
                points_lost=points,
                deduction=f"未销号问题每个扣 {points_text(points)} 分",
                evidence=[f"ledger/ledger.db {problem.problem_id} {problem.place}".strip()],
                departments=[problem.unit] if problem.unit else ctx.responsible(item.id),
            )
        )
    return found
