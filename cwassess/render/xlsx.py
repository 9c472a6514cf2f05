"""xlsxwriter helpers for every workbook cwassess writes: a styled, filterable, frozen table per sheet.

Every text cell goes through write_string, so a department's "=HYPERLINK(…)" or "+1" stays text and is never a
formula. Statuses are coloured by conditional formats (they follow the cell if someone edits it). Column widths
count a CJK character as two.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from cwassess.render.templates import STATUS_CLASS

FONT = "等线"  # Excel's default CJK UI font on Windows; WPS and LibreOffice substitute a CJK sans
ColumnKind = Literal["text", "wrap", "num", "int", "pct", "date"]

# Status class → (fill, font colour): the same meaning as the CSS classes in assets/report.css.
STATUS_COLOURS: dict[str, tuple[str, str]] = {
    "ok": ("#C6EFCE", "#006100"),
    "warn": ("#FFEB9C", "#9C5700"),
    "miss": ("#FCE4D6", "#C65911"),
    "expired": ("#E4DFEC", "#5B2C8A"),
    "fail": ("#FFC7CE", "#9C0006"),
    "na": ("#EDEDED", "#595959"),
}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    title: str
    kind: ColumnKind = "text"
    width: float | None = None  # characters; None: fit to the content (between min_width and max_width)
    max_width: float = 50
    min_width: float = 6
    status: bool = False  # colour the cells by status (达标/不达标/缺失 …)


def display_width(text: str) -> int:
    """Columns a string takes: CJK and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def sheet_name(text: str, taken: Iterable[str] = ()) -> str:
    """A valid, unique Excel sheet name (≤ 31 characters, none of []:*?/\\)."""
    base = _BAD_SHEET_CHARS.sub("_", text).strip("'") or "Sheet"
    base = base[:31]
    used = {t.lower() for t in taken}
    name, n = base, 2
    while name.lower() in used:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    return name


class Book:
    """A workbook in memory; `close()` returns its bytes (write them with fileio.write_atomic)."""

    def __init__(self, *, title: str | None = None, author: str | None = None, created: dt.datetime | dt.date | None = None) -> None:
        self._buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(
            self._buffer,
            {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False},
        )
        props: dict[str, Any] = {"title": title or "", "author": author or "", "comments": "由 cwassess 生成"}
        if created is not None:
            props["created"] = created if isinstance(created, dt.datetime) else dt.datetime.combine(created, dt.time())
        self.wb.set_properties(props)
        base = {"font_name": FONT, "font_size": 10, "valign": "top"}
        self.fmt = {
            "title": self.wb.add_format({**base, "bold": True, "font_size": 14, "valign": "vcenter"}),
            "note": self.wb.add_format({**base, "font_color": "#595959", "text_wrap": False}),
            "header": self.wb.add_format(
                {**base, "bold": True, "bg_color": "#1F4E79", "font_color": "#FFFFFF", "border": 1, "text_wrap": True, "valign": "vcenter"}
            ),
            "text": self.wb.add_format({**base, "border": 1, "border_color": "#BFBFBF"}),
            "wrap": self.wb.add_format({**base, "border": 1, "border_color": "#BFBFBF", "text_wrap": True}),
            "num": self.wb.add_format({**base, "border": 1, "border_color": "#BFBFBF", "num_format": "General"}),
            "int": self.wb.add_format({**base, "border": 1, "border_color": "#BFBFBF", "num_format": "0"}),
            "pct": self.wb.add_format({**base, "border": 1, "border_color": "#BFBFBF", "num_format": "0.0%"}),
            "date": self.wb.add_format({**base, "border": 1, "border_color": "#BFBFBF", "num_format": "yyyy-mm-dd"}),
        }
        self.status_fmt = {cls: self.wb.add_format({"bg_color": fill, "font_color": font}) for cls, (fill, font) in STATUS_COLOURS.items()}
        self._names: list[str] = []

    def sheet(self, name: str) -> Worksheet:
        safe = sheet_name(name, self._names)
        self._names.append(safe)
        ws = self.wb.add_worksheet(safe)
        ws.hide_gridlines(2)
        return ws

    def note(self, ws: Worksheet, row: int, text: str, *, title: bool = False) -> None:
        ws.write_string(row, 0, text, self.fmt["title" if title else "note"])
        if title:
            ws.set_row(row, 24)

    def table(
        self,
        ws: Worksheet,
        columns: Sequence[Column],
        rows: Iterable[Sequence[Any]],
        *,
        first_row: int = 0,
        freeze_columns: int = 0,
    ) -> int:
        """Header at first_row, rows below, frozen header, autofilter, status colours. Returns the last row."""
        for c, col in enumerate(columns):
            ws.write_string(first_row, c, col.title, self.fmt["header"])
        widths = [float(display_width(col.title)) for col in columns]
        r = first_row
        for r, row in enumerate(rows, start=first_row + 1):
            for c, (col, value) in enumerate(zip(columns, row, strict=True)):
                widths[c] = max(widths[c], self.cell(ws, r, c, col, value))
        last = max(r, first_row + 1)
        ws.freeze_panes(first_row + 1, freeze_columns)
        ws.autofilter(first_row, 0, last, len(columns) - 1)
        ws.set_row(first_row, 30)
        for c, col in enumerate(columns):
            width = col.width if col.width is not None else min(max(widths[c] + 2, col.min_width), col.max_width)
            ws.set_column(c, c, width)
            if col.status:
                for word, cls in STATUS_CLASS.items():
                    ws.conditional_format(
                        first_row + 1, c, last, c, {"type": "cell", "criteria": "==", "value": f'"{word}"', "format": self.status_fmt[cls]}
                    )
        return r

    def cell(self, ws: Worksheet, r: int, c: int, col: Column, value: Any) -> float:
        """Write one value as its column's kind (text always with write_string); returns its display width."""
        kind = col.kind
        if value is None or value == "":
            ws.write_blank(r, c, None, self.fmt["text"])
            return 0
        if isinstance(value, bool):
            text = "是" if value else "否"
            ws.write_string(r, c, text, self.fmt["text"])
            return display_width(text)
        if isinstance(value, (int, float)) and kind in {"num", "int", "pct"}:
            ws.write_number(r, c, value, self.fmt[kind])
            return len(f"{value:.1%}" if kind == "pct" else f"{value:g}")
        if isinstance(value, dt.date) and kind == "date":
            moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
            ws.write_datetime(r, c, moment, self.fmt["date"])
            return 10
        text = str(value)
        ws.write_string(r, c, text, self.fmt["wrap" if kind == "wrap" else "text"])
        return max((display_width(line) for line in text.splitlines()), default=0)

    def close(self) -> bytes:
        self.wb.close()
        return self._buffer.getvalue()
