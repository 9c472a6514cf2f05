"""Rendering shared by every document cwassess hands over (reports, the packet's cover, the ledger bulletin).

- fetcher.py   LockedFetcher: WeasyPrint may read data: URLs and files inside allowed folders, nothing else
- templates.py the Jinja2 environment (autoescape on) and its filters: GB numbering, Chinese dates, percentages
- fonts.py     the CJK font's name and install hint (no imports: the packet uses it without WeasyPrint)
- pdf.py       HTML → PDF with the locked fetcher, the CJK font check, metadata and fixed dates
- svg.py       inline SVG bar charts (no plotting dependency)
- xlsx.py      xlsxwriter helpers: header, frozen panes, filters, CJK column widths, status colours
- assets/      static CSS (never built from variables), templates/ the Jinja2 templates
"""
