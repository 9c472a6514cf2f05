"""差距分析报告: the view model repeats the ScoreResult's numbers, lists every item not 达标 with its failing
findings and evidence, orders gaps by points at stake; the HTML is self-contained and escapes evidence text."""

from __future__ import annotations

import re

from cwassess.engine.results import STATUS_ORDER
from cwassess.reports.common import ReportInputs
from cwassess.reports.gap import ITEM_STATUSES_LISTED, build_gap_report
from cwassess.reports.write import gap_html
from tests.reports.conftest import PAYLOAD


def test_numbers_are_the_score_results(inputs: ReportInputs) -> None:
    r = inputs.result
    report = build_gap_report(inputs)
    assert report.totals == r.totals and report.totals_before_waivers == r.totals_before_waivers
    assert report.verdict == r.verdict == "不通过" and report.verdict_reasons == r.verdict_reasons
    assert [(s.number, s.score, s.marks, s.ratio, s.counts) for s in report.sections] == [
        (s.number, s.totals.score, s.totals.marks, s.totals.ratio, s.totals.counts) for s in r.sections
    ]
    assert [(d.rank, d.code, d.gaps, d.points_lost, d.lead_ratio) for d in report.departments] == [
        (d.rank, d.code, d.gaps, d.points_lost, d.lead_ratio) for d in r.departments
    ]
    assert [(g.gap, g.points_at_stake) for g in report.gaps] == [(g.gap, g.points_at_stake) for g in r.gaps]
    assert report.header.days_left == 125 and report.header.city == "报告市"
    assert report.header.issuer == "报告市爱国卫生运动委员会办公室"
    assert report.pass_ratio == inputs.scheme.pass_ratio


def test_every_item_not_met_is_listed_with_its_failing_findings(inputs: ReportInputs) -> None:
    r = inputs.result
    report = build_gap_report(inputs)
    listed = [it.item for blk in report.failing for it in blk.items]
    assert listed == [it.item for it in r.items if it.status in ITEM_STATUSES_LISTED]
    assert report.failing_items == len(listed)
    for blk in report.failing:
        for it in blk.items:
            source = next(x for x in r.items if x.item == it.item)
            failing = [f for f in source.findings if f.status in {"不达标", "缺材料", "基本达标"}]
            assert sorted(f.gap for f in it.findings) == sorted(f.gap for f in failing)
            keys = [(STATUS_ORDER[f.status], -f.points_lost) for f in it.findings]
            assert keys == sorted(keys)
            assert it.points_lost == source.points_lost and it.score == source.score


def test_an_item_shows_reason_evidence_and_departments(inputs: ReportInputs) -> None:
    report = build_gap_report(inputs)
    agenda = next(it for blk in report.failing for it in blk.items if it.item == "org-agenda")
    assert agenda.lead == "报告市爱国卫生运动委员会办公室"
    minutes = next(f for f in agenda.findings if f.gap == "org-agenda/material/meeting-minutes")
    assert minutes.status == "缺材料" and minutes.reason == "材料不全（缺 2026 年）"
    assert any("2024年市政府常务会议纪要" in line for line in minutes.evidence)
    assert minutes.departments == ["报告市爱国卫生运动委员会办公室"]
    roads = next(it for blk in report.failing for it in blk.items if it.item == "env-roads")
    site = next(f for f in roads.findings if f.rule == "sampled_sites" and f.gap.startswith("env-roads/site/"))
    assert site.reason == "人民路 88 号门前堆放杂物" and site.departments == ["报告市城市管理局"]


def test_waivers_before_and_after_and_unverified_notice(inputs: ReportInputs) -> None:
    report = build_gap_report(inputs)
    waivers = {w.id: w for w in report.waivers}
    assert waivers["wv-toilets"].active and waivers["wv-toilets"].target == "整条"
    assert not waivers["wv-old"].active
    assert waivers["wv-old"].target == "材料：街道、社区、机关、企事业单位专兼职爱国卫生工作人员名单"
    assert report.totals_before_waivers.marks - report.totals.marks == inputs.scheme.item_marks
    assert len(report.unverified_items) == len(inputs.result.unverified_items)
    assert report.unverified_thresholds and report.unverified_thresholds[0].startswith("指标 ")


def test_html_is_self_contained_and_escapes_evidence_text(inputs: ReportInputs) -> None:
    html = gap_html(build_gap_report(inputs))
    assert '<html lang="zh-CN">' in html
    assert "<script" not in html and "<img" not in html and "<link" not in html and "<iframe" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=file:///etc/passwd&gt;" in html  # the evidence title, as text
    assert "&lt;img src=&#34;http://127.0.0.1:9/t.png&#34;&gt;" in html  # the waiver reason, as text
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style and "url(" not in style.group(1) and "@import" not in style.group(1)
    refs = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert refs and all(ref.startswith("#") for ref in refs)  # only links inside the document
    assert "<svg" in html and "通过线" in html
    assert PAYLOAD not in html
