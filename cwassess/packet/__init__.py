"""迎评资料汇编 (the on-site assessment material packet): one box (PDF) per item, a master index, one combined volume.

- plan.py      pure: which documents go in which box, in which order; placeholders for what is missing
- fonts.py     Noto Sans CJK SC measured and subset with HarfBuzz, embedded as a CID font (no WeasyPrint anywhere)
- draw.py      text, rules, wrapped lines and tables that flow over pages, painted straight into content streams
- pages.py     the pages cwassess makes: cover, TOC, 自评说明, placeholders, file pages, photo captions
- build.py     one box: probe every source (city size limits, bad files → placeholders), lay out and draw its pages,
               assemble with pikepdf (submitted PDFs as they are, img2pdf images with JPEG passthrough), save
               deterministically; per-box fingerprints in reports/packet/.state.json so only changed boxes are rebuilt
- combine.py   总目录 and the combined volume (bookmarks section → item → document, page labels 三-（十）-5)
- manifest.py  manifest.json (every source and packet file with its sha256) and the ZIP, byte-reproducible
"""

PACKET_DIR = "reports/packet"
BOXES_DIR = "boxes"
INDEX_NAME = "00-总目录.pdf"
COMBINED_NAME = "迎评资料汇编.pdf"
MANIFEST_NAME = "manifest.json"
REPORT_NAME = "build-report.json"
STATE_NAME = ".state.json"
ZIP_NAME = "迎评资料汇编.zip"  # beside reports/packet/, in reports/
FORMAT_VERSION = 3  # bump when the layout of boxes changes: every fingerprint changes, every box is rebuilt
