"""cwassess score: summary, --json (validated against schemas/score.schema.json), reports/score.json, --explain,
--assume, --profile, exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner, Result

from tests.helpers import CLI_ENV, FIXTURES, SCHEMAS

ENV = {**CLI_ENV, "CWASSESS_TODAY": "2027-03-01"}
REPORT = Path("ws/reports/score.json")
A = "ws/evidence/aiweiban/manifest.yaml"


def cli(*args: str) -> Result:
    from cwassess.cli import app

    return CliRunner().invoke(app, ["--workspace", "ws", *args], env=ENV)


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "evidence-ws", tmp_path / "ws")
    monkeypatch.chdir(tmp_path)
    return Path("ws")


def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads((SCHEMAS / "score.schema.json").read_text(encoding="utf-8")))


def schema_errors(document: object) -> list[str]:
    return sorted(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator().iter_errors(document))


def test_summary(ws: Path) -> None:
    result = cli("score", "--top", "2")
    assert (result.exit_code, result.stderr) == (0, "")
    out = result.stdout.splitlines()
    assert out[:5] == [
        "样例市 模拟测评（2027-03-01，距评估还有 80 天，评估日期 2027-05-20）",
        "结论：不通过    得分 61 / 180（33.9%）",
        "  · 42 条不达标：（二）、（三）、（四）、（五）、（六）、（七）、（八）、（九）、（十）、（十一）等",
        "  · 总得分率 33.9%，低于 90%",
        "条目：不达标 42，缺材料 3",
    ]
    assert out[-3:] == [
        "豁免：有效 1 项，已过期 1 项（过期的不再生效）",
        "注意：35 条条文、65 项指标阈值未经原文核实，结果仅供自评参考。",
        "结果已写入 ws/reports/score.json",
    ]
    stripped = [line.strip() for line in out]
    assert {"各方面得分", "失分最多的条目（前 2）", "部门排名（按牵头条目得分率）"} <= set(stripped)
    assert any(line.startswith("差距（按可挽回分值排序，前 2 / 共 ") for line in stripped)


def test_json_is_one_document(ws: Path) -> None:
    result = cli("score", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    assert (document["city"], document["verdict"], document["days_left"], document["assumed"]) == ("样例市", "不通过", 80, [])
    assert (document["totals"]["marks"], document["totals"]["score"]) == (180.0, 61.0)
    assert (document["input_problems"], document["problems"]) == ({"errors": 0, "warnings": 0}, [])
    assert [(w["id"], w["active"]) for w in document["waivers"]] == [("port-none", True), ("toilets-old", False)]
    # The report on disk is the same result (without the problem list).
    written = json.loads(REPORT.read_text(encoding="utf-8"))
    assert written == {k: v for k, v in document.items() if k != "problems"}


def test_json_validates_against_the_score_schema(ws: Path) -> None:
    """BUG: commands/score.py adds "input_problems" (and, for --json, "problems") to the ScoreResult dump, but
    schemas/score.schema.json is generated from ScoreResult with additionalProperties: false — the documented schema
    rejects every document the command prints."""
    document = json.loads(cli("score", "--json").stdout)
    assert schema_errors(document) == []


def test_the_report_file_validates_against_the_score_schema(ws: Path) -> None:
    """BUG: same cause as above — reports/score.json carries "input_problems", which the schema does not allow."""
    assert cli("score").exit_code == 0
    assert schema_errors(json.loads(REPORT.read_text(encoding="utf-8"))) == []


def test_the_score_result_itself_matches_the_schema(ws: Path) -> None:
    document = json.loads(cli("score", "--json").stdout)
    bare = {k: v for k, v in document.items() if k not in {"input_problems", "problems"}}
    assert schema_errors(bare) == []


def test_the_report_is_replaced_atomically(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    REPORT.parent.mkdir()
    REPORT.write_text("旧结果\n", encoding="utf-8")
    assert cli("score").exit_code == 0
    assert json.loads(REPORT.read_text(encoding="utf-8"))["city"] == "样例市"
    assert sorted(p.name for p in REPORT.parent.iterdir()) == ["score.json"]
    # A failure while replacing leaves the previous report whole and no temporary file behind.
    REPORT.write_text("旧结果\n", encoding="utf-8")
    import cwassess.fileio

    def refuse(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cwassess.fileio.os, "replace", refuse)
    result = cli("score")
    assert result.exit_code != 0
    assert REPORT.read_text(encoding="utf-8") == "旧结果\n"
    assert sorted(p.name for p in REPORT.parent.iterdir()) == ["score.json"]


@pytest.mark.parametrize("extra", [["--assume", "org-complaints/material/channel-notice"], ["--profile", "veto-2014"]])
def test_what_if_runs_do_not_write_the_report(ws: Path, extra: list[str]) -> None:
    result = cli("score", *extra)
    assert result.exit_code == 0
    assert not REPORT.exists()
    assert "结果已写入" not in result.stdout


def test_assume_raises_the_score(ws: Path) -> None:
    before = json.loads(cli("score", "--json").stdout)
    gaps = ["org-complaints/material/channel-notice", "org-complaints/material/complaint-ledger"]
    after = json.loads(cli("score", "--json", "--assume", gaps[1], "--assume", gaps[0]).stdout)
    assert after["assumed"] == gaps
    assert (before["totals"]["score"], after["totals"]["score"]) == (61.0, 62.0)
    item = next(it for it in after["items"] if it["item"] == "org-complaints")
    assumed = [(f["gap"], f["status"], f["assumed"], f["reason"]) for f in item["findings"] if f["assumed"]]
    assert assumed == [
        ("org-complaints/material/channel-notice", "达标", True, "假设已整改：未提交"),
        ("org-complaints/material/complaint-ledger", "达标", True, "假设已整改：未提交"),
    ]


def test_a_what_if_run_says_so_and_writes_nothing(ws: Path) -> None:
    score_file = ws / "reports" / "score.json"
    score_file.unlink(missing_ok=True)
    lines = cli("score", "--assume", "org-complaints/material/channel-notice").stdout.splitlines()
    assert lines[1] == "假设以下差距已整改（推演结果，未写入 score.json）：org-complaints/material/channel-notice"
    assert not any(line.startswith("结果已写入") for line in lines)
    lines = cli("score", "--profile", "veto-2014").stdout.splitlines()
    assert lines[-1] == "临时追加配置 veto-2014：推演结果，未写入 score.json"
    assert not score_file.exists()


def test_an_unknown_gap_is_a_usage_error(ws: Path) -> None:
    result = cli("score", "--assume", "org-complaints/material/channel-notice", "--assume", "env-roads/nope")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "未知差距编号：env-roads/nope（差距编号见 cwassess score 或 --explain 的输出）\n")


def test_an_unknown_profile_is_a_usage_error(ws: Path) -> None:
    result = cli("score", "--profile", "veto-2041")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "未知配置：veto-2041（可用：scoring-default、veto-2014）\n")
    assert not REPORT.exists()


def test_a_workspace_profile_can_be_named(ws: Path) -> None:
    (ws / "profiles").mkdir()
    (ws / "profiles" / "local.yaml").write_text(
        "id: local\ntitle: 本市配置\nprovenance: {verified: unverified}\nstandard: nhc-2021\nscoring: {scheme: deduction, item_marks: 4}\n", encoding="utf-8"
    )
    result = cli("score", "--json", "--profile", "local")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert (document["profiles"], document["totals"]["marks"]) == (["scoring-default", "local"], 180.0)


def test_a_veto_profile_fails_the_verdict(ws: Path) -> None:
    document = json.loads(cli("score", "--json", "--profile", "veto-2014").stdout)
    assert (document["veto_failed"], document["profiles"]) == (True, ["scoring-default", "veto-2014"])
    vetoes = {v["id"]: (v["status"], v["reason"]) for v in document["vetoes"]}
    assert vetoes["veto-2014-01"] == ("通过", "满足")  # the regulation is there; the normative document does not apply
    assert vetoes["veto-2014-03"] == ("缺材料", "缺 城市生活垃圾无害化处理率")
    assert vetoes["veto-2014-09"] == ("通过", "满足")
    failed = [v for v in document["vetoes"] if v["status"] != "通过"]
    assert len([r for r in document["verdict_reasons"] if r.startswith("一票否决")]) == len(failed) == 9


EXPLAIN = """\
（五）建议投诉渠道畅通，群众对卫生状况满意  [org-complaints]
状态：不达标  得分 2.5 / 4，失分 1.5  牵头：样例市爱国卫生运动委员会办公室
1. [达标] 指标 2 群众对卫生状况满意率  （规则 threshold，编号 org-complaints/indicator/satisfaction-rate）
   要求：≥ 90%（2014版·二手来源）
   结果：2026年 93.5%，达到要求
   证据：ws/evidence/aiweiban/manifest.yaml:3 aiweiban 填报：2026年 93.5（第三方满意度调查）
