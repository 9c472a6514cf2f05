"""The state machine: every allowed and every refused transition, with the exact Chinese a user reads."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from cwassess.ledger.machine import ACTIONS, ReplayError, apply, refusal, replay
from cwassess.ledger.model import ASSIGN, CLOSED, CREATE, DOING, RECUR, REJECT, REVIEW, START, STATES, SUBMIT, PENDING, VERIFY, Event, Problem

D = dt.date
P = Problem(
    id="ZG-0001", source="网格巡查", found=D(2026, 11, 1), problem_class="乱堆乱摆", severity="一般", description="门前堆放杂物。",
    unit="chengguan", deadline=D(2026, 11, 16),
)
V = ["aiweiban"]
UNIT_ACTOR = {START: "chengguan", SUBMIT: "chengguan", VERIFY: "aiweiban", REJECT: "aiweiban", RECUR: "aiweiban", ASSIGN: "aiweiban"}
CLOSED_HINT = "（问题已销号；如再次出现，请用 ledger reopen 登记复发）"

ALLOWED = {(START, PENDING), (SUBMIT, DOING), (VERIFY, REVIEW), (REJECT, REVIEW), (RECUR, CLOSED), (ASSIGN, PENDING), (ASSIGN, DOING)}
REFUSED = {
    (START, DOING): "问题 ZG-0001 当前为“整改中”，不能开始整改：只有“待整改”的问题可以开始整改（问题已在整改中）",
    (START, REVIEW): "问题 ZG-0001 当前为“待复核”，不能开始整改：只有“待整改”的问题可以开始整改（问题已提交复核，等待核验单位复核）",
    (START, CLOSED): "问题 ZG-0001 当前为“已销号”，不能开始整改：只有“待整改”的问题可以开始整改" + CLOSED_HINT,
    (SUBMIT, PENDING): "问题 ZG-0001 当前为“待整改”，不能提交复核：只有“整改中”的问题可以提交复核（请先开始整改（ledger start））",
    (SUBMIT, REVIEW): "问题 ZG-0001 当前为“待复核”，不能提交复核：只有“整改中”的问题可以提交复核（问题已提交复核，等待核验单位复核）",
    (SUBMIT, CLOSED): "问题 ZG-0001 当前为“已销号”，不能提交复核：只有“整改中”的问题可以提交复核" + CLOSED_HINT,
    (VERIFY, PENDING): "问题 ZG-0001 当前为“待整改”，不能销号：只有“待复核”的问题可以销号（责任单位须先整改并提交复核）",
    (VERIFY, DOING): "问题 ZG-0001 当前为“整改中”，不能销号：只有“待复核”的问题可以销号（责任单位须先提交复核）",
    (VERIFY, CLOSED): "问题 ZG-0001 当前为“已销号”，不能销号：只有“待复核”的问题可以销号" + CLOSED_HINT,
    (REJECT, PENDING): "问题 ZG-0001 当前为“待整改”，不能退回：只有“待复核”的问题可以退回（问题尚未提交复核）",
    (REJECT, DOING): "问题 ZG-0001 当前为“整改中”，不能退回：只有“待复核”的问题可以退回（问题尚未提交复核）",
    (REJECT, CLOSED): "问题 ZG-0001 当前为“已销号”，不能退回：只有“待复核”的问题可以退回" + CLOSED_HINT,
    (RECUR, PENDING): "问题 ZG-0001 当前为“待整改”，不能复发重开：只有“已销号”的问题可以复发重开（问题尚未销号，请继续整改）",
    (RECUR, DOING): "问题 ZG-0001 当前为“整改中”，不能复发重开：只有“已销号”的问题可以复发重开（问题尚未销号，请继续整改）",
    (RECUR, REVIEW): "问题 ZG-0001 当前为“待复核”，不能复发重开：只有“已销号”的问题可以复发重开（问题尚未销号，请复核）",
    (ASSIGN, REVIEW): "问题 ZG-0001 当前为“待复核”，不能改派：只有“待整改”、“整改中”的问题可以改派（问题已提交复核；如需改派，请先退回）",
    (ASSIGN, CLOSED): "问题 ZG-0001 当前为“已销号”，不能改派：只有“待整改”、“整改中”的问题可以改派" + CLOSED_HINT,
}


def test_matrix_is_complete() -> None:
    every = {(kind, state) for kind in ACTIONS for state in STATES}
    assert ALLOWED | set(REFUSED) == every and not ALLOWED & set(REFUSED)


@pytest.mark.parametrize(("kind", "state"), sorted(ALLOWED))
def test_allowed(kind: str, state: str) -> None:
    assert refusal(dataclasses.replace(P, state=state), kind, UNIT_ACTOR[kind], V) is None


@pytest.mark.parametrize(("kind", "state"), sorted(REFUSED))
def test_refused_by_state(kind: str, state: str) -> None:
    assert refusal(dataclasses.replace(P, state=state), kind, UNIT_ACTOR[kind], V) == REFUSED[(kind, state)]


def label(code: str) -> str:
    return {"chengguan": "测试市城管局（chengguan）", "shichang": "测试市市场监管局（shichang）", "aiweiban": "测试市爱卫办（aiweiban）"}.get(code, code)


def test_start_by_another_unit() -> None:
    assert refusal(P, START, "shichang", V, label) == "问题 ZG-0001 的责任单位是测试市城管局（chengguan），测试市市场监管局（shichang）不能开始整改"


def test_start_by_verifier_is_allowed_but_submit_is_not() -> None:
    assert refusal(P, START, "aiweiban", V) is None
    doing = dataclasses.replace(P, state=DOING)
    assert refusal(doing, SUBMIT, "aiweiban", V, label) == "问题 ZG-0001 的责任单位是测试市城管局（chengguan），测试市爱卫办（aiweiban）不能提交复核"


def test_verify_by_non_verifier() -> None:
    review = dataclasses.replace(P, state=REVIEW)
    assert refusal(review, VERIFY, "chengguan", V, label) == "只有核验单位（测试市爱卫办（aiweiban））可以销号，测试市城管局（chengguan）不能销号"
    assert refusal(review, VERIFY, "shichang", ["aiweiban", "weijianwei"]) == "只有核验单位（aiweiban、weijianwei）可以销号，shichang不能销号"


def test_verify_own_problem() -> None:
    own = dataclasses.replace(P, state=REVIEW, unit="aiweiban")
    assert refusal(own, VERIFY, "aiweiban", V, label) == "测试市爱卫办（aiweiban）是问题 ZG-0001 的责任单位，不能复核自己的问题（销号须由其他核验单位办理）"
    assert refusal(own, REJECT, "aiweiban", V) == "aiweiban是问题 ZG-0001 的责任单位，不能复核自己的问题（退回须由其他核验单位办理）"
    assert refusal(own, VERIFY, "weijianwei", ["aiweiban", "weijianwei"]) is None


def test_reject_and_assign_by_non_verifier() -> None:
    review = dataclasses.replace(P, state=REVIEW)
    assert refusal(review, REJECT, "chengguan", V) == "只有核验单位（aiweiban）可以退回，chengguan不能退回"
    assert refusal(P, ASSIGN, "chengguan", V) == "只有核验单位（aiweiban）可以改派，chengguan不能改派"
    assert refusal(dataclasses.replace(P, unit="aiweiban"), ASSIGN, "aiweiban", V) is None  # handing one's own problem on is fine


def test_role_is_checked_before_state() -> None:
    assert refusal(P, VERIFY, "chengguan", V) == "只有核验单位（aiweiban）可以销号，chengguan不能销号"


def test_no_actor() -> None:
    assert refusal(dataclasses.replace(P, state=REVIEW), VERIFY, None, V) == "销号须指明办理单位（--as）"
    assert refusal(dataclasses.replace(P, state=CLOSED), RECUR, None, V) is None


def ev(seq: int, kind: str, day: dt.date, subject: str = "ZG-0001", **data: object) -> Event:
    return Event(seq=seq, subject=subject, kind=kind, date=day, unit="x", person=None, recorded="t", data=dict(data))


CREATE_DATA = {
    "source": "网格巡查", "found": "2026-11-01", "problem_class": "乱堆乱摆", "severity": "一般", "description": "d", "unit": "chengguan",
    "deadline": "2026-11-16", "items": ["env-roads"], "photos": [],
}


def test_apply_full_life() -> None:
    p = apply(None, ev(1, CREATE, D(2026, 11, 2), **CREATE_DATA))
    assert (p.state, p.created, p.events, p.items) == (PENDING, D(2026, 11, 2), 1, ("env-roads",))
    p = apply(p, ev(2, START, D(2026, 11, 3)))
    assert (p.state, p.started) == (DOING, D(2026, 11, 3))
    p = apply(p, ev(3, SUBMIT, D(2026, 11, 18), description="已清理", photos=["ledger/photos/after.jpg"]))
    assert (p.state, p.missed_deadlines, p.after_photos, p.rectification) == (REVIEW, 1, ("ledger/photos/after.jpg",), "已清理")
    p = apply(p, ev(4, REJECT, D(2026, 11, 19), reason="仍有残留", deadline="2026-11-24"))
    assert (p.state, p.rejections, p.deadline, p.last_reason) == (DOING, 1, D(2026, 11, 24), "仍有残留")
    p = apply(p, ev(5, SUBMIT, D(2026, 11, 20), description="再次清理", photos=[]))
    assert p.missed_deadlines == 1  # on time this time
    p = apply(p, ev(6, VERIFY, D(2026, 11, 21)))
    assert (p.state, p.closed, p.events, p.last_seq) == (CLOSED, D(2026, 11, 21), 6, 6)
    p = apply(p, ev(7, RECUR, D(2026, 11, 25), problem="ZG-0002"))
    assert (p.state, p.recurrences) == (CLOSED, ("ZG-0002",))


def test_apply_refuses_an_impossible_log() -> None:
    p = apply(None, ev(1, CREATE, D(2026, 11, 2), **CREATE_DATA))
    with pytest.raises(ReplayError):
        apply(p, ev(2, VERIFY, D(2026, 11, 3)))
    with pytest.raises(ReplayError):
        apply(p, ev(2, CREATE, D(2026, 11, 3), **CREATE_DATA))
    with pytest.raises(ReplayError):
        apply(None, ev(1, START, D(2026, 11, 3)))


def test_replay_ignores_grid_logs() -> None:
    events = [ev(1, CREATE, D(2026, 11, 2), **CREATE_DATA), ev(2, "grid-log", D(2026, 11, 2), subject="一街道第1网格", inspector="x"), ev(3, START, D(2026, 11, 3))]
    assert list(replay(events)) == ["ZG-0001"]
    assert replay(events)["ZG-0001"].state == DOING
