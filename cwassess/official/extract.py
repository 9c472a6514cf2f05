"""The official document as plain text: .txt (UTF-8/GBK/UTF-16), .docx (read from its XML), PDF with a text layer.

Never raises for a user's file: everything that is wrong comes back as a Problem with a Chinese message.
Lines of the returned text are what the parser counts: a .txt line, a .docx paragraph, a PDF line
(pages separated by form feeds, so the parser can say on which page something is).
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Literal

from cwassess.problems import Problem
from cwassess.standard.model import chinese_number
from cwassess.textio import DEFAULT_MAX_BYTES, decode_bytes, os_error_zh, too_large

Kind = Literal["txt", "docx", "pdf"]
SUFFIXES: dict[str, Kind] = {".txt": "txt", ".docx": "docx", ".pdf": "pdf"}
MAX_BINARY_BYTES = 50 * 1024 * 1024
MAX_XML_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 500
MIN_CJK_CHARS = 20  # fewer Chinese characters than this in a whole PDF: there is no usable text layer

MSG_UNSUPPORTED = "不支持的文件类型“{suffix}”：请提供 .txt、.docx 或带文字层的 .pdf"
MSG_DOC = "不支持旧版 Word（.doc）文件：请在 Word 或 WPS 中另存为 .docx 后再导入"
MSG_NOT_DOCX = "不是有效的 .docx 文件（无法作为 Word 文档打开）"
MSG_DOCX_EMPTY = "Word 文档中没有文字"
MSG_NOT_PDF = "不是有效的 PDF 文件（文件已损坏或不是 PDF）"
MSG_PDF_PASSWORD = "PDF 已加密，需要密码才能打开：请提供未加密的文件"
MSG_SCANNED = "PDF 没有文字层（可能是扫描件），请提供带文字的 PDF、.docx 或 .txt"
MSG_PDF_FAILED = "无法从 PDF 中提取文字（文件可能已损坏）：请重新导出 PDF，或提供 .docx、.txt"
MSG_TOO_MANY_PAGES = "PDF 页数过多"


@dataclass
class Extracted:
    """Text of one file, with what identifies it (name, sha256) and how its lines are counted."""

    file: str  # as displayed in messages
    name: str  # the file's own name, recorded in the overlay
    kind: Kind | None = None
    text: str | None = None
    sha256: str | None = None
    pages: int | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.text is not None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _problem(file: str, code: str, message: str, **kw: object) -> Problem:
    return Problem(code=code, file=file, message=message, **kw)  # type: ignore[arg-type]


def _read_bytes(path: Path, file: str, limit: int) -> tuple[bytes | None, list[Problem]]:
    """The file's bytes, or why they cannot be had (same wording as textio.read_text)."""
    try:
        if path.is_dir():
            return None, [_problem(file, "file.is-dir", "这是目录，不是文件")]
        size = path.stat().st_size
    except FileNotFoundError:
        return None, [_problem(file, "file.missing", "文件不存在")]
    except OSError as exc:
        return None, [_problem(file, "file.unreadable", f"无法读取文件：{os_error_zh(exc)}")]
    if size > limit:
        return None, [too_large(file, limit, size)]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [_problem(file, "file.unreadable", f"无法读取文件：{os_error_zh(exc)}")]
    if not data.strip():
        return None, [_problem(file, "file.empty", "文件为空")]
    return data, []


def kind_of(path: Path) -> Kind | None:
    return SUFFIXES.get(path.suffix.lower())


def unsupported_problem(path: Path, file: str) -> Problem:
    suffix = path.suffix.lower()
    if suffix in {".doc", ".wps", ".dot"}:
        return _problem(file, "official.unsupported", MSG_DOC)
    return _problem(file, "official.unsupported", MSG_UNSUPPORTED.format(suffix=suffix or "（无扩展名）"))


def extract_file(path: Path, display: str | None = None) -> Extracted:
    """Read FILE by its extension (.txt, .docx, .pdf) into text."""
    file = display or str(path)
    result = Extracted(file=file, name=path.name[:200] or "official")
    kind = kind_of(path)
    if kind is None:
        # A missing file is said as such, whatever its name.
        if not path.exists():
            result.problems.append(_problem(file, "file.missing", "文件不存在"))
        else:
            result.problems.append(unsupported_problem(path, file))
        return result
    data, problems = _read_bytes(path, file, DEFAULT_MAX_BYTES if kind == "txt" else MAX_BINARY_BYTES)
    if data is None:
        result.problems.extend(problems)
        return result
    return extract_bytes(data, kind, file, result.name)


