"""cwassess standard lint: exit codes, exact output lines, --json, and no traceback from the real console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.broken_cases import BROKEN_CASES, Case
from tests.helpers import BROKEN, BUNDLED, MINI, REPO, lines, run_cli

CASES = {case.fixture: case for case in BROKEN_CASES}


def _assert_no_crash(result) -> None:  # type: ignore[no-untyped-def]
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


def _break(mini: Path, case: Case) -> None:
    shutil.copyfile(BROKEN / case.fixture, mini / case.target)


def _summary_ok(sections: int, items: int, indicators: int, targets: int, profiles: int) -> str:
    return f"检查通过：{sections} 个方面，{items} 条，{indicators} 项指标（另 {targets} 项规划目标），{profiles} 个配置"


def test_bundled_standard_passes(tmp_path: Path) -> None:
    profiles = len(list((BUNDLED / "profiles").glob("*.yaml")))
    result = run_cli("standard", "lint", str(BUNDLED))
    _assert_no_crash(result)
    assert (result.exit_code, result.stdout) == (0, _summary_ok(7, 45, 65, 6, profiles) + "\n")


def test_default_is_the_bundled_standard(tmp_path: Path) -> None:
    profiles = len(list((BUNDLED / "profiles").glob("*.yaml")))
    result = run_cli("--workspace", str(tmp_path), "standard", "lint")
    assert (result.exit_code, result.stdout) == (0, _summary_ok(7, 45, 65, 6, profiles) + "\n")


def test_mini_standard_passes(mini: Path) -> None:
    result = run_cli("standard", "lint", "mini")
    assert (result.exit_code, result.stdout, result.stderr) == (0, _summary_ok(2, 3, 3, 1, 1) + "\n", "")


def test_a_file_inside_the_standard_lints_the_whole_standard(mini: Path) -> None:
    result = run_cli("standard", "lint", "mini/sections/b.yaml")
    assert (result.exit_code, result.stdout) == (0, _summary_ok(2, 3, 3, 1, 1) + "\n")


def test_workspace_copy_of_the_standard_is_used(mini_workspace: Path) -> None:
    result = run_cli("--workspace", "ws", "standard", "lint")
    assert (result.exit_code, result.stdout) == (0, _summary_ok(2, 3, 3, 1, 1) + "\n")


@pytest.mark.parametrize(
    "fixture",
    [
        "01-syntax-unclosed-quote.yaml",
        "07-unknown-field-suggestion.yaml",
        "11-duplicate-item-id.yaml",
        "21-unknown-department.yaml",
        "30-alias-bomb.yaml",
        "31-custom-tag-python-object.yaml",
        "34-mixed-utf8-gbk.yaml",
        "41-counts-mismatch.yaml",
    ],
)
def test_broken_copy_fails_with_every_problem(mini: Path, fixture: str) -> None:
    case = CASES[fixture]
    _break(mini, case)
    result = run_cli("standard", "lint", "mini")
    _assert_no_crash(result)
    assert result.exit_code == 1
    out = lines(result.stdout)
    assert sorted(out[:-1]) == sorted(case.expected)
    assert out[-1] == f"检查未通过：{len(case.expected)} 个错误，0 个警告"


def test_problems_are_printed_in_file_line_order(mini: Path) -> None:
    _break(mini, CASES["41-counts-mismatch.yaml"])
    shutil.copyfile(BROKEN / "21-unknown-department.yaml", mini / "sections/b.yaml")
    shutil.copyfile(BROKEN / "26-unit-mismatch-rule.yaml", mini / "indicators.yaml")
    result = run_cli("standard", "lint", "mini")
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "mini/indicators.yaml:15:7: 错误: indicators.0.rule.unit: 规则单位与指标“群众对卫生状况满意率”的单位不一致（应为：%；实际：‰）",
        "mini/sections/b.yaml:15:5: 错误: items.0.lead: 未知部门“jikongg”，是否想写“jikong（疾控中心）”？",
        "mini/standard.yaml:10:25: 错误: expected.items: 条目数量与标准不符（应为：4；实际：3）",
        "mini/standard.yaml:10:50: 错误: expected.planning_targets: 规划目标数量与标准不符（应为：0；实际：1）",
        "检查未通过：4 个错误，0 个警告",
    ]


def test_warnings_alone_pass(mini: Path) -> None:
    _break(mini, CASES["22-department-alias.yaml"])
    result = run_cli("standard", "lint", "mini")
    assert (result.exit_code, lines(result.stdout)) == (
        0,
        [
            "mini/sections/b.yaml:15:5: 警告: items.0.lead: 请用部门代码“jikong”代替名称“疾病预防控制中心”",
            _summary_ok(2, 3, 3, 1, 1) + "；1 个警告",
        ],
    )


def test_errors_and_warnings_are_counted(mini: Path) -> None:
    _break(mini, CASES["22-department-alias.yaml"])
    _break(mini, CASES["41-counts-mismatch.yaml"])
    result = run_cli("standard", "lint", "mini")
    assert result.exit_code == 1
    assert lines(result.stdout)[-1] == "检查未通过：2 个错误，1 个警告"


def test_json_for_a_broken_standard(mini: Path) -> None:
    _break(mini, CASES["21-unknown-department.yaml"])
    result = run_cli("standard", "lint", "--json", "mini")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "ok": False,
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "code": "ref.department",
                "message": "未知部门“jikongg”，是否想写“jikong（疾控中心）”？",
                "severity": "error",
                "file": "mini/sections/b.yaml",
                "line": 15,
                "column": 5,
                "key": "items.0.lead",
            }
        ],
    }


def test_json_for_a_clean_standard(mini: Path) -> None:
    result = run_cli("standard", "lint", "--json", "mini")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "ok": True,
        "errors": 0,
        "warnings": 0,
        "counts": {"sections": 2, "items": 3, "indicators": 3, "planning_targets": 1, "profiles": 1},
        "problems": [],
    }


def test_missing_path_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("standard", "lint", "nope")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "路径不存在：nope\n")


def test_folder_without_standard_yaml_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)
    result = run_cli("standard", "lint", "empty")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "empty 不是标准目录：找不到 standard.yaml\n")


def test_a_profile_outside_the_standard_is_linted_against_the_workspace_standard(mini_workspace: Path) -> None:
    profile = (MINI / "profiles/p.yaml").read_text(encoding="utf-8").replace("    item: org-plan\n", "    item: org-plann\n")
    Path("extra.yaml").write_text(profile, encoding="utf-8")
    result = run_cli("--workspace", "ws", "standard", "lint", "extra.yaml")
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "extra.yaml:18:5: 错误: vetoes.0.item: 未知条目“org-plann”，是否想写“org-plan”？",
        "检查未通过：1 个错误，0 个警告",
    ]


def test_the_workspace_profiles_are_linted_with_its_standard(mini_workspace: Path) -> None:
    (mini_workspace / "city.yaml").write_text("name: 测试市\nkind: city\npopulation_wan: 120\nassessment_date: 2027-06-30\n", encoding="utf-8")
    (mini_workspace / "profiles").mkdir()
    profile = (MINI / "profiles/p.yaml").read_text(encoding="utf-8").replace("    item: org-plan\n", "    item: org-plann\n")
    (mini_workspace / "profiles" / "province.yaml").write_text(profile, encoding="utf-8")
    result = run_cli("--workspace", "ws", "standard", "lint")
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "ws/profiles/province.yaml:18:5: 错误: vetoes.0.item: 未知条目“org-plann”，是否想写“org-plan”？",
        "检查未通过：1 个错误，0 个警告",
    ]


def test_a_null_standard_yaml_does_not_pass(mini: Path) -> None:
    """BUG: a standard.yaml that is just `~` loads to nothing without a problem, and lint prints 检查通过."""
    (mini / "standard.yaml").write_text("~\n", encoding="utf-8")
    result = run_cli("standard", "lint", "mini")
    assert result.exit_code == 1
    assert lines(result.stdout) == [
        "mini/standard.yaml:1:1: 错误: 文件顶层应为映射（“键: 值”）（实际：None）",
        "检查未通过：1 个错误，0 个警告",
    ]


def test_values_are_printed_verbatim(mini: Path) -> None:
    """BUG: rich's emoji codes are on (console.py make_console), so the value "1:100:2" is printed as "1💯2"."""
    path = mini / "sections/a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("    scope: 辖区\n", '    scope: "1:100:2"\n'), encoding="utf-8")
    result = run_cli("standard", "lint", "mini")
    assert result.exit_code == 1
    assert lines(result.stdout)[0].endswith("；实际：1:100:2）")


