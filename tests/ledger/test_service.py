"""Checking what people type, and that nothing is written on any error."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from cwassess.ledger.model import ASSIGN, CLOSED, DOING, REJECT, REVIEW, START, SUBMIT, PENDING, VERIFY
from cwassess.ledger.service import LedgerContext, normalize_id
from tests.ledger.conftest import TODAY, add, db_bytes, raw

AFTER = "ledger/photos/after.jpg"


def errors_of(ctx: LedgerContext, **kw: object) -> list[tuple[str, str, str]]:
    data, errors = ctx.validate(raw(**kw), ctx.root)
    assert data is None
    return [(e.field, e.code, e.message) for e in errors if e.severity == "error"]


def messages(ctx: LedgerContext, **kw: object) -> list[str]:
    return [m for _, _, m in errors_of(ctx, **kw)]


def test_valid_problem_gets_suggestions(ctx: LedgerContext) -> None:
    data, errors = ctx.validate(raw(photos=["ledger/photos/before.jpg"]), ctx.root)
    assert errors == [] and data is not None
    assert data["unit"] == data["suggested_unit"] == "一街道"  # 属地: the street
    assert data["items"] == ["env-roads", "env-old-areas"]  # 背街小巷 → items by the scoring scheme's site types
    assert data["deadline"] == "2026-11-25" and data["severity"] == "一般"
    assert data["photos"] == ["ledger/photos/before.jpg"]


def test_sector_problem_goes_to_the_items_lead(ctx: LedgerContext) -> None:
    data, _ = ctx.validate(raw(problem_class="无三防", site_type="小餐饮店", grid=None, street="三街道", district=None), ctx.root)
    assert data is not None
    assert (data["unit"], data["district"], data["severity"], data["deadline"]) == ("shichang", "乙区", "较重", "2026-11-17")


def test_place_without_street_goes_to_district_and_override(ctx: LedgerContext) -> None:
    data, _ = ctx.validate(raw(grid=None, street=None), ctx.root)
    assert data is not None and data["unit"] == "甲区"
    data, _ = ctx.validate(raw(unit="市城管局"), ctx.root)
    assert data is not None and (data["unit"], data["suggested_unit"]) == ("chengguan", "一街道")


def test_unknown_unit_did_you_mean(ctx: LedgerContext) -> None:
    assert errors_of(ctx, unit="城管") == [("unit", "ledger.unit", "未知单位“城管”，是否想写“测试市城管局（chengguan）”？")]
    assert messages(ctx, unit="一街") == ["未知单位“一街”，是否想写“一街道”？"]
    assert messages(ctx, unit="外星办") == ["未知单位“外星办”（可写部门代码、部门名称，或区、街道的名称）"]
    assert messages(ctx, unit="住建局") == ["部门“住建局”（zhujian）不在本市部门名单（city.yaml 的 departments）中"]


def test_unknown_item_did_you_mean(ctx: LedgerContext) -> None:
    assert errors_of(ctx, items=["env-road"]) == [("items", "ledger.item", "未知条目“env-road”，是否想写“env-roads”？")]
    assert messages(ctx, items=["农贸市场与活禽交易"]) == ["未知条目“农贸市场与活禽交易”，是否想写“env-markets（（十九）农贸市场（集贸市场）与活禽交易）”？"]
    for written in ("env-markets", "（十九）", "第十九条", "19", "农贸市场（集贸市场）与活禽交易", "（十九）农贸市场（集贸市场）与活禽交易"):
        data, _ = ctx.validate(raw(items=[written]), ctx.root)
        assert data is not None and data["items"] == ["env-markets"], written
    data, _ = ctx.validate(raw(items=["env-markets、env-roads"]), ctx.root)
    assert data is not None and data["items"] == ["env-markets", "env-roads"]


def test_odd_item_cells_are_unknown_items(ctx: LedgerContext) -> None:
    """A number too long for int() (Python refuses 4,300+ digits) is an unknown item, shown shortened."""
    nines = "9" * 4400
    assert messages(ctx, items=[nines]) == [f"未知条目“{nines[:59]}…”"]
    assert messages(ctx, items=["99"]) == ["未知条目“99”"]


def test_dates_outside_1990_to_2100_are_refused_also_from_date_cells(ctx: LedgerContext) -> None:
    """An empty cell formatted as a date shows 1900-01-01 (Excel's serial 1): refused as the typed date would be."""
    assert messages(ctx, found=dt.datetime(1900, 1, 1)) == ["日期“1900-01-01”不在 1990—2100 年之间"]
    assert messages(ctx, found="1900-01-01") == ["日期“1900-01-01”不在 1990—2100 年之间"]
    assert messages(ctx, deadline=dt.date(2101, 1, 1)) == ["日期“2101-01-01”不在 1990—2100 年之间"]
    data, _ = ctx.validate(raw(found=dt.datetime(2026, 11, 10)))
    assert data is not None and data["found"] == "2026-11-10"


def test_items_required_when_the_site_type_does_not_say(ctx: LedgerContext) -> None:
    assert messages(ctx, site_type="社区") == ["须指明所涉条目（--item），或填写能归属条目的点位类型（--site-type）"]


def test_places(ctx: LedgerContext) -> None:
    assert messages(ctx, grid=None, district="甲", street=None) == ["未知区“甲”，是否想写“甲区”？"]
    assert messages(ctx, grid=None, street="一街") == ["未知街道“一街”，是否想写“一街道”？"]
    assert messages(ctx, grid=None, district="乙区", street="一街道") == ["街道“一街道”属于“甲区”，不属于“乙区”"]
    assert messages(ctx, grid="一街道第一网格") == ["未知网格“一街道第一网格”，是否想写“一街道第1网格”？"]
    assert messages(ctx, grid="三街道第1网格") == ["网格“三街道第1网格”属于“三街道”，与填写的街道“一街道”不一致"]
    data, _ = ctx.validate(raw(district=None, street=None, grid="三街道第1网格"), ctx.root)
    assert data is not None and (data["district"], data["street"]) == ("乙区", "三街道")


def test_dates_and_text(ctx: LedgerContext) -> None:
    assert errors_of(ctx, deadline="2026-11-09") == [("deadline", "ledger.deadline.before-found", "整改期限 2026-11-09 早于发现日期 2026-11-10")]
    assert messages(ctx, found="2026-11-21") == ["发现日期 2026-11-21 晚于今天（2026-11-20）"]
    assert messages(ctx, found="上周") == ["无法识别的日期“上周”"]
    assert messages(ctx, found=None) == ["缺少发现日期"]
    assert messages(ctx, description=" ") == ["缺少问题描述"]
    assert messages(ctx, problem_class=None) == ["缺少问题类别"]
    assert messages(ctx, source="暗访") == ["未知来源“暗访”，是否想写“模拟暗访”？"]
    assert messages(ctx, severity="特重") == ["未知严重程度“特重”（可选：严重、较重、一般）"]
    data, _ = ctx.validate(raw(deadline="2026年11月30日"), ctx.root)
    assert data is not None and data["deadline"] == "2026-11-30"


def test_photos(ctx: LedgerContext, tmp_path: Path) -> None:
    outside = tmp_path / "outside.jpg"
    outside.write_bytes((ctx.root / "ledger/photos/before.jpg").read_bytes())
    assert messages(ctx, photos=[str(outside)]) == [f"照片“{outside}”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）"]
    assert messages(ctx, photos=["../outside.jpg"]) == ["照片“../outside.jpg”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）"]
    assert messages(ctx, photos=["ledger/photos/none.jpg"]) == ["照片“ledger/photos/none.jpg”不存在"]
    assert messages(ctx, photos=["ledger/photos"]) == ["照片“ledger/photos”不是文件"]
    assert messages(ctx, photos=["ledger/config.yaml"]) == ["照片“ledger/config.yaml”不是 JPG 或 PNG 图片（扩展名“.yaml”）"]
    assert messages(ctx, photos=["ledger/photos/not-a-photo.jpg"]) == ["照片“ledger/photos/not-a-photo.jpg”的内容不是 JPG 图片"]


def test_photo_symlink_out_of_the_workspace_is_refused(ctx: LedgerContext, tmp_path: Path) -> None:
    target = tmp_path / "secret.jpg"
    target.write_bytes((ctx.root / "ledger/photos/before.jpg").read_bytes())
    link = ctx.root / "ledger" / "photos" / f"link-{os.getpid()}-{tmp_path.name}.jpg"
    link.symlink_to(target)
    try:
        rel = link.relative_to(ctx.root).as_posix()
        assert messages(ctx, photos=[rel]) == [f"照片“{rel}”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）"]
    finally:
        link.unlink()


def test_every_error_at_once(ctx: LedgerContext) -> None:
    got = errors_of(ctx, unit="城管", items=["env-road"], deadline="2026-01-01", photos=["nope.jpg"])
    assert [f for f, _, _ in got] == ["items", "photos", "unit", "deadline"]


def test_nothing_written_on_errors(ctx: LedgerContext) -> None:
    pid = add(ctx)
    before = db_bytes(ctx)
    attempts = [
        (START, "shichang", {}),
        (SUBMIT, "一街道", {"description": "x", "photos": [AFTER]}),  # still 待整改
        (VERIFY, "一街道", {}),
        (START, "城管", {}),
        (START, "一街道", {"date": "2026-11-21"}),
        (START, "一街道", {"date": "2026-11-01"}),  # before it was registered
        (REJECT, "aiweiban", {}),
    ]
    for kind, actor, kw in attempts:
        events, errors = ctx.transition(kind, pid, actor, **kw)
        assert not events and errors, (kind, actor)
        assert db_bytes(ctx) == before, (kind, actor)
    events, _ = ctx.transition(START, "ZG-9", "一街道")
    assert not events and db_bytes(ctx) == before


def test_transition_messages(ctx: LedgerContext) -> None:
    pid = add(ctx)
    assert ctx.transition(START, "ZG-0002", "一街道")[1][0].message == "未知问题编号“ZG-0002”，是否想写“ZG-0001”？"
    assert ctx.transition(START, pid, None)[1][0].message == "须用 --as 指明办理单位"
    assert ctx.transition(START, pid, "一街道", date="2026-11-19")[1][0].message == "日期 2026-11-19 早于问题 ZG-0001 上一次办理的日期 2026-11-20"
    assert ctx.transition(START, pid, "一街道", date="2026-11-21")[1][0].message == "日期 2026-11-21 晚于今天（2026-11-20）"
    assert ctx.transition(START, pid, "一街道")[0]
    _, errors = ctx.transition(SUBMIT, pid, "一街道")
    assert [e.message for e in errors] == ["提交复核须填写整改情况说明（--description）", "提交复核须附整改后照片（--photo）"]
    _, errors = ctx.transition(SUBMIT, pid, "一街道", description="已清理", photos=["ledger/photos/none.jpg"], photo_base=ctx.root)
    assert [e.message for e in errors] == ["照片“ledger/photos/none.jpg”不存在"]
    assert ctx.transition(SUBMIT, pid, "一街道", description="已清理", photos=[AFTER], photo_base=ctx.root)[0]
    assert ctx.transition(REJECT, pid, "aiweiban")[1][0].message == "退回须说明原因（--reason）"
    _, errors = ctx.transition(VERIFY, pid, "一街道")
    assert errors[0].message == "只有核验单位（测试市爱卫办（aiweiban）、测试市卫健委（weijianwei））可以销号，一街道不能销号"
    assert ctx.transition(VERIFY, pid, "创卫办")[0]  # an alias of aiweiban
    assert ctx.store.problem(pid).state == CLOSED  # type: ignore[union-attr]


def test_a_verifier_never_closes_its_own_problem(ctx: LedgerContext) -> None:
    pid = add(ctx, unit="weijianwei")
    ctx.transition(START, pid, "weijianwei")
    ctx.transition(SUBMIT, pid, "weijianwei", description="d", photos=[AFTER], photo_base=ctx.root)
    _, errors = ctx.transition(VERIFY, pid, "卫健委")
    assert errors[0].message == "测试市卫健委（weijianwei）是问题 ZG-0001 的责任单位，不能复核自己的问题（销号须由其他核验单位办理）"
    assert ctx.transition(VERIFY, pid, "aiweiban")[0]


def test_reject_extends_the_deadline(ctx: LedgerContext) -> None:
    pid = add(ctx, found="2026-11-01")  # deadline 2026-11-16, already passed
    ctx.transition(START, pid, "一街道")
    ctx.transition(SUBMIT, pid, "一街道", description="d", photos=[AFTER], photo_base=ctx.root)
    events, _ = ctx.transition(REJECT, pid, "aiweiban", reason="仍有残留")
    assert events[0].data == {"reason": "仍有残留", "deadline": "2026-11-25"}
    p = ctx.store.problem(pid)
    assert p is not None and (p.state, p.deadline, p.missed_deadlines, p.rejections) == (DOING, dt.date(2026, 11, 25), 1, 1)


def test_assign(ctx: LedgerContext) -> None:
    pid = add(ctx)
    assert ctx.transition(ASSIGN, pid, "aiweiban")[1][0].message == "改派须指明新的责任单位（--unit）"
    assert ctx.transition(ASSIGN, pid, "aiweiban", unit="一街道")[1][0].message == "问题 ZG-0001 的责任单位已是一街道"
    events, _ = ctx.transition(ASSIGN, pid, "aiweiban", unit="城管局")
    assert events[0].data == {"unit": "chengguan", "from": "一街道"}
    assert ctx.store.problem(pid).unit == "chengguan"  # type: ignore[union-attr]
    assert ctx.transition(START, pid, "一街道")[1][0].message == "问题 ZG-0001 的责任单位是测试市城管局（chengguan），一街道不能开始整改"


def test_recurrence_is_a_new_linked_problem(ctx: LedgerContext) -> None:
    pid = add(ctx)
    _, errors = ctx.reopen(pid)
    assert errors[0].message.startswith("问题 ZG-0001 当前为“待整改”，不能复发重开")
    ctx.transition(START, pid, "一街道")
    ctx.transition(SUBMIT, pid, "一街道", description="d", photos=[AFTER], photo_base=ctx.root)
    ctx.transition(VERIFY, pid, "aiweiban")
    old_history = ctx.store.history(pid)
    events, errors = ctx.reopen(pid, description="又堆上了", photos=["ledger/photos/before.jpg"], photo_base=ctx.root)
    assert not errors and [(e.subject, e.kind) for e in events] == [("ZG-0002", "create"), ("ZG-0001", "recur")]
    new, old = ctx.store.problem("ZG-0002"), ctx.store.problem(pid)
    assert new is not None and old is not None
    assert (new.state, new.recurs, new.description, new.unit, new.found, new.deadline) == (PENDING, pid, "又堆上了", "一街道", TODAY, dt.date(2026, 12, 5))
    assert (old.state, old.recurrences) == (CLOSED, ("ZG-0002",))
    assert ctx.store.history(pid)[: len(old_history)] == old_history  # history only grows
    assert ctx.store.check() == []


def test_normalize_id() -> None:
    assert [normalize_id(x) for x in ("zg-12", "ZG12", "12", " ZG-0012 ", "ZG-12345", "abc")] == ["ZG-0012", "ZG-0012", "ZG-0012", "ZG-0012", "ZG-12345", "abc"]


def test_state_after_full_cycle_in_review(ctx: LedgerContext) -> None:
    pid = add(ctx)
    ctx.transition(START, pid, "一街道")
    ctx.transition(SUBMIT, pid, "一街道", description="d", photos=[AFTER], photo_base=ctx.root)
    assert ctx.store.problem(pid).state == REVIEW  # type: ignore[union-attr]


@pytest.mark.parametrize("count", [1, 3])
def test_add_many_in_one_transaction(ctx: LedgerContext, count: int) -> None:
    data, _ = ctx.validate(raw(), ctx.root)
    events, _ = ctx.add([data] * count)  # type: ignore[list-item]
    assert [e.subject for e in events] == [f"ZG-{n:04d}" for n in range(1, count + 1)]
