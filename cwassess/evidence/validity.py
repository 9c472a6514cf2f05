"""Is a document inside its material's window? The effective date counts, not the upload date. Pure."""

from __future__ import annotations

import datetime as dt

from cwassess.evidence.model import Document
from cwassess.models.standard import Material

YEARS = {"当年": 1, "近1年": 1, "近3年": 3, "近5年": 5}


def _years_back(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def window(material: Material, assessment: dt.date) -> tuple[dt.date | None, dt.date]:
    """(earliest, latest) acceptable date; earliest None for 现行有效 (in force, any age)."""
    if material.period in YEARS:
        return _years_back(assessment, YEARS[material.period]), assessment
    return None, assessment


def in_window(doc: Document, material: Material, assessment: dt.date) -> tuple[bool, str]:
    """Whether the document counts, and a Chinese reason when it does not."""
    start, end = window(material, assessment)
    if material.per_year and material.period in YEARS:
        # Per-year materials are counted by calendar year, so the whole first year is inside the window.
        start = dt.date(assessment.year - YEARS[material.period], 1, 1)
    if doc.period_start and doc.period_end:
        if doc.period_start > end:
            return False, f"覆盖时间段 {doc.period_start}—{doc.period_end} 晚于评估日期"
        if start and doc.period_end < start:
            return False, f"覆盖时间段 {doc.period_start}—{doc.period_end} 早于{material.period}（{start} 起）"
        return True, ""
    date = doc.date
    if date is None:
        return False, "缺少发文或生效日期，无法判断有效期"
    if date > end:
        return False, f"生效日期 {date} 晚于评估日期 {end}"
    if start and date < start:
        return False, f"日期 {date} 早于{material.period}（{start} 起）"
    return True, ""


def required_years(material: Material, assessment: dt.date) -> list[int]:
    """The calendar years a per-year material must cover: the N years before the assessment year."""
    n = YEARS.get(material.period or "", 0)
    return [assessment.year - k for k in range(n, 0, -1)]


def years_covered(doc: Document) -> set[int]:
    if doc.period_start and doc.period_end:
        return set(range(doc.period_start.year, doc.period_end.year + 1))
    return {doc.date.year} if doc.date else set()
