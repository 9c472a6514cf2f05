"""Building the boxes: probe every source, draw the box's own pages, assemble with pikepdf, save reproducibly.

A box is rebuilt only when its fingerprint (plan.Box.fingerprint: the whole plan incl. every source's sha256, the
tool and format versions) differs from the one recorded in reports/packet/.state.json, or when its file is
missing or no longer has the recorded sha256. What a box's build found (bad files, placeholders, its outline) is
kept in the state too, so the packet's report and combined volume never need an unchanged box to be rebuilt.

A bad source never stops the build: it becomes a placeholder page and an entry in the report.
- empty, missing, outside the workspace, changed since `evidence check` hashed it, content not matching the
  extension, larger than the city's `limits.file_mb`: refused before it is opened;
- PDF: truncated/corrupt (qpdf cannot find its trailer), encrypted with an open (user) password, no pages, more
  pages than `limits.pdf_pages`; a PDF qpdf had to repair is merged and reported as a warning; owner-password-only
  PDFs open and are merged;
- image: more pixels than `limits.image_megapixels` (read from the header: a decompression bomb is never decoded),
  anything img2pdf/Pillow cannot read (PNG transparency is flattened first: PNGs are not JPEG-encoded, so nothing
  is lost to re-encoding);
- other types (xlsx, docx, ofd): a page says what it is, and the original is embedded as a PDF attachment.

Output is reproducible: pages in plan order, no timestamps (dates in /Info are the box's newest source date),
`deterministic_id=True`, fixed object-stream settings.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cwassess import __version__
from cwassess.fileio import sha256_file
from cwassess.images import format_pixels, image_header, pillow_limit_off
from cwassess.models.limits import DEFAULT_INPUT_LIMITS, InputLimits
from cwassess.packet import BOXES_DIR, FORMAT_VERSION, PACKET_DIR, STATE_NAME
from cwassess.packet.draw import A4, Painter
from cwassess.packet.pages import Slot, layout_front, photo_page
from cwassess.packet.plan import PHOTO_SUFFIXES, Box, Entry, Packet, Source

_MAGIC = {".pdf": b"%PDF", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff", ".png": b"\x89PNG\r\n\x1a\n"}
_MIME = {".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".ofd": "application/ofd", ".xls": "application/vnd.ms-excel"}
_UMASK = os.umask(0o22)
os.umask(_UMASK)
INHERITABLE = ("/Resources", "/MediaBox", "/CropBox", "/Rotate")
CREATOR = f"cwassess {__version__}"


class SourceError(Exception):
    """A source file that cannot go into the packet; `kind` is the report's category, the message is Chinese."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass
class Issue:
    """One line of the build report."""

    level: str  # error | warning
    kind: str  # refused | missing-file | empty | changed | magic | limit | corrupt | encrypted | image | unsupported | repaired | plan
    box: str
    item: str
    document: str | None
    department: str | None
    file: str | None
    message: str

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass
class BoxRecord:
    """What the state remembers of a built box (everything the combined volume and the reports need)."""

    item: str
    seq: int
    code: str
    section_number: str
    section_title: str
    label: str
    title: str
    file: str  # relative to reports/packet
    fingerprint: str
    sha256: str
    size: int
    pages: int
    documents: int
    outline: list[dict[str, Any]] = field(default_factory=list)  # {title, page (0-based), group}
    sources: list[dict[str, Any]] = field(default_factory=list)  # manifest positions
    placeholders: list[dict[str, Any]] = field(default_factory=list)
    issues: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    date: str | None = None
    mtime_ns: int | None = None  # of the file as written: lets a rerun skip hashing an unchanged box

    def to_json(self) -> dict[str, Any]:
        # shallow on purpose: dataclasses.asdict deep-copies every source row, which costs more than the box's pages
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BoxRecord:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


# -- files --------------------------------------------------------------------------------------------------------


