"""cwassess standard list: one JSON document with counts and provenance; the text summary lines."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import lines, run_cli


def test_json_is_one_document_with_the_bundled_counts(tmp_path: Path) -> None:
    result = run_cli("--workspace", str(tmp_path), "standard", "list", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)  # one document: json.loads refuses trailing data
    counts = doc["counts"]
    assert (counts["sections"], counts["items"], counts["indicators"], counts["planning_targets"]) == (7, 45, 65, 6)
    # Provenance statistics cover every item, item number, indicator and rule.
    assert sum(counts["item_text"].values()) == 45
    assert sum(counts["item_number"].values()) == 45
    assert sum(counts["indicator_names"].values()) == 71
    assert set(counts["item_text"]) <= {"verbatim", "secondary", "inferred", "unverified"}
    assert counts["item_text"]["verbatim"] >= 10
    assert doc["standard"]["id"] == "nhc-2021"
    assert doc["standard"]["provenance"]["verified"] in {"verbatim", "secondary", "inferred", "unverified"}
    items = [item for section in doc["sections"] for item in section["items"]]
    assert [item["number"] for item in items] == list(range(1, 46))
    for item in items:
        assert item["verified"] in {"verbatim", "secondary", "inferred", "unverified"}
        assert item["number_verified"] in {"verbatim", "secondary", "inferred", "unverified"}
        assert item["lead"] and item["lead_name"]
    assert len(doc["indicators"]) == 71
    for ind in doc["indicators"]:
        assert ind["verified"] in {"verbatim", "secondary", "inferred", "unverified"}
        if ind["rule_version"] is not None:
            assert ind["rule_verified"] in {"verbatim", "secondary", "inferred", "unverified"}


def test_json_of_the_mini_standard(mini_workspace: Path) -> None:
    result = run_cli("--workspace", "ws", "standard", "list", "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["counts"] == {
        "sections": 2,
        "items": 3,
        "indicators": 3,
        "planning_targets": 1,
        "item_text": {"verbatim": 1, "secondary": 1, "unverified": 1},
        "item_number": {"verbatim": 1, "secondary": 1, "inferred": 1},
        "indicator_names": {"secondary": 3, "inferred": 1},
        "indicator_rules": {"unverified": 1, "inferred": 1, "secondary": 1},
    }
    assert doc["sections"][1] == {
        "id": "beta",
        "number": "二",
        "title": "病媒生物防制",
        "items": [
            {
                "id": "vector-control",
                "number": 3,
                "label": "（三）",
                "title": "病媒生物密度控制",
                "verified": "unverified",
                "number_verified": "inferred",
                "lead": "jikong",
                "lead_name": "疾控中心",
                "requirements": 1,
                "materials": 1,
                "indicators": ["rodent-density"],
            }
        ],
    }
    assert doc["indicators"][0] == {
        "id": "satisfaction-rate",
        "number": 1,
        "role": "indicator",
        "name": "群众对卫生状况满意率",
        "unit": "%",
        "item": "org-plan",
        "verified": "secondary",
        "rule": "≥ 90%",
        "rule_version": "default",
        "rule_verified": "unverified",
    }


def test_text_output_of_the_mini_standard(mini_workspace: Path) -> None:
    result = run_cli("--workspace", "ws", "standard", "list")
    assert result.exit_code == 0
    out = [line.rstrip() for line in lines(result.stdout)]
    assert out[0] == "迷你卫生城市标准  测试〔2024〕1号"
    assert "一、组织管理（2 条）" in out and "二、病媒生物防制（1 条）" in out
    assert "│ （一） │ VV   │ 纳入发展规划，群众满意   │ 爱卫办 │    1 │" in out
    assert "│ （三） │ ?I   │ 病媒生物密度控制 │ 疾控中心 │    1 │" in out
    assert out[-6:] == [
        "标记：V 原文核实  S 二手来源  I 推断  ? 未核实（前一个标记为条文，后一个为序号）",
        "共 2 个方面，3 条，3 项指标，1 项规划目标",
        "条文：原文核实 1，二手来源 1，推断 0，未核实 1",
        "序号：原文核实 1，二手来源 1，推断 1，未核实 0",
        "指标阈值：原文核实 0，二手来源 1，推断 1，未核实 1",
        "未核实的条文和阈值不是官方原文，仅供自评参考。",
    ]


def test_a_broken_standard_stops_list(mini_workspace: Path) -> None:
    path = mini_workspace / "standards/nhc-2021/sections/b.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    lead: jikong\n", "    lead: jikongg\n"), encoding="utf-8")
    result = run_cli("--workspace", "ws", "standard", "list")
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "ws/standards/nhc-2021/sections/b.yaml:15:5: 错误: items.0.lead: 未知部门“jikongg”，是否想写“jikong（疾控中心）”？",
        "标准文件有错误，请先运行 cwassess standard lint 修正：1 个错误，0 个警告",
    ]


def test_a_broken_standard_stops_list_json(mini_workspace: Path) -> None:
    (mini_workspace / "standards/nhc-2021/sampling.yaml").write_text("", encoding="utf-8")
    result = run_cli("--workspace", "ws", "standard", "list", "--json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "ok": False,
        "errors": 1,
        "warnings": 0,
        "problems": [{"code": "file.empty", "message": "文件为空", "severity": "error", "file": "ws/standards/nhc-2021/sampling.yaml"}],
    }
