"""Cell normalisation shared by every importer: width folding, cell text, dates, lists of names.

Pure functions, no I/O. Nothing here raises on a user's value: parsers return the value or an exact
Chinese message that the caller turns into a `Problem` at the cell's place.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import unicodedata

from cwassess.problems import shorten

# Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is the fictional 1900-02-29,
# so counting from 1899-12-30 is right for every serial after it (everything we accept).
EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serials we take for dates: 1990-01-01 … 2100-12-31. A bare 2024 is a year, not a date.
MIN_SERIAL = (dt.date(1990, 1, 1) - EXCEL_EPOCH).days
MAX_SERIAL = (dt.date(2100, 12, 31) - EXCEL_EPOCH).days
MIN_YEAR, MAX_YEAR = 1990, 2100
# The forms a message asks for when a date is refused.
DATE_EXPECTED = "YYYY-MM-DD、2024年3月5日 或 2024.3.5"

# Words cities write in a 达标时间 column that mean "no fixed date".
NO_DEADLINE_WORDS = frozenset({"长期坚持", "长期", "常态化", "持续推进", "持续", "常年", "长效", "长期推进", "长效管理"})

NAME_SEPARATORS = re.compile(r"[、，,;；/／\n\r]+")


def fold(text: str) -> str:
    """Full-width → half-width for digits, letters and punctuation (NFKC); Chinese characters stay."""
    return unicodedata.normalize("NFKC", text)


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cell_text(value: object) -> str:
    """A cell as the text a person sees: stripped; 12.0 → "12"; dates as YYYY-MM-DD; TRUE → "TRUE"."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()


def split_names(value: object) -> list[str]:
    """Several names in one cell, separated by 、，,;；/ or newlines; blanks dropped, order and duplicates kept."""
    text = cell_text(value)
    return [part.strip() for part in NAME_SEPARATORS.split(text) if part.strip()]


def bad_date(value: object) -> str:
    return f"无法识别的日期“{shorten(cell_text(value) if not isinstance(value, str) else value.strip())}”"


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_FULL = re.compile(r"(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:\s+0{1,2}:00(?::00)?)?")
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_MONTH = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月(?:份)?|[-/.]\s*(\d{1,2}))\s*(?:底|末|前|内)?(?:前)?")
_YEAR_END = re.compile(r"(\d{4})\s*年\s*(?:底|末|年底|年末)(?:前)?")
_HALF = re.compile(r"(\d{4})\s*年\s*(上|下)半年(?:前|内)?")


def parse_date(value: object, *, deadline: bool = False) -> tuple[dt.date | None, str | None]:
    """A date cell → (date, None); (None, None) when blank; (None, exact message) otherwise. Never raises.

    Every date returned lies in 1990–2100, whatever its form. Accepts date/datetime objects, Excel serials,
    2024-03-05, 2024/3/5, 2024.3.5, 20240305, 2024年3月5日, in full-width digits too. With `deadline=True`
    (达标时间, 整改期限: "by then") also 2024年6月 / 2024-06 / 2024年6月底 (the month's last day), 2024年底
    (31 December), 2024年上半年 / 下半年 (30 June / 31 December), and the words that mean "no fixed date"
    (长期坚持, 常态化 …) give (None, None). Without it those are errors: an inspection or a finding happened on a day.
    """
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:  # the common case, YYYY-MM-DD, without the general parser
            day = dt.date.fromisoformat(value)
        except ValueError:
            pass
        else:
            return _checked(day, value)
    if is_blank(value):
        return None, None
    if isinstance(value, dt.datetime):  # a 1900-01-01 cell is a small number formatted as a date, not a day
        return _checked(value.date(), value)
    if isinstance(value, dt.date):
        return _checked(value, value)
    if isinstance(value, bool):
        return None, bad_date(value)
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return None, bad_date(value)
        if float(value).is_integer() and 19900101 <= value <= 21001231:  # 20240305 typed as a number
            return parse_date(str(int(value)))
        if not MIN_SERIAL <= value < MAX_SERIAL + 1:
            return None, bad_date(value)
        return EXCEL_EPOCH + dt.timedelta(days=int(value)), None
    if not isinstance(value, str):
        return None, bad_date(value)
    text = fold(value).strip()
    if deadline and "".join(text.split()) in NO_DEADLINE_WORDS:
        return None, None
    try:
        for pattern in (_FULL, _CHINESE, _COMPACT):
            match = pattern.fullmatch(text)
            if match:
                year, month, day = (int(g) for g in match.groups())
                return _checked(dt.date(year, month, day), value)
        if not deadline:
            return None, bad_date(value)
        match = _YEAR_END.fullmatch(text)
        if match:
            return _checked(dt.date(int(match.group(1)), 12, 31), value)
        match = _HALF.fullmatch(text)
        if match:
            year = int(match.group(1))
            return _checked(dt.date(year, 6, 30) if match.group(2) == "上" else dt.date(year, 12, 31), value)
        match = _MONTH.fullmatch(text)
        if match:
            month = int(match.group(2) or match.group(3))
            return _checked(_month_end(int(match.group(1)), month), value)
    except ValueError:  # 2024-13-01, 2024-02-30, month 0
        return None, bad_date(value)
    return None, bad_date(value)


def parse_written_date(value: object, *, deadline: bool = False) -> tuple[dt.date | None, str | None]:
    """A date typed into a text file (YAML): a number is the digits the person typed (an unquoted 20240305),
    never an Excel serial, so 45356 or 86400 are refused rather than read as days since 1899 or 1970.
    A number with a fraction is refused too: YAML read an unquoted 2027.10 as 2027.1, so its month is lost."""
    if isinstance(value, float) and not value.is_integer():
        return None, bad_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = cell_text(value)
    return parse_date(value, deadline=deadline)


def _checked(date: dt.date, original: object) -> tuple[dt.date | None, str | None]:
    if not MIN_YEAR <= date.year <= MAX_YEAR:
        shown = shorten(cell_text(original) if not isinstance(original, str) else original.strip())
        return None, f"日期“{shown}”不在 {MIN_YEAR}—{MAX_YEAR} 年之间"
    return date, None


def is_no_deadline_word(value: object) -> bool:
    return isinstance(value, str) and "".join(fold(value).split()) in NO_DEADLINE_WORDS