2. [达标] 调查：群众对卫生状况满意率  （规则 survey_rate，编号 org-complaints/survey/satisfaction-rate）
   要求：最近一年的调查，样本不少于 1000
   结果：样本 1200，满足要求
   证据：ws/evidence/aiweiban/manifest.yaml:39 aiweiban 2026年 第三方电话调查，样本 1200，93.5%
3. [缺材料] 材料：投诉渠道公布截图或文件  （规则 document_present，编号 org-complaints/material/channel-notice）
   要求：[宣传] 当年 1 份，格式 pdf/jpg/png
   结果：未提交
   扣分：缺少必备材料扣 0.5 分
   证据：无
4. [缺材料] 材料：群众投诉受理与办结台账  （规则 document_present，编号 org-complaints/material/complaint-ledger）
   要求：[台账] 近3年每年 1 份，格式 pdf/ofd/xlsx
   结果：未提交
   扣分：缺少必备材料扣 0.5 分
   证据：无
5. [缺材料] 材料：群众对卫生状况满意度调查报告（第三方，含方法与样本量）  （规则 document_present，编号 org-complaints/material/satisfaction-survey）
   要求：[数据] 近1年 1 份，格式 pdf/ofd
   结果：未提交
   扣分：缺少必备材料扣 0.5 分
   证据：无
