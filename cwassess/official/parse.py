"""Text of the official document → sections 一…七 and items （一）…（四十五）. Pure: no files, no standard.

Tolerates what copying a government PDF or Word file does to the text: full-width and half-width brackets,
items broken over several lines, running page headers and footers, page numbers (“— 3 —”, “第 3 页”),
stray spaces between Chinese characters, the notice and other attachments around the standard itself.
Never raises on any text; everything wrong with the structure is a Problem with an exact Chinese message.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Literal

from cwassess.problems import Problem
from cwassess.refs import parse_chinese_number
from cwassess.standard.model import chinese_number, item_label

Locator = Literal["line", "paragraph", "page"]
MAX_ITEM_CHARS = 5000  # the overlay's Text limit

TITLE = "国家卫生城市和国家卫生县标准"

# Characters between which a space is never wanted: CJK ideographs, CJK and full-width punctuation, quotes, dashes.
_CJK = "\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014\u2018-\u201d\u2026\u00b7"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_STRAY_SPACE = re.compile(f"(?<=[{_CJK}]) +(?=[{_CJK}])")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\u3000\u00a0\u2002-\u200a\u202f\u205f\x0b]+")

_ITEM = re.compile(r"^[（(〔［\[]\s*([一二三四五六七八九十两]{1,4})\s*[）)〕］\]]\s*")
_SECTION = re.compile(r"^([一二三四五六七八九十]{1,3})\s*[、.．]\s*(\S.{0,29})?$")
_SECTION_TITLE_STOP = re.compile(r"[。；;，,：:！？]")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—－–~·•\s]*\d{1,4}[-—－–~·•\s]*"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*[/／]\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?)$"
)
_EDITION = re.compile(r"^[（(]\s*20\d\d\s*年?\s*版\s*[）)]$")
_ATTACHMENT = re.compile(r"^附\s*件\s*[0-9一二三四五六七八九十]*\s*[:：]?$")
_OTHER_DOCUMENTS = ("国家卫生乡镇标准", "评审管理办法", "国家卫生城镇评审")
_END = (
    re.compile(r"^抄\s*送\s*[:：]"),
    re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发$"),
    re.compile(r"^[（(]此件.{0,12}[）)]$"),
)


@dataclass(frozen=True)
class ParsedSection:
    number: int
    title: str
    line: int
    where: str


@dataclass(frozen=True)
class ParsedItem:
    number: int
    text: str
    section: int | None
    line: int
    where: str  # “第 12 行” / “第 12 段” / “第 3 页”, for messages

    @property
    def label(self) -> str:
        return item_label(self.number)


@dataclass
class ParsedDocument:
    sections: list[ParsedSection] = field(default_factory=list)
    items: list[ParsedItem] = field(default_factory=list)
    preamble: str = ""
    title_line: int | None = None
    removed_headers: int = 0
    removed_page_numbers: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Line:
    number: int
    page: int
    text: str


def clean_line(raw: str) -> str:
    """One line as the document means it: no invisible characters, no stray spaces between Chinese characters."""
    text = _INVISIBLE.sub("", raw.replace("\f", ""))
    text = _SPACES.sub(" ", text)
    text = _STRAY_SPACE.sub("", text)
    return text.strip()


def is_cjk(ch: str) -> bool:
    return bool(_CJK_CHAR.match(ch))


def join_lines(parts: list[str]) -> str:
    """Lines of one item as one paragraph: no separator next to Chinese, a space between two Latin words."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(part[0])):
            out += " "
        out += part
    return out


def _where(line: _Line, locator: Locator) -> str:
    if locator == "page":
        return f"第 {line.page} 页"
    if locator == "paragraph":
        return f"第 {line.number} 段"
    return f"第 {line.number} 行"


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", text.replace(" ", ""))


def _is_title(text: str) -> bool:
    """The standard's title as a heading (or a running header), not mentioned in a sentence."""
    compact = text.replace(" ", "")
    if _EDITION.match(compact):
        return True
    return TITLE in compact and "《" not in compact and len(compact) <= len(TITLE) + 14


def _is_end(text: str) -> bool:
    compact = text.replace(" ", "")
    if _ATTACHMENT.match(compact) or any(p.search(compact) for p in _END):
        return True
    return len(compact) <= 30 and "《" not in compact and any(name in compact for name in _OTHER_DOCUMENTS)


def _section_match(text: str) -> tuple[int, str] | None:
    match = _SECTION.match(text)
    if not match:
        return None
    title = (match.group(2) or "").strip()  # empty: the title went to the next line
    number = parse_chinese_number(match.group(1))
    if number is None or _SECTION_TITLE_STOP.search(title):
        return None
    return number, title


