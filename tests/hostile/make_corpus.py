"""Write the hostile-input corpus (tests/hostile/<group>/…) deterministically: run it again and nothing changes.

    .venv/bin/python tests/hostile/make_corpus.py          # (re)write every corpus file
    .venv/bin/python tests/hostile/make_corpus.py --check  # exit 1 if a committed file differs from what this writes

Every input is built here from code (bytes, YAML text, pikepdf, xlsxwriter, zipfile with fixed dates), so a
BOM, a NUL, a GBK byte or a lying zip directory is exactly what the code says. Symlinks, names in NFD, very
long names and oversized (sparse) files are made at test time in a temp folder instead (cases.py, `setup`).
The whole corpus stays small (tests/hostile/test_corpus.py checks < 5 MB).
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED = dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)

Builder = Callable[[], bytes]
CORPUS: dict[str, Builder] = {}


def add(name: str, data: bytes | str | Builder) -> None:
    if isinstance(data, str):
        CORPUS[name] = lambda text=data: text.encode("utf-8")
    elif isinstance(data, bytes):
        CORPUS[name] = lambda raw=data: raw
    else:
        CORPUS[name] = data


# ----------------------------------------------------------------------------------------------- helpers

CITY = """\
name: 测试市
kind: city
population_wan: 120
legislative_power: true
port: false
assessment_date: "2027-06-30"
standard: nhc-2021
profiles: []
districts:
  - {name: 甲区, streets: [一街道, 二街道]}
  - {name: 乙区, streets: [三街道]}
departments:
  - {code: aiweiban, name: 测试市爱卫办, liaison: 周建华, leader: 李副市长}
  - {code: chengguan, name: 测试市城管局, liaison: 刘强, leader: 张副市长}
"""


def city(**replace: str) -> str:
    """The base city.yaml with some top-level lines replaced (key → the whole new line, '' drops it)."""
    out = []
    for line in CITY.splitlines(keepends=True):
        key = line.split(":", 1)[0]
        if key in replace:
            if replace[key]:
                out.append(replace[key] + "\n")
            continue
        out.append(line)
    return "".join(out)


def manifest(body: str) -> str:
    return "department: aiweiban\n" + body


def doc_entry(file: str, *, id_: str = "doc", item: str = "org-agenda", material: str = "meeting-minutes", type_: str = "会议纪要", extra: str = "") -> str:
    """One document; its `file:` is on line 4 of the manifest."""
    return f"documents:\n  - id: {id_}\n    file: {file}\n    title: 文件\n    item: {item}\n    material: {material}\n    type: {type_}\n    issued: 2026-09-01\n{extra}"


def zip_bytes(members: list[tuple[str, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def xlsx(sheets: dict[str, list[list[object]]], *, formulas: dict[tuple[str, int, int], tuple[str, object]] | None = None,
         styled_blank_rows: int = 0, options: dict[str, object] | None = None) -> bytes:
    """A workbook from rows (every str written as text); `formulas`: (sheet, row, col) → (formula, cached value)."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                     "strings_to_urls": False, **(options or {})})
    book.set_properties({"created": FIXED})
    bold = book.add_format({"bold": True, "bg_color": "#DDEEFF"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif isinstance(value, tuple):  # (number, number format): a serial shown as a date
                    sheet.write_number(r, c, value[0], book.add_format({"num_format": value[1]}))
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), book.add_format({"num_format": "yyyy-mm-dd"}))
                else:
                    sheet.write(r, c, value)
        for (sheet_name, r, c), (formula, cached) in (formulas or {}).items():
            if sheet_name == name:
                sheet.write_formula(r, c, formula, None, cached)
        for r in range(len(rows), len(rows) + styled_blank_rows):
            sheet.set_row(r, 18, bold)  # a row that carries only formatting
            sheet.write_blank(r, 0, None, bold)
    book.close()
    return _fix_zip_dates(out.getvalue())


def _fix_zip_dates(data: bytes) -> bytes:
    """Re-pack a zip with fixed member dates and order, so the bytes never depend on the clock."""
    src = zipfile.ZipFile(io.BytesIO(data))
    return zip_bytes([(info.filename, src.read(info.filename)) for info in src.infolist()])


