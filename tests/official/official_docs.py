"""Test documents shaped like the official one (全爱卫发〔2021〕6号 attachment), built from a Standard.

Items whose bundled text is verbatim keep that text; every other item gets clearly labelled test-only text
(TEST_LABEL + the bundled wording), so nothing here can be mistaken for the official standard.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from cwassess.standard.model import Standard, chinese_number, item_label

TEST_LABEL = "【测试用文本，非官方】"
TITLE = "国家卫生城市和国家卫生县标准"

NOTICE = [
    "全国爱卫会关于印发《国家卫生城镇评审管理办法》和《国家卫生城市和国家卫生县标准》《国家卫生乡镇标准》的通知（测试用仿制文本）",
    "各省、自治区、直辖市爱卫会：",
    "现将《国家卫生城市和国家卫生县标准》印发给你们，请认真贯彻执行。",
    "附件2",
]
TRAILER = [
    "附件3",
    "国家卫生乡镇标准",
    "一、爱国卫生组织管理",
    "（一）【测试用文本，非官方】乡镇标准的条目，不属于本标准。",
    "（二）【测试用文本，非官方】乡镇标准的另一条目。",
]


@dataclass
class Entry:
    kind: str  # "section" | "item"
    number: int
    text: str  # the body (item text or section title)
    item_id: str | None = None

    @property
    def line(self) -> str:
        if self.kind == "section":
            return f"{chinese_number(self.number)}、{self.text}"
        return f"{item_label(self.number)}{self.text}"


@dataclass
class OfficialDoc:
    scope: str
    entries: list[Entry] = field(default_factory=list)
    frame: bool = True  # notice before, another attachment after

    def lines(self) -> list[str]:
        out = list(NOTICE) if self.frame else []
        out += [TITLE, "（2021版）", self.scope]
        out += [e.line for e in self.entries]
        out += TRAILER if self.frame else []
        return out

    def line_of(self, kind: str, number: int, occurrence: int = 0) -> int:
        """1-based line (txt) / paragraph (docx) of an entry."""
        found = [i for i, e in enumerate(self.entries) if e.kind == kind and e.number == number]
        index = found[occurrence]
        return len(NOTICE if self.frame else []) + 3 + index + 1

    def items(self) -> list[Entry]:
        return [e for e in self.entries if e.kind == "item"]

    def item(self, number: int) -> Entry:
        return next(e for e in self.entries if e.kind == "item" and e.number == number)

    # -- variants -----------------------------------------------------------------------------------

    def without_item(self, number: int) -> "OfficialDoc":
        return OfficialDoc(self.scope, [e for e in self.entries if not (e.kind == "item" and e.number == number)], self.frame)

    def relabelled(self, number: int, new_number: int) -> "OfficialDoc":
        return OfficialDoc(
            self.scope,
            [Entry(e.kind, new_number, e.text, e.item_id) if e.kind == "item" and e.number == number else e for e in self.entries],
            self.frame,
        )

    def swapped(self, a: int, b: int) -> "OfficialDoc":
        """Items a and b change places in the document, each keeping its own number: order is broken."""
        entries = list(self.entries)
        ia = next(i for i, e in enumerate(entries) if e.kind == "item" and e.number == a)
        ib = next(i for i, e in enumerate(entries) if e.kind == "item" and e.number == b)
        entries[ia], entries[ib] = entries[ib], entries[ia]
        return OfficialDoc(self.scope, entries, self.frame)

    def texts_swapped(self, a: int, b: int) -> "OfficialDoc":
        """Numbers stay in order but the texts of a and b trade places: the official text moved them."""
        ta, tb = self.item(a), self.item(b)
        entries = []
        for e in self.entries:
            if e is ta:
                entries.append(Entry("item", a, tb.text, tb.item_id))
            elif e is tb:
                entries.append(Entry("item", b, ta.text, ta.item_id))
            else:
                entries.append(e)
        return OfficialDoc(self.scope, entries, self.frame)

    # -- renderings ---------------------------------------------------------------------------------

    def txt(self, encoding: str = "utf-8", newline: str = "\n") -> bytes:
        return newline.join(self.lines()).encode(encoding) + newline.encode(encoding)

    def docx(self) -> bytes:
        import docx

        document = docx.Document()
        header = document.sections[0].header.paragraphs[0]
        header.text = f"{TITLE}（2021版）"
        document.sections[0].footer.paragraphs[0].text = "— 1 —"
        for line in self.lines():
            document.add_paragraph(line)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    def pdf(self) -> bytes:
        from html import escape

        from weasyprint import HTML

        body = "".join(f"<p>{escape(line)}</p>" for line in self.lines())
        html = f"""<html lang="zh-CN"><head><meta charset="utf-8"><style>
        @page {{ size: A4; margin: 2.5cm 2cm;
          @top-center {{ content: "{TITLE}（2021版）"; font-family: "Noto Sans CJK SC"; font-size: 9pt; }}
          @bottom-center {{ content: "— " counter(page) " —"; font-family: "Noto Sans CJK SC"; font-size: 10pt; }} }}
        body {{ font-family: "Noto Sans CJK SC"; font-size: 13pt; text-align: justify; line-height: 1.6; }}
        p {{ margin: 0 0 0.4em 0; text-indent: 2em; }}
        </style></head><body>{body}</body></html>"""
        return HTML(string=html).write_pdf()


def official_doc(std: Standard, frame: bool = True) -> OfficialDoc:
    entries: list[Entry] = []
    for section in std.sections:
        entries.append(Entry("section", _section_number(section.info.number), section.info.title))
        for item in section.items:
            text = item.text if item.provenance.verified == "verbatim" else TEST_LABEL + item.text
            entries.append(Entry("item", item.number, text, item.id))
    scope = std.meta.scope_text if std.meta.scope_provenance.verified == "verbatim" else TEST_LABEL + std.meta.scope_text
    return OfficialDoc(scope, entries, frame)


def _section_number(label: str) -> int:
    from cwassess.refs import parse_chinese_number

    return parse_chinese_number(label) or 0


def scanned_pdf() -> bytes:
    """A PDF page holding only a picture of text: what a scanner produces."""
    import img2pdf
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    for y in range(60, 760, 40):
        draw.rectangle((60, y, 540, y + 14), fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return img2pdf.convert(buffer.getvalue())


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
