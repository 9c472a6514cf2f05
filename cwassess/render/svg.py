"""Inline SVG charts for reports: horizontal bars of a ratio, with an optional reference line. No plotting library.

Every label is escaped; the output is Markup to put straight into a template. Fonts are named explicitly (the
CJK family) so WeasyPrint's SVG text uses Chinese glyph forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
COLOURS = {"ok": "#2e7d32", "warn": "#d98c00", "fail": "#c62828", "ref": "#37474f", "grid": "#cfd8dc", "text": "#212121", "track": "#eceff1"}


@dataclass(frozen=True)
class Bar:
    label: str
    ratio: float  # 0..1
    value: str  # shown at the bar's end, e.g. "9.33 / 10（93.3%）"


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _colour(ratio: float, good: float | None, fair: float | None) -> str:
    if good is not None and ratio >= good:
        return COLOURS["ok"]
    if fair is not None and ratio >= fair:
        return COLOURS["warn"]
    return COLOURS["fail"] if good is not None else COLOURS["ref"]


def bar_chart(
    bars: list[Bar],
    *,
    title: str | None = None,
    reference: float | None = None,
    reference_label: str | None = None,
    fair: float | None = None,
    width: int = 640,
    label_width: int = 190,
    value_width: int = 150,
    row_height: int = 24,
) -> Markup:
    """Horizontal bars 0–100%. Bars at or above `reference` are green, at or above `fair` amber, others red."""
    top = (26 if title else 4) + (14 if reference is not None and reference_label else 0)
    axis = 18
    plot_w = width - label_width - value_width
    height = top + row_height * len(bars) + axis + 6
    x0 = label_width
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" font-family="{FONT}" font-size="12">'
    ]
    if title:
        parts.append(f'<text x="0" y="16" font-size="13" font-weight="bold" fill="{COLOURS["text"]}">{escape(title)}</text>')
    bottom = top + row_height * len(bars)
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        x = x0 + plot_w * tick
        parts.append(f'<line x1="{_fmt(x)}" y1="{top}" x2="{_fmt(x)}" y2="{bottom}" stroke="{COLOURS["grid"]}" stroke-width="0.6"/>')
        parts.append(
            f'<text x="{_fmt(x)}" y="{bottom + 13}" text-anchor="middle" font-size="9" fill="{COLOURS["ref"]}">{int(tick * 100)}%</text>'
        )
    for n, bar in enumerate(bars):
        y = top + row_height * n
        ratio = min(max(bar.ratio, 0.0), 1.0)
        bar_h = row_height * 0.6
        by = y + (row_height - bar_h) / 2
        mid = y + row_height / 2 + 4
        parts.append(f'<text x="{x0 - 8}" y="{_fmt(mid)}" text-anchor="end" fill="{COLOURS["text"]}">{escape(bar.label)}</text>')
        parts.append(f'<rect x="{x0}" y="{_fmt(by)}" width="{plot_w}" height="{_fmt(bar_h)}" fill="{COLOURS["track"]}"/>')
        parts.append(
            f'<rect x="{x0}" y="{_fmt(by)}" width="{_fmt(plot_w * ratio)}" height="{_fmt(bar_h)}" fill="{_colour(ratio, reference, fair)}"/>'
        )
        parts.append(f'<text x="{x0 + plot_w + 8}" y="{_fmt(mid)}" fill="{COLOURS["text"]}">{escape(bar.value)}</text>')
    if reference is not None:
        x = x0 + plot_w * min(max(reference, 0.0), 1.0)
        parts.append(
            f'<line x1="{_fmt(x)}" y1="{top - 4}" x2="{_fmt(x)}" y2="{bottom}" stroke="{COLOURS["ref"]}" stroke-width="1.2" stroke-dasharray="4 3"/>'
        )
        if reference_label:
            parts.append(f'<text x="{_fmt(x)}" y="{top - 7}" text-anchor="middle" font-size="9" fill="{COLOURS["ref"]}">{escape(reference_label)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