def patch_zip(data: bytes, member: str, old: bytes, new: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    members = []
    for info in src.infolist():
        raw = src.read(info.filename)
        if info.filename == member:
            assert old in raw, (member, old)
            raw = raw.replace(old, new)
        members.append((info.filename, raw))
    return zip_bytes(members)


def lie_about_sizes(data: bytes, size: int) -> bytes:
    """Set every uncompressed size in the zip's central directory to `size` (the members stay tiny)."""
    out = bytearray(data)
    sig = b"PK\x01\x02"
    pos = out.find(sig)
    while pos != -1:
        struct.pack_into("<I", out, pos + 24, size)
        pos = out.find(sig, pos + 4)
    return bytes(out)


def pdf(pages: int = 1, *, text: str | None = None, encryption: object | None = None) -> bytes:
    import pikepdf

    document = pikepdf.new()
    for _ in range(pages):
        document.add_blank_page(page_size=(200, 200))
    if text is not None:
        page = document.pages[0]
        font = document.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.Contents = document.make_stream(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1"))
    out = io.BytesIO()
    kwargs: dict[str, object] = {"static_id": True, "deterministic_id": False}
    if encryption is not None:
        kwargs["encryption"] = encryption
    document.save(out, **kwargs)  # type: ignore[arg-type]
    return out.getvalue()


def pdf_count_lie() -> bytes:
    """One real page, a page tree that claims 2,147,483,647 (written by hand: qpdf would repair it on save)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 2147483647 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    return _raw_pdf(objects)


def pdf_kids_loop() -> bytes:
    """A page tree whose /Kids points back at itself."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    return _raw_pdf(objects)


def _raw_pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def png(width: int = 2, height: int = 2) -> bytes:
    """A PNG declaring width × height greyscale 1-bit pixels; the image data is one tiny compressed block."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    raw = zlib.compress(row * min(height, 4), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


def jpeg(size: int = 64) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (size, size), 128).save(out, format="JPEG", quality=50)
    return out.getvalue()


def docx(body_xml: str, *, extra: list[tuple[str, bytes]] | None = None) -> bytes:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {ns}><w:body>{body_xml}</w:body></w:document>'.encode()
    members = [
        ("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
        ("word/document.xml", document),
        *(extra or []),
    ]
    return zip_bytes(members)


def bad_deflate(data: bytes, member: str) -> bytes:
    """`data` with the compressed stream of `member` damaged so that inflating it fails (zlib.error), not its CRC."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(member)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for at in range(start + 2, start + info.compress_size - 2):
        damaged = bytearray(data)
        damaged[at] ^= 0xFF
        try:
            zipfile.ZipFile(io.BytesIO(bytes(damaged))).read(member)
        except zlib.error:
            return bytes(damaged)
        except (zipfile.BadZipFile, ValueError, EOFError):
            continue
    raise AssertionError("no damage found that breaks inflation")


def ole(payload: bytes) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + payload + b"\x00" * 512


# ----------------------------------------------------------------------------------------------- yaml/

add("yaml/y01-unclosed-quote.yaml", city(name='name: "测试市'))
add("yaml/y02-tab-indent.yaml", CITY.replace("  - {name: 甲区", "\t- {name: 甲区"))
add("yaml/y03-duplicate-key.yaml", CITY + "name: 另一个市\n")
add("yaml/y04-duplicate-key-nested.yaml", "department: aiweiban\nclaims:\n  - {item: org-agenda, role: lead, role: support}\n")
LOL = "lol: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"l{n}: &a{n} [*a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}, *a{n - 1}]\n" for n in range(1, 10)
)
add("yaml/y05-billion-laughs.yaml", CITY + LOL)
add("yaml/y06-merge-key-alias.yaml", "defaults: &d {standard: nhc-2021}\nid: local\ntitle: 本地配置\nprovenance: {verified: unverified}\n<<: *d\n")
add("yaml/y07-anchor-without-alias.yaml", city(name="name: &city 测试市"))
add("yaml/y08-deep-flow.yaml", CITY + "extra: " + "[" * 10_000 + "]" * 10_000 + "\n")
add("yaml/y09-deep-block.yaml", manifest("statements:\n" + "".join("  " * (i + 1) + "- \n" for i in range(100)) + "  " * 101 + "x\n"))
add("yaml/y10-python-object-apply.yaml", city(name="name: !!python/object/apply:os.system ['touch /tmp/pwned']"))
add("yaml/y11-python-name.yaml", "department: !!python/name:os.system\nclaims: []\n")
add("yaml/y12-tag-directive.yaml", "%TAG !p! tag:yaml.org,2002:python/object/apply:\n---\n" + manifest("statements:\n  - item: org-agenda\n    text: !p!os.system [id]\n"))
add("yaml/y13-binary-tag.yaml", city(name="name: !!binary 5rWL6K+V5biC"))
add("yaml/y14-include-tag.yaml", "id: local\ntitle: !include ../../etc/passwd\nprovenance: {verified: unverified}\nstandard: nhc-2021\n")
add("yaml/y15-latin1.yaml", b'name: Caf\xe9 City\nkind: city\npopulation_wan: 120\nassessment_date: "2027-06-30"\n')
add("yaml/y16-gbk.yaml", city().encode("gbk"))
add("yaml/y17-mixed-utf8-gbk.yaml", "department: aiweiban\nclaims:\n  - {item: org-agenda, role: lead, contact: 周建华}\n".encode() + "  - {item: org-annual-work, role: lead, contact: 周建华}\n".encode("gbk"))
add("yaml/y18-utf8-bom.yaml", codecs.BOM_UTF8 + city().encode("utf-8"))
add("yaml/y19-utf16le-bom.yaml", codecs.BOM_UTF16_LE + "department: aiweiban\nclaims:\n  - {item: org-agenda, role: lead, contact: 周建华}\n".encode("utf-16-le"))
add("yaml/y20-utf16be-bom.yaml", codecs.BOM_UTF16_BE + manifest("statements:\n  - {item: org-agenda, text: 市政府每年专题研究爱国卫生工作。}\n").encode("utf-16-be"))
add("yaml/y21-utf16-no-bom.yaml", city().encode("utf-16-le"))
add("yaml/y22-nul-byte.yaml", manifest("statements:\n  - {item: org-agenda, text: 说明\x00}\n"))
add("yaml/y23-long-line.yaml", city(name="name: " + "长" * 60_000))
add("yaml/y24-control-char.yaml", city(name="name: 测试\x07市"))
add("yaml/y25-two-documents.yaml", "department: aiweiban\nclaims: []\n---\ndepartment: chengguan\nclaims: []\n")
add("yaml/y26-zero-bytes.yaml", b"")
add("yaml/y27-whitespace-only.yaml", "  \n\n\t\n")
add("yaml/y28-comment-only.yaml", "# 这里什么都没有\n")
add("yaml/y29-null-document.yaml", "~\n")
add("yaml/y30-top-level-list.yaml", "- {item: org-agenda, role: lead}\n")
add("yaml/y31-top-level-scalar.yaml", "<script>alert(1)</script>\n")
add("yaml/y32-huge-integer.yaml", city(population_wan="population_wan: " + "9" * 5000))
add("yaml/y33-complex-key.yaml", CITY + "? [a, b]\n: c\n")
add("yaml/y34-bad-unicode-escape.yaml", city(name='name: "\\ud800"'))
add("yaml/y35-yaml-2-directive.yaml", "%YAML 2.0\n---\ndepartment: aiweiban\nclaims: []\n")
add("yaml/y36-crlf.yaml", CITY.replace("\n", "\r\n"))
add("yaml/y37-cr-only.yaml", CITY.replace("\n", "\r"))
add("yaml/y38-bidi-zero-width.yaml", city(name="name: \u202e市试测\u200b\ufeff"))
add("yaml/y39-oversize.yaml", CITY)  # made 21 MB (sparse) at test time
add("yaml/y40-bad-escape.yaml", 'department: aiweiban\nclaims:\n  - {item: org-agenda, role: lead, contact: "C:\\Users\\周"}\n')

