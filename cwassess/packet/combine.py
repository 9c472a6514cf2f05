"""The 总目录 volume and the combined volume (迎评资料汇编.pdf).

The combined volume is the 总目录 followed by every box, page for page. It is assembled box by box: each box is
opened, its pages are copied (qpdf copies objects, stream data is read when the volume is written) under a page
tree node of their own, and the box is closed right after the volume is saved. Page trees of one node per box
keep appending linear: `pages.extend` onto one flat tree gets slower with every page already there.

Bookmarks: section (三、市容环境卫生) → item (三-（十） 道路…) → each document of the box (封面, 目录, 自评情况说明,
1. …). Page labels: 总目录-1…, then each box's own labels 三-（十）-1… as in the box file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cwassess.packet.build import CREATOR, INHERITABLE, BoxRecord, pdf_date, save_pdf
from cwassess.packet.draw import A4, INK, MISS, MM, MUTED, Cell, Column, Flow, Page, Painter, draw_lines, line_height, table, wrap
from cwassess.packet.pages import BODY, MARGIN, long_date
from cwassess.packet.plan import Packet

MAX_INDEX_LAYOUTS = 4


def index_rows(packet: Packet, records: Sequence[BoxRecord], first_page: int) -> tuple[list[dict[str, Any]], dict[str, int]]:
    leads = {b.item: b.lead or "未认领" for b in packet.boxes}
    rows: list[dict[str, Any]] = []
    section = None
    page = first_page
    totals = {"documents": 0, "holes": 0, "pages": 0}
    for r in records:
        if r.section_number != section:
            section = r.section_number
            rows.append({"section": f"{r.section_number}、{r.section_title}"})
        rows.append(
            {
                "section": None, "seq": r.seq, "code": r.code, "title": r.title, "lead": leads.get(r.item, "—"),
                "documents": r.documents, "holes": len(r.placeholders), "pages": r.pages, "range": f"{page}–{page + r.pages - 1}",
            }
        )
        page += r.pages
        totals["documents"] += r.documents
        totals["holes"] += len(r.placeholders)
        totals["pages"] += r.pages
    return rows, totals


INDEX_COLUMNS = (Column("盒号", 10 * MM), Column("编号", 19 * MM), Column("条目", BODY - 10 * MM - 19 * MM - 30 * MM - 3 * 11 * MM - 22 * MM),
                 Column("牵头单位", 30 * MM), Column("材料", 11 * MM, "right"), Column("缺项", 11 * MM, "right"), Column("页数", 11 * MM, "right"),
                 Column("页码", 22 * MM, "right"))
INDEX_NOTE = ("缺项：各盒中标“缺：”的占位页（缺失、过期或不全的必备材料，以及无法装入的文件），材料补齐后重新运行 cwassess packet 即替换。"
              "各文件的 SHA-256 见 manifest.json，生成情况见 build-report.json。")


def index_pages(packet: Packet, records: Sequence[BoxRecord], index_count: int) -> list[Page]:
    """The 总目录's pages, as if it were `index_count` pages long (the ranges it lists start after it)."""
    rows, totals = index_rows(packet, records, index_count + 1)
    total_pages = index_count + totals["pages"]

    def start(page: Page, first: bool) -> float:
        top = A4[1] - 20 * MM
        if not first:
            return draw_lines(page, ["总目录（续）"], MARGIN, top, 14, True, align="center", width=BODY) - 4 * MM
        top = draw_lines(page, [f"{packet.city}创建{packet.kind_zh}"], MARGIN, top, 14, color=MUTED, align="center", width=BODY)
        top = draw_lines(page, ["迎评资料汇编"], MARGIN, top - 2 * MM, 22, True, align="center", width=BODY, leading=1.3)
        meta = (f"总目录　共 {len(records)} 盒，{total_pages} 页（含本目录 {index_count} 页）　评估日期 {long_date(packet.assessment_date)}"
                f"　资料截至 {long_date(packet.packet_date)}")
        return draw_lines(page, wrap(meta, 9.5, BODY), MARGIN, top - 2 * MM, 9.5, color=MUTED, align="center", width=BODY) - 5 * MM

    def cells(row: dict[str, Any]) -> tuple[list[Cell], str | None]:
        if row.get("section"):
            return [Cell(str(row["section"]), bold=True)], "band"
        holes = Cell(str(row["holes"]), color=MISS if row["holes"] else INK)
        return [Cell(f"{row['seq']:02d}"), Cell(row["code"]), Cell(row["title"]), Cell(row["lead"], size=8.5), Cell(str(row["documents"])), holes,
                Cell(str(row["pages"])), Cell(row["range"])], None

    flow = Flow(start)
    total_row = [Cell("合计", bold=True), Cell(""), Cell(""), Cell(""), Cell(str(totals["documents"]), bold=True),
                 Cell(str(totals["holes"]), bold=True, color=MISS if totals["holes"] else INK), Cell(str(totals["pages"]), bold=True), Cell("")]
    table(flow, MARGIN, INDEX_COLUMNS, [*(cells(r) for r in rows), (total_row, None)], 9)
    flow.y -= 3 * MM
    for line in wrap(f"{INDEX_NOTE}{packet.issuer}编制。", 8.5, BODY):
        flow.room(line_height(8.5))
        flow.y = draw_lines(flow.page, [line], MARGIN, flow.y, 8.5, color=MUTED, width=BODY)
    for n, page in enumerate(flow.pages, start=1):
        page.label = f"总目录-{n}"
    return flow.pages