def extract_bytes(data: bytes, kind: Kind, file: str, name: str) -> Extracted:
    result = Extracted(file=file, name=name, kind=kind, sha256=sha256_of(data))
    if kind == "txt":
        decoded = decode_bytes(data, file)
        result.problems.extend(decoded.problems)
        if decoded.text is not None:
            result.text = _normalise_newlines(decoded.text)
    elif kind == "docx":
        text, problems = docx_text(data, file)
        result.text, result.problems = text, problems
    else:
        text, pages, problems = pdf_text(data, file)
        result.text, result.pages, result.problems = text, pages, problems
    return result


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


# ---------------------------------------------------------------------------------------------- .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"


def _zip_member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """A member's bytes, refusing oversize members (zip bombs) and DTDs (entity expansion)."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise ValueError("member too large")
    with archive.open(info) as handle:
        data = handle.read(MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise ValueError("member too large")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError("DTD in document")
    return data


def _main_part(archive: zipfile.ZipFile) -> str:
    rels = _zip_member(archive, "_rels/.rels")
    if rels is not None:
        for rel in ET.fromstring(rels).iter(f"{_REL_NS}Relationship"):
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT) and rel.get("Target"):
                return rel.get("Target", "").lstrip("/")
    return "word/document.xml"


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""


@dataclass
class _Numbering:
    """Automatic list numbering (numbering.xml), enough to render labels like （一） and 1."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    counters: dict[tuple[str, int], int] = field(default_factory=dict)

    @classmethod
    def read(cls, data: bytes | None) -> "_Numbering":
        result = cls()
        if data is None:
            return result
        root = ET.fromstring(data)
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                levels[_int(lvl.get(f"{_W}ilvl"), 0)] = _level_of(lvl)
            abstract[node.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {}))
            for override in num.iter(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl"), 0)
                lvl = override.find(f"{_W}lvl")
                base = _level_of(lvl) if lvl is not None else levels.get(ilvl, _Level())
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    base = _Level(start=_int(start.get(f"{_W}val"), 1), fmt=base.fmt, text=base.text)
                levels[ilvl] = base
            result.levels[num.get(f"{_W}numId", "")] = levels
        return result

    def label(self, num_id: str, ilvl: int) -> str:
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, levels[ilvl].start - 1) + 1
        for deeper in [k for k in self.counters if k[0] == num_id and k[1] > ilvl]:
            del self.counters[deeper]

        def value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            lvl = levels.get(level, _Level())
            count = self.counters.get((num_id, level), lvl.start)
            return _format_number(count, lvl.fmt)

        return re.sub(r"%([1-9])", value, levels[ilvl].text)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level_of(lvl: ET.Element) -> _Level:
    start = lvl.find(f"{_W}start")
    fmt = lvl.find(f"{_W}numFmt")
    text = lvl.find(f"{_W}lvlText")
    return _Level(
        start=_int(start.get(f"{_W}val") if start is not None else None, 1),
        fmt=fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
        text=text.get(f"{_W}val", "") if text is not None else "",
    )


_CHINESE_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "japaneseCounting",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
    "ideographTraditional",
    "chineseLegalSimplified",
}


