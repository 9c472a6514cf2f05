"""cwassess ledger sync / import."""

from __future__ import annotations

import json
from pathlib import Path

from tests.commands.ledger_helpers import ledger, snapshot
from tests.ledger.conftest import built_workspace, cli_ws  # noqa: F401  (fixtures)


def test_sync_twice(cli_ws: Path) -> None:
    dry = ledger("sync", "--dry-run")
    assert dry.exit_code == 0 and dry.output.splitlines()[-1] == "试运行：检查记录中有 3 个问题，0 个已在台账中，将登记 3 个；未写入。"
    assert not (cli_ws / "ledger" / "ledger.db").exists()
    first = ledger("sync")
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert lines[0].endswith("警告: aiweiban/mf-002/2：照片“photos/missing.jpg”不存在，问题登记时不附照片")
    assert lines[1:] == [
        "  ZG-0001 ← aiweiban/mf-001/1 乱堆乱摆，责任单位 一街道，期限 2026-11-17",
        "  ZG-0002 ← aiweiban/mf-002/1 直接入口食品场所有蝇，责任单位 测试市市场监管局（shichang），期限 2026-11-08",
        "  ZG-0003 ← aiweiban/mf-002/2 无三防，责任单位 测试市市场监管局（shichang），期限 2026-11-12",
        "检查记录中有 3 个问题：新登记 3 个，0 个已在台账中。",
    ]
    before = snapshot(cli_ws)
    again = ledger("sync", "--json")
    data = json.loads(again.output)
    assert (data["existing"], data["created"]) == (3, [])
    assert snapshot(cli_ws) == before


HEADER = "来源,发现日期,街道,地址,点位类型,条目,问题类别,问题描述,照片,责任单位\n"


def test_import_all_or_nothing_then_partial(cli_ws: Path) -> None:
    Path("问题.csv").write_text(
        HEADER
        + "投诉,2026-11-10,一街道,人民路1号,背街小巷,,乱堆乱摆,杂物。,ledger/photos/before.jpg,\n"
        + "投诉,2026-11-10,一街道,人民路2号,背街小巷,env-road,乱堆乱摆,杂物。,,\n",
        encoding="utf-8",
    )
    before = snapshot(cli_ws)
    result = ledger("import", "问题.csv")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "问题.csv:3:6: 错误: F3（条目）: 未知条目“env-road”，是否想写“env-roads”？",
        "问题.csv：2 行数据，有效 1 行，无效 1 行，其中已登记过 0 行。",
        "有无效的行，未写入任何问题（可加 --partial 只导入有效的行）。",
    ]
    assert snapshot(cli_ws) == before
    assert ledger("import", "问题.csv", "--dry-run", "--partial").output.splitlines()[-1] == "试运行：未写入任何问题。"
    assert snapshot(cli_ws) == before
    partial = ledger("import", "问题.csv", "--partial")
    assert partial.exit_code == 1
    assert partial.output.splitlines()[-1] == "已登记 1 个问题（ZG-0001）。有 1 行无效，未导入。"
    again = ledger("import", "问题.csv", "--partial", "--json")
    data = json.loads(again.output)
    assert data["counts"] == {"rows": 2, "valid": 1, "invalid": 1, "duplicates": 1, "created": 0}


def test_import_unreadable(cli_ws: Path) -> None:
    Path("x.xlsx").write_text("not a workbook", encoding="utf-8")
    result = ledger("import", "x.xlsx")
    assert result.exit_code == 1 and result.output.splitlines()[-1] == "未导入：1 个错误，0 个警告"
