"""Importing 责任分解表 files into a workspace: every fixture format, the plan, atomic writes, the round trip."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cwassess.claims.export_xlsx import write_workbook
from cwassess.claims.import_table import apply_plan, claims_file_problems, prepare_import
from cwassess.loading import Workspace, load_workspace
from cwassess.models.claims import Claim, ClaimsFile

FIXTURES = Path(__file__).parent.parent / "fixtures" / "claims-tables"




@pytest.fixture
def ws(seeded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    root = tmp_path / "ws"
    shutil.copytree(seeded, root)
    monkeypatch.chdir(tmp_path)
    return load_workspace(root)


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def plan_summary(result) -> list[tuple[str, str, str, str]]:  # type: ignore[no-untyped-def]
    return [(d.department, c.kind, c.item, c.role) for d in result.plan.departments for c in d.changes]


def claims_of(ws: Workspace, dept: str) -> list[Claim]:
    return next(c.claims for c in load_workspace(ws.root).claims if c.department == dept)


def test_handmade_xlsx_with_merged_cells(ws: Workspace) -> None:
    result = prepare_import(ws, FIXTURES / "handmade.xlsx", "handmade.xlsx")
    assert [p.render() for p in result.problems] == [
        "handmade.xlsx:10:8: 警告: 任务分解表!H10（完成时限）: 达标时间“长期坚持”不是具体日期，未设定达标时间（按评估日期）"
    ]
    assert (result.rows, result.valid_rows, result.invalid_rows, result.skipped_rows) == (6, 6, 0, 0)
    assert plan_summary(result) == [
        ("aiweiban", "change", "org-agenda", "lead"),
        ("aiweiban", "change", "org-committee", "lead"),
        ("aiweiban", "change", "org-annual-work", "lead"),
        ("zhujian", "change", "env-greening", "lead"),
        ("yuanlin", "change", "env-greening", "support"),
        ("shengtai", "add", "org-health-policy", "support"),
        ("yingji", "remove", "org-health-policy", "support"),
    ]
    details = [c.render() for d in result.plan.departments for c in d.changes]
    assert details[0] == "变更 （一）纳入议事日程、发展规划、绩效考核和爱国卫生法规 ［牵头］：达标时间：未设定 → 2027-05-31；责任人：未填写 → 张三；分管市领导：未填写 → 王副市长"
    written, backup, problems = apply_plan(ws, result.plan, dt.datetime(2027, 3, 1, 9, 30, 0))
    assert problems == []
    assert written == [f"ws/claims/{d}.yaml" for d in ("aiweiban", "zhujian", "yuanlin", "shengtai", "yingji")]
    assert backup == "ws/.cwassess/history/claims-20270301-093000"
    assert claims_of(ws, "aiweiban")[0] == Claim(
        item="org-agenda", role="lead", deadline=dt.date(2027, 5, 31), contact="张三", leader="王副市长"
    )
    after = load_workspace(ws.root)
    assert after.ok
    # importing the same table again changes nothing
    assert prepare_import(after, FIXTURES / "handmade.xlsx", "handmade.xlsx").plan.empty


def test_gbk_csv(ws: Workspace) -> None:
    result = prepare_import(ws, FIXTURES / "tasks-gbk.csv", "tasks-gbk.csv")
    assert result.problems == []
    assert plan_summary(result) == [
        ("aiweiban", "change", "org-complaints", "lead"),
        ("chengguan", "change", "env-roads", "lead"),
        ("caizheng", "add", "env-roads", "support"),
    ]


def test_utf8_bom_csv(ws: Workspace) -> None:
    result = prepare_import(ws, FIXTURES / "tasks-bom.csv", "tasks-bom.csv")
    assert result.problems == []
    assert sorted(d for d, kind, item, _ in plan_summary(result) if kind == "remove" and item == "edu-network") == [
        "jiaoyu",
        "jiedao",
        "rongmeiti",
        "xuanchuan",
        "zhongyiyao",
    ]


def test_xls(ws: Workspace) -> None:
    result = prepare_import(ws, FIXTURES / "tasks.xls", "tasks.xls")
    assert result.problems == []
    assert (result.rows, result.valid_rows) == (2, 2)
    assert ("weijianwei", "change", "edu-tobacco", "lead") in plan_summary(result)
    assert ("jiguan", "remove", "edu-tobacco", "support") in plan_summary(result)
    assert not any(item == "edu-fitness" for _, _, item, _ in plan_summary(result))  # （八）as the number 8: unchanged


def test_formulas_read_cached_values(ws: Workspace) -> None:
    result = prepare_import(ws, FIXTURES / "formulas.xlsx", "formulas.xlsx")
    assert result.problems == []
    [dept] = result.plan.departments
    assert dept.department == "tiyu" and [c.render() for c in dept.changes] == ["变更 （八）全民健身 ［牵头］：达标时间：未设定 → 2027-05-31"]


def test_round_trip_of_a_seeded_workspace_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write_workbook(path, ws.standard, ws.city, ws.claims)
    result = prepare_import(ws, path, "out.xlsx")
    assert result.problems == [] and result.plan.empty
    assert (result.rows, result.valid_rows) == (45, 45)


NAME = st.text(alphabet="张王李赵周吴郑一二三副市长局科=+-@ 0123456789ABC（）()、", min_size=1, max_size=12).map(str.strip).filter(bool)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_round_trip_property(ws: Workspace, tmp_path: Path, data: st.DataObject) -> None:
    """Whatever the claims say (one lead per item), exporting then importing plans no change."""
    files = {c.department: list(c.claims) for c in ws.claims}
    for _ in range(data.draw(st.integers(0, 8))):
        dept = data.draw(st.sampled_from(sorted(files)))
        if not files[dept]:
            continue
        index = data.draw(st.integers(0, len(files[dept]) - 1))
        claim = files[dept][index]
        update: dict[str, object] = {}
        if claim.role == "lead":
            update = {
                "deadline": data.draw(st.none() | st.dates(dt.date(2020, 1, 1), dt.date(2035, 12, 31))),
                "contact": data.draw(st.none() | NAME),
                "leader": data.draw(st.none() | NAME),
            }
        files[dept][index] = claim.model_copy(update=update)
    claims = [ClaimsFile(department=d, claims=c) for d, c in files.items()]
    changed = Workspace(root=ws.root, city=ws.city, standard=ws.standard, claims=claims)
    path = tmp_path / "prop.xlsx"
    write_workbook(path, ws.standard, ws.city, claims)
    result = prepare_import(changed, path, "prop.xlsx")
    assert [p for p in result.problems if p.severity == "error"] == []
    assert result.plan.empty, [c.render() for d in result.plan.departments for c in d.changes]


def test_stale_or_foreign_templates(ws: Workspace, tmp_path: Path) -> None:
    def workbook(meta: dict[str, str]) -> Path:
        path = tmp_path / f"{len(meta)}-{'-'.join(meta.values())}.xlsx"
        book = xlsxwriter.Workbook(str(path))
        sheet = book.add_worksheet("表")
        sheet.write_row(0, 0, ["内容", "牵头部门"])
        sheet.write_row(1, 0, ["（一）", "爱卫办"])
        hidden = book.add_worksheet("_meta")
        for r, (k, v) in enumerate(meta.items()):
            hidden.write_row(r, 0, [k, v])
        hidden.hide()
        book.close()
        return path

    stale = prepare_import(ws, workbook({"template": "cwassess-claims", "edition": "nhc-2014"}), "old.xlsx")
    assert [p.render() for p in stale.problems] == ["old.xlsx: 错误: 此表按标准“nhc-2014”导出，当前工作区使用“nhc-2021”，请重新导出后填写"]
    assert not stale.readable
    foreign = prepare_import(ws, workbook({"template": "cwassess-ledger"}), "ledger.xlsx")
    assert [p.render() for p in foreign.problems] == ["ledger.xlsx: 错误: 此文件不是责任分解表（模板“cwassess-ledger”）"]


def test_header_without_rows(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "head.csv"
    path.write_text("内容,牵头部门\n", encoding="utf-8")
    result = prepare_import(ws, path, "head.csv")
    assert [p.render() for p in result.problems] == ["head.csv: 错误: 表头下没有任何数据行"]
    assert not result.readable


def test_invalid_rows_are_counted_and_left_out_of_the_plan(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text("内容,牵头部门,配合部门,达标时间\n（一）,爱卫办,,2027-05-31\n（二）,城管,,\n二、健康教育,,,\n（三）,爱卫办,,明年\n", encoding="utf-8")
    result = prepare_import(ws, path, "mixed.csv")
    assert [p.render() for p in result.problems] == [
        "mixed.csv:3:2: 错误: B3（牵头部门）: 未知部门“城管”，是否想写“chengguan（城管局）”？",
        "mixed.csv:5:4: 错误: D5（达标时间）: 无法识别的日期“明年”（应为：日期，如 2027-05-31 或 2027年5月31日）",
    ]
    assert (result.rows, result.valid_rows, result.invalid_rows, result.skipped_rows) == (4, 1, 2, 1)
    assert {c.item for d in result.plan.departments for c in d.changes} == {"org-agenda"}


def test_apply_is_all_or_nothing(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    result = prepare_import(ws, FIXTURES / "handmade.xlsx", "handmade.xlsx")
    before = snapshot(ws.root)
    real_replace = os.replace
    calls = {"n": 0}

    def flaky_replace(src, dst):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise PermissionError(13, "Permission denied", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", flaky_replace)
    written, backup, problems = apply_plan(ws, result.plan)
    assert (written, backup) == ([], None)
    assert [p.render() for p in problems] == ["ws/claims/yuanlin.yaml: 错误: 无法写入认领文件，未做任何改动：没有写入权限"]
    after = snapshot(ws.root)
    assert {k: v for k, v in after.items() if not k.startswith(".cwassess")} == before
    assert not list((ws.root / "claims").glob(".*.tmp"))


def test_new_claims_file_for_a_department_without_one(ws: Workspace, tmp_path: Path) -> None:
    (ws.root / "claims" / "sifa.yaml").unlink()
    workspace = load_workspace(ws.root)
    path = tmp_path / "t.csv"
    path.write_text("内容,牵头部门,配合部门\n（一）,爱卫办,政府办、发改委、考核办、司法局、人大法工委\n", encoding="utf-8")
    result = prepare_import(workspace, path, "t.csv")
    [dept] = result.plan.departments
    assert (dept.department, dept.existed) == ("sifa", False)
    written, backup, problems = apply_plan(workspace, result.plan)
    assert (written, backup, problems) == (["ws/claims/sifa.yaml"], None, [])
    text = (ws.root / "claims" / "sifa.yaml").read_text(encoding="utf-8")
    assert "department: sifa\nclaims:\n- item: org-agenda\n  role: support\n" in text
    assert text.startswith("# yaml-language-server: $schema=")


def test_broken_claims_files_block_the_import(ws: Workspace) -> None:
    (ws.root / "claims" / "aiweiban.yaml").write_text("department: aiweiban\nclaims: [\n", encoding="utf-8")
    problems = claims_file_problems(load_workspace(ws.root))
    assert [p.file for p in problems] == ["ws/claims/aiweiban.yaml"]
