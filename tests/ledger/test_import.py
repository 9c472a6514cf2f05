"""Importing problems from a spreadsheet: row-level errors with sheet/row/column, atomic, --partial, re-import."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cwassess.ledger.importing import apply, prepare
from cwassess.ledger.service import LedgerContext
from cwassess.sheets import Limits
from tests.ledger.conftest import db_bytes

HEADER = "来源,发现日期,街道,网格,地址,点位类型,条目,问题类别,问题描述,照片,责任单位,整改期限\n"
GOOD = [
    "省级暗访通报,2026-11-10,一街道,一街道第1网格,人民路12号,背街小巷,,乱堆乱摆,门前堆放杂物。,ledger/photos/before.jpg,,\n",
    "投诉,2026年11月12日,三街道,,老刘面馆,小餐饮店,,无三防,后厨无防蝇门帘。,,,2026-11-30\n",
]
BAD = [
    "投诉,2026-11-12,一街道,,人民路1号,背街小巷,env-road,乱堆乱摆,杂物。,,,\n",  # row 4: unknown item
    "投诉,2026-11-12,一街道,,人民路2号,背街小巷,,乱堆乱摆,杂物。,ledger/photos/none.jpg,城管,2026-11-01\n",  # row 5
]


def write(tmp_path: Path, rows: list[str], name: str = "问题.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_valid_file(ctx: LedgerContext, tmp_path: Path) -> None:
    result = prepare(ctx, write(tmp_path, GOOD), "问题.csv")
    assert result.errors == 0 and len(result.valid) == 2
    created = apply(ctx, result, None)
    assert [e.subject for e in created] == ["ZG-0001", "ZG-0002"]
    p1, p2 = ctx.store.state().problems.values()
    assert (p1.source, p1.unit, p1.photos, p1.origin is not None) == ("省级暗访通报", "一街道", ("ledger/photos/before.jpg",), True)
    assert (p2.unit, p2.found.isoformat(), p2.deadline.isoformat(), p2.district) == ("shichang", "2026-11-12", "2026-11-30", "乙区")


def test_row_errors_name_the_cell_and_nothing_is_written(ctx: LedgerContext, tmp_path: Path) -> None:
    result = prepare(ctx, write(tmp_path, GOOD + BAD), "问题.csv")
    assert [p.render() for p in result.problems if p.severity == "error"] == [
        "问题.csv:4:7: 错误: G4（条目）: 未知条目“env-road”，是否想写“env-roads”？",
        "问题.csv:5:10: 错误: J5（照片）: 照片“ledger/photos/none.jpg”不存在",
        "问题.csv:5:11: 错误: K5（责任单位）: 未知单位“城管”，是否想写“测试市城管局（chengguan）”？",
        "问题.csv:5:12: 错误: L5（整改期限）: 整改期限 2026-11-01 早于发现日期 2026-11-12",
    ]
    assert (len(result.valid), result.invalid) == (2, 2)
    assert not ctx.store.path.exists()  # the command applies only when every row is valid (or --partial)


def test_partial_writes_the_valid_rows(ctx: LedgerContext, tmp_path: Path) -> None:
    result = prepare(ctx, write(tmp_path, BAD[:1] + GOOD), "问题.csv")
    assert [e.subject for e in apply(ctx, result, None)] == ["ZG-0001", "ZG-0002"]
    assert [p.address for p in ctx.store.state().problems.values()] == ["人民路12号", "老刘面馆"]


def test_reimport_skips_what_is_already_there(ctx: LedgerContext, tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + GOOD[:1])
    first = prepare(ctx, path, "问题.csv")
    assert [p.render() for p in first.problems] == ["问题.csv:4: 警告: 第4行: 与第2行相同，已跳过"]
    apply(ctx, first, None)
    before = db_bytes(ctx)
    second = prepare(ctx, path, "问题.csv")
    assert [p.message for p in second.problems] == ["与已登记的问题 ZG-0001 相同，已跳过", "与已登记的问题 ZG-0002 相同，已跳过", "与已登记的问题 ZG-0001 相同，已跳过"]
    assert apply(ctx, second, None) == [] and db_bytes(ctx) == before


def test_missing_source_column(ctx: LedgerContext, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("发现日期,街道,问题类别,问题描述,点位类型\n2026-11-10,一街道,乱堆乱摆,杂物。,背街小巷\n", encoding="utf-8")
    result = prepare(ctx, path, "x.csv")
    assert [p.render() for p in result.problems] == ["x.csv:2: 错误: 第2行: 缺少问题来源：请在表中加“来源”列，或用 --source 指定"]
    assert prepare(ctx, path, "x.csv", default_source="网格巡查").errors == 0


def test_xlsx_with_sheet_names(ctx: LedgerContext, tmp_path: Path) -> None:
    xlsxwriter = pytest.importorskip("xlsxwriter")
    path = tmp_path / "通报.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("第3期")
    sheet.write_row(0, 0, ["省爱卫办暗访通报（第3期）"])
    sheet.write_row(2, 0, ["问题来源", "发现时间", "所属街道", "点位", "场所类型", "问题类型", "存在问题", "整改单位"])
    sheet.write_row(3, 0, ["省级暗访通报", "2026-11-10", "一街道", "人民路", "背街小巷", "乱堆乱摆", "杂物。", "城管局"])
    sheet.write_row(4, 0, ["省级暗访通报", "2026-11-10", "一街", "人民路", "背街小巷", "乱堆乱摆", "杂物。", ""])
    book.close()
    result = prepare(ctx, path, "通报.xlsx")
    assert [p.render() for p in result.problems] == ["通报.xlsx:5:3: 错误: 第3期!C5（所属街道）: 未知街道“一街”，是否想写“一街道”？"]
    assert result.valid[0].data["unit"] == "chengguan"  # type: ignore[index]


def test_not_a_table(ctx: LedgerContext, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("hello", encoding="utf-8")
    result = prepare(ctx, path, "x.xlsx")
    assert not result.readable and result.errors == 1


def test_the_city_sheet_limits_are_used(ctx: LedgerContext, tmp_path: Path) -> None:
    """Rows and bytes are limited by city.yaml `limits:` (ctx.sheet_limits), not by the readers' defaults."""
    path = write(tmp_path, GOOD * 2)
    result = prepare(dataclasses.replace(ctx, sheet_limits=Limits(max_rows=3)), path, "问题.csv")
    assert [p.render() for p in result.problems] == ["问题.csv: 错误: 工作表超过 3 行，请删除多余内容或拆分后再导入"]
    assert not result.readable
    result = prepare(dataclasses.replace(ctx, sheet_limits=Limits(max_bytes=100)), path, "问题.csv")
    assert [p.code for p in result.problems] == ["file.too-large"] and not result.readable  # the message is sheets.py's
    assert prepare(ctx, path, "问题.csv").errors == 0