def unchanged(path: Path, recorded: dict[str, Any]) -> bool:
    """Whether `path` still is the file recorded (size, sha256). When size and modification time are as recorded,
    the file is taken as unchanged without reading it (as make and git do); otherwise its sha256 decides."""
    try:
        st = path.stat()
    except OSError:
        return False
    if st.st_size != recorded.get("size"):
        return False
    if recorded.get("mtime_ns") == st.st_mtime_ns:
        return True
    return sha256_file(path) == recorded.get("sha256")


def pdf_date(iso: str | None) -> str | None:
    return f"D:{iso.replace('-', '')}000000+08'00'" if iso else None


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside `target`, renamed over it on success, removed on failure."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_pdf(pdf: Any, target: Path, info: dict[str, str | None]) -> None:
    """Save reproducibly: fixed /Info (no timestamps of today), deterministic /ID, no XMP, atomically."""
    import pikepdf

    docinfo = pikepdf.Dictionary()
    for key, value in info.items():
        if value:
            docinfo[f"/{key}"] = pikepdf.String(value)
    pdf.trailer.Info = pdf.make_indirect(docinfo)
    if "/Metadata" in pdf.Root:
        del pdf.Root.Metadata
    with atomic_path(target) as tmp:
        pdf.save(
            tmp,
            deterministic_id=True,
            compress_streams=True,  # the streams cwassess made; streams already compressed are copied as they are
            stream_decode_level=pikepdf.StreamDecodeLevel.none,  # never decode a source's streams just to encode them again
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            fix_metadata_version=False,
            linearize=False,
        )


def resolve_source(root: Path, src: Source) -> Path:
    """The file of a source, refused when it is not a regular file inside the workspace (symlinks resolved)."""
    rel = PurePosixPath(src.file)
    if rel.is_absolute() or os.path.isabs(src.file) or ".." in rel.parts:
        raise SourceError("refused", f"路径“{src.file}”不在工作区内，已拒绝")
    base = root.resolve()
    try:
        real = (base / Path(*rel.parts)).resolve()
    except (OSError, RuntimeError):
        raise SourceError("refused", f"无法解析路径“{src.file}”") from None
    if not real.is_relative_to(base):
        raise SourceError("refused", f"路径“{src.file}”指向工作区之外（可能是符号链接），已拒绝")
    if not real.is_file():
        raise SourceError("missing-file", f"文件不存在：{src.file}")
    return real


def _limit(kind: str, limit: str, found: str) -> SourceError:
    return SourceError("limit", f"{kind}（上限 {limit}，实际 {found}）")


def check_source(root: Path, src: Source, limits: InputLimits = DEFAULT_INPUT_LIMITS) -> tuple[Path, str, int]:
    """(path, sha256, size) of a source after every check that needs no parser."""
    from cwassess.textio import size_over_limit

    path = resolve_source(root, src)
    size = path.stat().st_size
    if size == 0:
        raise SourceError("empty", "文件为空（0 字节）")
    if size > limits.file_bytes:
        limit, found = size_over_limit(limits.file_bytes, size)
        raise _limit("文件过大", limit.removeprefix("不超过 "), found)
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(0)
        sha = hashlib.file_digest(fh, "sha256").hexdigest()
    if src.sha256 and sha != src.sha256:
        raise SourceError("changed", "文件在检查之后被修改（sha256 不一致），请重新运行")
    magic = _MAGIC.get(src.suffix)
    if magic is not None:
        ok = magic in head if src.suffix == ".pdf" else head.startswith(magic)
        if not ok:
            raise SourceError("magic", f"文件内容与扩展名“{src.suffix}”不符")
    return path, sha, size


# -- probing ------------------------------------------------------------------------------------------------------


@dataclass
class Probed:
    slot: Slot
    pdf: Any = None  # an open pikepdf.Pdf (submitted PDF)
    images: list[Any] = field(default_factory=list)  # open img2pdf PDFs, one page each
    attachment: tuple[str, bytes, str] | None = None  # (name, data, mime)
    hashes: list[tuple[Source, str, int]] = field(default_factory=list)


