"""Inline SVG bar charts: well-formed, escaped, bars proportional to the ratio, coloured against the reference."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from cwassess.render.svg import COLOURS, Bar, bar_chart

NS = "{http://www.w3.org/2000/svg}"


def test_bars_are_proportional_and_coloured() -> None:
    svg = bar_chart(
        [Bar("一、组织管理", 0.95, "9.5 / 10"), Bar("二、健康教育", 0.85, "8.5 / 10"), Bar("三、市容环境", 0.2, "2 / 10")],
        title="各方面得分率", reference=0.9, reference_label="通过线 90%", fair=0.8, width=640, label_width=190, value_width=150,
    )
    root = ET.fromstring(str(svg))
    bars = [r for r in root.iter(f"{NS}rect") if r.get("fill") != COLOURS["track"]]
    assert [float(r.get("width")) for r in bars] == [285.0, 255.0, 60.0]  # plot width 300
    assert [r.get("fill") for r in bars] == [COLOURS["ok"], COLOURS["warn"], COLOURS["fail"]]
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "各方面得分率" in texts and "通过线 90%" in texts and "三、市容环境" in texts and "2 / 10" in texts
    assert "Noto Sans CJK SC" in root.get("font-family")


def test_labels_are_escaped_and_ratios_clamped() -> None:
    svg = str(bar_chart([Bar("<script>alert(1)</script>", 1.7, "<b>x</b>"), Bar("负数", -0.5, "0")]))
    assert "<script>" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)
    widths = [float(r.get("width")) for r in root.iter(f"{NS}rect") if r.get("fill") != COLOURS["track"]]
    assert widths == [300.0, 0.0]
