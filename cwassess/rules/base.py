"""What every rule type shares: its self-description and small helpers to build findings."""

from __future__ import annotations

from dataclasses import dataclass

from cwassess.engine.results import Finding, Status


@dataclass(frozen=True)
class RuleDoc:
    """Each rule type explains itself in four fixed sections (shown in docs and the gap report)."""

    title: str
    requirement: str  # 要求
    why: str  # 为何
    example: str  # 合格示例
    remedy: str  # 整改建议


def fmt(value: float | str | bool | None) -> str:
    if isinstance(value, bool):
        return "有" if value else "无"
    if isinstance(value, float):
        return f"{value:g}"
    return "—" if value is None else str(value)


def value_text(value: float | str | bool | None, unit: str) -> str:
    """A value with its unit as people write it: 20 with 1/10万 → "20/10万", 96.5 with % → "96.5%"."""
    if unit in {"级", "有/无"}:
        return fmt(value)
    return f"{fmt(value)}{unit[1:] if unit.startswith('1/') else unit}"


def points_text(points: float) -> str:
    """0.1667 → "0.17", 1.0 → "1": deductions as a person writes them."""
    return f"{points:.2f}".rstrip("0").rstrip(".")


def finding(
    *,
    gap: str,
    rule: str,
    item: str,
    subject: str,
    requirement_text: str,
    status: Status,
    reason: str,
    points_lost: float = 0.0,
    deduction: str | None = None,
    evidence: list[str] | None = None,
    departments: list[str] | None = None,
    requirement: str | None = None,
    origin: str | None = None,
    material_state: str | None = None,
) -> Finding:
    return Finding(
        gap=gap,
        rule=rule,
        item=item,
        requirement=requirement,
        subject=subject,
        requirement_text=requirement_text,
        status=status,
        points_lost=round(points_lost, 4),
        deduction=deduction,
        reason=reason,
        evidence=evidence or [],
        departments=departments or [],
        origin=origin,
        material_state=material_state,  # type: ignore[arg-type]
    )
