"""The example city's reports, rendered for real: the PDF text says what score.json says (Chinese content and
every headline number), the fonts are Simplified Chinese, a page renders to PNG, the workbooks are styled.

Works on whatever evidence the example workspace holds: every expectation is read from the score.json that
`cwassess report` writes beside the reports.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pdfminer.converter import TextConverter
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage

from cwassess.render.fetcher import LockedFetcher
from cwassess.render.pdf import render_pdf
from cwassess.render.templates import cn_date, days_text, gb_number, num, pct
from cwassess.reports.checklist import build_checklist
from cwassess.reports.common import ReportInputs
from cwassess.reports.gap import build_gap_report
from cwassess.reports.write import CHECKLIST_NAME, GAP_NAME, gap_html, plan_reports
from tests.helpers import CLI_ENV, REPO
from tests.reports.conftest import score_workspace

TODAY = "2026-11-29"
WORKSPACE_PARTS = ("city.yaml", "claims", "evidence", "inspections", "waivers.yaml", "profiles", "overlays")


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example workspace copied, `cwassess report --format json` run on it, then the gap report and the
    checklist rendered in every format from the same inputs and date."""
    from typer.testing import CliRunner

    from cwassess.cli import app

    root = tmp_path_factory.mktemp("example") / "ws"
    root.mkdir()
    for part in WORKSPACE_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        elif source.is_file():
            shutil.copy2(source, root / part)
    result = CliRunner().invoke(app, ["--workspace", str(root), "report", "--format", "json"], env={**CLI_ENV, "CWASSESS_TODAY": TODAY})
    assert result.exit_code in (0, 1), result.output
    score = json.loads((root / "reports" / "score.json").read_text(encoding="utf-8"))
    import datetime as dt

    inputs = score_workspace(root, dt.date.fromisoformat(TODAY))
    jobs = [j for j in plan_reports(inputs, root, ["html", "pdf", "xlsx"]) if j.report in {"gap", "checklist"}]
    written = {(w.report, w.format): w for w in (job.run() for job in jobs)}
    return {"root": root, "score": score, "inputs": inputs, "written": written}