def _is_heading(text: str) -> bool:
    return len(text) <= 30 and not _SECTION_TITLE_STOP.search(text)


def _item_match(text: str) -> tuple[int, str] | None:
    match = _ITEM.match(text)
    if not match:
        return None
    number = parse_chinese_number(match.group(1))
    if number is None or number < 1:
        return None
    return number, text[match.end():]


def _is_marker(text: str) -> bool:
    return _item_match(text) is not None or _section_match(text) is not None


def _split_lines(text: str) -> list[_Line]:
    lines = []
    page = 1
    for number, raw in enumerate(text.split("\n"), start=1):
        for index, segment in enumerate(raw.split("\f")):
            page += 1 if index else 0
            lines.append(_Line(number, page, clean_line(segment)))
    return lines


def _bounds(lines: list[_Line]) -> tuple[int, int, int | None]:
    """[start, end) of the standard inside the document, and the line of its title (if it has one).

    The start is just after the first title line that a section or item follows before any end marker
    (the notice before the attachment mentions the title only inside 《》); the end is the first end
    marker after an item (another attachment, 抄送, the 印发 line).
    """
    n = len(lines)
    next_marker = [n] * (n + 1)
    next_end = [n] * (n + 1)
    for index in range(n - 1, -1, -1):
        text = lines[index].text
        next_marker[index] = index if _is_marker(text) else next_marker[index + 1]
        next_end[index] = index if _is_end(text) else next_end[index + 1]
    start, title_line = 0, None
    for index, line in enumerate(lines):
        if _is_title(line.text) and next_marker[index + 1] < min(n, next_end[index + 1]):
            start, title_line = index + 1, line.number
            break
    end = n
    seen_item = False
    for index in range(start, n):
        text = lines[index].text
        if _item_match(text):
            seen_item = True
        elif seen_item and not _section_match(text) and _is_end(text):
            end = index
            break
    return start, end, title_line


def _running_lines(lines: list[_Line]) -> set[str]:
    """Keys of lines that are page headers or footers: at the top or bottom of many pages, or repeated often."""
    pages: dict[int, list[_Line]] = defaultdict(list)
    for line in lines:
        if line.text and not _is_marker(line.text) and not _PAGE_NUMBER.match(line.text):
            pages[line.page].append(line)
    if len(pages) >= 2:
        seen: Counter[str] = Counter()
        for page_lines in pages.values():
            edges = {_key(line.text) for line in page_lines[:2] + page_lines[-2:] if len(line.text) <= 50}
            seen.update(edges)
        needed = max(2, math.ceil(len(pages) * 0.4))
        return {key for key, count in seen.items() if count >= needed}
    counts = Counter(_key(line.text) for page_lines in pages.values() for line in page_lines if len(line.text) <= 40)
    return {key for key, count in counts.items() if count >= 3}