# --- the real console script ---------------------------------------------------------------------------------

CONSOLE_SCRIPT = Path(sys.executable).parent / "cwassess"
SUBPROCESS_FIXTURES = [
    "01-syntax-unclosed-quote.yaml",
    "30-alias-bomb.yaml",
    "31-custom-tag-python-object.yaml",
    "35-nul-byte.yaml",
    "39-deep-nesting.yaml",
]


@pytest.mark.skipif(not CONSOLE_SCRIPT.is_file(), reason="console script not installed")
@pytest.mark.parametrize("fixture", [*SUBPROCESS_FIXTURES, "bool-tag-bad-value"])
def test_console_script_never_prints_a_traceback(mini: Path, fixture: str) -> None:
    if fixture in CASES:
        _break(mini, CASES[fixture])
    else:  # regression: `!!bool maybe` once raised KeyError inside parse_yaml_text -> 内部错误, exit 3
        path = mini / "sampling.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("    category: 重点场所\n", "    category: !!bool maybe\n", 1), encoding="utf-8")
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("CWASSESS_WORKSPACE", None)
    proc = subprocess.run(
        [str(CONSOLE_SCRIPT), "standard", "lint", "mini"], capture_output=True, text=True, env=env, timeout=60
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "内部错误" not in proc.stderr
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[-1].startswith("检查未通过：")


def test_console_script_is_the_fast_entry() -> None:
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'cwassess = "cwassess.entry:run"' in text


def test_a_long_missing_path_is_printed_on_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """BUG: usage errors are printed by rich without soft_wrap, so at 100 columns a long path is cut by newlines."""
    monkeypatch.chdir(tmp_path)
    name = "一个很长的目录名称" * 8 + "/standard"
    result = run_cli("standard", "lint", name)
    assert (result.exit_code, result.stderr) == (2, f"路径不存在：{name}\n")