# ----------------------------------------------------------------------------------------------- city/

add("city/c01-population-percent.yaml", city(population_wan='population_wan: "95%"'))
add("city/c02-population-fullwidth.yaml", city(population_wan="population_wan: １２０"))
add("city/c03-population-negative.yaml", city(population_wan="population_wan: -120"))
add("city/c04-population-nan.yaml", city(population_wan="population_wan: .nan"))
add("city/c05-population-overflow.yaml", city(population_wan="population_wan: 1e400"))
add("city/c06-population-bool.yaml", city(population_wan="population_wan: true"))
add("city/c07-date-month-13.yaml", city(assessment_date="assessment_date: 2024年13月1日"))
add("city/c08-date-feb-30.yaml", city(assessment_date="assessment_date: 2027-02-30"))
add("city/c09-date-empty.yaml", city(assessment_date="assessment_date:"))
add("city/c10-date-integer.yaml", city(assessment_date="assessment_date: 86400"))
add("city/c11-kind-chinese.yaml", city(kind="kind: 市"))
add("city/c12-legislative-chinese.yaml", city(legislative_power="legislative_power: 是"))
HTML = "<script>alert(1)</script><img src=file:///etc/passwd><style>body{background:url(file:///etc/passwd)}</style>"
add("city/c13-html-everywhere.yaml", CITY.replace("测试市爱卫办", f'"爱卫办{HTML}"').replace("liaison: 刘强", f'liaison: "{HTML}"').replace("name: 测试市\n", f'name: "测试市{HTML}"\n'))
FORMULA = '=HYPERLINK("http://evil.example/x","点我")'
add("city/c14-formulas-everywhere.yaml", CITY.replace("测试市爱卫办", "'" + FORMULA.replace("'", "''") + "'").replace("liaison: 刘强", "liaison: \"=cmd|' /C calc'!A0\"").replace("leader: 张副市长", "leader: '+1+1'"))
add("city/c15-unknown-profile.yaml", city(profiles="profiles: [veto-2104]"))
add("city/c16-name-empty.yaml", city(name='name: ""'))
add("city/c17-department-code.yaml", CITY.replace("code: chengguan", "code: Cheng_Guan"))
add("city/c18-unknown-field.yaml", city(population_wan="populaton_wan: 120"))
add("city/c19-standard-traversal.yaml", city(standard="standard: ../../../etc"))
add("city/c20-date-fullwidth.yaml", city(assessment_date="assessment_date: ２０２７-０６-３０"))

# ----------------------------------------------------------------------------------------------- profiles/ and standard/

PROFILE = "id: local\ntitle: 本地配置\nprovenance: {verified: unverified}\nstandard: nhc-2021\n"
RULE = 'version: "2014", provenance: {verified: unverified}'
add("profiles/p01-threshold-unknown-indicator.yaml", PROFILE + "thresholds:\n  satisfaction-rat: {type: threshold, op: \">=\", value: 90, " + RULE + "}\n")
add("profiles/p02-threshold-nan.yaml", PROFILE + "thresholds:\n  satisfaction-rate: {type: threshold, op: \">=\", value: .nan, " + RULE + "}\n"
    "  green-coverage-rate: {type: threshold, op: \">=\", value: !!float nan, " + RULE + "}\n"
    "  park-green-per-capita: {type: threshold, op: \">=\", value: 1e400, " + RULE + "}\n")
add("profiles/p03-duplicate-bundled-id.yaml", PROFILE.replace("id: local", "id: veto-2014"))
add("profiles/p04-scoring-out-of-range.yaml", PROFILE + "scoring: {scheme: deduction, pass_ratio: 9, item_marks: -1}\n")
add("profiles/p05-html-title.yaml", PROFILE.replace("本地配置", HTML.replace("\"", "'")).replace("title: ", "title: \"").replace("\nprovenance", "\"\nprovenance"))

MINI = HERE.parent / "fixtures" / "mini-standard"


def mini_standard(sections: str) -> Builder:
    """The mini standard's standard.yaml with its `sections:` list replaced."""

    def build() -> bytes:
        text = (MINI / "standard.yaml").read_text(encoding="utf-8")
        old = "sections:\n  - sections/a.yaml\n  - sections/b.yaml\n"
        assert old in text
        return text.replace(old, f"sections:\n  - sections/a.yaml\n  - {sections}\n").encode("utf-8")

    return build


