"""cwassess ledger start / submit / verify / reject / assign / reopen: exact messages, exit codes, nothing written on refusal."""

from __future__ import annotations

import json
from pathlib import Path

from tests.commands.ledger_helpers import add_one, ledger, snapshot
from tests.ledger.conftest import built_workspace, cli_ws  # noqa: F401  (fixtures)

AFTER = "ws/ledger/photos/after.jpg"


def test_full_cycle(cli_ws: Path) -> None:
    pid = add_one()
    steps = [
        (("start", pid, "--as", "一街道"), "问题 ZG-0001：开始整改，待整改 → 整改中（一街道，2026-11-20）"),
        (("submit", pid, "--as", "一街道", "--photo", AFTER, "--description", "已清理"), "问题 ZG-0001：提交复核，整改中 → 待复核（一街道，2026-11-20）"),
        (("reject", pid, "--as", "创卫办", "--reason", "仍有残留"),
         "问题 ZG-0001：退回，待复核 → 整改中（测试市爱卫办（aiweiban），2026-11-20）；新的整改期限 2026-11-25"),
        (("submit", pid, "--as", "一街道", "--photo", AFTER, "--description", "再次清理"), "问题 ZG-0001：提交复核，整改中 → 待复核（一街道，2026-11-20）"),
        (("verify", pid, "--as", "aiweiban", "--by", "周建华"), "问题 ZG-0001：销号，待复核 → 已销号（测试市爱卫办（aiweiban），2026-11-20）"),
        (("reopen", pid, "--description", "又堆上了"), "已登记复发问题 ZG-0002（原问题 ZG-0001），责任单位 一街道，整改期限 2026-12-05"),
    ]
    for args, expected in steps:
        result = ledger(*args)
        assert (result.exit_code, result.output) == (0, expected + "\n"), args
    history = json.loads(ledger("show", pid, "--json").output)["history"]
    assert [(e["kind_zh"], e["unit"]) for e in history] == [
        ("登记", "aiweiban"), ("开始整改", "一街道"), ("提交复核", "一街道"), ("退回", "aiweiban"), ("提交复核", "一街道"), ("销号", "aiweiban"), ("复发", "aiweiban"),
    ]
    assert history[2]["data"] == {"description": "已清理", "photos": ["ledger/photos/after.jpg"]}
    assert history[5]["person"] == "周建华"
    check = ledger("check")
    assert (check.exit_code, check.output) == (0, "ws/ledger/ledger.db：8 条事件、2 个问题，检查通过。\n")


REFUSALS = [
    (("start", "ZG-0001", "--as", "城管局"), "<输入>: 错误: --as: 问题 ZG-0001 的责任单位是一街道，测试市城管局（chengguan）不能开始整改", "未开始整改"),
    (("submit", "ZG-0001", "--as", "一街道", "--photo", AFTER, "--description", "x"),
     "<输入>: 错误: ID: 问题 ZG-0001 当前为“待整改”，不能提交复核：只有“整改中”的问题可以提交复核（请先开始整改（ledger start））", "未提交复核"),
    (("verify", "ZG-0001", "--as", "一街道"),
     "<输入>: 错误: --as: 只有核验单位（测试市爱卫办（aiweiban）、测试市卫健委（weijianwei））可以销号，一街道不能销号", "未销号"),
    (("verify", "ZG-0001", "--as", "aiweiban"),
     "<输入>: 错误: ID: 问题 ZG-0001 当前为“待整改”，不能销号：只有“待复核”的问题可以销号（责任单位须先整改并提交复核）", "未销号"),
    (("reject", "ZG-0001", "--as", "aiweiban"), "<输入>: 错误: --reason: 退回须说明原因（--reason）", "未退回"),
    (("reopen", "ZG-0001"),
     "<输入>: 错误: ID: 问题 ZG-0001 当前为“待整改”，不能复发重开：只有“已销号”的问题可以复发重开（问题尚未销号，请继续整改）", "未登记复发"),
    (("start", "ZG-0001", "--as", "一街"), "<输入>: 错误: --as: 未知单位“一街”，是否想写“一街道”？", "未开始整改"),
    (("start", "ZG-0001"), "<输入>: 错误: --as: 须用 --as 指明办理单位", "未开始整改"),
    (("start", "ZG-0009", "--as", "一街道"), "<输入>: 错误: ID: 未知问题编号“ZG-0009”，是否想写“ZG-0001”？", "未开始整改"),
    (("start", "ZG-0001", "--as", "一街道", "--date", "2026-11-30"), "<输入>: 错误: --date: 日期 2026-11-30 晚于今天（2026-11-20）", "未开始整改"),
    (("assign", "ZG-0001", "--as", "一街道", "--unit", "城管局"), "<输入>: 错误: --as: 只有核验单位（测试市爱卫办（aiweiban）、测试市卫健委（weijianwei））可以改派，一街道不能改派", "未改派"),
]