def _bad(entry: Entry, source: Source | None, reason: str) -> Entry:
    title = source.title if source is not None else entry.title
    return dataclasses.replace(entry, type="bad", title=title, reason=reason, sources=(source,) if source else entry.sources)


# What qpdf says about a damaged file, in words a department understands (qpdf's own text is English and names the
# file by its absolute path, so it never reaches the report).
_DAMAGE = (
    ("trailer", "找不到文件尾，文件可能不完整"),
    ("unable to find any pages", "找不到任何页面，文件可能不完整"),
    ("loop detected", "页面树存在循环引用"),
    ("xref", "交叉引用表已损坏"),
)


def _damage(exc: Exception) -> str:
    text = str(exc).lower()
    reason = next((zh for key, zh in _DAMAGE if key in text), None)
    return "PDF 已损坏，无法打开" + (f"（{reason}）" if reason else "")


def _open_pdf(path: Path, stack: ExitStack, limits: InputLimits) -> tuple[Any, bool]:
    """The open PDF and whether qpdf had to repair it."""
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise SourceError("encrypted", "PDF 已加密，需要打开密码：请提供未加密的版本") from None
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as exc:
        raise SourceError("corrupt", _damage(exc)) from None
    stack.callback(pdf.close)
    try:
        n = len(pdf.pages)
    except (pikepdf.PdfError, RuntimeError, ValueError) as exc:
        raise SourceError("corrupt", _damage(exc)) from None
    if n == 0:
        raise SourceError("corrupt", "PDF 没有页面")
    if n > limits.pdf_pages:
        raise _limit("PDF 页数过多", f"{limits.pdf_pages} 页", f"{n} 页")
    return pdf, bool(pdf.get_warnings())


def _image_size(path: Path, limits: InputLimits) -> None:
    """Refuse an image over the city's pixel limit, from its header alone (a decompression bomb is never decoded)."""
    header = image_header(path)
    if header is None:
        raise SourceError("image", "图片已损坏或格式不受支持，无法读取")
    _, width, height = header
    if width * height > limits.image_pixels:
        raise _limit("图片像素过多", format_pixels(limits.image_pixels), f"{width}×{height}，{'约' if width * height >= 1_000_000 else '共'} {format_pixels(width * height)}")


def _image_layout(width_px: int, height_px: int, _dpi: Any) -> tuple[float, float, float, float]:
    """img2pdf's page: the image alone at a fixed size (it is scaled into its frame on the photo page anyway), so a
    2×2-pixel photo is as welcome as a 50-megapixel one and the page never depends on the file's DPI header."""
    scale = 1000 / max(width_px, height_px, 1)
    w, h = max(width_px * scale, 3.0), max(height_px * scale, 3.0)
    return w, h, w, h


def _image_pdf(path: Path, stack: ExitStack, limits: InputLimits) -> Any:
    """A one-page PDF of the image, by img2pdf (JPEG bytes copied as they are), in memory."""
    import img2pdf
    import pikepdf

    _image_size(path, limits)
    # img2pdf's own writer: a one-image PDF is all it writes, and this is faster than its pikepdf engine;
    # first_frame_only: an animated PNG is its first frame, as a viewer shows it
    options: dict[str, Any] = {"layout_fun": _image_layout, "rotation": img2pdf.Rotation.ifvalid, "engine": img2pdf.Engine.internal,
                               "first_frame_only": True}
    out = io.BytesIO()
    try:
        with pillow_limit_off():
            try:
                img2pdf.convert(str(path), outputstream=out, **options)
            except img2pdf.AlphaChannelError:  # PNG transparency: flattened onto white, stored losslessly
                from PIL import Image

                out.seek(0)
                out.truncate()
                with Image.open(path) as im:
                    rgba = im.convert("RGBA")
                    flat = Image.new("RGB", im.size, (255, 255, 255))
                    flat.paste(rgba, mask=rgba.getchannel("A"))
                    png = io.BytesIO()
                    flat.save(png, format="PNG")
                img2pdf.convert(png.getvalue(), outputstream=out, **options)
    except Exception:  # img2pdf and Pillow raise many types for damaged images
        raise SourceError("image", "图片已损坏或格式不受支持，无法读取") from None
    pdf = pikepdf.open(io.BytesIO(out.getvalue()))
    stack.callback(pdf.close)
    return pdf