def stream_text(data: bytes) -> str:
    """The PDF's text in drawing order (pdfminer without layout analysis), whitespace removed: WeasyPrint draws
    a table row by row and a cell's lines together, so a row reads as its cells one after another."""
    out = io.StringIO()
    manager = PDFResourceManager()
    device = TextConverter(manager, out, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    for page in PDFPage.get_pages(io.BytesIO(data)):
        interpreter.process_page(page)
    return squash(out.getvalue())


def pdf_text(example: dict[str, Any], report: str) -> str:
    return stream_text(example["written"][(report, "pdf")].path.read_bytes())


def test_same_numbers_as_the_command_wrote(example: dict[str, Any]) -> None:
    score, inputs = example["score"], example["inputs"]
    assert inputs.result.model_dump(mode="json") == {k: v for k, v in score.items() if k != "input_problems"}


def test_gap_pdf_says_what_score_json_says(example: dict[str, Any]) -> None:
    s = example["score"]
    text = pdf_text(example, "gap")
    t, b = s["totals"], s["totals_before_waivers"]
    kind = "国家卫生城市" if s["kind"] == "city" else "国家卫生县"
    for expected in (
        f"{s['city']}创建{kind}差距分析报告",
        f"报告日期{cn_date(s['today'])}评估日期{cn_date(s['assessment_date'])}倒计时{squash(days_text(s['days_left']))}模拟结论{s['verdict']}",
        f"总得分{num(t['score'])}/{num(t['marks'])}分（{pct(t['ratio'])}）一票否决{'有未通过项' if s['veto_failed'] else '全部通过'}",
        f"豁免后得分{num(t['score'])}/{num(t['marks'])}分（{pct(t['ratio'])}）豁免前得分{num(b['score'])}/{num(b['marks'])}分（{pct(b['ratio'])}）",
        squash(days_text(s["days_left"])),
        f"模拟结论：{s['verdict']}总得分{num(t['score'])}/{num(t['marks'])}分，得分率{pct(t['ratio'])}",
        f"豁免前得分{num(b['score'])}/{num(b['marks'])}分（{pct(b['ratio'])}），豁免后得分{num(t['score'])}/{num(t['marks'])}分（{pct(t['ratio'])}）",
        f"共有豁免{len(s['waivers'])}项，其中有效{sum(w['active'] for w in s['waivers'])}项",
        f"共{len(s['gaps'])}项差距",
        "目录",
        "一、总体情况",
        "三、未达标条目及原因",
        "五、部门排名",
        "七、说明",
    ):
        assert expected in text, expected
    for reason in s["verdict_reasons"]:
        assert squash(reason) in text, reason
    for section in s["sections"]:
        st = section["totals"]
        assert f"{section['number']}、{section['title']}" in text
        assert f"{num(st['score'])}/{num(st['marks'])}（{pct(st['ratio'])}）" in text  # the chart's label
    for veto in s["vetoes"]:
        assert squash(veto["title"]) in text
    not_met = [it for it in s["items"] if it["status"] in {"不达标", "缺材料", "基本达标", "未评估"}]
    assert f"共{len(not_met)}条未达标" in text
    for it in not_met:
        assert f"第{it['label']}条{squash(it['title'])}" in text
        assert f"得分{num(it['score'])}/{num(it['marks'])}分" in text
    if s["unverified_items"]:
        assert f"条文未经原文核实的条目（{len(s['unverified_items'])}条）" in text
    pages = example["written"][("gap", "pdf")].pages
    assert f"第2页共{pages}页" in text and f"第{pages}页共{pages}页" in text


def test_gap_pdf_tables_row_by_row(example: dict[str, Any]) -> None:
    s = example["score"]
    text = pdf_text(example, "gap")
    names = example["inputs"].names
    for n, veto in enumerate(s["vetoes"], start=1):
        assert f"{n}{squash(veto['title'])}" in text and squash(veto["reason"]) in text
    t = s["totals"]
    counts = t["counts"]
    for section in s["sections"]:
        st, c = section["totals"], section["totals"]["counts"]
        row = f"{section['number']}、{section['title']}{num(st['score'])}{num(st['marks'])}{pct(st['ratio'])}{c['达标']}{c['基本达标']}{c['缺材料']}{c['不达标']}{c['不适用']}"
        assert row in text, row
    assert f"合计{num(t['score'])}{num(t['marks'])}{pct(t['ratio'])}{counts['达标']}{counts['基本达标']}{counts['缺材料']}{counts['不达标']}{counts['不适用']}" in text
    for g in s["gaps"][:20]:
        assert f"{num(g['points_at_stake'])}第{g['label']}条" in text and squash(g["subject"]) in text
    for d in s["departments"]:
        lead = f"{num(d['lead_score'])}/{num(d['lead_marks'])}" if d["lead_marks"] else "—"
        row = f"{d['rank']}{squash(names[d['code']])}{len(d['lead_items'])}{lead}{pct(d['lead_ratio'])}{len(d['support_items'])}{d['gaps']}{num(d['points_lost'])}"
        assert row in text, row


def test_checklist_pdf(example: dict[str, Any]) -> None:
    text = pdf_text(example, "checklist")
    c = build_checklist(example["inputs"])
    assert "迎评材料缺口清单" in text
    assert f"标准要求的材料共{c.materials}项：" + "，".join(f"{k}{v}项" for k, v in c.counts.items()) in text
    for n, d in enumerate(c.departments, start=1):
        assert f"{gb_number(n, 2)}{squash(d.name)}" in text  # （一）示例市爱卫办 …
        assert f"待补交{d.open}项：缺失{d.counts['缺失']}、已过期{d.counts['已过期']}、已提交未齐{d.counts['已提交']}" in text


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="pdffonts（poppler-utils）未安装")
def test_fonts_are_simplified_chinese(example: dict[str, Any]) -> None:
    for report in ("gap", "checklist"):
        fonts = subprocess.run(["pdffonts", str(example["written"][(report, "pdf")].path)], capture_output=True, text=True, check=True).stdout
        assert "Noto-Sans-CJK-SC" in fonts and "Noto-Sans-CJK-SC-Bold" in fonts
        assert "-JP" not in fonts
        rows = fonts.splitlines()[2:]
        assert rows and all(" yes " in row for row in rows)  # every font embedded


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm（poppler-utils）未安装，跳过渲染成图片的检查")
def test_a_page_renders_to_png(example: dict[str, Any], tmp_path: Path) -> None:
    path = example["written"][("gap", "pdf")].path
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "3", str(path), str(tmp_path / "page")], check=True)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == 3
    for png in pngs:
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_html_is_self_contained(example: dict[str, Any]) -> None:
    import re

    for report in ("gap", "checklist"):
        html = example["written"][(report, "html")].path.read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in html and "<style>" in html
        assert "<link" not in html and "<script" not in html and "<img" not in html
        assert all(ref.startswith("#") for ref in re.findall(r'(?:src|href)="([^"]*)"', html))