6. [缺材料] 要点：畅通爱国卫生建议和投诉渠道（热线、网络等）  （规则 material_set，编号 org-complaints/set/channels）
   要求：必备材料成套
   结果：缺 1 项：投诉渠道公布截图或文件
   证据：无
7. [缺材料] 要点：认真核实和解决群众反映的问题  （规则 material_set，编号 org-complaints/set/handling）
   要求：必备材料成套
   结果：缺 1 项：群众投诉受理与办结台账
   证据：无
8. [缺材料] 要点：群众对卫生状况满意  （规则 material_set，编号 org-complaints/set/satisfaction）
   要求：必备材料成套
   结果：缺 1 项：群众对卫生状况满意度调查报告（第三方，含方法与样本量）
   证据：无
"""


@pytest.mark.parametrize("query", ["org-complaints", "5", "（五）"])
def test_explain_prints_the_finding_trail(ws: Path, query: str) -> None:
    result = cli("score", "--explain", query)
    assert (result.exit_code, result.stdout, result.stderr) == (0, EXPLAIN, "")


def test_explain_shows_deductions_evidence_and_waivers(ws: Path) -> None:
    result = cli("score", "--explain", "env-waste-sorting")
    out = result.stdout.splitlines()
    port = out.index("   要求：仅适用于：建有港口")
    assert out[port - 1 : port + 3] == [
        "7. [不适用] 材料：船舶污染物接收、转运、处置联合监管制度  （规则 conditional，编号 env-waste-sorting/material/port-system）",
        "   要求：仅适用于：建有港口",
        "   结果：本市不满足适用条件（建有港口）",
        "   豁免：port-none",
    ]
    roads = cli("score", "--explain", "env-roads").stdout.splitlines()
    start = roads.index("   结果：人民路 88 号门前堆放杂物")
    assert roads[start - 2 : start + 3] == [
        "15. [基本达标] 现场问题：主次干道「人民路」乱堆乱摆  （规则 sampled_sites，编号 env-roads/site/aiweiban/q1-001/1）",
        "   要求：现场无问题点",
        "   结果：人民路 88 号门前堆放杂物",
        "   扣分：“乱堆乱摆”每处扣 0.2 分",
        "   证据：ws/inspections/2027-q1.yaml:3 模拟暗访 2027-02-10 东城区 周建华",
    ]


def test_explain_json(ws: Path) -> None:
    result = cli("score", "--explain", "org-complaints", "--json")
    assert result.exit_code == 0
    item = json.loads(result.stdout)
    assert (item["item"], item["status"], item["score"], item["marks"], len(item["findings"])) == ("org-complaints", "不达标", 2.5, 4.0, 8)


def test_explain_an_unknown_item(ws: Path) -> None:
    result = cli("score", "--explain", "org-complaint")
    assert (result.exit_code, result.stderr) == (2, "找不到条目“org-complaint”\n")


def test_input_errors_exit_1_but_still_score(ws: Path) -> None:
    path = ws / "evidence" / "chengguan" / "manifest.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"2026": 100', '"2026": 一百'), encoding="utf-8")
    result = cli("score")
    assert result.exit_code == 1
    out = result.stdout.splitlines()
    assert out[1] == "结论：不通过    得分 61 / 180（33.9%）"  # env-roads had lost its 4 marks already
    assert out[-2:] == ["输入有 1 个错误、0 个警告（有错误的记录未计入），详见 cwassess evidence check。", "结果已写入 ws/reports/score.json"]
    document = json.loads(cli("score", "--json").stdout)
    assert document["input_problems"] == {"errors": 1, "warnings": 0}
    assert [p["message"] for p in document["problems"]] == ["无法识别的数值“一百”"]
    # Only the bad value is dropped: 2025 (99%) is now the latest year and fails.
    roads = next(it for it in document["items"] if it["item"] == "env-roads")
    light = next(f for f in roads["findings"] if f["gap"] == "env-roads/indicator/road-lighting-rate")
    assert (light["status"], light["reason"]) == ("不达标", "2025年 99%，未达到要求")
