"""The 总目录 volume and the combined volume (迎评资料汇编.pdf).

The combined volume is the 总目录 followed by every box, page for page. It is assembled box by box: each box is
opened, its pages are copied (qpdf copies objects, stream data is read when the volume is written) under a page
tree node of their own, and the box is closed right after the volume is saved. Page trees of one node per box
keep appending linear: `pages.extend` onto one flat tree gets slower with every page already there.

Bookmarks: section (三、市容环境卫生) → item (三-（十） 道路…) → each document of the box (封面, 目录, 自评情况说明,
1. …). Page labels: 总目录-1…, then each box's own labels 三-（十）-1… as in the box file.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from cwassess.packet.build import CREATOR, INHERITABLE, BoxRecord, pdf_date, save_pdf
from cwassess.packet.plan import Packet

MAX_INDEX_RENDERS = 4


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


def render_index(packet: Packet, records: Sequence[BoxRecord]) -> tuple[bytes, int]:
    """The 总目录 PDF and its page count (its length shifts every range it lists: re-rendered until stable)."""
    from cwassess.render.pdf import render_pdf
    from cwassess.render.templates import render

    guess = 1 + len(records) // 32
    for _ in range(MAX_INDEX_RENDERS):
        rows, totals = index_rows(packet, records, guess + 1)
        html = render("packet_index.html", title=f"{packet.city}迎评资料汇编 总目录", packet=packet, boxes=records, rows=rows, totals=totals,
                      index_pages=guess, total_pages=guess + totals["pages"])
        out = render_pdf(html, title=f"{packet.city}迎评资料汇编 总目录", check_font=False)
        if out.pages == guess:
            return out.data, out.pages
        guess = out.pages
    raise RuntimeError("总目录的页码在多次排版后仍不稳定")


def write_index(packet: Packet, records: Sequence[BoxRecord], target: Any) -> tuple[bytes, int]:
    """Write 00-总目录.pdf; returns its bytes (the combined volume starts with them) and page count."""
    import pikepdf

    data, pages = render_index(packet, records)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if "/Outlines" in pdf.Root:
            del pdf.Root.Outlines
        pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D, P=pikepdf.String("总目录-"))]))
        date = pdf_date(packet.packet_date)
        save_pdf(pdf, target, {"Title": f"{packet.city}迎评资料汇编 总目录", "Author": packet.issuer, "Creator": CREATOR, "Producer": CREATOR,
                               "CreationDate": date, "ModDate": date})
    return data, pages


def _copy_pages(out: Any, src: Any, parent: Any) -> list[Any]:
    """Copy every page of `src` into `out` under the page-tree node `parent`; returns the copies."""
    import pikepdf

    copies = []
    for page in src.pages:
        obj = page.obj
        for key in INHERITABLE:
            if key not in obj:
                node = obj.get("/Parent")
                while node is not None and key not in node:
                    node = node.get("/Parent")
                if node is not None:
                    obj[key] = node[key]
        copy = out.copy_foreign(obj)
        copy.Parent = parent
        copies.append(copy)
    parent.Kids = pikepdf.Array(copies)
    parent.Count = len(copies)
    return copies


def write_combined(packet: Packet, records: Sequence[BoxRecord], index_data: bytes, folder: Any, target: Any) -> int:
    """Write the combined volume; returns its page count."""
    import pikepdf
    from pikepdf import Name, OutlineItem

    out = pikepdf.new()
    opened: list[Any] = []
    try:
        root = out.Root.Pages
        nodes = []
        index = pikepdf.open(io.BytesIO(index_data))
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
