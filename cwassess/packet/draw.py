"""Drawing the packet's own pages straight into PDF content streams: text, rules, shaded bands, wrapped lines,
tables that flow over pages. No HTML layout: a page is a list of positioned strings in the embedded CJK font
(fonts.py), so a box's cover and 目录 cost about as much as copying a page.

Two phases, so that each PDF embeds exactly the characters it shows: pages are laid out with the full font's
metrics (Page objects), then `Painter` subsets the fonts for all of them and writes their content streams.
Coordinates are PDF points from the bottom left.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cwassess.packet.fonts import Face, face, pdf_font

A4 = (595.276, 841.89)
A4_LANDSCAPE = (841.89, 595.276)
MM = 72 / 25.4
INK = (0.1, 0.1, 0.1)
MUTED = (0.42, 0.42, 0.42)
MISS = (0.7, 0.1, 0.1)
LEADING = 1.45
NO_LINE_START = set("，。、；：！？）》」』”’】〉…,.;:!?)]%")
_TOKENS = re.compile(r"[A-Za-z0-9０-９.%\-]+|.", re.S)  # runs kept on one line, else one character
LABEL_SIZE = 9


@dataclass
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float
    bold: bool = False
    color: tuple[float, float, float] = INK


@dataclass
class Page:
    """One page as laid out: strings, rules (x0, y0, x1, y1, width, grey), bands (x, y, w, h, grey)."""

    size: tuple[float, float] = A4
    texts: list[Text] = field(default_factory=list)
    rules: list[tuple[float, float, float, float, float, float]] = field(default_factory=list)
    bands: list[tuple[float, float, float, float, float]] = field(default_factory=list)
    label: str | None = None  # the page number, drawn bottom right when the page is painted
    extra: bytes = b""  # operators appended as they are (photo placement)

    def text(self, x: float, y: float, text: str, size: float, bold: bool = False, color: tuple[float, float, float] = INK,
             align: str = "left") -> None:
        if not text:
            return
        if align != "left":
            w = font(bold).width(text, size)
            x = x - w if align == "right" else x - w / 2
        self.texts.append(Text(x, y, text, size, bold, color))

    def rule(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.5, grey: float = 0.6) -> None:
        self.rules.append((x0, y0, x1, y1, width, grey))

    def band(self, x: float, y: float, w: float, h: float, grey: float = 0.93) -> None:
        self.bands.append((x, y, w, h, grey))

    def chars(self, bold: bool) -> set[str]:
        return {ch for t in self.texts if t.bold == bold for ch in t.text}


def font(bold: bool) -> Face:
    return face("B" if bold else "R")


def wrap(text: str, size: float, width: float, bold: bool = False, max_lines: int | None = None) -> list[str]:
    """Lines of `text` no wider than `width`: a break anywhere between Chinese characters, never inside a run of
    Latin letters and digits (a year, a 文号 number) unless the run alone is wider than a line; closing punctuation
    never starts a line; hard breaks at newlines. With `max_lines`, the last line kept ends in "…" when text was cut."""
    f = font(bold)
    scale = size / 1000
    lines: list[str] = []
    for para in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for token in _TOKENS.findall(para):
            w = sum(f.advance(ch) for ch in token) * scale
            if len(token) > 1 and w > width:  # wider than a line on its own: break it like Chinese
                pieces = list(token)
            else:
                pieces = [token]
            for piece in pieces:
                pw = w if piece is token else f.advance(piece) * scale
                if line and used + pw > width and piece[0] not in NO_LINE_START:
                    lines.append("".join(line).rstrip())
                    line, used = ([], 0.0) if piece == " " else ([piece], pw)
                    continue
                line.append(piece)
                used += pw
        lines.append("".join(line).rstrip())
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and f.width(last + "…", size) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def line_height(size: float, leading: float = LEADING) -> float:
    return size * leading


def draw_lines(page: Page, lines: Sequence[str], x: float, top: float, size: float, bold: bool = False, color: tuple[float, float, float] = INK,
               align: str = "left", width: float = 0.0, leading: float = LEADING) -> float:
    """Draw `lines` from `top` down (first baseline one ascent below); returns the y below the last line."""
    step = line_height(size, leading)
    y = top
    for line in lines:
        anchor = x + width if align == "right" else x + width / 2 if align == "center" else x
        page.text(anchor, y - size * 1.02, line, size, bold, color, align)
        y -= step
    return y


@dataclass(frozen=True)
class Column:
    title: str
    width: float
    align: str = "left"


@dataclass
class Cell:
    text: str
    bold: bool = False
    color: tuple[float, float, float] = INK
    size: float | None = None  # the row's size unless given


PAD = 2.2


def row_layout(columns: Sequence[Column], cells: Sequence[Cell], size: float, max_lines: int | None = None) -> tuple[list[list[str]], float]:
    wrapped = [wrap(c.text, c.size or size, col.width - 2 * PAD, c.bold, max_lines) for col, c in zip(columns, cells)]
    lines = max((len(w) for w in wrapped), default=1) or 1
    return wrapped, lines * line_height(size, 1.32) + 2 * PAD


def draw_row(page: Page, x: float, top: float, columns: Sequence[Column], cells: Sequence[Cell], wrapped: Sequence[Sequence[str]], height: float,
             size: float, rule: bool = True) -> float:
    cx = x
    for col, cell, lines in zip(columns, cells, wrapped):
        draw_lines(page, lines, cx + PAD, top - PAD, cell.size or size, cell.bold, cell.color, col.align, col.width - 2 * PAD, 1.32)
        cx += col.width
    if rule:
        page.rule(x, top - height, cx, top - height, 0.4, 0.7)
    return top - height


class Flow:
    """Blocks placed top to bottom; a block that does not fit starts a new page (made by `start`, which draws the
    page's heading and returns where the body begins)."""

    def __init__(self, start: Callable[[Page, bool], float], bottom: float = 22 * MM, size: tuple[float, float] = A4) -> None:
        self.start = start
        self.bottom = bottom
        self.size = size
        self.pages: list[Page] = []
        self.top = start(Page(size), False)  # where the body of a continuation page begins
        self.new_page()

    def new_page(self) -> None:
        page = Page(self.size)
        self.y = self.start(page, not self.pages)
        self.pages.append(page)

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def room(self, height: float) -> None:
        """Start a new page unless `height` fits (a block taller than a whole page is drawn anyway)."""
        if self.y - height < self.bottom and self.y < self.top:
            self.new_page()


def table(flow: Flow, x: float, columns: Sequence[Column], rows: Iterable[tuple[Sequence[Cell], str | None]], size: float,
          header: bool = True, max_lines: int | None = None) -> None:
    """Rows (cells, band: None or "band" for a shaded full-width row) flowing over pages, the header repeated."""
    head = [Cell(c.title, bold=True, color=MUTED) for c in columns]
    head_wrapped, head_h = row_layout(columns, head, size)
    total = sum(c.width for c in columns)

    def draw_head() -> None:
        if header:
            flow.page.rule(x, flow.y, x + total, flow.y, 0.8, 0.3)
            flow.y = draw_row(flow.page, x, flow.y, columns, head, head_wrapped, head_h, size)

    flow.room(head_h * 2)
    draw_head()
    for cells, style in rows:
        if style == "band":
            wrapped, height = row_layout([Column("", total)], cells[:1], size)
            span: Sequence[Column] = [Column("", total)]
        else:
            wrapped, height = row_layout(columns, cells, size, max_lines)
            span = columns
        if flow.y - height < flow.bottom:
            flow.new_page()
            draw_head()
        if style == "band":
            flow.page.band(x, flow.y - height, total, height)
        flow.y = draw_row(flow.page, x, flow.y, span, cells if style != "band" else cells[:1], wrapped, height, size)


# -- painting -------------------------------------------------------------------------------------------------------


class Painter:
    """Fonts for a set of pages (one subset per style, exactly their characters) and their content streams."""

    def __init__(self, pdf: Any, pages: Iterable[Page]) -> None:
        import pikepdf

        pages = list(pages)
        self.codes: dict[bool, dict[str, str]] = {}  # character → its CID as 4 hex digits
        fonts = pikepdf.Dictionary()
        for bold in (False, True):
            chars = set().union(*(p.chars(bold) for p in pages)) if pages else set()
            if not bold:
                chars |= {ch for p in pages if p.label for ch in p.label}
            f = font(bold)
            chars = {f.shown(ch) for ch in chars}
            if not chars:
                continue
            subset = f.subset(chars)
            self.codes[bold] = {ch: f"{cid:04x}" for ch, cid in subset.cids.items()}
            fonts[pikepdf.Name("/CwB" if bold else "/CwR")] = pdf_font(pdf, "B" if bold else "R", subset)
        self.fonts = pdf.make_indirect(fonts)
        self.resources = pdf.make_indirect(pikepdf.Dictionary(Font=self.fonts))

    def show(self, text: str, bold: bool) -> bytes:
        codes = self.codes[bold]
        try:
            return b"<" + "".join([codes[ch] for ch in text]).encode() + b">"
        except KeyError:  # a character the font lacks: drawn as FALLBACK
            f = font(bold)
            return b"<" + "".join(codes.get(f.shown(ch), "0000") for ch in text).encode() + b">"

    def content(self, page: Page) -> bytes:
        ops: list[bytes] = []
        for x, y, w, h, grey in page.bands:
            ops.append(b"%.3g g %.2f %.2f %.2f %.2f re f" % (grey, x, y, w, h))
        for x0, y0, x1, y1, width, grey in page.rules:
            ops.append(b"%.3g G %.2f w %.2f %.2f m %.2f %.2f l S" % (grey, width, x0, y0, x1, y1))
        texts = list(page.texts)
        if page.label:
            texts.append(Text(page.size[0] - 18 * MM - font(False).width(page.label, LABEL_SIZE), 10 * MM, page.label, LABEL_SIZE, False, MUTED))
        if texts:
            ops.append(b"BT")
            current: tuple[bool, float] | None = None
            color: tuple[float, float, float] | None = None
            for t in texts:
                if (t.bold, t.size) != current:
                    current = (t.bold, t.size)
                    ops.append(b"%s %.2f Tf" % (b"/CwB" if t.bold else b"/CwR", t.size))
                if t.color != color:
                    color = t.color
                    ops.append(b"%.3g %.3g %.3g rg" % color)
                ops.append(b"1 0 0 1 %.2f %.2f Tm %s Tj" % (t.x, t.y, self.show(t.text, t.bold)))
            ops.append(b"ET")
        if page.extra:
            ops.append(page.extra)
        return b"\n".join(ops)

    def page(self, pdf: Any, page: Page, xobjects: Any = None) -> Any:
        """A pikepdf.Page of `page` (not yet added to `pdf`); `xobjects` for a page that places images."""
        import pikepdf

        w, h = page.size
        resources = self.resources if xobjects is None else pikepdf.Dictionary(Font=self.fonts, XObject=xobjects)
        return pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, round(w, 3), round(h, 3)], Resources=resources,
                                               Contents=pdf.make_stream(self.content(page))))
