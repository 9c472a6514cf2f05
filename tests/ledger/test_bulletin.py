"""The weekly 通报's numbers on a small history, for the current week and for a past one; and its Excel."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from cwassess.ledger.bulletin import build_bulletin, parse_week, week_label
from cwassess.ledger.bulletin_xlsx import bulletin_xlsx
from cwassess.ledger.service import LedgerContext
from tests.ledger.conftest import TODAY, add

D = dt.date
AFTER = "ledger/photos/after.jpg"
SECTOR = dict(grid=None, street="三街道", district=None, problem_class="无三防", site_type="小餐饮店")


def history(ctx: LedgerContext) -> dict[str, str]:
    def at(day: dt.date, **kw: object) -> str:
        ctx.today = day
        pid = add(ctx, found=day.isoformat(), **kw)
        ctx.today = TODAY
        return pid

    def go(pid: str, *steps: tuple[str, str, str]) -> None:
        for kind, actor, day in steps:
            extra: dict[str, object] = {}
            if kind == "submit":
                extra = dict(description="已整改", photos=[AFTER], photo_base=ctx.root)
            if kind == "reject":
                extra = dict(reason="仍有残留")
            events, errors = ctx.transition(kind, pid, actor, date=day, **extra)
            assert events, errors

    ids = {}
    ids["F"] = at(D(2026, 10, 20), grid=None, street="三街道", district=None)  # 属地 → 三街道, deadline 11-04
    ids["C"] = at(D(2026, 11, 1))  # 一街道, deadline 11-16
    ids["A"] = at(D(2026, 11, 2))
    ids["D"] = at(D(2026, 11, 5), **SECTOR)  # shichang, deadline 11-12
    ids["E"] = at(D(2026, 11, 10), **SECTOR)
    ids["B"] = at(D(2026, 11, 16))
    go(ids["A"], ("start", "一街道", "2026-11-03"), ("submit", "一街道", "2026-11-10"), ("verify", "aiweiban", "2026-11-17"))
    go(ids["C"], ("start", "一街道", "2026-11-02"))
    go(ids["E"], ("start", "shichang", "2026-11-11"), ("submit", "shichang", "2026-11-14"), ("verify", "weijianwei", "2026-11-15"))
    go(ids["F"], ("start", "三街道", "2026-10-21"), ("submit", "三街道", "2026-11-06"), ("reject", "aiweiban", "2026-11-10"))
    return ids


def rows(bulletin) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(r.rank, r.unit, r.new, r.closed, r.open, r.overdue, r.total, r.closed_total) for r in bulletin.rows]


def test_current_week(ctx: LedgerContext) -> None:
    ids = history(ctx)
    (start, end), _ = parse_week("2026-W47")
    b = build_bulletin(ctx.store.problems_as_of(TODAY), start, end, TODAY, ctx.config, ctx.units, "测试市")
    assert rows(b) == [(1, "shichang", 0, 0, 1, 1, 2, 1), (2, "一街道", 1, 1, 2, 1, 3, 1), (3, "三街道", 0, 0, 1, 1, 1, 0)]
    assert [round(r.rate or 0, 4) for r in b.rows] == [0.5, 0.3333, 0.0]
    t = b.total
    assert (t.new, t.closed, t.open, t.overdue, t.total, t.closed_total) == (1, 1, 4, 3, 6, 2)
    assert [(o.id, o.days, o.times, o.level_zh, o.leader) for o in b.overdue] == [
        (ids["D"], 8, 1, "红色预警", "王副市长"),
        (ids["F"], 5, 2, "红色预警", None),  # overdue again after a rejection: red by repetition
        (ids["C"], 4, 1, "逾期", None),
    ]
    assert b.title == "测试市创卫问题整改周通报（2026年第47周）"
    assert b.period == "2026年11月16日—11月22日（统计截至11月20日）"
    assert b.as_json()["units"][0] == {
        "unit": "shichang", "name": "测试市市场监管局", "new": 0, "closed": 0, "open": 1, "overdue": 1, "total": 2, "closed_total": 1, "rank": 1, "rate": 0.5,
    }


def test_a_past_week_is_what_it_was_then(ctx: LedgerContext) -> None:
    ids = history(ctx)
    (start, end), _ = parse_week("2026-W46")
    b = build_bulletin(ctx.store.problems_as_of(end), start, end, end, ctx.config, ctx.units)
    # 一街道 and 三街道: both 0% and nothing overdue; fewer open problems ranks higher
    assert rows(b) == [(1, "shichang", 1, 1, 1, 1, 2, 1), (2, "三街道", 0, 0, 1, 0, 1, 0), (3, "一街道", 0, 0, 2, 0, 2, 0)]
    assert [(o.id, o.days) for o in b.overdue] == [(ids["D"], 3)]
    assert b.period == "2026年11月9日—11月15日"


def test_week_parsing() -> None:
    assert parse_week("2026-W47") == ((D(2026, 11, 16), D(2026, 11, 22)), None)
    assert parse_week("2026w5")[0] == (D(2026, 1, 26), D(2026, 2, 1))
    assert parse_week("2026-47") == (None, "周次“2026-47”格式不对，应为 YYYY-Www，如 2026-W47")
    assert parse_week("2026-W60") == (None, "2026 年没有第 60 周")
    assert week_label(D(2027, 1, 1)) == "2026-W53"


def test_excel(ctx: LedgerContext) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    history(ctx)
    (start, end), _ = parse_week("2026-W47")
    b = build_bulletin(ctx.store.problems_as_of(TODAY), start, end, TODAY, ctx.config, ctx.units, "测试市")
    book = openpyxl.load_workbook(io.BytesIO(bulletin_xlsx(b, "测试市爱卫办")))
    assert book.sheetnames == ["周通报", "逾期问题", "_meta"]
    sheet = book["周通报"]
    assert sheet["A1"].value == "测试市创卫问题整改周通报（2026年第47周）"
    assert [c.value for c in sheet[4]] == ["排名", "责任单位", "本周新增", "本周销号", "未销号", "其中逾期", "累计问题", "累计销号", "销号率"]
    assert [c.value for c in sheet[5]] == [1, "测试市市场监管局", 0, 0, 1, 1, 2, 1, 0.5]
    assert [c.value for c in sheet[8]][1:] == ["合计", 1, 1, 4, 3, 6, 2, pytest.approx(1 / 3)]
    late = book["逾期问题"]
    assert [c.value for c in late[5]][:2] == ["ZG-0004", "测试市市场监管局"]
    assert [c.value for c in late[5]][9:] == [8, 1, "红色预警"]
    assert book["_meta"].sheet_state == "hidden"
    assert book.properties.creator == "测试市爱卫办"


def test_html(ctx: LedgerContext) -> None:
    from cwassess.ledger.bulletin_render import bulletin_html

    ids = history(ctx)
    (start, end), _ = parse_week("2026-W47")
    b = build_bulletin(ctx.store.problems_as_of(TODAY), start, end, TODAY, ctx.config, ctx.units, "测试市")
    html = bulletin_html(b, "测试市爱卫办<script>", ctx.config.escalation)
    assert "<title>测试市创卫问题整改周通报（2026年第47周）</title>" in html
    assert "本周新增问题 1 个，销号 1 个。截至2026年11月20日，台账累计登记问题 6 个，已销号 2 个，销号率 33.3%；" in html
    assert "（红色预警 2 个，逾期 1 个）" in html
    assert html.index(ids["D"]) < html.index(ids["F"]) < html.index(ids["C"])
    assert "测试市爱卫办&lt;script&gt;" in html and "<script>" not in html  # escaped


def test_empty_ledger(ctx: LedgerContext) -> None:
    (start, end), _ = parse_week("2026-W47")
    b = build_bulletin([], start, end, TODAY, ctx.config, ctx.units)
    assert b.rows == [] and b.total.rate is None and b.overdue == []
    assert bulletin_xlsx(b)[:2] == b"PK"


def test_ties_share_a_rank(ctx: LedgerContext) -> None:
    add(ctx)
    add(ctx, grid=None, street="三街道", district=None)
    (start, end), _ = parse_week("2026-W47")
    b = build_bulletin(ctx.store.problems_as_of(TODAY), start, end, TODAY, ctx.config, ctx.units)
    assert [(r.rank, r.unit) for r in b.rows] == [(1, "一街道"), (1, "三街道")] or [(r.rank, r.unit) for r in b.rows] == [(1, "三街道"), (1, "一街道")]


@pytest.mark.parametrize("week", ["2026-W44", "2026-W45", "2026-W46", "2026-W47"])
def test_light_reading_gives_the_same_bulletin(ctx: LedgerContext, week: str) -> None:
    history(ctx)
    (start, end), _ = parse_week(week)
    as_of = min(end, TODAY)
    full = build_bulletin(ctx.store.problems_as_of(as_of), start, end, as_of, ctx.config, ctx.units)
    light = build_bulletin(ctx.store.problems_as_of(as_of, light=True), start, end, as_of, ctx.config, ctx.units)
    assert light.as_json() == full.as_json()
    assert [p.id for p in ctx.store.problems_as_of(as_of, light=True)] == [p.id for p in ctx.store.problems_as_of(as_of)]