def _format_number(n: int, fmt: str) -> str:
    if fmt in _CHINESE_FORMATS and 0 < n < 100:
        return chinese_number(n)
    if fmt in {"upperLetter", "lowerLetter"} and 0 < n <= 26:
        letter = chr(ord("A") + n - 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in {"bullet", "none"}:
        return ""
    return str(n)


def _paragraph_number(paragraph: ET.Element) -> tuple[str, int] | None:
    props = paragraph.find(f"{_W}pPr")
    num = props.find(f"{_W}numPr") if props is not None else None
    if num is None:
        return None
    num_id = num.find(f"{_W}numId")
    ilvl = num.find(f"{_W}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{_W}val", ""), _int(ilvl.get(f"{_W}val") if ilvl is not None else None, 0)


def _paragraph_text(paragraph: ET.Element, nested: list[ET.Element]) -> str:
    """Text of one w:p in order: w:t (inserted text included, deleted text is w:delText), tabs, breaks."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        for child in node:
            tag = child.tag
            if tag == f"{_W}p":
                nested.append(child)  # a text box inside this paragraph: its own paragraph, after this one
                continue
            if tag == f"{_W}t":
                parts.append(child.text or "")
            elif tag == f"{_W}tab":
                parts.append("\t")
            elif tag in {f"{_W}br", f"{_W}cr"}:
                parts.append("\n")
            elif tag == f"{_W}noBreakHyphen":
                parts.append("-")
            elif tag in {f"{_W}pPr", f"{_W}rPr", f"{_W}del", f"{_W}instrText", f"{_W}delText"}:
                continue
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _docx_paragraphs(document: bytes, numbering: _Numbering) -> list[str]:
    root = ET.fromstring(document)
    body = root.find(f"{_W}body")
    if body is None:
        return []
    out: list[str] = []

    def visit(node: ET.Element) -> None:
        for child in node:
            if child.tag == f"{_W}p":
                nested: list[ET.Element] = []
                text = _paragraph_text(child, nested)
                number = _paragraph_number(child)
                if number is not None:
                    text = numbering.label(*number) + text
                out.extend(text.split("\n"))
                for inner in nested:
                    visit_one(inner)
            elif child.tag in {f"{_W}sectPr"}:
                continue
            else:
                visit(child)  # tables, rows, cells, content controls, inserted blocks

    def visit_one(paragraph: ET.Element) -> None:
        holder = ET.Element("holder")
        holder.append(paragraph)
        visit(holder)

    visit(body)
    return out


def docx_text(data: bytes, file: str) -> tuple[str | None, list[Problem]]:
    """One line per paragraph of the document body, in order (headers, footers and notes are not the text)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = _zip_member(archive, _main_part(archive))
            if document is None:
                return None, [_problem(file, "official.not-docx", MSG_NOT_DOCX)]
            numbering = _Numbering.read(_zip_member(archive, "word/numbering.xml"))
            paragraphs = _docx_paragraphs(document, numbering)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ET.ParseError, ValueError, KeyError, OSError, EOFError, RuntimeError, NotImplementedError):
        # zlib.error: a damaged deflate stream (not an OSError); RuntimeError covers RecursionError (absurdly
        # nested XML) and encrypted zip members
        return None, [_problem(file, "official.not-docx", MSG_NOT_DOCX)]
    text = "\n".join(paragraphs)
    if not text.strip():
        return None, [_problem(file, "official.empty", MSG_DOCX_EMPTY)]
    return text, []


# ---------------------------------------------------------------------------------------------- .pdf


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    logger = logging.getLogger(logger_name)
    previous = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(previous)


def _cjk_count(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch) == "Lo" and "\u2e80" <= ch <= "\u9fff")


def pdf_text(data: bytes, file: str) -> tuple[str | None, int | None, list[Problem]]:
    """Text of every page (form feed between pages); owner-password-only PDFs are opened, others refused."""
    import pikepdf

    if b"%PDF-" not in data[:1024]:
        return None, None, [_problem(file, "official.not-pdf", MSG_NOT_PDF)]
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
            if pages > MAX_PDF_PAGES:
                return None, pages, [
                    _problem(file, "official.too-many-pages", MSG_TOO_MANY_PAGES, expected=f"不超过 {MAX_PDF_PAGES} 页", found=f"{pages} 页")
                ]
            if pdf.is_encrypted:
                plain = io.BytesIO()
                pdf.save(plain, encryption=False)
                data = plain.getvalue()
    except pikepdf.PasswordError:
        return None, None, [_problem(file, "official.pdf-password", MSG_PDF_PASSWORD)]
    except (pikepdf.PdfError, ValueError, OSError, RuntimeError):
        return None, None, [_problem(file, "official.not-pdf", MSG_NOT_PDF)]

    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    try:
        with _quiet("pdfminer"):
            text = extract_text(io.BytesIO(data), laparams=LAParams())
    except Exception:  # noqa: BLE001 - pdfminer raises many types for broken files; a user's file never crashes us
        return None, pages, [_problem(file, "official.pdf-failed", MSG_PDF_FAILED)]
    text = _normalise_newlines(text)
    if _cjk_count(text) < MIN_CJK_CHARS:
        return None, pages, [_problem(file, "official.scanned", MSG_SCANNED)]
    return text, pages, []
