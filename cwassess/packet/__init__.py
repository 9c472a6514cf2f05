"""迎评资料汇编 (the on-site assessment material packet): one box (PDF) per item, a master index, one combined volume.

- plan.py      pure: which documents go in which box, in which order; placeholders for what is missing
- pages.py     the pages cwassess makes: cover, TOC, 自评说明 and placeholders (WeasyPrint, once per box), photo
               pages (img2pdf images, JPEG passthrough, captions drawn with the box's own embedded font)
- build.py     one box: probe every source, render the front pages, assemble with pikepdf, save deterministically;
               per-box fingerprints in reports/packet/.state.json so only changed boxes are rebuilt
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
FORMAT_VERSION = 1  # bump when the layout of boxes changes: every fingerprint changes, every box is rebuilt
