"""cwassess standard show: items by any number form, indicators, departments, and the exact 找不到 message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cwassess.standard.load import load_standard
from cwassess.standard.model import Standard, item_label
from cwassess.validation import did_you_mean
from tests.helpers import BUNDLED, lines, run_cli


@pytest.fixture(scope="module")
def std() -> Standard:
    result = load_standard(BUNDLED)
    assert result.standard is not None
    return result.standard


def show(workspace: Path, *args: str):  # type: ignore[no-untyped-def]
    return run_cli("--workspace", str(workspace), "standard", "show", *args)


# --- bundled standard ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["12", "（十二）", "第十二条", "(12)", "十二", "三-(十二)"])
def test_item_twelve_by_any_number_form(tmp_path: Path, std: Standard, query: str) -> None:
    item = std.items_by_number[12]
    section = std.section_of[item.id]
    result = show(tmp_path, query)
    assert result.exit_code == 0, result.output
    assert lines(result.stdout)[0] == f"{section.number}、{section.title} › （十二） {item.title}  [{item.id}]"
    assert result.stdout == show(tmp_path, item.id).stdout


def test_item_by_id(tmp_path: Path, std: Standard) -> None:
    result = show(tmp_path, "org-agenda")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert out[:4] == [
        "一、爱国卫生组织管理 › （一） 纳入议事日程、发展规划、绩效考核和爱国卫生法规  [org-agenda]",
        "序号：原文核实；条文：原文核实（来源 S1）",
        "",
        "将爱国卫生工作纳入辖区各级党委和政府重要议事日程，列入经济社会发展规划，纳入政府绩效考核指标。具有立法权的地方需有本地爱国卫生法规，其他地方需有爱国卫生规范性文件。",
    ]
    assert "牵头：爱卫办" in out
    assert "  1. 爱国卫生工作列入党委、政府重要议事日程（党委常委会、政府常务会议研究爱国卫生工作）  [推断]" in out
    assert "  4. 具有立法权的地方有本地爱国卫生法规（具有立法权）  [原文核实]" in out


def test_unverified_item_says_so(tmp_path: Path, std: Standard) -> None:
    item = next(i for i in std.items if i.effective_verified != "verbatim")
    out = lines(show(tmp_path, item.id).stdout)
    assert out[1] == "注意：本条条文未经原文核实，不是官方原文。"


def test_indicator_by_number(tmp_path: Path, std: Standard) -> None:
    ind = next(i for i in std.indicators if i.number == 2)
    result = show(tmp_path, "指标2")
    assert result.exit_code == 0
    assert lines(result.stdout)[0] == f"指标 2：{ind.name}  [{ind.id}]"
    assert result.stdout == show(tmp_path, ind.id).stdout


def test_department(tmp_path: Path, std: Standard) -> None:
    result = show(tmp_path, "chengguan")
    assert result.exit_code == 0
    out = lines(result.stdout)
    assert out[0] == "城管局  [chengguan]  别名：城市管理局、市城市管理局、综合行政执法局、城市管理综合行政执法局、城管执法局、城市管理和综合执法局"
    leads = [i for i in std.items if i.lead == "chengguan"]
    assert out[1] == f"默认牵头 {len(leads)} 条："
    assert out[2 : 2 + len(leads)] == [f"  {item_label(i.number)} {i.title}" for i in leads]
    assert show(tmp_path, "市城市管理局").stdout == result.stdout


def test_not_found(tmp_path: Path, std: Standard) -> None:
    guess = did_you_mean("nope", [*std.items_by_id, *std.indicators_by_id, *std.departments_by_code])
    result = show(tmp_path, "nope")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "找不到“nope”" + (f"，是否想查“{guess}”？" if guess else "") + "\n"


@pytest.mark.parametrize(("query", "kind"), [("12", "item"), ("指标2", "indicator"), ("chengguan", "department")])
def test_json_variants_parse(tmp_path: Path, std: Standard, query: str, kind: str) -> None:
    result = show(tmp_path, query, "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["kind"] == kind
    if kind == "item":
        assert (doc["item"]["number"], doc["item"]["label"], doc["item"]["id"]) == (12, "（十二）", std.items_by_number[12].id)
        assert doc["item"]["verified"] == std.items_by_number[12].effective_verified
    elif kind == "indicator":
        assert doc["indicator"]["number"] == 2
        assert "provenance" in doc["indicator"]
    else:
        assert doc["department"]["code"] == "chengguan"
        assert doc["lead"] == [i.id for i in std.items if i.lead == "chengguan"]


# --- mini standard: whole outputs, exact ------------------------------------------------------------------------


def test_mini_item_in_full(mini_workspace: Path) -> None:
    result = show(mini_workspace, "（三）")
    assert result.exit_code == 0
    assert result.stdout == (
        "二、病媒生物防制 › （三） 病媒生物密度控制  [vector-control]\n"
        "注意：本条条文未经原文核实，不是官方原文。\n"
        "序号：推断；条文：未核实\n"
        "\n"
        "鼠、蚊、蝇、蟑螂的密度达到国家病媒生物密度控制水平标准 C 级要求。\n"
        "\n"
        "适用：城市、县；范围：建成区\n"
        "牵头：疾控中心\n"
        "配合：爱卫办\n"
        "\n"
        "检查要点：\n"
        "  1. 病媒生物密度达到 C 级［现场］  [推断]\n"
        "\n"
        "所需材料：\n"
        "  1. [数据] 病媒生物密度监测报告（当年，1 份，必备，pdf/ofd）\n"
        "\n"
        "指标：\n"
        "  3. 鼠密度控制水平［级］：达到 C 级或更好（2021版·二手来源）\n"
    )


def test_mini_indicator_in_full(mini_workspace: Path) -> None:
    result = show(mini_workspace, "指标3")
    assert result.exit_code == 0
    assert result.stdout == (
        "指标 3：鼠密度控制水平  [rodent-density]\n"
        "名称：二手来源，来源 M2\n"
        "所属条目：（三） 病媒生物密度控制（二手来源）\n"
        "单位：级；填报年数：1\n"
        "适用：城市、县\n"
        "要求：达到 C 级或更好（2021版·二手来源；二手来源，来源 M2）\n"
        "注意：该阈值未经原文核实，不是官方阈值。\n"
        "  · 室内鼠迹阳性率（%，<=）：A 1，B 3，C 5，D ?  [推断]\n"
    )


def test_mini_department_in_full(mini_workspace: Path) -> None:
    result = show(mini_workspace, "市 财政局")
    assert result.exit_code == 0
    assert result.stdout == "财政局  [caizheng]  别名：无\n默认牵头 0 条：\n默认配合 1 条：\n  （二） 卫生资源配置达到规划要求\n"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("nope", "找不到“nope”"),
        ("org-plam", "找不到“org-plam”，是否想查“org-plan”？"),
        ("9", "找不到“9”"),
        ("指标9", "找不到“指标9”"),
    ],
)
def test_mini_not_found(mini_workspace: Path, query: str, message: str) -> None:
    result = show(mini_workspace, query)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")


def test_superscript_digit_is_not_found_rather_than_a_crash(mini_workspace: Path) -> None:
    """BUG: "²".isdigit() is True but int("²") raises, so `show 指标²` is an internal error (exit 3)."""
    result = show(mini_workspace, "指标²")
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert (result.exit_code, result.stderr) == (2, "找不到“指标²”\n")


def test_a_huge_number_is_not_found_rather_than_a_crash(mini_workspace: Path) -> None:
    """BUG: parse_item_number raises ValueError beyond 4300 digits."""
    query = "1" * 5000
    result = show(mini_workspace, query)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert (result.exit_code, result.stderr) == (2, f"找不到“{query}”\n")
