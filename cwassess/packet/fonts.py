"""The packet's CJK font: Noto Sans CJK SC (regular and bold), measured with HarfBuzz and embedded as a subset.

The packet draws its own pages (cover, 目录, 自评说明, placeholders, photo captions, 总目录) straight into PDF
content streams. Each PDF gets, per style, a subset of exactly the characters its pages show (HarfBuzz's
hb-subset: a few milliseconds, against a WeasyPrint layout per box before), embedded as a CID-keyed CFF font
(Type0, Identity-H, /FontFile3 /CIDFontType0C) with a ToUnicode map, so the text stays searchable and copyable
and renders the same everywhere. Character codes are the font's CIDs, which a subset keeps: the same text is
the same bytes in every box.

HarfBuzz is bound with cffi (ABI mode, as WeasyPrint binds it); the library and the font files are found once per
process. Missing pieces are a Chinese FontError at the start of `cwassess packet`, never a traceback.
"""

from __future__ import annotations

import functools
import hashlib
import io
import shutil
import subprocess
from dataclasses import dataclass, field
from typing import Any

from cwassess.render.fonts import CJK_FAMILY, INSTALL_HINT  # not from render.pdf, which would load WeasyPrint


class FontError(RuntimeError):
    """The packet's pages cannot be drawn on this machine; the message (Chinese) says what to install."""

STYLES = {"R": "Regular", "B": "Bold"}
POSTSCRIPT = {"R": "NotoSansCJKsc-Regular", "B": "NotoSansCJKsc-Bold"}
FALLBACK = "?"  # drawn for a character the font does not have