def parse_official(
    text: str,
    file: str | None = None,
    locator: Locator = "line",
    expected_items: int | None = None,
    expected_sections: int | None = None,
) -> ParsedDocument:
    doc = ParsedDocument()
    lines = _split_lines(text)
    start, end, doc.title_line = _bounds(lines)
    running = _running_lines(lines[start:end])

    def problem(code: str, message: str, line: _Line | None = None, severity: str = "error") -> Problem:
        return Problem(
            code=code,
            message=message,
            file=file,
            line=line.number if line is not None and locator == "line" else None,
            severity=severity,  # type: ignore[arg-type]
        )

    preamble: list[str] = []
    current_section: int | None = None
    open_item: tuple[int, _Line, list[str]] | None = None
    item_lines: list[_Line] = []
    section_lines: list[_Line] = []
    untitled: int | None = None  # a section heading whose title is on the next line

    def close_item() -> None:
        nonlocal open_item
        if open_item is None:
            return
        number, line, parts = open_item
        doc.items.append(ParsedItem(number, join_lines(parts), current_section, line.number, _where(line, locator)))
        item_lines.append(line)
        open_item = None

    for line in lines[start:end]:
        content = line.text
        if not content:
            continue
        item = _item_match(content)
        section = None if item else _section_match(content)
        if item is None and section is None:
            if _PAGE_NUMBER.match(content):
                doc.removed_page_numbers += 1
                continue
            if _is_title(content) or _key(content) in running:
                doc.removed_headers += 1
                continue
        if untitled is not None and item is None and section is None and _is_heading(content):
            doc.sections[untitled] = replace(doc.sections[untitled], title=content)
            untitled = None
            continue
        untitled = None
        if section is not None:
            close_item()
            current_section = section[0]
            doc.sections.append(ParsedSection(section[0], section[1], line.number, _where(line, locator)))
            section_lines.append(line)
            untitled = len(doc.sections) - 1 if not section[1] else None
        elif item is not None:
            close_item()
            open_item = (item[0], line, [item[1].strip()])
        elif open_item is not None:
            open_item[2].append(content)
        elif current_section is None:
            preamble.append(content)
    close_item()
    doc.preamble = join_lines(preamble)
    doc.problems.extend(_check_items(doc, item_lines, expected_items, problem, locator))
    doc.problems.extend(_check_sections(doc, section_lines, expected_sections, problem, locator))
    return doc


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _numbering(entries, lines, problem, out, kind, prefix, noun, shown):  # type: ignore[no-untyped-def]
    """Items or sections: each number once, in rising order. A repeated number is reported at its second place,
    an entry after a higher number as out of order; returns where each number stands (its entry indexes)."""
    by_number: dict[int, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        by_number[entry.number].append(index)
    for number, indexes in sorted(by_number.items()):
        if len(indexes) > 1:
            wheres = "、".join(entries[i].where for i in indexes)
            out.append(problem(f"official.duplicate-{kind}", f"{prefix}{shown(number)}出现了 {len(indexes)} 次：{wheres}", lines[indexes[1]]))
    previous = None
    for index, entry in enumerate(entries):
        if by_number[entry.number][0] != index:
            continue
        if previous is not None and entry.number < previous.number:
            message = f"{noun}顺序错乱：{entry.where}的{shown(entry.number)}排在{previous.where}的{shown(previous.number)}之后"
            out.append(problem(f"official.{kind}-order", message, lines[index]))
        if previous is None or entry.number > previous.number:
            previous = entry
    return by_number


def _check_items(doc, item_lines, expected, problem, locator):  # type: ignore[no-untyped-def]
    out: list[Problem] = []
    if not doc.items:
        return [problem("official.no-items", "未找到任何条目：正文中应有以“（一）”“（二）”……开头的段落")]
    by_number = _numbering(doc.items, item_lines, problem, out, "item", "序号", "条目", item_label)
    present = sorted(by_number)
    top = max(present[-1], expected or 0)
    missing = [n for n in range(1, top + 1) if n not in by_number]
    for first, last in _runs(missing):
        before = max((n for n in present if n < first), default=None)
        after = min((n for n in present if n > last), default=None)
        what = item_label(first) if first == last else f"{item_label(first)}至{item_label(last)}"
        if before is not None and after is not None:
            place = f"应在{item_label(before)}与{item_label(after)}之间"
        elif after is not None:
            place = f"应在{item_label(after)}之前"
        else:
            place = f"应在{item_label(before)}之后" if before is not None else ""
        out.append(problem("official.missing-item", f"缺少第{what}条（{place}）"))
    for index, item in enumerate(doc.items):
        if not item.text:
            out.append(problem("official.empty-item", f"第{item.label}条没有正文（{item.where}）", item_lines[index]))
        elif len(item.text) > MAX_ITEM_CHARS:
            out.append(
                problem(
                    "official.item-too-long",
                    f"第{item.label}条过长（{len(item.text)} 字，上限 {MAX_ITEM_CHARS} 字）：可能混入了标准正文以外的内容",
                    item_lines[index],
                )
            )
    if doc.sections:
        for index, item in enumerate(doc.items):
            if item.section is None:
                out.append(
                    problem(
                        "official.item-outside-section",
                        f"{item.where}的{item.label}不在任何部分（“一、”……）之下",
                        item_lines[index],
                        severity="warning",
                    )
                )
    return out


def _check_sections(doc, section_lines, expected, problem, locator):  # type: ignore[no-untyped-def]
    out: list[Problem] = []
    if not doc.sections:
        if expected:
            out.append(problem("official.no-sections", "未找到任何部分标题：正文中应有“一、爱国卫生组织管理”这样的标题", severity="warning"))
        return out
    by_number = _numbering(doc.sections, section_lines, problem, out, "section", "部分", "部分", lambda n: f"“{chinese_number(n)}、”")
    top = max(max(by_number), expected or 0)
    for n in range(1, top + 1):
        if n not in by_number:
            out.append(problem("official.missing-section", f"缺少第{chinese_number(n)}部分（应有以“{chinese_number(n)}、”开头的标题）"))
    return out