def test_gap_workbook(example: dict[str, Any]) -> None:
    s = example["score"]
    wb = openpyxl.load_workbook(example["written"][("gap", "xlsx")].path)
    assert wb.sheetnames == ["总体情况", "各方面得分", "未达标条目", "问题明细", "差距排序", "部门排名", "一票否决", "豁免", "未核实"]
    facts = {row[0].value: row[1].value for row in wb["总体情况"].iter_rows(min_row=4) if row[0].value}
    assert facts["模拟结论"] == s["verdict"]
    assert facts["总得分"] == s["totals"]["score"] and facts["满分"] == s["totals"]["marks"] and facts["得分率"] == s["totals"]["ratio"]
    assert facts["豁免前得分"] == s["totals_before_waivers"]["score"] and facts["差距"] == len(s["gaps"])
    details = wb["问题明细"]
    assert details.freeze_panes == "D4" and details.auto_filter.ref
    failing = [f for it in s["items"] if it["status"] in {"不达标", "缺材料", "基本达标", "未评估"} for f in it["findings"] if f["status"] in {"不达标", "缺材料", "基本达标"}]
    assert details.max_row - 3 == len(failing) or (not failing and details.max_row == 3)
    ranking = wb["部门排名"]
    assert [ranking.cell(row=4 + n, column=10).value for n in range(len(s["departments"]))] == [d["code"] for d in s["departments"]]
    assert ranking.freeze_panes == "C4"
    gaps = wb["差距排序"]
    assert [gaps.cell(row=4 + n, column=2).value for n in range(len(s["gaps"]))] == [g["points_at_stake"] for g in s["gaps"]]
    colours = {r.formula[0] for cf in wb["未达标条目"].conditional_formatting for r in cf.rules}
    assert {'"不达标"', '"缺材料"', '"基本达标"', '"达标"'} <= colours


def test_checklist_workbook(example: dict[str, Any]) -> None:
    wb = openpyxl.load_workbook(example["written"][("checklist", "xlsx")].path)
    assert wb.sheetnames == ["汇总", "材料清单"]
    ws = wb["材料清单"]
    assert ws.freeze_panes == "E4" and ws.auto_filter.ref.startswith("A3:")
    states = {ws.cell(row=r, column=8).value for r in range(4, ws.max_row + 1)}
    assert states <= {"缺失", "已提交", "已采纳", "已过期", "不适用"}
    assert (example["root"] / "reports" / f"{GAP_NAME}.json").is_file() and (example["root"] / "reports" / f"{CHECKLIST_NAME}.json").is_file()


def test_hostile_evidence_text_is_printed_never_fetched(inputs: ReportInputs, fixture_ws: Path) -> None:
    """The fixture's evidence title and waiver reason carry <script>, <img src=file:///etc/passwd> and
    url(http://…): the PDF shows them as text and the fetcher is never asked for anything."""
    report = build_gap_report(inputs)
    report = report.model_copy(update={"failing": report.failing[:1]})  # the section with the hostile evidence; keeps the PDF short
    fetcher = LockedFetcher([fixture_ws])
    out = render_pdf(gap_html(report), roots=[fixture_ws], fetcher=fetcher)
    assert fetcher.fetched == [] and fetcher.refused == [] and out.refused == []
    text = stream_text(out.data)
    assert squash("<script>alert(1)</script><img src=file:///etc/passwd>") in text
    assert "url(http://127.0.0.1:9/x.css)" in text
    assert squash('<img src="http://127.0.0.1:9/t.png">') in text