def probe(box: Box, root: Path, stack: ExitStack, issues: list[Issue], limits: InputLimits = DEFAULT_INPUT_LIMITS) -> list[Probed]:
    probed: list[Probed] = []

    def issue(kind: str, entry: Entry, src: Source | None, message: str, level: str = "error") -> None:
        issues.append(Issue(level=level, kind=kind, box=box.code, item=box.item, document=src.document if src else None,
                            department=src.department_name if src else None, file=src.file if src else None, message=message))

    for entry in box.entries:
        if entry.type == "missing":
            probed.append(Probed(Slot(entry, "gen", 1)))
            continue
        if entry.type == "bad":
            src = entry.sources[0] if entry.sources else None
            issue("plan", entry, src, f"“{entry.title}”：{entry.reason}")
            probed.append(Probed(Slot(entry, "gen", 1)))
            continue
        if entry.type == "pdf":
            src = entry.sources[0]
            try:
                path, sha, size = check_source(root, src, limits)
                pdf, repaired = _open_pdf(path, stack, limits)
            except SourceError as err:
                issue(err.kind, entry, src, f"“{src.title}”：{err.message}")
                probed.append(Probed(Slot(_bad(entry, src, err.message), "gen", 1)))
                continue
            if repaired:
                issue("repaired", entry, src, f"“{src.title}”：PDF 有结构错误，已自动修复后装入，请核对内容是否完整", level="warning")
            probed.append(Probed(Slot(entry, "pdf", len(pdf.pages)), pdf=pdf, hashes=[(src, sha, size)]))
            continue
        if entry.type in ("photo", "pair"):
            good: list[tuple[Source, Any, str, int]] = []
            for src in entry.sources:
                try:
                    path, sha, size = check_source(root, src, limits)
                    if src.suffix not in PHOTO_SUFFIXES:
                        raise SourceError("unsupported", f"不支持的图片格式“{src.suffix}”")
                    good.append((src, _image_pdf(path, stack, limits), sha, size))
                except SourceError as err:
                    issue(err.kind, entry, src, f"“{src.title}”：{err.message}")
                    probed.append(Probed(Slot(_bad(entry, src, err.message), "gen", 1)))
            if len(good) == len(entry.sources):
                probed.append(Probed(Slot(entry, "photo", 1), images=[g[1] for g in good], hashes=[(g[0], g[2], g[3]) for g in good]))
            else:
                for src, img, sha, size in good:
                    single = dataclasses.replace(entry, type="photo", title=src.title, date=src.date, sources=(src,))
                    probed.append(Probed(Slot(single, "photo", 1), images=[img], hashes=[(src, sha, size)]))
            continue
        # another electronic file: a page saying what it is, the original as an attachment
        src = entry.sources[0]
        try:
            path, sha, size = check_source(root, src, limits)
        except SourceError as err:
            issue(err.kind, entry, src, f"“{src.title}”：{err.message}")
            probed.append(Probed(Slot(_bad(entry, src, err.message), "gen", 1)))
            continue
        name = f"{box.seq:02d}-{len(probed) + 1:03d}-{PurePosixPath(src.file).name}"
        issue("unsupported", entry, src, f"“{src.title}”：{src.suffix} 文件不能装订为 PDF 页面，已放说明页并作为附件嵌入", level="warning")
        probed.append(Probed(Slot(entry, "gen", 1), attachment=(name, path.read_bytes(), _MIME.get(src.suffix, "application/octet-stream")), hashes=[(src, sha, size)]))
    return probed


# -- assembling ---------------------------------------------------------------------------------------------------


