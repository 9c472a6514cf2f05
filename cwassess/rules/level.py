"""level: a pest's density control level A–D; the level is its worst sub-indicator; pass at C or better."""

from __future__ import annotations

from cwassess.engine.context import Context
from cwassess.engine.results import Finding
from cwassess.evidence.model import VectorResult
from cwassess.models.standard import Indicator, Item, LevelRule, SubIndicator
from cwassess.rules.base import RuleDoc, fmt
from cwassess.rules.indicator_common import indicator_finding, latest_or_gap, missing, series_of

TYPE = "level"
DOC = RuleDoc(
    title="病媒密度等级",
    requirement="鼠、蚊、蝇、蟑螂密度控制水平达到 C 级或更好；每种病媒的等级取其各分项指标中最差的一项。",
    why="病媒生物密度是现场评估的重点，D 级即不达标。",
    example="蝇：有蝇房间阳性率 5%（C 级限值 9%）、阳性间蝇密度 2 只/间（C 级限值 3）→ C 级，达标。",
    remedy="针对最差的分项开展孳生地清理和专业消杀（PCO），完善防蝇防鼠设施后复测。",
)
ORDER = "ABCD"
PEST_OF = {"rat-density": "rat", "mosquito-density": "mosquito", "fly-density": "fly", "cockroach-density": "cockroach"}


def grade(sub: SubIndicator, value: float) -> str | None:
    """The best level whose limit the value meets; None when no limit is known."""
    known = [(lvl, lim) for lvl, lim in sorted(sub.levels.items()) if lim is not None]
    if not known:
        return None
    for lvl, lim in known:
        if (value <= lim) if sub.op == "<=" else (value >= lim):
            return lvl
    return "D"


def level_of(ind: Indicator, result: VectorResult) -> tuple[str | None, list[str]]:
    """Worst of the declared level and every gradable sub-indicator."""
    levels, notes = [], []
    if result.level:
        levels.append(result.level)
        notes.append(f"报告等级 {result.level}")
    subs = {s.id: s for s in ind.sub_indicators}
    for key, value in sorted(result.sub_indicators.items()):
        sub = subs.get(key)
        graded = grade(sub, value) if sub else None
        if graded:
            levels.append(graded)
            notes.append(f"{sub.name} {fmt(value)}{sub.unit} → {graded}")  # type: ignore[union-attr]
    return (max(levels, key=ORDER.index) if levels else None), notes


def evaluate(ctx: Context, item: Item, ind: Indicator, spec: LevelRule) -> Finding:
    results = ctx.vectors.get(PEST_OF.get(ind.id, ""), [])
    series = series_of(ctx, ind)
    if results:
        newest = max(r.year for r in results)
        current = [r for r in results if r.year == newest]
        levels = []
        notes: list[str] = []
        for r in current:
            lvl, why = level_of(ind, r)
            if lvl:
                levels.append(lvl)
            notes += [f"{r.where} {r.department}：{'；'.join(why)}"]
        if not levels:
            return missing(ctx, item, ind, spec, TYPE, "可分级的监测结果")
        overall = max(levels, key=ORDER.index)
        found = indicator_finding(
            ctx, item, ind, spec, TYPE,
            "达标" if ORDER.index(overall) <= ORDER.index(spec.pass_at) else "不达标",
            f"{newest}年 {overall} 级（要求 {spec.pass_at} 级或更好）", None,
        )
        return found.model_copy(update={"evidence": notes, "departments": sorted({r.department for r in current})})
    value = latest_or_gap(ctx, item, ind, spec, TYPE, series, str)
    if isinstance(value, Finding):
        return value
    ok = ORDER.index(value.value) <= ORDER.index(spec.pass_at)
    return indicator_finding(ctx, item, ind, spec, TYPE, "达标" if ok else "不达标", f"{value.year}年 {value.value} 级（要求 {spec.pass_at} 级或更好）", series, 1)