add("standard/s01-sections-dotdot.yaml", mini_standard("../../../../../etc/passwd"))
add("standard/s02-sections-absolute.yaml", mini_standard("/etc/passwd"))
add("standard/s03-utf8-bom-sampling.yaml", lambda: codecs.BOM_UTF8 + (MINI / "sampling.yaml").read_bytes())
add("standard/s04-python-tag-departments.yaml", "departments:\n  - !!python/object:cwassess.models.standard.Department {code: x}\n")
add("standard/s05-symlink-section.yaml", mini_standard("sections/outside.yaml"))  # a symlink made at test time
add("standard/s06-crlf-gbk-sections.yaml", lambda: (MINI / "sections" / "b.yaml").read_text(encoding="utf-8").replace("\n", "\r\n").encode("gbk"))

# ----------------------------------------------------------------------------------------------- claims/

add("claims/k01-deadline-month-13.yaml", "department: aiweiban\nclaims:\n  - {item: org-agenda, role: lead, deadline: 2024年13月1日}\n")
add("claims/k02-deadline-words.yaml", "department: aiweiban\nclaims:\n  - {item: org-agenda, role: lead, deadline: 长期坚持}\n")
add("claims/k03-role-chinese.yaml", "department: aiweiban\nclaims:\n  - {item: org-agenda, role: 牵头}\n")
add("claims/k04-wrong-file-name.yaml", "department: chengguan\nclaims:\n  - {item: env-roads, role: lead}\n")
add("claims/k05-html-contact.yaml", f"department: aiweiban\nclaims:\n  - item: org-agenda\n    role: lead\n    contact: \"{HTML}\"\n    note: '<a href=\"javascript:alert(1)\">点</a>'\n")
add("claims/k06-formula-contact.yaml", "department: aiweiban\nclaims:\n  - item: org-agenda\n    role: lead\n    contact: \"=cmd|' /C calc'!A0\"\n    leader: '" + FORMULA.replace("'", "''") + "'\n")
add("claims/k07-item-chinese-number.yaml", "department: aiweiban\nclaims:\n  - {item: （一）, role: lead}\n")
add("claims/k08-claims-not-list.yaml", "department: aiweiban\nclaims: org-agenda\n")

# ----------------------------------------------------------------------------------------------- evidence/

IND = "indicators:\n  - indicator: satisfaction-rate\n    unit: \"%\"\n    values: {values}\n"
add("evidence/e01-percent-forms.yaml", manifest(IND.format(values='{"2024": "95%", "2025": "0.95", "2026": 95, "2023": 0.95, "2022": "95 %"}')))
add("evidence/e02-percent-fullwidth.yaml", manifest(IND.format(values='{"2026": "９５．５％", "2025": "９５"}')))
add("evidence/e03-negative.yaml", manifest(IND.format(values='{"2026": -3, "2025": "-0.5%"}')))
add("evidence/e04-nan.yaml", manifest(IND.format(values='{"2026": .nan, "2025": "NaN", "2024": nan}')))
add("evidence/e05-infinite.yaml", manifest(IND.format(values='{"2026": 1e400, "2025": "inf", "2024": "-Infinity"}')))
add("evidence/e06-over-100.yaml", manifest(IND.format(values='{"2026": "120%", "2025": 100.5}')))
add("evidence/e07-empty-values.yaml", manifest(IND.format(values='{"2026": "", "2025": " "}')))
add("evidence/e08-words.yaml", manifest(IND.format(values='{"2026": 很高, "2025": 九十五, "2024": "95%以上"}')))
add("evidence/e09-year-keys.yaml", manifest(IND.format(values='{"2024年": 95, "二〇二五": 95, "26": 95, "2101": 95}')))
add("evidence/e10-dates-invalid.yaml", manifest(doc_entry("minutes-2026.pdf").replace("issued: 2026-09-01", "issued: 2024年13月1日\n    effective: 2026-02-30")))
add("evidence/e11-dates-future.yaml", manifest(doc_entry("minutes-2026.pdf").replace("issued: 2026-09-01", "issued: 2099-01-01")))
add("evidence/e12-dates-forms.yaml", manifest(doc_entry("minutes-2026.pdf").replace("issued: 2026-09-01", "issued: 2026/3/5\n    effective: 2026年3月5日\n    period: {start: 20260101, end: 2026.12.31}")))
add("evidence/e13-path-dotdot.yaml", manifest(doc_entry("../../city.yaml")))
add("evidence/e14-path-absolute.yaml", manifest(doc_entry("/etc/passwd")))
add("evidence/e15-path-windows-drive.yaml", manifest(doc_entry("'C:\\Users\\周\\纪要.pdf'")))
add("evidence/e16-path-unc.yaml", manifest(doc_entry("'\\\\fileserver\\share\\纪要.pdf'")))
add("evidence/e17-path-backslash-root.yaml", manifest(doc_entry("'\\纪要.pdf'")))
add("evidence/e18-path-symlink-outside.yaml", manifest(doc_entry("secret.pdf")))
add("evidence/e19-path-symlink-dir-outside.yaml", manifest(doc_entry("shared/secret.pdf")))
add("evidence/e20-path-spaces.yaml", manifest(doc_entry("'会议 纪要 2026 (final).pdf'")))
add("evidence/e21-path-nfc-nfd.yaml", manifest(doc_entry("\u4f1a\u8bae\u7eaa\u8981-Re\u0301sume\u0301.pdf".replace("Re\u0301sume\u0301", "R\u00e9sum\u00e9"))))
add("evidence/e22-path-case-clash.yaml", manifest(doc_entry("Minutes-2026.PDF")))
add("evidence/e23-path-long-name.yaml", manifest(doc_entry("长" * 100 + ".pdf")))
add("evidence/e24-path-nul.yaml", manifest(doc_entry('"minutes\\0-2026.pdf"')))
add("evidence/e25-path-directory.yaml", manifest(doc_entry("folder.pdf")))
add("evidence/e26-html-in-text.yaml", manifest(doc_entry("minutes-2026.pdf").replace("title: 文件", f"title: '{HTML}'") + f"statements:\n  - item: org-agenda\n    text: '{HTML}'\n"))
add("evidence/e27-formula-in-text.yaml", manifest(doc_entry("minutes-2026.pdf").replace("title: 文件", "title: '" + FORMULA.replace("'", "''") + "'") + "statements:\n  - item: org-agenda\n    text: \"=cmd|' /C calc'!A0\"\n"))
add("evidence/e28-survey-rates.yaml", manifest("surveys:\n" + "".join(
    f"  - {{indicator: satisfaction-rate, year: {2020 + i}, method: 电话调查, sample_size: {n}, rate: {rate}}}\n"
    for i, (rate, n) in enumerate([('"95%"', 1200), ("0.95", 1200), ("很好", 1200), ("-1", 1200), ('"95"', 0), ('"95"', "1e9")])
)))
add("evidence/e29-inspection-dates.yaml", "department: aiweiban\ninspections:\n" + "".join(
    f"  - {{id: mf-{i}, kind: 模拟暗访, site_type: 主次干道, site: 人民路, date: {d}}}\n"
    for i, d in enumerate(["2024年13月1日", "2099-12-31", "''", "2026-11-02"], start=1)
))
add("evidence/e30-waivers.yaml", "waivers:\n"
    "  - {id: w1, item: org-agenda, reason: 测试, approver: 市爱卫办, approved: 2026-12-01, expires: 2026-01-01}\n"
    "  - {id: w2, item: org-agenda, reason: 测试, approver: 市爱卫办, approved: 2026年13月1日, expires: 2027-01-01}\n"
    "  - {id: w3, item: org-agneda, reason: 测试, approver: 市爱卫办, approved: 2026-01-01, expires: 2027-01-01}\n")
