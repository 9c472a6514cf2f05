"""cwassess ledger add / list / show."""

from __future__ import annotations

import json
from pathlib import Path

from tests.commands.ledger_helpers import add_one, ledger, snapshot
from tests.ledger.conftest import built_workspace, cli_ws  # noqa: F401  (fixtures)


def test_add_then_list_and_show(cli_ws: Path) -> None:
    result = ledger("add", "--source", "投诉", "--found", "2026-11-10", "--grid", "一街道第1网格", "--address", "人民路12号",
                    "--site-type", "背街小巷", "--class", "乱堆乱摆", "--description", "门前堆放杂物。", "--photo", "ws/ledger/photos/before.jpg")
    assert result.exit_code == 0, result.output
    assert result.output == "已登记问题 ZG-0001：乱堆乱摆，责任单位 一街道（推荐），整改期限 2026-11-25（一般）\n"
    listed = ledger("list")
    assert listed.exit_code == 0
    assert "ZG-0001" in listed.output and listed.output.splitlines()[-1] == "共 1 个问题，未销号 1 个，逾期 0 个（截至 2026-11-20）。"
    shown = ledger("show", "zg-1")
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[:5] == ["编号：ZG-0001", "状态：待整改", "来源：投诉", "发现日期：2026-11-10", "地点：甲区一街道（一街道第1网格） 人民路12号"]
    assert "照片：ledger/photos/before.jpg" in lines
    assert lines[-1] == "  2026-11-20 #1 登记（测试市爱卫办（aiweiban））：投诉，责任单位 一街道，期限 2026-11-25"
    data = json.loads(ledger("show", "ZG-0001", "--json").output)
    assert data["problem"]["items"] == ["env-roads", "env-old-areas"] and data["history"][0]["kind_zh"] == "登记"


def test_add_errors_write_nothing(cli_ws: Path, tmp_path: Path) -> None:
    add_one()
    before = snapshot(cli_ws)
    (tmp_path / "outside.jpg").write_bytes((cli_ws / "ledger/photos/before.jpg").read_bytes())
    result = ledger("add", "--found", "2026-11-10", "--street", "一街", "--item", "env-road", "--class", "乱堆乱摆", "--description", "x",
                    "--unit", "城管", "--deadline", "2026-11-01", "--photo", "outside.jpg", "--photo", "ws/ledger/photos/none.jpg")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "<输入>: 错误: --deadline: 整改期限 2026-11-01 早于发现日期 2026-11-10",
        "<输入>: 错误: --item: 未知条目“env-road”，是否想写“env-roads”？",
        "<输入>: 错误: --photo: 照片“outside.jpg”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）",
        "<输入>: 错误: --photo: 照片“ws/ledger/photos/none.jpg”不存在",
        "<输入>: 错误: --street: 未知街道“一街”，是否想写“一街道”？",
        "<输入>: 错误: --unit: 未知单位“城管”，是否想写“测试市城管局（chengguan）”？",
        "未登记：6 个错误，0 个警告",
    ]
    assert snapshot(cli_ws) == before


def test_add_json_error(cli_ws: Path) -> None:
    result = ledger("add", "--json", "--found", "2026-11-10", "--street", "一街道", "--site-type", "背街小巷", "--class", "乱堆乱摆")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False and data["problems"][0]["message"] == "缺少问题描述"
    assert not (cli_ws / "ledger" / "ledger.db").exists()


def test_list_filters(cli_ws: Path) -> None:
    add_one()
    add_one(**{"--found": "2026-11-01"})  # deadline 11-16: overdue
    add_one(**{"--street": "三街道", "--class": "无三防", "--site-type": "小餐饮店"})
    assert [p["id"] for p in json.loads(ledger("list", "--json", "--overdue").output)["problems"]] == ["ZG-0002", "ZG-0003"]  # 11-16 and 11-17
    assert [p["id"] for p in json.loads(ledger("list", "--json", "--unit", "市场监管局").output)["problems"]] == ["ZG-0003"]
    assert json.loads(ledger("list", "--json", "--state", "未销号").output)["count"] == 3
    bad = ledger("list", "--unit", "市场局", "--state", "整改")
    assert bad.exit_code == 1
    assert bad.output.splitlines()[:2] == [
        "<输入>: 错误: --state: 未知状态“整改”，是否想写“整改中”？",
        "<输入>: 错误: --unit: 未知单位“市场局”，是否想写“测试市市场监管局（shichang）”？",
    ]


def test_show_unknown(cli_ws: Path) -> None:
    add_one()
    result = ledger("show", "ZG-0002")
    assert (result.exit_code, result.output.splitlines()[0]) == (1, "<输入>: 错误: ID: 未知问题编号“ZG-0002”，是否想写“ZG-0001”？")


def test_empty_list_creates_nothing(cli_ws: Path) -> None:
    result = ledger("list")
    assert result.exit_code == 0 and result.output.startswith("台账中还没有问题")
    assert not (cli_ws / "ledger" / "ledger.db").exists()