def layout_index(packet: Packet, records: Sequence[BoxRecord]) -> list[Page]:
    """The 总目录 laid out; its length shifts the ranges it lists but never a row's height, so at most one retry."""
    count = 1 + len(records) // 32
    for _ in range(MAX_INDEX_LAYOUTS):
        pages = index_pages(packet, records, count)
        if len(pages) == count:
            return pages
        count = len(pages)
    raise RuntimeError("总目录的页码在多次排版后仍不稳定")


def write_index(packet: Packet, records: Sequence[BoxRecord], target: Any) -> int:
    """Write 00-总目录.pdf; returns its page count."""
    import pikepdf

    pages = layout_index(packet, records)
    with pikepdf.new() as pdf:
        painter = Painter(pdf, pages)
        for page in pages:
            pdf.pages.append(painter.page(pdf, page))
        pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D, P=pikepdf.String("总目录-"))]))
        date = pdf_date(packet.packet_date)
        save_pdf(pdf, target, {"Title": f"{packet.city}迎评资料汇编 总目录", "Author": packet.issuer, "Creator": CREATOR, "Producer": CREATOR,
                               "CreationDate": date, "ModDate": date})
    return len(pages)


def _copy_pages(out: Any, src: Any, parent: Any) -> list[Any]:
    """Copy every page of `src` into `out` under the page-tree node `parent`; returns the copies. (qpdf copies a
    page only when asked for that page: a whole page tree cannot be copied in one call.)"""
    import pikepdf

    root = src.Root.Pages
    inherited = [k for k in INHERITABLE if k in root]  # none in the files the packet writes; kept with each page if any
    copies = []
    for page in src.pages:
        obj = page.obj
        for key in inherited:
            if key not in obj:
                obj[key] = root[key]
        copy = out.copy_foreign(obj)
        copy.Parent = parent
        copies.append(copy)
    parent.Kids = pikepdf.Array(copies)
    parent.Count = len(copies)
    return copies


def write_combined(packet: Packet, records: Sequence[BoxRecord], index_file: Path, folder: Path, target: Path) -> int:
    """Write the combined volume; returns its page count."""
    import pikepdf
    from pikepdf import Name, OutlineItem

    out = pikepdf.new()
    opened: list[Any] = []
    try:
        root = out.Root.Pages
        nodes = []
        index = pikepdf.open(index_file)
        opened.append(index)
        node = out.make_indirect(pikepdf.Dictionary(Type=Name.Pages))
        index_pages = _copy_pages(out, index, node)
        nodes.append(node)
        nums: list[Any] = [0, pikepdf.Dictionary(S=Name.D, P=pikepdf.String("总目录-"))]
        page_no = len(index_pages)
        ol_sections: list[Any] = [OutlineItem("总目录", pikepdf.Array([index_pages[0], Name.Fit]))]
        current = None
        embedded: list[tuple[str, Any]] = []
        for record in records:
            box = pikepdf.open(folder / record.file)
            opened.append(box)
            node = out.make_indirect(pikepdf.Dictionary(Type=Name.Pages))
            copies = _copy_pages(out, box, node)
            nodes.append(node)
            nums += [page_no, pikepdf.Dictionary(S=Name.D, P=pikepdf.String(f"{record.code}-"))]
            if current is None or current[0] != record.section_number:
                current = (record.section_number, OutlineItem(f"{record.section_number}、{record.section_title}", pikepdf.Array([copies[0], Name.Fit])))
                ol_sections.append(current[1])
            item = OutlineItem(f"{record.code} {record.title}", pikepdf.Array([copies[0], Name.Fit]))
            for row in record.outline:
                if 0 <= row["page"] < len(copies):
                    item.children.append(OutlineItem(row["title"], pikepdf.Array([copies[row["page"]], Name.Fit])))
            current[1].children.append(item)
            for name in record.attachments:
                spec = box.attachments.get(name)
                if spec is not None:
                    embedded.append((name, out.copy_foreign(spec.obj)))
            page_no += len(copies)
        for n in nodes:
            n.Parent = root
        root.Kids = pikepdf.Array(nodes)
        root.Count = page_no
        with out.open_outline() as ol:
            ol.root.extend(ol_sections)
        out.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(nums))
        out.Root.PageMode = Name.UseOutlines
        if embedded:
            names = pikepdf.Array()
            for name, spec in sorted(embedded, key=lambda e: e[0]):
                names.append(pikepdf.String(name))
                names.append(spec)
            out.Root.Names = pikepdf.Dictionary(EmbeddedFiles=pikepdf.Dictionary(Names=names))
        date = pdf_date(packet.packet_date)
        save_pdf(out, target, {"Title": f"{packet.city}创建{packet.kind_zh}迎评资料汇编", "Author": packet.issuer, "Creator": CREATOR, "Producer": CREATOR,
                               "CreationDate": date, "ModDate": date})
        return page_no
    finally:
        out.close()
        for pdf in opened:
            pdf.close()