_CDEF = """
typedef struct hb_blob_t hb_blob_t;
typedef struct hb_face_t hb_face_t;
typedef struct hb_font_t hb_font_t;
typedef struct hb_set_t hb_set_t;
typedef struct hb_subset_input_t hb_subset_input_t;
typedef uint32_t hb_codepoint_t;
typedef int hb_bool_t;
typedef int32_t hb_position_t;
hb_blob_t *hb_blob_create_from_file_or_fail(const char *file_name);
void hb_blob_destroy(hb_blob_t *blob);
const char *hb_blob_get_data(hb_blob_t *blob, unsigned int *length);
hb_face_t *hb_face_create(hb_blob_t *blob, unsigned int index);
void hb_face_destroy(hb_face_t *face);
unsigned int hb_face_get_upem(const hb_face_t *face);
hb_blob_t *hb_face_reference_blob(hb_face_t *face);
hb_blob_t *hb_face_reference_table(const hb_face_t *face, uint32_t tag);
hb_font_t *hb_font_create(hb_face_t *face);
hb_bool_t hb_font_get_nominal_glyph(hb_font_t *font, hb_codepoint_t unicode, hb_codepoint_t *glyph);
hb_position_t hb_font_get_glyph_h_advance(hb_font_t *font, hb_codepoint_t glyph);
void hb_set_add(hb_set_t *set, hb_codepoint_t codepoint);
void hb_set_clear(hb_set_t *set);
hb_subset_input_t *hb_subset_input_create_or_fail(void);
void hb_subset_input_destroy(hb_subset_input_t *input);
hb_set_t *hb_subset_input_glyph_set(hb_subset_input_t *input);
hb_set_t *hb_subset_input_unicode_set(hb_subset_input_t *input);
hb_set_t *hb_subset_input_set(hb_subset_input_t *input, int set_type);
void hb_subset_input_set_flags(hb_subset_input_t *input, unsigned value);
hb_face_t *hb_subset_or_fail(hb_face_t *source, const hb_subset_input_t *input);
"""
_NAMES = {
    "harfbuzz": ("libharfbuzz.so.0", "libharfbuzz-0", "harfbuzz", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"),
    "subset": ("libharfbuzz-subset.so.0", "libharfbuzz-subset-0", "harfbuzz-subset", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll"),
}
_NO_HINTING, _DESUBROUTINIZE, _NOTDEF_OUTLINE, _NO_LAYOUT_CLOSURE = 0x1, 0x4, 0x40, 0x200
_DROP_TABLE_SET = 3
_DROP = ("GSUB", "GPOS", "GDEF", "BASE", "DSIG", "VORG", "vhea", "vmtx", "name", "post", "JSTF", "SVG ")


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


@functools.cache
def _libs() -> tuple[Any, Any, Any]:
    import cffi

    ffi = cffi.FFI()
    ffi.cdef(_CDEF)
    found = []
    for names in _NAMES.values():
        lib = None
        for name in names:
            try:
                lib = ffi.dlopen(name)
                break
            except OSError:
                continue
        if lib is None:
            raise FontError(f"生成资料汇编需要 HarfBuzz 字体库（{names[0]}），本机未找到。请安装：sudo apt-get install libharfbuzz-subset0（Debian/Ubuntu），然后重试。")
        found.append(lib)
    return ffi, found[0], found[1]


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int


@functools.cache
def font_files() -> dict[str, FontFile]:
    """The files of Noto Sans CJK SC regular and bold, as fontconfig resolves them."""
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise FontError("无法确认中文字体：找不到 fontconfig 的 fc-match 命令。请安装：sudo apt-get install fontconfig fonts-noto-cjk，然后重试。")
    files: dict[str, FontFile] = {}
    for key, style in STYLES.items():
        try:
            out = subprocess.run([fc_match, "-f", "%{family}\n%{style}\n%{file}\n%{index}\n", f"{CJK_FAMILY}:style={style}"],
                                 capture_output=True, text=True, timeout=30, check=False).stdout.split("\n")
        except (OSError, subprocess.SubprocessError):
            out = []
        if len(out) < 4 or CJK_FAMILY not in out[0].split(",") or style not in out[1].split(",") or not out[2]:
            raise FontError(f"生成资料汇编需要中文字体“{CJK_FAMILY}”（常规体和粗体），本机未安装完整。请安装：{INSTALL_HINT}（Debian/Ubuntu），然后重试。")
        files[key] = FontFile(out[2], int(out[3] or 0))
    return files


def check_fonts() -> None:
    """Raise FontError (Chinese) unless the fonts and HarfBuzz are usable."""
    for key in STYLES:
        face(key)


class Face:
    """One style of the CJK font: which glyph shows a character, how wide it is, and subsets of it."""

    def __init__(self, file: FontFile) -> None:
        ffi, hb, _ = _libs()
        self._ffi = ffi
        self._hb = hb
        blob = hb.hb_blob_create_from_file_or_fail(file.path.encode())
        if blob == ffi.NULL:
            raise FontError(f"无法读取中文字体“{CJK_FAMILY}”的字体文件。请重新安装：{INSTALL_HINT}，然后重试。")
        self._face = hb.hb_face_create(blob, file.index)
        hb.hb_blob_destroy(blob)
        self._font = hb.hb_font_create(self._face)
        self.upem = hb.hb_face_get_upem(self._face) or 1000
        self._glyphs: dict[str, int | None] = {}
        self._widths: dict[str, float] = {}
        self._out = ffi.new("hb_codepoint_t *")

    def glyph(self, ch: str) -> int | None:
        gid = self._glyphs.get(ch, -1)
        if gid == -1:
            gid = self._out[0] if self._hb.hb_font_get_nominal_glyph(self._font, ord(ch), self._out) else None
            self._glyphs[ch] = gid
        return gid

    def shown(self, ch: str) -> str:
        """The character drawn for `ch`: itself, or FALLBACK when the font lacks it."""
        return ch if self.glyph(ch) is not None else FALLBACK

    def advance(self, ch: str) -> float:
        """Width of `ch` in thousandths of an em."""
        width = self._widths.get(ch)
        if width is None:
            gid = self.glyph(ch)
            if gid is None:
                gid = self.glyph(FALLBACK) or 0
            width = self._hb.hb_font_get_glyph_h_advance(self._font, gid) * 1000 / self.upem
            self._widths[ch] = width
        return width

    def width(self, text: str, size: float) -> float:
        return sum(self.advance(ch) for ch in text) * size / 1000

    def subset(self, chars: set[str]) -> Subset:
        ffi, hb, hbs = _libs()
        gids = sorted({g for g in (self.glyph(ch) for ch in chars) if g is not None} | {0})
        plan = hbs.hb_subset_input_create_or_fail()
        if plan == ffi.NULL:
            raise FontError("HarfBuzz 无法创建字体子集（内存不足？）")
        try:
            glyph_set = hbs.hb_subset_input_glyph_set(plan)
            for gid in gids:
                hb.hb_set_add(glyph_set, gid)
            hb.hb_set_clear(hbs.hb_subset_input_unicode_set(plan))
            drop = hbs.hb_subset_input_set(plan, _DROP_TABLE_SET)
            for name in _DROP:
                hb.hb_set_add(drop, _tag(name))
            hbs.hb_subset_input_set_flags(plan, _NO_HINTING | _DESUBROUTINIZE | _NOTDEF_OUTLINE | _NO_LAYOUT_CLOSURE)
            sub = hbs.hb_subset_or_fail(self._face, plan)
        finally:
            hbs.hb_subset_input_destroy(plan)
        if sub == ffi.NULL:
            raise FontError("HarfBuzz 无法生成中文字体子集")
        try:
            whole = self._blob_bytes(hb.hb_face_reference_blob(sub))
            cff = self._blob_bytes(hb.hb_face_reference_table(sub, _tag("CFF ")))
        finally:
            hb.hb_face_destroy(sub)
        return Subset.read(whole, cff, {ch: self.advance(ch) for ch in chars})

    def _blob_bytes(self, blob: Any) -> bytes:
        length = self._ffi.new("unsigned int *")
        try:
            data = self._hb.hb_blob_get_data(blob, length)
            return bytes(self._ffi.buffer(data, length[0])) if length[0] else b""
        finally:
            self._hb.hb_blob_destroy(blob)


@functools.cache
def face(key: str) -> Face:
    return Face(font_files()[key])


@dataclass
class Subset:
    """A subset as a PDF needs it: the CFF program, each character's CID and width, the font's metrics."""

    cff: bytes
    cids: dict[str, int]
    widths: dict[int, float]
    bbox: tuple[int, int, int, int]
    ascent: int
    descent: int
    cap_height: int
    ordering: tuple[str, str, int] = ("Adobe", "Identity", 0)
    tag: str = field(default="")

    @classmethod
    def read(cls, otf: bytes, cff: bytes, advances: dict[str, float]) -> Subset:
        from fontTools.ttLib import TTFont

        font = TTFont(io.BytesIO(otf), lazy=True)
        order = font.getGlyphOrder()
        top = font["CFF "].cff.topDictIndex[0]
        cid_of = {name: (int(name[3:]) if name.startswith("cid") else n) for n, name in enumerate(order)}
        cmap = font.getBestCmap() or {}
        cids: dict[str, int] = {}
        widths: dict[int, float] = {}
        for ch, adv in advances.items():
            name = cmap.get(ord(ch))
            if name is None:
                continue
            cid = cid_of[name]
            cids[ch] = cid
            widths[cid] = round(adv, 1)
        head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
        scale = 1000 / (head.unitsPerEm or 1000)
        ros = getattr(top, "ROS", ("Adobe", "Identity", 0))
        tag = "".join(chr(65 + b % 26) for b in hashlib.sha256(cff).digest()[:6])
        return cls(
            cff=cff, cids=cids, widths=widths,
            bbox=tuple(round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)),  # type: ignore[arg-type]
            ascent=round(hhea.ascent * scale), descent=round(hhea.descent * scale),
            cap_height=round(getattr(os2, "sCapHeight", 0) * scale) or 700, ordering=(str(ros[0]), str(ros[1]), int(ros[2])), tag=tag,
        )


def pdf_font(pdf: Any, key: str, subset: Subset) -> Any:
    """The Type0 font dictionary of `subset` in `pdf` (an indirect object)."""
    import pikepdf

    name = pikepdf.Name(f"/{subset.tag}+{POSTSCRIPT[key]}")
    program = pdf.make_stream(subset.cff)
    program.Subtype = pikepdf.Name.CIDFontType0C
    descriptor = pikepdf.Dictionary(
        Type=pikepdf.Name.FontDescriptor, FontName=name, Flags=4, FontBBox=list(subset.bbox), ItalicAngle=0, Ascent=subset.ascent,
        Descent=subset.descent, CapHeight=subset.cap_height, StemV=140 if key == "B" else 80, FontFile3=program,
    )
    widths: list[Any] = []
    for cid in sorted(subset.widths):
        widths += [cid, [subset.widths[cid]]]
    registry, ordering, supplement = subset.ordering
    cid_font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.CIDFontType0, BaseFont=name,
        CIDSystemInfo=pikepdf.Dictionary(Registry=pikepdf.String(registry), Ordering=pikepdf.String(ordering), Supplement=supplement),
        FontDescriptor=pdf.make_indirect(descriptor), DW=1000, W=widths,
    )
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type0, BaseFont=name, Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=[pdf.make_indirect(cid_font)], ToUnicode=pdf.make_stream(to_unicode(subset.cids)),
    ))


def to_unicode(cids: dict[str, int]) -> bytes:
    pairs = sorted({cid: ch for ch, cid in sorted(cids.items(), reverse=True)}.items())
    lines = [b"/CIDInit /ProcSet findresource begin", b"12 dict begin", b"begincmap",
             b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def", b"/CMapName /Adobe-Identity-UCS def",
             b"/CMapType 2 def", b"1 begincodespacerange", b"<0000> <FFFF>", b"endcodespacerange"]
    for start in range(0, len(pairs), 100):
        chunk = pairs[start:start + 100]
        lines.append(b"%d beginbfchar" % len(chunk))
        lines += [b"<%04X> <%s>" % (cid, ch.encode("utf-16-be").hex().upper().encode()) for cid, ch in chunk]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines)
