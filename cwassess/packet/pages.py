"""The pages cwassess makes for a box, laid out with draw.py (no HTML, no WeasyPrint).

- the cover: item number, full text (marked when not verified verbatim), lead and support departments, contact,
  the period the materials cover, counts;
- the 目录: every entry with its unit, date and page range, grouped by kind, placeholders marked;
- the 自评情况说明 (or a placeholder for it) and the item's indicator values;
- one page per placeholder (what is missing, why, who supplies it by when) and per non-PDF file;
- photo pages: img2pdf's page of the image (JPEG bytes as they are, EXIF rotation honoured) placed as a Form
  XObject, captioned in the box's embedded font.

Page numbers inside a box: the cover is page 1; every page the box makes prints its label 三-（十）-N bottom
right. Submitted PDFs are not touched. The 目录's length is known before its page numbers are (a row's height
does not depend on them), so a box is laid out in one pass, with a check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cwassess.packet.draw import (
    A4,
    A4_LANDSCAPE,
    INK,
    MISS,
    MM,
    MUTED,
    Cell,
    Column,
    Flow,
    Page,
    draw_lines,
    line_height,
    row_layout,
    draw_row,
    table,
    wrap,
)
from cwassess.packet.plan import AFTER, BEFORE, KIND_HEADINGS, Box, Entry, Source
from cwassess.render.templates import cn_numeral
from cwassess.textio import format_size

MARGIN = 20 * MM
BODY = A4[0] - 2 * MARGIN
MAX_LAYOUTS = 4


class PageError(RuntimeError):
    """The box's own pages could not be laid out (a bug, never a user's file)."""


# -- text helpers -------------------------------------------------------------------------------------------------


def short_date(iso: str | None) -> str:
    if not iso:
        return "—"
    d = dt.date.fromisoformat(iso)
    return f"{d.year}.{d.month:02d}.{d.day:02d}"


def long_date(iso: str | None) -> str:
    if not iso:
        return "—"
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def human_size(n: int | None) -> str:
    return "—" if n is None else format_size(n)


def unit_text(source: Source) -> str:
    parts = [source.issuer or source.department_name]
    if source.doc_number:
        parts.append(source.doc_number)
    return " ".join(parts)


def page_range(start: int, count: int) -> str:
    return str(start) if count <= 1 else f"{start}–{start + count - 1}"


FILE_NOTES = {
    ".xlsx": "Excel 表格",
    ".xls": "Excel 表格",
    ".docx": "Word 文档",
    ".doc": "Word 文档",
    ".ofd": "OFD 版式文件",
}


def file_note(source: Source) -> str:
    what = FILE_NOTES.get(source.suffix, f"{source.suffix or '无扩展名'} 文件")
    return (
        f"此材料为{what}，不能直接装订为 PDF 页面。原件已原样作为附件嵌入本 PDF（在阅读器的“附件”栏中打开，"
        f"SHA-256 与上表一致）；纸质资料盒请将其打印后附于本页之后。"
    )


# -- layout of a box ---------------------------------------------------------------------------------------------


@dataclass
class Slot:
    """One entry of the box as it will be assembled: its pages and where they start."""

    entry: Entry
    form: str  # pdf | photo | gen
    pages: int
    start: int = 0  # 1-based page number in the box


@dataclass
class Front:
    """The pages a box makes before and between its documents (photo pages are made by the builder)."""

    cover: Page
    toc: list[Page]
    statement: list[Page]
    gens: list[Page]  # one per "gen" slot, in order

    @property
    def pages(self) -> list[Page]:
        return [self.cover, *self.toc, *self.statement]

    @property
    def toc_page(self) -> int:  # 0-based
        return 1

    @property
    def statement_page(self) -> int:
        return 1 + len(self.toc)


def placeholder_facts(entry: Entry) -> tuple[list[tuple[str, str]], bool]:
    """(label, value) rows of a placeholder page, and whether its deadline has passed."""
    owners = entry.owners
    departments = "、".join(dict.fromkeys(o.department for o in owners)) if owners else (
        "、".join(dict.fromkeys(s.department_name for s in entry.sources)) or "未认领"
    )
    contacts = "；".join(dict.fromkeys(o.contact for o in owners if o.contact)) or "—"
    deadline = min((o.deadline for o in owners), default=None)
    overdue = any(o.overdue for o in owners)
    rows = [("材料", entry.material_title)]
    if entry.need:
        rows.append(("要求", entry.need))
    rows.append(("情况", entry.reason or "—"))
    if entry.sources:
        rows.append(("文件", entry.sources[0].file))
    rows += [("责任单位", departments), ("联系人", contacts),
             ("达标时间", (long_date(deadline) + ("（已逾期）" if overdue else "")) if deadline else "—")]
    return rows, overdue


def file_facts(entry: Entry) -> list[tuple[str, str]]:
    s = entry.sources[0]
    return [("材料", entry.material_title), ("提交单位", s.department_name), ("发文单位 / 文号", unit_text(s)), ("日期", long_date(s.date)),
            ("文件", f"{s.file}（{human_size(s.size)}）"), ("SHA-256", s.sha256 or "—")]


def toc_rows(box: Box, slots: Sequence[Slot], statement_start: int, statement_pages: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = [
        {"heading": None, "no": "—", "title": "自评情况说明", "unit": box.lead or "", "date": "", "pages": page_range(statement_start, statement_pages), "miss": not box.statements}
    ]
    kind = None
    kinds = 0
    for n, slot in enumerate(slots, start=1):
        e = slot.entry
        if e.kind != kind:
            kind = e.kind
            kinds += 1
            rows.append({"heading": f"{cn_numeral(kinds)}、{KIND_HEADINGS.get(kind, kind)}"})
        s = e.sources[0] if e.sources else None
        title = e.heading
        if e.type == "pair":
            title = f"{e.title}（整改前后对比）"
        rows.append(
            {
                "heading": None,
                "no": str(n),
                "title": title,
                "unit": unit_text(s) if s and not e.placeholder else ("、".join(dict.fromkeys(o.department for o in e.owners)) if e.owners else (s.department_name if s else "")),
                "date": short_date(e.date) if not e.placeholder or e.type == "bad" else "",
                "pages": page_range(slot.start, slot.pages),
                "miss": e.placeholder,
            }
        )
    return rows


def photo_layout(box: Box, entry: Entry, label: str) -> tuple[tuple[float, float], list[tuple[float, float, float, float]], list[tuple[str, float, float, float, bool, int, float, str]]]:
    """(page size, image frames, text blocks) of a photo page; text blocks are
    (text, x, y_top, width, bold, max_lines, size, align). The same function feeds the charset and the drawing."""
    sources = entry.sources
    blocks: list[tuple[str, float, float, float, bool, int, float, str]] = []
    if entry.type == "pair":
        w, h = A4_LANDSCAPE
        margin = 15 * MM
        gap = 8 * MM
        col = (w - 2 * margin - gap) / 2
        place = next((s.place for s in sources if s.place), None)
        heading = f"整改前后对比：{place}" if place else f"整改前后对比：{entry.title}"
        blocks.append((heading, margin, h - 14 * MM, w - 2 * margin, True, 1, 13, "left"))
        blocks.append((f"{box.code}　{box.title}　{entry.material_title}", margin, h - 21 * MM, w - 2 * margin, False, 1, 8.5, "left"))
        frames = []
        for k, s in enumerate(sources):
            x = margin + k * (col + gap)
            stage = s.stage or (BEFORE if k == 0 else AFTER)
            blocks.append((stage, x, h - 29 * MM, col, True, 1, 12, "left"))
            frames.append((x, 42 * MM, x + col, h - 34 * MM))
            blocks.append((s.title, x, 38 * MM, col, False, 2, 9.5, "left"))
            blocks.append((f"拍摄日期：{long_date(s.date)}" + (f"　地点：{s.place}" if s.place else ""), x, 28 * MM, col, False, 2, 8.5, "left"))
        first = sources[0]
        blocks.append((f"提交单位：{first.department_name}", margin, 14 * MM, w / 2, False, 1, 8.5, "left"))
        blocks.append((label, w - margin, 10 * MM, 60 * MM, False, 1, 9, "right"))
        return (w, h), frames, blocks
    w, h = A4
    margin = 18 * MM
    s = sources[0]
    blocks.append((entry.title, margin, h - 18 * MM, w - 2 * margin, True, 2, 13, "left"))
    blocks.append((f"{box.code}　{box.title}　{entry.material_title}", margin, h - 32 * MM, w - 2 * margin, False, 1, 8.5, "left"))
    frames = [(margin, 62 * MM, w - margin, h - 38 * MM)]
    blocks.append((f"拍摄日期：{long_date(s.date)}" + (f"　地点：{s.place}" if s.place else ""), margin, 56 * MM, w - 2 * margin, False, 2, 10, "left"))
    blocks.append((f"提交单位：{s.department_name}" + (f"　{s.stage}" if s.stage else ""), margin, 46 * MM, w - 2 * margin, False, 1, 10, "left"))
    blocks.append((f"文件：{s.file}", margin, 38 * MM, w - 2 * margin, False, 2, 8, "left"))
    blocks.append((label, w - margin, 12 * MM, 60 * MM, False, 1, 9, "right"))
    return (w, h), frames, blocks




# -- drawing ------------------------------------------------------------------------------------------------------

FACT_LABEL = 30 * MM


def facts(flow: Flow, rows: Sequence[tuple[str, str]], size: float, misses: frozenset[str] = frozenset(), max_lines: int | None = None) -> None:
    """A two-column table of (label, value) without a header: the facts of a cover or a placeholder."""
    columns = [Column("", FACT_LABEL), Column("", BODY - FACT_LABEL)]
    flow.page.rule(MARGIN, flow.y, MARGIN + BODY, flow.y, 0.8, 0.3)
    cells = (([Cell(k, bold=True, color=MUTED), Cell(v, color=MISS if k in misses else INK)], None) for k, v in rows)
    table(flow, MARGIN, columns, cells, size, header=False, max_lines=max_lines)


def _heading(title: str, sub: str) -> Callable[[Page, bool], float]:
    def start(page: Page, first: bool) -> float:
        top = A4[1] - 20 * MM
        top = draw_lines(page, [title if first else f"{title}（续）"], MARGIN, top, 17, True, align="center", width=BODY)
        top = draw_lines(page, wrap(sub, 10, BODY, max_lines=1), MARGIN, top - 1 * MM, 10, color=MUTED, align="center", width=BODY)
        return top - 5 * MM

    return start


def cover_page(box: Box, documents: int, holes: int, total_pages: int) -> Page:
    page = Page()
    w, h = A4
    left, width = 25 * MM, w - 50 * MM
    top = h - 30 * MM
    top = draw_lines(page, [f"{box.city}创建{box.kind_zh}迎评资料"], left, top, 15, color=MUTED, align="center", width=width)
    top = draw_lines(page, [f"第 {box.seq:02d} 盒"], left, top - 3 * MM, 12, color=MUTED, align="center", width=width)
    top = draw_lines(page, [box.code], left, top - 16 * MM, 30, True, align="center", width=width, leading=1.3)
    top = draw_lines(page, wrap(box.title, 20, width, True, 3), left, top - 3 * MM, 20, True, align="center", width=width, leading=1.3)
    top = draw_lines(page, [f"{box.section_number}、{box.section_title}　第{box.label}条"], left, top - 3 * MM, 12, color=MUTED, align="center", width=width)
    top -= 6 * MM
    page.rule(left, top, left + width, top, 0.8, 0.3)
    top -= 5 * MM
    period = f"{long_date(box.period_start)} 至 {long_date(box.period_end)}" if box.period_start else "—"
    rows = [("牵头单位", box.lead or "未认领"), ("配合单位", "、".join(box.support) if box.support else "—"), ("联系人", box.contact or "—"),
            ("材料时间范围", period), ("本盒材料", f"{documents} 份，共 {total_pages} 页"),
            ("缺项", f"{holes} 项（见目录中标“缺：”的占位页）" if holes else "无")]
    if box.waiver:
        rows.append(("豁免", f"本条已豁免（{box.waiver}）"))
    note = "" if box.text_verified else f"【条文未经原文核实（{box.verified_zh}），以国家正式发布的标准原文为准】"
    bottom = 45 * MM
    for size in (11.0, 10.0, 9.0, 8.0):  # the item's text takes what the facts leave; long texts get smaller
        columns = [Column("", FACT_LABEL), Column("", width - FACT_LABEL)]
        facts_h = sum(row_layout(columns, [Cell(k, bold=True), Cell(v)], 10.5, 3)[1] for k, v in rows)
        text_lines = wrap(box.text, size, width)
        note_lines = wrap(note, size - 1, width) if note else []
        text_h = len(text_lines) * line_height(size, 1.6) + len(note_lines) * line_height(size - 1, 1.5) + 8 * MM
        if top - text_h - facts_h >= bottom or size == 8.0:
            break
    room = int((top - facts_h - bottom - 8 * MM - len(note_lines) * line_height(size - 1, 1.5)) // line_height(size, 1.6))
    if len(text_lines) > max(room, 1):
        text_lines = wrap(box.text, size, width, max_lines=max(room, 1))
    top = draw_lines(page, text_lines, left, top, size, width=width, leading=1.6)
    top = draw_lines(page, note_lines, left, top, size - 1, color=MISS, width=width, leading=1.5)
    top -= 8 * MM
    columns = [Column("", FACT_LABEL), Column("", width - FACT_LABEL)]
    page.rule(left, top, left + width, top, 0.8, 0.3)
    for k, v in rows:
        cells = [Cell(k, bold=True, color=MUTED), Cell(v, color=MISS if k == "缺项" and holes else INK)]
        wrapped, height = row_layout(columns, cells, 10.5, 3)
        top = draw_row(page, left, top, columns, cells, wrapped, height, 10.5)
    draw_lines(page, wrap(box.issuer, 14, width, max_lines=2), left, 32 * MM, 14, align="center", width=width)
    return page


TOC_COLUMNS = (Column("序号", 11 * MM), Column("材料名称", BODY - 11 * MM - 40 * MM - 22 * MM - 23 * MM), Column("单位 / 文号", 40 * MM),
               Column("日期", 22 * MM), Column("页码", 23 * MM, "right"))


def toc_pages(box: Box, rows: Sequence[dict[str, object]]) -> list[Page]:
    flow = Flow(_heading("目录", f"{box.code}　{box.title}"))

    def cells(row: dict[str, object]) -> tuple[list[Cell], str | None]:
        if row.get("heading"):
            return [Cell(str(row["heading"]), bold=True)], "band"
        color = MISS if row["miss"] else INK
        return [Cell(str(row["no"]), color=color), Cell(str(row["title"]), color=color), Cell(str(row["unit"]), color=color, size=8.5),
                Cell(str(row["date"]), color=color, size=8.5), Cell(str(row["pages"]), color=color)], None

    table(flow, MARGIN, TOC_COLUMNS, (cells(r) for r in rows), 9.5)
    return flow.pages


def _paragraphs(flow: Flow, text: str, size: float, color: tuple[float, float, float] = INK, indent: bool = True) -> None:
    step = line_height(size, 1.7)
    for para in (p.strip() for p in text.split("\n")):
        if not para:
            continue
        for line in wrap(("\u3000\u3000" if indent else "") + para, size, BODY):
            flow.room(step)
            flow.y = draw_lines(flow.page, [line], MARGIN, flow.y, size, color=color, width=BODY, leading=1.7)
        flow.y -= size * 0.4


def _hole_head(flow: Flow, mark: str, title: str, color: tuple[float, float, float] = MISS) -> None:
    flow.y = draw_lines(flow.page, [mark], MARGIN, flow.y, 10, True, color=color)
    flow.y = draw_lines(flow.page, wrap(title, 17, BODY, True, 3), MARGIN, flow.y - 2 * MM, 17, True, color=color, leading=1.3) - 4 * MM


def statement_pages(box: Box) -> list[Page]:
    flow = Flow(_heading("自评情况说明", f"{box.code}　{box.title}"))
    if box.statements:
        for st in box.statements:
            _paragraphs(flow, st.text, 11)
            flow.room(line_height(11))
            flow.y = draw_lines(flow.page, [f"——{st.department}"], MARGIN, flow.y, 11, align="right", width=BODY) - 4 * MM
    else:
        owner = box.statement_owner
        _hole_head(flow, "占位页", "缺：自评情况说明")
        rows = [("责任单位", owner.department if owner else (box.lead or "未认领"))]
        if owner:
            rows += [("联系人", owner.contact or "—"), ("达标时间", long_date(owner.deadline) + ("（已逾期）" if owner.overdue else ""))]
        facts(flow, rows, 10.5, frozenset({"达标时间"}) if owner and owner.overdue else frozenset())
        flow.y -= 4 * MM
        _paragraphs(flow, "牵头单位在证据清单（evidence/<部门>/manifest.yaml 的 statements）中填写本条的自评说明后，重新运行 cwassess packet 即替换本页。",
                    9.5, MUTED, indent=False)
    if box.indicators:
        flow.room(40 * MM)
        flow.y = draw_lines(flow.page, ["指标数据"], MARGIN, flow.y - 4 * MM, 12, True) - 1 * MM
        columns = [Column("指标", BODY * 0.4), Column("填报数值（填报单位）", BODY * 0.6)]
        table(flow, MARGIN, columns, (([Cell(i.name), Cell(i.values)], None) for i in box.indicators), 9.5)
    return flow.pages


def gen_page(entry: Entry) -> Page:
    """The one page of a placeholder or of a file that cannot be bound as pages (long values are cut to fit)."""
    flow = Flow(lambda page, first: A4[1] - 22 * MM)
    if entry.type == "file":
        _hole_head(flow, "电子文件", entry.title, INK)
        facts(flow, file_facts(entry), 10.5, max_lines=4)
        flow.y -= 4 * MM
        _paragraphs(flow, file_note(entry.sources[0]), 9.5, MUTED, indent=False)
    else:
        rows, overdue = placeholder_facts(entry)
        _hole_head(flow, "占位页", entry.heading)
        facts(flow, rows, 10.5, frozenset({"达标时间"}) if overdue else frozenset(), max_lines=4)
        flow.y -= 4 * MM
        _paragraphs(flow, "本页为占位页：材料补齐（或换成可以打开的文件）后，重新运行 cwassess packet 即替换本页。", 9.5, MUTED, indent=False)
    if len(flow.pages) != 1:
        raise PageError(f"“{entry.heading}”的占位页不止一页")
    return flow.page


def layout_front(box: Box, slots: list[Slot], prefix: str) -> Front:
    """The box's own pages, numbering every slot (`slots` get their `start`)."""
    statement = statement_pages(box)
    toc_count = 1 + (len(slots) + 6) // 28
    for _ in range(MAX_LAYOUTS):
        page = 2 + toc_count + len(statement)
        for slot in slots:
            slot.start = page
            page += slot.pages
        toc = toc_pages(box, toc_rows(box, slots, 2 + toc_count, len(statement)))
        if len(toc) == toc_count:
            break
        toc_count = len(toc)
    else:
        raise PageError(f"资料盒 {box.code} 的目录页码在 {MAX_LAYOUTS} 次排版后仍不稳定")
    documents = sum(len(s.entry.sources) for s in slots if not s.entry.placeholder)
    holes = sum(1 for s in slots if s.entry.placeholder) + (0 if box.statements else 1)
    cover = cover_page(box, documents, holes, page - 1)
    gens = []
    for slot in slots:
        if slot.form == "gen":
            gen = gen_page(slot.entry)
            gen.label = f"{prefix}{slot.start}"
            gens.append(gen)
    front = Front(cover, toc, statement, gens)
    for n, p in enumerate(front.pages, start=1):
        p.label = f"{prefix}{n}"
    return front


def photo_page(box: Box, entry: Entry, label: str) -> tuple[Page, list[tuple[float, float, float, float]]]:
    """A photo page's caption (the label drawn as a block of its own) and the frames its images go in."""
    size, frames, blocks = photo_layout(box, entry, label)
    page = Page(size)
    for text, x, y_top, width, bold, max_lines, font_size, align in blocks:
        lines = wrap(text, font_size, width, bold, max_lines)
        anchor = x - width if align == "right" else x
        draw_lines(page, lines, anchor, y_top, font_size, bold, align=align, width=width, leading=1.4)
    for x0, y0, x1, y1 in frames:
        page.rule(x0, y0, x1, y0, 0.5, 0.75)
        page.rule(x1, y0, x1, y1, 0.5, 0.75)
        page.rule(x1, y1, x0, y1, 0.5, 0.75)
        page.rule(x0, y1, x0, y0, 0.5, 0.75)
    return page, frames
