"""Deadlines, days overdue and escalation, pure.

A deadline runs while the responsible unit holds the problem (待整改, 整改中). Submitting for review after it
counts one missed deadline; a rejection gives a new deadline (`rework_deadline`). A problem's overdue count is
its missed deadlines plus one if the running deadline has passed.

Escalation (thresholds in ledger/config.yaml `escalation`):
    1 逾期       overdue
    2 红色预警   overdue more than `red_days`, or overdue for the `red_times`-th time
    3 挂牌督办   overdue more than `supervise_days`, or for the `supervise_times`-th time (reported to the
                 unit's 分管市领导)
"""

from __future__ import annotations

import datetime as dt

from cwassess.ledger.model import UNIT_STATES, LedgerConfig, Problem

LEVEL_ZH: dict[int, str] = {0: "", 1: "逾期", 2: "红色预警", 3: "挂牌督办"}


def severity_for(problem_class: str, config: LedgerConfig) -> str:
    rule = config.classes.get(problem_class)
    return rule.severity if rule else config.default_severity


def duty_for(problem_class: str, config: LedgerConfig) -> str:
    rule = config.classes.get(problem_class)
    return rule.duty if rule else config.default_duty


def default_deadline(found: dt.date, severity: str, config: LedgerConfig) -> dt.date:
    days = config.deadline_days.get(severity, config.deadline_days.get(config.default_severity, 15))
    return found + dt.timedelta(days=days)


def rework_deadline(problem: Problem, when: dt.date, config: LedgerConfig) -> dt.date:
    """The deadline after a rejection on `when`: `rework_days` from then, never earlier than the old one."""
    return max(problem.deadline, when + dt.timedelta(days=config.rework_days))


def days_overdue(problem: Problem, today: dt.date) -> int:
    if problem.state in UNIT_STATES and today > problem.deadline:
        return (today - problem.deadline).days
    return 0


def overdue_times(problem: Problem, today: dt.date) -> int:
    return problem.missed_deadlines + (1 if days_overdue(problem, today) else 0)


def escalation(problem: Problem, today: dt.date, config: LedgerConfig) -> int:
    days = days_overdue(problem, today)
    if not days:
        return 0
    times = overdue_times(problem, today)
    rules = config.escalation
    if days > rules.supervise_days or times >= rules.supervise_times:
        return 3
    if days > rules.red_days or times >= rules.red_times:
        return 2
    return 1
