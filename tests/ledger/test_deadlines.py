"""Default deadlines, days overdue, escalation (repeatedly overdue problems escalate)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cwassess.ledger.deadlines import LEVEL_ZH, days_overdue, default_deadline, duty_for, escalation, overdue_times, rework_deadline, severity_for
from cwassess.ledger.model import CLOSED, DOING, REVIEW, PENDING, ClassRule, LedgerConfig, Problem

D = dt.date
CONFIG = LedgerConfig(classes={"无三防": ClassRule(severity="较重", duty="行业")})
P = Problem(
    id="ZG-0001", source="投诉", found=D(2026, 11, 1), problem_class="乱堆乱摆", severity="一般", description="d", unit="一街道",
    deadline=D(2026, 11, 10),
)


def test_defaults_by_severity_and_class() -> None:
    assert severity_for("无三防", CONFIG) == "较重" and severity_for("别的", CONFIG) == "一般"
    assert duty_for("无三防", CONFIG) == "行业" and duty_for("别的", CONFIG) == "属地"
    assert default_deadline(D(2026, 11, 1), "严重", CONFIG) == D(2026, 11, 4)
    assert default_deadline(D(2026, 11, 1), "较重", CONFIG) == D(2026, 11, 8)
    assert default_deadline(D(2026, 11, 1), "一般", CONFIG) == D(2026, 11, 16)


def test_days_overdue_only_while_the_unit_holds_it() -> None:
    assert days_overdue(P, D(2026, 11, 10)) == 0
    assert days_overdue(P, D(2026, 11, 11)) == 1
    assert days_overdue(dataclasses.replace(P, state=DOING), D(2026, 11, 20)) == 10
    assert days_overdue(dataclasses.replace(P, state=REVIEW), D(2026, 11, 20)) == 0
    assert days_overdue(dataclasses.replace(P, state=CLOSED), D(2026, 11, 20)) == 0


def test_escalation_by_days() -> None:
    levels = {day: escalation(P, D(2026, 11, 10) + dt.timedelta(days=day), CONFIG) for day in (0, 1, 7, 8, 15, 16)}
    assert levels == {0: 0, 1: 1, 7: 1, 8: 2, 15: 2, 16: 3}
    assert [LEVEL_ZH[n] for n in (1, 2, 3)] == ["逾期", "红色预警", "挂牌督办"]


def test_escalation_by_repetition() -> None:
    again = dataclasses.replace(P, state=DOING, missed_deadlines=1, deadline=D(2026, 11, 20))
    assert overdue_times(again, D(2026, 11, 21)) == 2
    assert escalation(again, D(2026, 11, 21), CONFIG) == 2  # second time overdue, one day: red already
    third = dataclasses.replace(again, missed_deadlines=2)
    assert escalation(third, D(2026, 11, 21), CONFIG) == 3
    assert escalation(third, D(2026, 11, 20), CONFIG) == 0  # not overdue now: no flag, whatever the past
    assert overdue_times(third, D(2026, 11, 20)) == 2


def test_rework_deadline() -> None:
    assert rework_deadline(P, D(2026, 11, 12), CONFIG) == D(2026, 11, 17)
    assert rework_deadline(dataclasses.replace(P, deadline=D(2026, 12, 1)), D(2026, 11, 12), CONFIG) == D(2026, 12, 1)
    assert PENDING == P.state