def test_refusals_write_nothing(cli_ws: Path) -> None:
    add_one()
    before = snapshot(cli_ws)
    for args, line, title in REFUSALS:
        result = ledger(*args)
        assert result.exit_code == 1, args
        assert result.output.splitlines() == [line, f"{title}：1 个错误，0 个警告"], args
        assert snapshot(cli_ws) == before, args


def test_submit_photo_rules(cli_ws: Path, tmp_path: Path) -> None:
    pid = add_one()
    assert ledger("start", pid, "--as", "一街道").exit_code == 0
    before = snapshot(cli_ws)
    (tmp_path / "outside.jpg").write_bytes((cli_ws / "ledger/photos/after.jpg").read_bytes())
    result = ledger("submit", pid, "--as", "一街道")
    assert result.output.splitlines() == [
        "<输入>: 错误: --description: 提交复核须填写整改情况说明（--description）",
        "<输入>: 错误: --photo: 提交复核须附整改后照片（--photo）",
        "未提交复核：2 个错误，0 个警告",
    ]
    result = ledger("submit", pid, "--as", "一街道", "--description", "已清理", "--photo", "outside.jpg")
    assert result.output.splitlines()[0] == "<输入>: 错误: --photo: 照片“outside.jpg”在工作区之外，已拒绝：请先把照片放进工作区（如 ledger/photos/）"
    result = ledger("submit", pid, "--as", "一街道", "--description", "已清理", "--photo", "ws/ledger/photos/missing.jpg")
    assert result.output.splitlines()[0] == "<输入>: 错误: --photo: 照片“ws/ledger/photos/missing.jpg”不存在"
    assert snapshot(cli_ws) == before


def test_verifier_cannot_close_own_problem(cli_ws: Path) -> None:
    pid = add_one(**{"--unit": "卫健委"})
    assert ledger("start", pid, "--as", "weijianwei").exit_code == 0
    assert ledger("submit", pid, "--as", "weijianwei", "--photo", AFTER, "--description", "d").exit_code == 0
    result = ledger("verify", pid, "--as", "weijianwei")
    assert result.output.splitlines()[0] == (
        "<输入>: 错误: --as: 测试市卫健委（weijianwei）是问题 ZG-0001 的责任单位，不能复核自己的问题（销号须由其他核验单位办理）"
    )
    assert ledger("verify", pid, "--as", "aiweiban").exit_code == 0


def test_assign_and_json(cli_ws: Path) -> None:
    pid = add_one()
    result = ledger("assign", pid, "--as", "aiweiban", "--unit", "城管局", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["problem"]["unit"] == "chengguan" and data["events"][0]["data"] == {"unit": "chengguan", "from": "一街道"}


def test_no_ledger_yet(cli_ws: Path) -> None:
    result = ledger("start", "ZG-0001", "--as", "一街道")
    assert result.output.splitlines()[0] == "<输入>: 错误: ID: 未知问题编号“ZG-0001”（台账中还没有问题）"
    assert not (cli_ws / "ledger" / "ledger.db").exists()
