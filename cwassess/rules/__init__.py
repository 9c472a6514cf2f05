"""The rule types, in one explicit table. A new rule type is a module here plus one line below."""

from __future__ import annotations

from types import ModuleType

from cwassess.rules import (
    baseline,
    boolean,
    conditional,
    document_present,
    level,
    material_set,
    open_problems,
    record,
    sampled_sites,
    survey_rate,
    threshold,
    trend,
    veto,
    vs_plan,
)

RULES: dict[str, ModuleType] = {
    "threshold": threshold,
    "trend": trend,
    "baseline": baseline,
    "vs_plan": vs_plan,
    "level": level,
    "boolean": boolean,
    "record": record,
    "document_present": document_present,
    "material_set": material_set,
    "sampled_sites": sampled_sites,
    "survey_rate": survey_rate,
    "conditional": conditional,
    "veto": veto,
    "open_problems": open_problems,
}

# Indicator rules are chosen by the `type` of the indicator's rule in the standard or a profile.
INDICATOR_RULES: dict[str, ModuleType] = {name: RULES[name] for name in ("threshold", "trend", "baseline", "vs_plan", "level", "boolean", "record")}