def push_inherited(page: Any) -> None:
    """Give a page its inherited attributes (Resources, MediaBox …) before it leaves its page tree."""
    missing = [k for k in INHERITABLE if k not in page]
    if not missing:
        return
    parent = page.get("/Parent")
    depth = 0
    while parent is not None and missing and depth < 64:
        for key in list(missing):
            if key in parent:
                page[key] = parent[key]
                missing.remove(key)
        parent = parent.get("/Parent")
        depth += 1
    if "/MediaBox" in missing:
        import pikepdf

        page.MediaBox = pikepdf.Array([0, 0, A4[0], A4[1]])


def label_prefix(box: Box) -> str:
    return f"{box.code}-"


def build_box(box: Box, root: Path, target: Path, fingerprint: str, limits: InputLimits = DEFAULT_INPUT_LIMITS) -> BoxRecord:
    """Build one box into `target` (atomically) and return its record."""
    import pikepdf

    issues: list[Issue] = []
    with ExitStack() as stack:
        probed = probe(box, root, stack, issues, limits)
        slots = [p.slot for p in probed]
        prefix = label_prefix(box)
        front = layout_front(box, slots, prefix)
        photos = {id(p): photo_page(box, p.slot.entry, f"{prefix}{p.slot.start}") for p in probed if p.slot.form == "photo"}
        for page, _ in photos.values():
            page.label = None  # photo pages draw their label as a caption block of their own
        out = pikepdf.new()
        stack.callback(out.close)
        painter = Painter(out, [*front.pages, *front.gens, *(page for page, _ in photos.values())])
        for page in front.pages:
            out.pages.append(painter.page(out, page))
        outline: list[dict[str, Any]] = [
            {"title": "封面", "page": 0, "group": None},
            {"title": "目录", "page": front.toc_page, "group": None},
            {"title": "自评情况说明" if box.statements else "缺：自评情况说明", "page": front.statement_page, "group": None},
        ]
        sources: list[dict[str, Any]] = []
        placeholders: list[dict[str, Any]] = []
        attachments: list[tuple[str, bytes, str, str]] = []
        if not box.statements:
            placeholders.append({"box": box.code, "item": box.item, "entry": 0, "page": front.statement_page + 1, "label": f"{prefix}{front.statement_page + 1}",
                                 "title": "缺：自评情况说明", "material": None, "reason": "牵头单位未提交自评说明",
                                 "departments": [box.statement_owner.department] if box.statement_owner else [], "deadline": box.statement_owner.deadline if box.statement_owner else None})
        gens = iter(front.gens)
        for no, p in enumerate(probed, start=1):
            slot = p.slot
            entry = slot.entry
            first = len(out.pages)
            if first + 1 != slot.start:
                raise RuntimeError(f"page numbering mismatch in {box.code}: {first + 1} != {slot.start}")
            if slot.form == "pdf":
                for page in p.pdf.pages:
                    push_inherited(page.obj)
                out.pages.extend(p.pdf.pages)
            elif slot.form == "photo":
                page, frames = photos[id(p)]
                _photo_page(out, painter, page, frames, p.images)
            else:
                out.pages.append(painter.page(out, next(gens)))
            title = entry.heading if entry.type != "pair" else f"{entry.title}（整改前后对比）"
            outline.append({"title": f"{no}. {title}", "page": first, "group": entry.kind})
            for src, sha, size in p.hashes:
                sources.append({"document": src.document, "department": src.department, "department_name": src.department_name, "title": src.title,
                                "file": src.file, "sha256": sha, "size": size, "box": box.code, "item": box.item, "box_file": box.file_name,
                                "entry": no, "pages": f"{slot.start}" if slot.pages == 1 else f"{slot.start}-{slot.start + slot.pages - 1}",
                                "kind": entry.kind, "type": "attachment" if p.attachment else entry.type})
            if entry.placeholder:
                placeholders.append({"box": box.code, "item": box.item, "entry": no, "page": slot.start, "label": f"{prefix}{slot.start}", "title": entry.heading,
                                     "material": entry.material, "reason": entry.reason, "departments": list(dict.fromkeys(o.department for o in entry.owners)),
                                     "deadline": min((o.deadline for o in entry.owners), default=None)})
            if p.attachment:
                name, data, mime = p.attachment
                attachments.append((name, data, mime, entry.title))
        _outline(out, box, outline)
        out.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array([0, pikepdf.Dictionary(S=pikepdf.Name.D, P=pikepdf.String(prefix))]))
        for name, data, mime, title in attachments:
            out.attachments[name] = pikepdf.AttachedFileSpec(out, data, description=title, filename=name, mime_type=mime)
        date = pdf_date(box.packet_date)
        save_pdf(out, target, {"Title": f"{box.code} {box.title}", "Author": box.issuer, "Subject": f"{box.city}创建{box.kind_zh}迎评资料",
                               "Creator": CREATOR, "Producer": CREATOR, "CreationDate": date, "ModDate": date})
        pages = len(out.pages)
    stat = target.stat()
    return BoxRecord(
        item=box.item, seq=box.seq, code=box.code, section_number=box.section_number, section_title=box.section_title, label=box.label,
        title=box.title, file=f"{BOXES_DIR}/{box.file_name}", fingerprint=fingerprint, sha256=sha256_file(target), size=stat.st_size,
        pages=pages, documents=len(sources), outline=outline, sources=sources, placeholders=placeholders,
        issues=[i.to_json() for i in issues], attachments=[a[0] for a in attachments], date=box.packet_date,
        mtime_ns=stat.st_mtime_ns,
    )


