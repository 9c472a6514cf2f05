"""cwassess ledger bulletin / grids / grid-log."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.commands.ledger_helpers import add_one, ledger, snapshot
from tests.ledger.conftest import built_workspace, cli_ws  # noqa: F401  (fixtures)


def test_bulletin_text_json_xlsx_html(cli_ws: Path) -> None:
    add_one()
    add_one(**{"--found": "2026-11-01"})
    text = ledger("bulletin")
    assert text.exit_code == 0, text.output
    lines = text.output.splitlines()
    assert lines[:2] == ["测试市创卫问题整改周通报（2026年第47周）", "2026年11月16日—11月22日（统计截至11月20日）"]
    assert "  ZG-0002 一街道 甲区一街道 人民路12号 乱堆乱摆：期限 2026-11-16，逾期 4 天（第 1 次）逾期" in lines
    data = json.loads(ledger("bulletin", "--week", "2026-W47", "--format", "json").output)
    assert data["total"]["total"] == 2 and data["overdue"][0]["id"] == "ZG-0002"
    files = ledger("bulletin", "-f", "xlsx,html")
    assert files.exit_code == 0
    assert files.output.splitlines() == ["已生成 ws/reports/ledger-bulletin-2026-W47.xlsx", "已生成 ws/reports/ledger-bulletin-2026-W47.html"]
    assert (cli_ws / "reports/ledger-bulletin-2026-W47.xlsx").read_bytes()[:2] == b"PK"
    assert "<title>测试市创卫问题整改周通报（2026年第47周）</title>" in (cli_ws / "reports/ledger-bulletin-2026-W47.html").read_text(encoding="utf-8")
    out = ledger("bulletin", "-f", "xlsx", "-o", "周报.xlsx")
    assert out.output == "已生成 周报.xlsx\n" and Path("周报.xlsx").is_file()


def test_bulletin_never_writes_through_a_reports_folder_leaving_the_workspace(cli_ws: Path, tmp_path: Path) -> None:
    add_one()
    elsewhere = tmp_path / "shared"
    elsewhere.mkdir()
    if (cli_ws / "reports").exists():
        for child in (cli_ws / "reports").iterdir():
            child.unlink()
        (cli_ws / "reports").rmdir()
    (cli_ws / "reports").symlink_to(elsewhere, target_is_directory=True)
    result = ledger("bulletin", "-f", "xlsx")
    assert (result.exit_code, result.output.splitlines()) == (1, [
        "ws/reports: 错误: 报告目录指向工作区之外（可能是符号链接），为免写到别处，未写入任何文件；请改为工作区内的普通目录",
    ])
    assert list(elsewhere.iterdir()) == []


def test_bulletin_bad_options(cli_ws: Path) -> None:
    assert ledger("bulletin", "--week", "2026-47").exit_code == 2
    assert ledger("bulletin", "--week", "2026-W49").exit_code == 2  # not started yet
    assert ledger("bulletin", "--format", "docx").exit_code == 2


def test_bulletin_pdf(cli_ws: Path) -> None:
    from cwassess.render.pdf import font_styles

    if not font_styles() or "Bold" not in (font_styles() or ()):
        pytest.skip("Noto Sans CJK SC is not installed")
    add_one()
    result = ledger("bulletin", "-f", "pdf")
    assert result.exit_code == 0, result.output
    assert (cli_ws / "reports/ledger-bulletin-2026-W47.pdf").read_bytes()[:5] == b"%PDF-"


def test_grids_and_grid_log(cli_ws: Path) -> None:
    result = ledger("grids", "--json")
    data = json.loads(result.output)
    assert [(g["name"], g["stale"], g["flag"]) for g in data["grids"]] == [("一街道第1网格", True, "从未巡查"), ("三街道第1网格", True, "从未巡查")]
    assert data["grids"][0]["members"] == ["一街道", "chengguan"] and data["grids"][1]["lead_unit"] == "shichang"
    logged = ledger("grid-log", "一街道第1网格", "--date", "2026-11-13", "--inspector", "网格员 张三", "--note", "按周巡查")
    assert (logged.exit_code, logged.output) == (0, "已记录 一街道第1网格 2026-11-13 的巡查（网格员 张三）。\n")
    assert ledger("grid-log", "三街道第1网格", "--date", "2026-11-12", "--inspector", "李四").exit_code == 0
    table = ledger("grids")
    assert table.output.splitlines()[-1] == "共 2 个网格，1 个超过 7 天未巡查（每周至少一次，截至 2026-11-20）。"
    stale = json.loads(ledger("grids", "--stale", "--json").output)["grids"]
    assert [(g["name"], g["days_since"], g["flag"]) for g in stale] == [("三街道第1网格", 8, "8 天未巡查")]
    before = snapshot(cli_ws)
    bad = ledger("grid-log", "一街道第一网格", "--inspector", "张三")
    assert bad.exit_code == 1 and bad.output.splitlines()[0] == "<输入>: 错误: ID: 未知网格“一街道第一网格”，是否想写“一街道第1网格”？"
    assert snapshot(cli_ws) == before


def test_broken_config(cli_ws: Path) -> None:
    (cli_ws / "ledger" / "config.yaml").write_text("verifiers: [爱卫]\nclasses:\n  乱堆乱摆: {severity: 很重}\n", encoding="utf-8")
    result = ledger("list")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "ws/ledger/config.yaml:1:13: 错误: verifiers.0: 未知单位“爱卫”，是否想写“测试市爱卫办（aiweiban）”？",
        "ws/ledger/config.yaml:3:10: 错误: classes.乱堆乱摆.severity: 严重程度“很重”不在 deadline_days 中",
        "整改台账的配置有错误（ledger/config.yaml 或 ledger/grids.yaml）：2 个错误，0 个警告",
    ]
