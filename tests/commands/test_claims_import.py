"""cwassess claims import FILE [--dry-run] [--partial] [--json]."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cwassess.cli import app

FIXTURES = Path(__file__).parent.parent / "fixtures" / "claims-tables"
runner = CliRunner()
ENV = {"COLUMNS": "200", "NO_COLOR": "1"}




@pytest.fixture
def ws(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(seeded, root)
    monkeypatch.chdir(tmp_path)
    return root


def fixture(name: str) -> str:
    shutil.copy(FIXTURES / name, name)
    return name


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--workspace", "ws", "claims", "import", *args], env=ENV)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def csv(name: str, text: str, encoding: str = "utf-8") -> str:
    Path(name).write_bytes(text.encode(encoding))
    return name


def test_handmade_xlsx(ws: Path) -> None:
    before = snapshot(ws)
    result = run(fixture("handmade.xlsx"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:8] == [
        "handmade.xlsx:10:8: 警告: 任务分解表!H10（完成时限）: 达标时间“长期坚持”不是具体日期，未设定达标时间（按评估日期）",
        "爱卫办（aiweiban）ws/claims/aiweiban.yaml：",
        "  变更 （一）纳入议事日程、发展规划、绩效考核和爱国卫生法规 ［牵头］：达标时间：未设定 → 2027-05-31；责任人：未填写 → 张三；分管市领导：未填写 → 王副市长",
        "  变更 （二）爱卫会组织健全，爱卫办机构、人员、经费有保障 ［牵头］：达标时间：未设定 → 2027-04-30",
        "  变更 （三）年度计划部署检查总结、基层卫生创建、群众性爱国卫生活动 ［牵头］：达标时间：未设定 → 2027-06-01",
        "住建局（zhujian）ws/claims/zhujian.yaml：",
        "  变更 （十二）绿化覆盖率和公园绿地 ［牵头］：配合 → 牵头",
        "园林局（yuanlin）ws/claims/yuanlin.yaml：",
    ]
    assert lines[-2] == "handmade.xlsx：6 行数据，有效 6 行，无效 0 行，跳过 0 行；新增 1，删除 1，变更 5。"
    assert re.fullmatch(r"已写入 5 个认领文件，原文件备份在 ws/\.cwassess/history/claims-\d{8}-\d{6}。", lines[-1])
    backup = next((ws / ".cwassess" / "history").iterdir())
    assert sorted(p.name for p in backup.iterdir()) == ["aiweiban.yaml", "shengtai.yaml", "yingji.yaml", "yuanlin.yaml", "zhujian.yaml"]
    for path in backup.iterdir():
        assert path.read_bytes() == before[f"claims/{path.name}"]
    assert "deadline: \"2027-05-31\"" in (ws / "claims" / "aiweiban.yaml").read_text(encoding="utf-8")
    status = runner.invoke(app, ["--workspace", "ws", "claims", "status", "--json"], env=ENV)
    assert status.exit_code == 0 and json.loads(status.output)["counts"]["errors"] == 0


def test_dry_run_writes_nothing(ws: Path) -> None:
    before = snapshot(ws)
    result = run(fixture("handmade.xlsx"), "--dry-run")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "试运行：未写入任何文件。"
    assert "  新增 （四）健康影响评估、健康融入所有政策、公共卫生纳入规划 ［配合］" in result.output.splitlines()
    assert snapshot(ws) == before


@pytest.mark.parametrize("name", ["tasks-gbk.csv", "tasks-bom.csv", "tasks.xls", "formulas.xlsx"])
def test_other_formats_import(ws: Path, name: str) -> None:
    result = run(fixture(name))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("已写入 ")


def test_exported_then_reimported_changes_nothing(ws: Path) -> None:
    assert runner.invoke(app, ["--workspace", "ws", "claims", "export", "--xlsx", "out.xlsx"], env=ENV).exit_code == 0
    before = snapshot(ws)
    result = run("out.xlsx")
    assert result.exit_code == 0
    assert result.output == "out.xlsx：45 行数据，有效 45 行，无效 0 行，跳过 0 行；新增 0，删除 0，变更 0。\n没有需要更改的认领。\n"
    assert snapshot(ws) == before


def test_edit_exported_workbook_then_import(ws: Path) -> None:
    """A city fills in the exported workbook (here with openpyxl, as Excel would) and imports it back."""
    import datetime as dt

    import openpyxl

    assert runner.invoke(app, ["--workspace", "ws", "claims", "export", "--xlsx", "out.xlsx"], env=ENV).exit_code == 0
    book = openpyxl.load_workbook("out.xlsx")
    sheet = book["责任分解表"]
    sheet["G3"] = dt.datetime(2027, 5, 31)
    sheet["H3"] = "=张三"  # openpyxl stores a formula without a cached result, as a typo in Excel might
    book.save("out.xlsx")
    result = run("out.xlsx")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        "out.xlsx:3:8: 错误: 责任分解表!H3（责任人）: 公式没有保存计算结果，无法读取（本工具不计算公式）：请在 Excel 中打开并保存后重试，或改填数值"
    )
    sheet["H3"] = "张三"
    book.save("out.xlsx")
    result = run("out.xlsx")
    assert result.exit_code == 0, result.output
    assert "  变更 （一）纳入议事日程、发展规划、绩效考核和爱国卫生法规 ［牵头］：达标时间：未设定 → 2027-05-31；责任人：未填写 → 张三" in result.output.splitlines()


UNKNOWN = "内容,牵头部门,配合部门\n（一）,爱卫办,政府办、发改委、考核办、司法局、人大法工委\n（二）,城管,编办、财政局、民政局、街道\n"


def test_invalid_rows_block_everything(ws: Path) -> None:
    before = snapshot(ws)
    result = run(csv("t.csv", UNKNOWN))
    assert result.exit_code == 1
    assert result.output == (
        "t.csv:3:2: 错误: B3（牵头部门）: 未知部门“城管”，是否想写“chengguan（城管局）”？\n"
        "t.csv：2 行数据，有效 1 行，无效 1 行，跳过 0 行；新增 0，删除 0，变更 0。\n"
        "有无效的行，未写入任何文件（可加 --partial 只导入有效的行）。\n"
    )
    assert snapshot(ws) == before


def test_partial_applies_the_valid_rows_and_still_fails(ws: Path) -> None:
    text = UNKNOWN.replace("（一）,爱卫办,", "（一）,爱卫办,住建局、")
    result = run(csv("t.csv", text), "--partial")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "t.csv:3:2: 错误: B3（牵头部门）: 未知部门“城管”，是否想写“chengguan（城管局）”？"
    assert lines[1:3] == ["住建局（zhujian）ws/claims/zhujian.yaml：", "  新增 （一）纳入议事日程、发展规划、绩效考核和爱国卫生法规 ［配合］"]
    assert re.fullmatch(r"已写入 1 个认领文件，原文件备份在 ws/\.cwassess/history/claims-\d{8}-\d{6}。有 1 行无效，未导入。", lines[-1])
    assert "org-agenda" in (ws / "claims" / "zhujian.yaml").read_text(encoding="utf-8")


def test_json_document(ws: Path) -> None:
    result = run(csv("t.csv", UNKNOWN.replace("（二）,城管,", "（二）,爱卫办,").replace("考核办、", "")), "--json", "--dry-run")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["ok"] is True and doc["dry_run"] is True and doc["applied"] is False and doc["written"] == [] and doc["backup"] is None
    assert doc["counts"] == {"rows": 2, "valid": 2, "invalid": 0, "skipped": 0, "add": 0, "remove": 1, "change": 0}
    assert doc["departments"] == [
        {
            "code": "kaohe",
            "name": "考核办",
            "file": "ws/claims/kaohe.yaml",
            "new_file": False,
            "changes": [{"kind": "remove", "item": "org-agenda", "label": "（一）纳入议事日程、发展规划、绩效考核和爱国卫生法规", "role": "support", "details": []}],
        }
    ]
    failed = run(csv("u.csv", UNKNOWN), "--json")
    assert failed.exit_code == 1
    doc = json.loads(failed.output)
    assert doc["ok"] is False and doc["applied"] is False
    assert doc["problems"] == [
        {
            "code": "ref.department",
            "message": "未知部门“城管”，是否想写“chengguan（城管局）”？",
            "severity": "error",
            "file": "u.csv",
            "line": 3,
            "column": 2,
            "key": "B3（牵头部门）",
        }
    ]


@pytest.mark.parametrize(
    ("name", "output"),
    [
        ("zip-not-xlsx.xlsx", "zip-not-xlsx.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：ZIP 压缩包（其中没有工作簿））\n未导入：1 个错误，0 个警告\n"),
        ("text-renamed.xlsx", "text-renamed.xlsx: 错误: 不是有效的表格文件（.xlsx/.xls/.csv）（实际：文本文件）\n未导入：1 个错误，0 个警告\n"),
        ("empty-sheet.xlsx", "empty-sheet.xlsx: 错误: Sheet1: 工作表为空\n未导入：1 个错误，0 个警告\n"),
    ],
)
def test_bad_files(ws: Path, name: str, output: str) -> None:
    before = snapshot(ws)
    result = run(fixture(name))
    assert (result.exit_code, result.output) == (1, output)
    assert snapshot(ws) == before


def test_formula_without_cached_value(ws: Path) -> None:
    result = run(fixture("formula-no-value.xlsx"))
    assert result.exit_code == 1
    assert result.output.splitlines()[:2] == [
        "formula-no-value.xlsx:2:2: 错误: 表!B2（牵头部门）: 公式没有保存计算结果，无法读取（本工具不计算公式）：请在 Excel 中打开并保存后重试，或改填数值",
        "formula-no-value.xlsx:2:3: 错误: 表!C2（配合部门）: 公式的结果是错误值“#REF!”",
    ]


def test_duplicate_rows(ws: Path) -> None:
    result = run(csv("d.csv", "内容,牵头部门\n（一）,爱卫办\n（二）,爱卫办\n1,爱卫办\n"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "d.csv:4: 错误: 第4行: （一）纳入议事日程、发展规划、绩效考核和爱国卫生法规重复：第 2 行和第 4 行都填写了此条，两处均未导入"


def test_no_header_and_missing_file(ws: Path) -> None:
    result = run(csv("n.csv", "甲,乙\n1,2\n"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "n.csv: 错误: 找不到表头：需要包含“内容”（或“序号”）和“牵头部门”列（在每个工作表的前 30 行中查找）"
    result = run("nope.xlsx")
    assert (result.exit_code, result.output) == (1, "nope.xlsx: 错误: 文件不存在\n未导入：1 个错误，0 个警告\n")


def test_gbk_csv_with_an_unknown_name_keeps_chinese_intact(ws: Path) -> None:
    result = run(csv("g.csv", "内容,牵头单位\n（一）,爱卫\n", encoding="gbk"))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "g.csv:2:2: 错误: B2（牵头单位）: 未知部门“爱卫”，是否想写“aiweiban（爱卫办）”？"


def test_help_explains_partial_and_exit_code() -> None:
    result = runner.invoke(app, ["claims", "import", "--help"], env=ENV)
    assert result.exit_code == 0
    assert "--partial" in result.output and "退出码仍为 1" in result.output


def set_limit(ws: Path, old: str, new: str) -> None:
    city = ws / "city.yaml"
    text = city.read_text(encoding="utf-8")
    assert f"  {old}\n" in text
    city.write_text(text.replace(f"  {old}\n", f"  {new}\n"), encoding="utf-8")


def test_the_city_s_row_limit_applies(ws: Path) -> None:
    """city.yaml `limits: {sheet_rows: 5}` is the limit, not the default of 20 000 rows."""
    set_limit(ws, "sheet_rows: 20000", "sheet_rows: 5")
    before = snapshot(ws)
    rows = "".join(f"（{n}）,爱卫办,\n" for n in "一二三四五六七八九")
    result = run(csv("t.csv", "内容,牵头部门,配合部门\n" + rows))
    assert result.exit_code == 1
    assert result.output.splitlines() == ["t.csv: 错误: 工作表超过 5 行，请删除多余内容或拆分后再导入", "未导入：1 个错误，0 个警告"]
    assert snapshot(ws) == before


def test_the_city_s_size_limit_applies(ws: Path) -> None:
    set_limit(ws, "sheet_mb: 20", "sheet_mb: 0.0001")
    result = run(csv("t.csv", "内容,牵头部门,配合部门\n" + "（一）,爱卫办,\n" * 10))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "t.csv: 错误: 文件过大（应为：不超过 104 字节；实际：243 字节）"