def _photo_page(out: Any, painter: Painter, page: Any, frames: list[tuple[float, float, float, float]], images: list[Any]) -> None:
    """The caption page with each image placed in its frame: img2pdf's page as a Form XObject (the JPEG stream
    copied as it is), scaled to fit and centred. Named by position, not by pikepdf's random overlay names, so the
    output stays reproducible."""
    import pikepdf

    xobjects = pikepdf.Dictionary()
    forms = []
    for n, image in enumerate(images):
        name = pikepdf.Name(f"/CwIm{n}")
        xobjects[name] = out.copy_foreign(image.pages[0].as_form_xobject())
        forms.append(name)
    out.pages.append(painter.page(out, page, xobjects))
    target = out.pages[-1]
    pad = 2.0
    ops = [target.calc_form_xobject_placement(xobjects[name], name, pikepdf.Rectangle(x0 + pad, y0 + pad, x1 - pad, y1 - pad), allow_expand=True)
           for name, (x0, y0, x1, y1) in zip(forms, frames)]
    target.contents_add(out.make_stream(b"\n".join(ops)))


def _outline(out: Any, box: Box, outline: list[dict[str, Any]]) -> None:
    from pikepdf import OutlineItem

    from cwassess.packet.plan import KIND_HEADINGS
    from cwassess.render.templates import cn_numeral

    with out.open_outline() as ol:
        ol.root.clear()
        groups: dict[str, OutlineItem] = {}
        for row in outline:
            item = OutlineItem(row["title"], row["page"])
            if row["group"] is None:
                ol.root.append(item)
                continue
            parent = groups.get(row["group"])
            if parent is None:
                parent = OutlineItem(f"{cn_numeral(len(groups) + 1)}、{KIND_HEADINGS.get(row['group'], row['group'])}", row["page"])
                groups[row["group"]] = parent
                ol.root.append(parent)
            parent.children.append(item)


# -- state and the whole set of boxes

MIN_PARALLEL = 4  # boxes to build before worker processes pay off (each worker starts Python and loads pikepdf)


def workers(count: int) -> int:
    """Worker processes for `count` boxes: CWASSESS_JOBS (default 1: one process; the work is mostly qpdf copying
    pages, so a second process mainly helps on an idle multi-core machine)."""
    env = os.environ.get("CWASSESS_JOBS", "")
    jobs = int(env) if env.isdigit() and int(env) > 0 else 1
    return 1 if count < MIN_PARALLEL else min(jobs, count)


def _build_one(args: tuple[Box, str, Path, Path, InputLimits]) -> BoxRecord:
    box, fingerprint, target, root, limits = args
    return build_box(box, root, target, fingerprint, limits)


