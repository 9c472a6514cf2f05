"""The pages cwassess makes for a box.

Front pages and one-page blocks (cover, 目录, 自评说明, placeholders, file pages) go through cwassess.render
(Jinja2 with autoescape, WeasyPrint with the locked fetcher and the CJK font check) as ONE document per box. The
document ends with a "charset" page carrying every character of the box's photo pages; the builder drops that
page, but the box's embedded font subsets (regular and bold) then hold those glyphs. Photo pages are drawn
directly with pikepdf: the image is img2pdf's page (JPEG passthrough, EXIF rotation honoured) placed as a Form
XObject, and the caption is text in that same embedded font, so it stays real, searchable text (ToUnicode) and
costs no WeasyPrint layout per photo. A thousand photos then cost about as much as a thousand page copies.

Page numbers inside a box: the cover is page 1. Front pages print "三-（十）-N" from the CSS page counter; a
generated page later in the box prints its own label; photo pages draw theirs. Submitted PDFs are not touched.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from cwassess.packet.plan import AFTER, BEFORE, KIND_HEADINGS, Box, Entry, Source
from cwassess.render.templates import cn_numeral

A4 = (595.276, 841.89)
A4_LANDSCAPE = (841.89, 595.276)
MM = 72 / 25.4
MAX_FRONT_RENDERS = 4
_BFCHAR = re.compile(rb"<([0-9a-fA-F]{2,8})>\s*<([0-9a-fA-F]+)>")
_BFRANGE = re.compile(rb"<([0-9a-fA-F]{2,8})>\s*<([0-9a-fA-F]{2,8})>\s*<([0-9a-fA-F]{1,8})>")
_BFCHAR_BLOCK = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE_BLOCK = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
REGULAR_FONT = "Noto-Sans-CJK-SC"
BOLD_FONT = "Noto-Sans-CJK-SC-Bold"


class PageError(RuntimeError):
    """The box's own pages could not be made (a bug or a broken font setup, never a user's file)."""


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
    if n is None:
        return "—"
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


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
    gen: int | None = None  # index of its block in the front document (form "gen")


@dataclass
class Front:
    """The rendered front document of a box and where each block lies in it (0-based page indexes)."""

    data: bytes
    front_pages: int  # cover + 目录 + 自评说明
    toc_page: int
    statement_page: int
    gen_pages: list[int]
    charset_page: int
    renders: int = 1


def placeholder_context(entry: Entry, label: str) -> dict[str, object]:
    owners = entry.owners
    departments = "、".join(dict.fromkeys(o.department for o in owners)) if owners else (
        "、".join(dict.fromkeys(s.department_name for s in entry.sources)) or "未认领"
    )
    contacts = "；".join(dict.fromkeys(o.contact for o in owners if o.contact)) or "—"
    deadline = min((o.deadline for o in owners), default=None)
    overdue = any(o.overdue for o in owners)
    return {
        "type": entry.type,
        "label": label,
        "heading": entry.heading,
        "title": entry.title,
        "material": entry.material_title,
        "need": entry.need,
        "reason": entry.reason or "—",
        "file": entry.sources[0].file if entry.sources else None,
        "departments": departments,
        "contact": contacts,
        "deadline": (long_date(deadline) + ("（已逾期）" if overdue else "")) if deadline else "—",
        "overdue": overdue,
    }


def file_context(entry: Entry, label: str) -> dict[str, object]:
    s = entry.sources[0]
    return {
        "type": "file",
        "label": label,
        "title": entry.title,
        "material": entry.material_title,
        "department": s.department_name,
        "unit": unit_text(s),
        "date": long_date(s.date),
        "file": s.file,
        "size": human_size(s.size),
        "sha256": s.sha256 or "—",
        "note": file_note(s),
    }


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


def _outline_pages(data: bytes) -> dict[str, int]:
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        index = {page.objgen: n for n, page in enumerate(pdf.pages)}
        found: dict[str, int] = {}
        with pdf.open_outline() as outline:
            for item in outline.root:
                dest = item.destination
                if isinstance(dest, pikepdf.Array) and len(dest) and dest[0].objgen in index:
                    found[str(item.title)] = index[dest[0].objgen]
        found["#pages"] = len(pdf.pages)
    return found


def render_front(box: Box, slots: list[Slot], charset: tuple[list[str], list[str]], label_of: Callable[[int], str]) -> Front:
    """Render the box's front document, numbering every slot; re-render until the numbers are stable.

    `slots` get their `start` page set. The TOC and the 自评说明 may take several pages: the first render assumes
    a length, the next uses the measured one (usually one render, at most MAX_FRONT_RENDERS)."""
    from cwassess.render.pdf import render_pdf
    from cwassess.render.templates import render

    toc_guess = 1 + (len(slots) + 6) // 26
    guess = {"toc": toc_guess, "statement": 1}
    gens = [s for s in slots if s.form == "gen"]
    last: Front | None = None
    for attempt in range(1, MAX_FRONT_RENDERS + 1):
        front_pages = 1 + guess["toc"] + guess["statement"]
        page = front_pages + 1
        for slot in slots:
            slot.start = page
            page += slot.pages
        total = page - 1
        contexts = []
        for slot in gens:
            label = label_of(slot.start)
            contexts.append(file_context(slot.entry, label) if slot.entry.type == "file" else placeholder_context(slot.entry, label))
        counts = {
            "documents": sum(len(s.entry.sources) for s in slots if not s.entry.placeholder),
            "holes": sum(1 for s in slots if s.entry.placeholder) + (0 if box.statements else 1),
        }
        html = render(
            "packet_box.html",
            title=f"{box.code} {box.title}",
            box=box,
            toc=toc_rows(box, slots, 2 + guess["toc"], guess["statement"]),
            gens=contexts,
            counts=counts,
            total_pages=total,
            charset_regular=charset[0],
            charset_bold=charset[1],
        )
        out = render_pdf(html, roots=(), title=f"{box.code} {box.title}", check_font=False)
        marks = _outline_pages(out.data)
        try:
            cover, toc, statement, charset_page = marks["cover"], marks["toc"], marks["statement"], marks["charset"]
            gen_pages = [marks[f"g{i}"] for i in range(len(gens))]
        except KeyError as exc:
            raise PageError(f"资料盒 {box.code} 的封面/目录页缺少定位标记 {exc}") from None
        if cover != 0:
            raise PageError(f"资料盒 {box.code} 的封面不在第 1 页")
        first_after = gen_pages[0] if gen_pages else charset_page
        measured = {"toc": statement - toc, "statement": first_after - statement}
        for i, p in enumerate(gen_pages):
            following = gen_pages[i + 1] if i + 1 < len(gen_pages) else charset_page
            if following - p != 1:
                raise PageError(f"资料盒 {box.code} 的第 {i + 1} 个占位页不止一页")
        if charset_page != marks["#pages"] - 1:
            raise PageError(f"资料盒 {box.code} 的字符页后还有页面")
        last = Front(out.data, 1 + measured["toc"] + measured["statement"], toc, statement, gen_pages, charset_page, attempt)
        if measured == guess:
            return last
        guess = measured
    raise PageError(f"资料盒 {box.code} 的目录页码在 {MAX_FRONT_RENDERS} 次排版后仍不稳定")


# -- photo pages: captions in the box's own font -------------------------------------------------------------------


@dataclass
class EmbeddedFont:
    """A Type0 font WeasyPrint embedded (Identity-H): how to show a character and how wide it is."""

    obj: object  # pikepdf.Object, the font dictionary (in the box's Pdf once copied)
    codes: dict[str, int] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    default_width: float = 1000.0

    @classmethod
    def read(cls, font: object) -> EmbeddedFont:
        import pikepdf

        f: pikepdf.Dictionary = font  # type: ignore[assignment]
        codes: dict[str, int] = {}
        cmap = f.get("/ToUnicode")
        if cmap is not None:
            raw = cmap.read_bytes()
            for block in _BFCHAR_BLOCK.findall(raw):
                for src, dst in _BFCHAR.findall(block):
                    try:
                        text = bytes.fromhex(dst.decode()).decode("utf-16-be")
                    except (UnicodeDecodeError, ValueError):
                        continue
                    if len(text) == 1:
                        codes.setdefault(text, int(src, 16))
            for block in _BFRANGE_BLOCK.findall(raw):
                for lo, hi, dst in _BFRANGE.findall(block):
                    start = int(dst, 16)
                    if start > 0x10FFFF or int(hi, 16) - int(lo, 16) > 0xFFFF:
                        continue
                    for k, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                        if start + k <= 0x10FFFF:
                            codes.setdefault(chr(start + k), code)
        widths: dict[int, float] = {}
        default = 1000.0
        descendants = f.get("/DescendantFonts")
        if descendants is not None and len(descendants):
            cid = descendants[0]
            default = float(cid.get("/DW", 1000))
            w = cid.get("/W")
            items = list(w) if w is not None else []
            i = 0
            while i < len(items):
                first = int(items[i])
                nxt = items[i + 1] if i + 1 < len(items) else None
                if isinstance(nxt, pikepdf.Array):
                    for k, value in enumerate(nxt):
                        widths[first + k] = float(value)
                    i += 2
                elif i + 2 < len(items):
                    for code in range(first, int(items[i + 1]) + 1):
                        widths[code] = float(items[i + 2])
                    i += 3
                else:
                    break
        return cls(obj=font, codes=codes, widths=widths, default_width=default)

    def advance(self, ch: str, size: float) -> float:
        if ch == " ":
            return 0.28 * size
        if ch == "\u3000":
            return size
        code = self.codes.get(ch, self.codes.get("?"))
        return (self.widths.get(code, self.default_width) if code is not None else self.default_width) * size / 1000

    def width(self, text: str, size: float) -> float:
        return sum(self.advance(ch, size) for ch in text)

    def show(self, text: str, size: float) -> bytes:
        """Content-stream operators showing `text` from the current point (spaces as moves, never glyphs)."""
        out = []
        run: list[int] = []
        for ch in text:
            if ch in (" ", "\u3000"):
                if run:
                    out.append(b"<" + "".join(f"{c:04x}" for c in run).encode() + b"> Tj")
                    run = []
                # TJ with a negative kerning moves right: -(advance/size*1000)
                out.append(b"[%d] TJ" % round(-self.advance(ch, size) * 1000 / size))
                continue
            code = self.codes.get(ch, self.codes.get("?"))
            if code is None:
                continue
            run.append(code)
        if run:
            out.append(b"<" + "".join(f"{c:04x}" for c in run).encode() + b"> Tj")
        return b" ".join(out)


def wrap(font: EmbeddedFont, text: str, size: float, width: float, max_lines: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for ch in text:
        if font.width(line + ch, size) > width and line:
            lines.append(line)
            line = ch.lstrip()
            if len(lines) == max_lines:
                break
        else:
            line += ch
    else:
        if line:
            lines.append(line)
        return lines
    if lines:
        last = lines[-1]
        while last and font.width(last + "…", size) > width:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


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


CHARSET_LINE = 24


def charset_of(texts: Iterable[tuple[str, bool]]) -> tuple[list[str], list[str]]:
    """(regular, bold) lines with every character once, spaced so that no two glyphs combine. Short lines:
    WeasyPrint re-shapes the rest of a paragraph for each line it breaks, so one long paragraph is quadratic."""
    regular: set[str] = set("0123456789-?…：（）")
    bold: set[str] = set("?…")
    for text, is_bold in texts:
        (bold if is_bold else regular).update(ch for ch in text if not ch.isspace())

    def lines(chars: set[str]) -> list[str]:
        ordered = sorted(chars)
        return [" ".join(ordered[i : i + CHARSET_LINE]) for i in range(0, len(ordered), CHARSET_LINE)]

    return lines(regular), lines(bold)


def photo_texts(box: Box, entry: Entry, label: str) -> list[tuple[str, bool]]:
    _, _, blocks = photo_layout(box, entry, label)
    return [(b[0] + "…", b[4]) for b in blocks]


def photo_content(fonts: dict[str, EmbeddedFont], blocks: Sequence[tuple[str, float, float, float, bool, int, float, str]]) -> bytes:
    ops = [b"q 0.1 g"]
    for text, x, y_top, width, bold, max_lines, size, align in blocks:
        font = fonts["B" if bold else "R"]
        name = b"/CwB" if bold else b"/CwR"
        for n, line in enumerate(wrap(font, text, size, width, max_lines)):
            y = y_top - size - n * size * 1.4
            lx = x - font.width(line, size) if align == "right" else x
            ops.append(b"BT %s %.2f Tf 1 0 0 1 %.2f %.2f Tm %s ET" % (name, size, lx, y, font.show(line, size)))
    ops.append(b"Q")
    return b"\n".join(ops)