add("evidence/e31-duplicate-doc-id.yaml", manifest(doc_entry("minutes-2026.pdf") + doc_entry("minutes-2026.pdf").replace("documents:\n", "")))
add("evidence/e33-year-key-huge.yaml", manifest("indicators:\n  - indicator: satisfaction-rate\n    unit: \"%\"\n    values:\n      \"2026\": 95\n      ? \"" + "9" * 4400 + "\"\n      : 95\n"))
add("evidence/e32-sha256-mismatch.yaml", manifest(doc_entry("minutes-2026.pdf", extra="    sha256: " + "0" * 64 + "\n")))

# ----------------------------------------------------------------------------------------------- files/ (referenced by a manifest)

add("files/f01-zero-byte.pdf", b"")
add("files/f02-truncated.pdf", lambda: pdf(3)[:180])
add("files/f03-corrupt.pdf", b"%PDF-1.7\n" + bytes((i * 7919) % 251 for i in range(2000)))
add("files/f04-text-named.pdf", "这不是 PDF，是记事本保存的文字。\n")
add("files/f05-encrypted.pdf", lambda: _encrypted(user="secret"))
add("files/f06-many-pages.pdf", lambda: pdf(600))
add("files/f07-count-lie.pdf", pdf_count_lie)
add("files/f08-png-named.jpg", lambda: png())
add("files/f09-jpeg-named.png", jpeg)
add("files/f10-decompression-bomb.png", lambda: png(100_000, 100_000))
add("files/f11-exe-named.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 100)
add("files/f12-html-named.pdf", f"<html><body>{HTML}</body></html>\n")
add("files/f13-docx-named.pdf", lambda: docx("<w:p><w:r><w:t>纪要</w:t></w:r></w:p>"))
add("files/f14-zip-named.xlsx", lambda: zip_bytes([("readme.txt", "不是工作簿".encode())]))
add("files/f15-no-extension", lambda: pdf(1))
add("files/f16-program.exe", b"MZ\x90\x00")
add("files/f17-uppercase.JPG", jpeg)
add("files/f18-kids-loop.pdf", pdf_kids_loop)
add("files/f19-tiny-image.jpg", lambda: jpeg(2))


def _encrypted(user: str, owner: str = "owner") -> bytes:
    import pikepdf

    return pdf(1, encryption=pikepdf.Encryption(user=user, owner=owner, R=4, aes=False, metadata=False))


# ----------------------------------------------------------------------------------------------- sheets/

CLAIMS_HEAD = ["项目", "内容", "牵头部门", "配合（承办）部门", "达标时间", "责任人"]
LEDGER_HEAD = ["来源", "发现日期", "区", "街道", "地址", "点位类型", "问题类别", "问题描述", "照片", "整改期限"]


def csv_text(rows: list[list[str]]) -> str:
    return "".join(",".join(row) + "\n" for row in rows)


add("sheets/w01-zero-byte.xlsx", b"")
add("sheets/w02-text-named.xlsx", "项目,内容,牵头部门\n一,（一）,爱卫办\n")
add("sheets/w03-zip-of-text.xlsx", lambda: zip_bytes([("data.txt", b"1,2,3\n"), ("image.png", png())]))
add("sheets/w04-docx-named.xlsx", lambda: docx("<w:p><w:r><w:t>表</w:t></w:r></w:p>"))
add("sheets/w05-pdf-named.xlsx", lambda: pdf(1))
add("sheets/w06-html-named.xls", "<html><head><meta charset=utf-8></head><body><table><tr><td>项目</td></tr></table></body></html>\n")
add("sheets/w07-truncated.xlsx", lambda: xlsx({"Sheet1": [CLAIMS_HEAD]})[:700])
add("sheets/w08-encrypted.xlsx", lambda: ole("EncryptionInfo".encode("utf-16-le") + b"\x00" * 64))
add("sheets/w09-zip-bomb.xlsx", lambda: lie_about_sizes(xlsx({"Sheet1": [CLAIMS_HEAD]}), 0xFFFFFFF0))
add("sheets/w10-huge-dimension.xlsx", lambda: patch_zip(
    xlsx({"Sheet1": [CLAIMS_HEAD, ["一", "（一）", "测试市爱卫办"]]}), "xl/worksheets/sheet1.xml",
    b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
add("sheets/w11-garbage-ole.xls", lambda: ole(bytes((i * 31) % 256 for i in range(4096))))
add("sheets/w12-gbk-stray-utf8.csv", csv_text([CLAIMS_HEAD, ["一", "（一）", "测试市爱卫办", "", "2027-06-30", "周建华"]]).encode("gbk")
    + csv_text([["一", "（二）", "测试市城管局", "", "", "刘强"]]).encode("utf-8"))
add("sheets/w13-gbk.csv", csv_text([CLAIMS_HEAD, ["一", "（一）", "测试市爱卫办", "测试市城管局", "2027-06-30", "周建华"]]).encode("gbk"))
add("sheets/w14-utf16-bom.csv", codecs.BOM_UTF16_LE + csv_text([CLAIMS_HEAD, ["一", "（一）", "测试市爱卫办", "", "2027年6月30日", "周建华"]]).encode("utf-16-le"))
add("sheets/w15-nul.csv", csv_text([CLAIMS_HEAD]) + "一,（一）,测试市爱卫办\x00,,,\n")
add("sheets/w16-huge-cell.csv", csv_text([CLAIMS_HEAD]) + "一,（一）,\"" + "x" * 140_000 + "\",,,\n")
add("sheets/w17-too-many-rows.csv", csv_text([LEDGER_HEAD]) + "x\n" * 20_001)
add("sheets/w18-styled-empty-rows.xlsx", lambda: xlsx({"Sheet1": [CLAIMS_HEAD, ["一", "（一）", "测试市爱卫办", "", "", "周建华"]]}, styled_blank_rows=5000))
add("sheets/w19-formula-no-value.xlsx", lambda: patch_zip(
    xlsx({"Sheet1": [CLAIMS_HEAD, ["一", "（一）", None, "", "", "周建华"]]}, formulas={("Sheet1", 1, 2): ('"测试市"&"爱卫办"', "PLACEHOLDER")}),
    "xl/worksheets/sheet1.xml", b"<v>PLACEHOLDER</v>", b""))
add("sheets/w20-error-values.xlsx", lambda: xlsx({"Sheet1": [CLAIMS_HEAD, ["一", "（一）", "测试市爱卫办", None, "", "周建华"]]},
                                                  formulas={("Sheet1", 1, 3): ("#REF!+1", "#REF!")}))

# claims import (责任分解表)
add("sheets/ci01-html-formula.csv", csv_text([CLAIMS_HEAD, ["一", "（一）", "测试市爱卫办", "", "2027-06-30", '"=HYPERLINK(""http://evil.example"",""点我"")"'],
                                               ["一", "（二）", "测试市城管局", "", "", "\"=cmd|' /C calc'!A0\""],
                                               ["三", "（十二）", "测试市城管局", "", "", '"<img src=file:///etc/passwd onerror=alert(1)>"']]))
add("sheets/ci02-bad-dates.csv", csv_text([CLAIMS_HEAD, ["一", "（一）", "测试市爱卫办", "", "2024年13月1日", ""],
                                            ["一", "（二）", "测试市爱卫办", "", "2027-02-30", ""],
                                            ["三", "（十二）", "测试市城管局", "", "95%", ""],
                                            ["三", "（十三）", "测试市城管局", "", "2099-12-31", ""],
                                            ["三", "（十四）", "测试市城管局", "", "长期坚持", ""]]))
add("sheets/ci03-fullwidth.csv", csv_text([CLAIMS_HEAD, ["一", "（１）", "测试市爱卫办", "", "２０２７－０６－３０", ""],
                                            ["一", "第２条", "测试市爱卫办", "", "２０２７年６月", ""]]))
add("sheets/ci04-departments.csv", csv_text([CLAIMS_HEAD, ["一", "（一）", "测试市爱卫办、测试市城管局", "", "", ""],
                                              ["一", "（二）", "财政局", "卫健委", "", ""],
                                              ["一", "（四十六）", "测试市爱卫办", "", "", ""],
                                              ["一", "", "测试市爱卫办", "", "", ""]]))
add("sheets/ci05-numbers-for-text.xlsx", lambda: xlsx({"Sheet1": [CLAIMS_HEAD, ["一", 1, "测试市爱卫办", "", 46203, 13800138000],
                                                                   ["一", "（二）", "测试市爱卫办", "", float(2027), ""],
                                                                   ["一", "（三）", "测试市爱卫办", "", -5, True]]}))

# evidence import (证据填报模板)
IND_HEAD = ["指标编号", "指标名称", "单位", "要求", "年份", "数值", "数据来源"]
DOC_HEAD = ["文件编号", "条目编号", "条目", "材料编号", "材料名称", "文件类型", "标题", "文件路径", "发文单位", "文号", "发文日期", "生效日期", "覆盖开始", "覆盖结束"]
STMT_HEAD = ["条目编号", "条目", "自评说明"]


def ind_row(year: object, value: object, unit: str = "%") -> list[object]:
    return ["satisfaction-rate", "群众满意率", unit, "", year, value, ""]


def doc_row(path: str, issued: object = "2026-03-05", **kw: object) -> list[object]:
    row: list[object] = ["", "org-agenda", "", "meeting-minutes", "", "会议纪要", "纪要", path, "", "", issued, "", "", ""]
    for index, value in kw.items():
        row[int(index[1:])] = value
    return row


add("sheets/ei01-values.xlsx", lambda: xlsx({"指标": [IND_HEAD, ind_row(2026, "95%"), ind_row(2025, 0.95), ind_row(2024, "９５．５％"), ind_row(2023, -1),
                                                        ind_row(2022, "inf"), ind_row(2021, "NaN"), ind_row(2020, "很高"), ind_row(2019, 1e308),
                                                        ind_row("2018年", 95), ind_row("二〇一七", 95), ind_row(2016, "95", "‰")]}))
add("sheets/ei02-paths.xlsx", lambda: patch_zip(xlsx({"文件": [DOC_HEAD, doc_row("../../city.yaml"), doc_row("/etc/passwd"), doc_row("C:\\Users\\周\\纪要.pdf"),
                                                               doc_row("\\\\fileserver\\share\\纪要.pdf"), doc_row("不存在.pdf"), doc_row("minutes-2026.pdf"),
                                                               doc_row("NULPLACEHOLDER")]}),
                                                "xl/sharedStrings.xml", b"NULPLACEHOLDER", b"minutes-2026.pdf_x0000_.txt"))
add("sheets/ei03-dates.xlsx", lambda: xlsx({"文件": [DOC_HEAD, doc_row("minutes-2026.pdf", "2024年13月1日"), doc_row("minutes-2026.pdf", "2027-02-30"),
                                                      doc_row("minutes-2026.pdf", dt.date(2026, 3, 5)), doc_row("minutes-2026.pdf", 46000),
                                                      doc_row("minutes-2026.pdf", 5), doc_row("minutes-2026.pdf", "2026-01-01", c12="2026-06-01")]}))
add("sheets/ei04-not-template.xlsx", lambda: xlsx({"Sheet1": [["随便", "什么"], ["1", "2"]]}))
add("sheets/ei05-html-formula.xlsx", lambda: xlsx({"自评说明": [STMT_HEAD, ["org-agenda", "", HTML], ["org-annual-work", "", "=cmd|' /C calc'!A0"]],
                                                    "文件": [DOC_HEAD, doc_row("minutes-2026.pdf", c6=FORMULA)]}))
add("sheets/ei06-long-path.xlsx", lambda: xlsx({"文件": [DOC_HEAD, doc_row("长" * 100 + ".pdf")]}))

# ledger import (问题清单)
add("sheets/li01-dates.csv", csv_text([LEDGER_HEAD,
                                        ["模拟暗访", "2024年13月1日", "甲区", "一街道", "人民路1号", "主次干道", "乱堆乱摆", "杂物", "", ""],
                                        ["模拟暗访", "2099-01-01", "甲区", "一街道", "人民路2号", "主次干道", "乱堆乱摆", "杂物", "", ""],
                                        ["模拟暗访", "2026-11-10", "甲区", "一街道", "人民路3号", "主次干道", "乱堆乱摆", "杂物", "", "2026-11-01"],
                                        ["模拟暗访", "", "甲区", "一街道", "人民路4号", "主次干道", "乱堆乱摆", "杂物", "", "长期"],
                                        ["模拟暗访", "NaN", "甲区", "一街道", "人民路5号", "主次干道", "乱堆乱摆", "杂物", "", "-5"]]))
add("sheets/li02-photo-paths.csv", csv_text([LEDGER_HEAD] + [
    ["模拟暗访", "2026-11-10", "甲区", "一街道", f"人民路{n}号", "主次干道", "乱堆乱摆", "杂物", photo, ""]
    for n, photo in enumerate(["../city.yaml", "/etc/passwd", "C:\\照片\\a.jpg", "ledger/photos/none.jpg", "city.yaml", "ledger/photos/fake.jpg", "ledger/photos/outside.jpg"], start=1)
]))
add("sheets/li03-photo-nul.xlsx", lambda: patch_zip(xlsx({"Sheet1": [LEDGER_HEAD, ["模拟暗访", "2026-11-10", "甲区", "一街道", "人民路1号", "主次干道", "乱堆乱摆", "杂物", "NULPLACEHOLDER", ""]]}),
                                                    "xl/sharedStrings.xml", b"NULPLACEHOLDER", b"ledger/photos/before.jpg_x0000_"))
add("sheets/li04-photo-long-name.csv", csv_text([LEDGER_HEAD, ["模拟暗访", "2026-11-10", "甲区", "一街道", "人民路1号", "主次干道", "乱堆乱摆", "杂物", "ledger/photos/" + "长" * 100 + ".jpg", ""]]))
add("sheets/li05-html-formula.csv", csv_text([LEDGER_HEAD,
                                               ["模拟暗访", "2026-11-10", "甲区", "一街道", '"<img src=file:///etc/passwd>"', "主次干道", "乱堆乱摆", '"<script>alert(1)</script>"', "", ""],
                                               ["模拟暗访", "2026-11-10", "甲区", "一街道", "\"=cmd|' /C calc'!A0\"", "主次干道", "乱堆乱摆", '"=HYPERLINK(""http://evil.example"",""点"")"', "", ""]]))
add("sheets/li07-odd-cells.xlsx", lambda: xlsx({"Sheet1": [LEDGER_HEAD + ["条目"],
                                                             ["模拟暗访", (1, "yyyy-mm-dd"), "甲区", "一街道", "人民路1号", "主次干道", "乱堆乱摆", "杂物", None, None, "env-roads"],
                                                             ["模拟暗访", "2026-11-10", "甲区", "一街道", "人民路2号", "主次干道", "乱堆乱摆", "杂物", None, None, "9" * 4400]]}))
add("sheets/li06-no-header.csv", csv_text([["问题", "地方"], ["杂物", "人民路"]]))

# ----------------------------------------------------------------------------------------------- ledger/ (YAML)

LEDGER_CONFIG = "verifiers: [aiweiban]\ndeadline_days: {严重: 3, 较重: 7, 一般: 15}\ndefault_severity: 一般\n"
add("ledger/l01-config-alias.yaml", "days: &d {严重: 3, 较重: 7, 一般: 15}\nverifiers: [aiweiban]\ndeadline_days: *d\n")
add("ledger/l02-config-python-tag.yaml", LEDGER_CONFIG + "classes: !!python/object/new:dict {}\n")
add("ledger/l03-config-days.yaml", "verifiers: [aiweiban]\ndeadline_days: {严重: -3, 较重: .nan, 一般: 十五}\ndefault_severity: 一般\n")
add("ledger/l04-config-unknown-verifier.yaml", "verifiers: [爱卫办, <script>]\ndeadline_days: {一般: 15}\ndefault_severity: 特别严重\n")
add("ledger/l05-grids-unknown-place.yaml", "grids:\n  - {name: 网格1, district: 丙区, street: 一街道, leader: 李, lead_unit: chengguan}\n"
    "  - {name: 网格1, district: 甲区, street: 三街道, leader: 李, lead_unit: 不存在局}\n")
add("ledger/l06-grids-gbk.yaml", "grids:\n  - {name: 一街道第1网格, district: 甲区, street: 一街道, leader: 李副市长, lead_unit: chengguan}\n".encode("gbk"))
add("ledger/l07-ledger-db-not-sqlite.db", "这不是数据库\n")
add("ledger/l08-ledger-db-truncated.db", lambda: _sqlite_truncated())


def _sqlite_truncated() -> bytes:
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.db"
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE t (x TEXT)")
        con.executemany("INSERT INTO t VALUES (?)", [("行" * 50,)] * 200)
        con.commit()
        con.close()
        return path.read_bytes()[:5000]


# ----------------------------------------------------------------------------------------------- official/

add("official/o01-empty.txt", b"")
add("official/o02-whitespace.txt", " \n\r\n\t\n")
add("official/o03-nul.txt", "全爱卫发〔2021〕6号\n\x00\n")
add("official/o04-mixed-encoding.txt", "国家卫生城市和国家卫生县标准\n".encode() + "一、爱国卫生组织管理\n".encode("gbk"))
add("official/o05-latin1.txt", b"Caf\xe9\xff\n")
add("official/o06-old-word.doc", lambda: ole(b"WordDocument".ljust(64, b"\x00")))
add("official/o07-wps.wps", lambda: ole(b"WPS".ljust(64, b"\x00")))
add("official/o08-rich-text.rtf", "{\\rtf1\\ansi 标准}\n")
add("official/o09-text-named.docx", "这是文本，不是 Word 文档。\n")
add("official/o10-docx-entities.docx", lambda: zip_bytes([("word/document.xml",
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>')]))
add("official/o11-docx-zip-bomb.docx", lambda: lie_about_sizes(docx("<w:p><w:r><w:t>标准</w:t></w:r></w:p>"), 0x7FFFFFFF))
add("official/o12-docx-empty.docx", lambda: docx("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>"))
add("official/o13-docx-deep.docx", lambda: docx("<w:tbl>" * 20_000 + "</w:tbl>" * 20_000))
add("official/o14-corrupt.pdf", b"%PDF-1.7\n" + bytes((i * 7919) % 251 for i in range(2000)))
add("official/o15-truncated.pdf", lambda: pdf(3)[:180])
add("official/o16-encrypted.pdf", lambda: _encrypted(user="secret"))
add("official/o17-owner-password-only.pdf", lambda: _encrypted(user=""))
add("official/o18-no-text-layer.pdf", lambda: pdf(2, text="Scanned page 1"))
add("official/o19-too-many-pages.pdf", lambda: pdf(600))
add("official/o20-count-lie.pdf", pdf_count_lie)
add("official/o21-html.txt", f"<html><body>{HTML}<p>一、爱国卫生组织管理</p></body></html>\n")
add("official/o22-long-line.txt", "国家卫生城市和国家卫生县标准" * 5_000 + "\n")
add("official/o23-text-named.pdf", "不是 PDF\n")
add("official/o24-kids-loop.pdf", pdf_kids_loop)
add("official/o25-docx-bad-deflate.docx", lambda: bad_deflate(docx("".join(f"<w:p><w:r><w:t>（{n}）第{n}条内容</w:t></w:r></w:p>" for n in range(1, 60))), "word/document.xml"))


# ----------------------------------------------------------------------------------------------- main


# The base workspace's binary files (its YAML files are written by hand).
BASE: dict[str, Builder] = {
    "base/evidence/aiweiban/minutes-2026.pdf": lambda: pdf(1),
    "base/ledger/photos/before.jpg": jpeg,
}


def build(include_base: bool = False) -> dict[str, bytes]:
    builders = {**CORPUS, **(BASE if include_base else {})}
    return {name: builder() for name, builder in sorted(builders.items())}


def main(argv: list[str]) -> int:
    files = build(include_base=True)
    check = "--check" in argv
    bad = []
    for name, data in files.items():
        path = HERE / name
        if check:
            if not path.is_file() or path.read_bytes() != data:
                bad.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    if check and bad:
        print("differs from make_corpus.py:", *bad, sep="\n  ")
        return 1
    total = sum(len(d) for d in files.values())
    print(f"{len(files)} files, {total / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