def _run_builds(todo: list[tuple[Box, str, Path]], root: Path, on_box: Callable[[Box, bool], None] | None, limits: InputLimits) -> list[BoxRecord]:
    """Build the boxes in `todo` (in worker processes when there are many); records in `todo` order. Each box is
    independent and written by one process only, so the files do not depend on how the work was split."""
    jobs = workers(len(todo))
    if jobs <= 1:
        out = []
        for box, fingerprint, target in todo:
            out.append(build_box(box, root, target, fingerprint, limits))
            if on_box:
                on_box(box, True)
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    results: dict[int, BoxRecord] = {}
    context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(_build_one, (box, fp, target, root, limits)): n for n, (box, fp, target) in enumerate(todo)}
        for future in as_completed(futures):
            n = futures[future]
            results[n] = future.result()
            if on_box:
                on_box(todo[n][0], True)
    return [results[n] for n in range(len(todo))]


# -- state -----------------------------------------------------------------------------------------------------------


def load_state(folder: Path) -> dict[str, Any]:
    path = folder / STATE_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"format": FORMAT_VERSION, "boxes": {}}
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION or not isinstance(data.get("boxes"), dict):
        return {"format": FORMAT_VERSION, "boxes": {}}
    return data


def save_state(folder: Path, state: dict[str, Any]) -> None:
    from cwassess.fileio import write_atomic

    # compact: json's C encoder only runs without indent, and nobody reads this file
    write_atomic(folder / STATE_NAME, json.dumps(state, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n")


@dataclass
class BoxesResult:
    records: list[BoxRecord]
    rebuilt: list[str]  # item ids
    removed: list[str]  # stale box files removed


def build_boxes(
    packet: Packet,
    root: Path,
    state: dict[str, Any],
    force: bool = False,
    only: set[str] | None = None,
    on_box: Callable[[Box, bool], None] | None = None,
    limits: InputLimits = DEFAULT_INPUT_LIMITS,
) -> BoxesResult:
    """Build every box whose inputs changed (or all with `force`; only those in `only` when given). A box's
    fingerprint covers its plan and the city's size limits (a changed limit can turn a document into a placeholder)."""
    folder = root / PACKET_DIR
    boxes_dir = folder / BOXES_DIR
    records: list[BoxRecord] = []
    rebuilt: list[str] = []
    known: dict[str, Any] = state.setdefault("boxes", {})
    todo: list[tuple[Box, str, Path]] = []
    for box in packet.boxes:
        fingerprint = hashlib.sha256(f"{box.fingerprint()}|{limits.model_dump_json()}".encode()).hexdigest()
        target = boxes_dir / box.file_name
        old = known.get(box.item)
        fresh = (
            not force
            and isinstance(old, dict)
            and old.get("fingerprint") == fingerprint
            and old.get("file") == f"{BOXES_DIR}/{box.file_name}"
            and target.is_file()
            and unchanged(target, old)
        )
        wanted = only is None or box.item in only
        if fresh or not wanted:
            if isinstance(old, dict) and (fresh or target.is_file()):
                records.append(BoxRecord.from_json(old))
            if on_box:
                on_box(box, False)
            continue
        todo.append((box, fingerprint, target))
        records.append(None)  # type: ignore[arg-type]  # filled in below, in plan order
    built = _run_builds(todo, root, on_box, limits)
    slots = iter(built)
    records = [r if r is not None else next(slots) for r in records]
    for record in built:
        known[record.item] = record.to_json()
        rebuilt.append(record.item)
    removed: list[str] = []
    if only is None:
        names = {f"{b.file_name}" for b in packet.boxes}
        for path in sorted(boxes_dir.glob("[0-9][0-9]-*.pdf")) if boxes_dir.is_dir() else []:
            if path.name not in names:
                path.unlink()
                removed.append(path.name)
        for item in [k for k in known if k not in {b.item for b in packet.boxes}]:
            del known[item]
    return BoxesResult(records=records, rebuilt=rebuilt, removed=removed)
