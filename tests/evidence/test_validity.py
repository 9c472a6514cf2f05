"""cwassess/evidence/validity.py: the window of each material period, the date that counts, the years to cover."""

from __future__ import annotations

import datetime as dt

import pytest

from cwassess.evidence.validity import in_window, required_years, window, years_covered
from cwassess.models.standard import Material
from tests import builders as b

ASSESS = dt.date(2027, 5, 20)


def mat(period: str | None, per_year: bool = False) -> Material:
    return Material.model_validate({"id": "m", "title": "材料", "kind": "文件", "period": period, "per_year": per_year, "provenance": {"verified": "unverified"}})


def doc(**fields: object):  # type: ignore[no-untyped-def]
    return b.document("org-agenda", "performance-rules", **fields)


@pytest.mark.parametrize(
    ("period", "start"),
    [("当年", dt.date(2026, 5, 20)), ("近1年", dt.date(2026, 5, 20)), ("近3年", dt.date(2024, 5, 20)), ("近5年", dt.date(2022, 5, 20)), ("现行有效", None), (None, None)],
)
def test_window(period: str | None, start: dt.date | None) -> None:
    assert window(mat(period), ASSESS) == (start, ASSESS)


def test_window_from_29_february() -> None:
    assert window(mat("近1年"), dt.date(2028, 2, 29)) == (dt.date(2027, 2, 28), dt.date(2028, 2, 29))
    assert window(mat("近3年"), dt.date(2028, 2, 29)) == (dt.date(2025, 2, 28), dt.date(2028, 2, 29))


@pytest.mark.parametrize(
    ("fields", "ok", "why"),
    [
        ({"issued": dt.date(2026, 5, 20)}, True, ""),
        ({"issued": ASSESS}, True, ""),
        ({"issued": dt.date(2026, 5, 19)}, False, "日期 2026-05-19 早于近1年（2026-05-20 起）"),
        ({"issued": dt.date(2027, 5, 21)}, False, "生效日期 2027-05-21 晚于评估日期 2027-05-20"),
        # The effective date decides, whatever the issue date.
        ({"issued": dt.date(2025, 1, 1), "effective": dt.date(2026, 6, 1)}, True, ""),
        ({"issued": dt.date(2027, 1, 1), "effective": dt.date(2027, 6, 1)}, False, "生效日期 2027-06-01 晚于评估日期 2027-05-20"),
        ({"issued": dt.date(2027, 1, 1), "effective": dt.date(2026, 1, 1)}, False, "日期 2026-01-01 早于近1年（2026-05-20 起）"),
        ({}, False, "缺少发文或生效日期，无法判断有效期"),
        # A covered period counts when it overlaps the window, whatever the document's own dates.
        ({"period": (dt.date(2025, 1, 1), dt.date(2026, 5, 20))}, True, ""),
        ({"period": (dt.date(2025, 1, 1), dt.date(2026, 5, 19))}, False, "覆盖时间段 2025-01-01—2026-05-19 早于近1年（2026-05-20 起）"),
        ({"period": (dt.date(2027, 5, 21), dt.date(2027, 12, 31))}, False, "覆盖时间段 2027-05-21—2027-12-31 晚于评估日期"),
        ({"period": (dt.date(2027, 5, 20), dt.date(2027, 12, 31)), "issued": dt.date(2020, 1, 1)}, True, ""),
    ],
)
def test_in_window_for_a_recent_material(fields: dict, ok: bool, why: str) -> None:  # type: ignore[type-arg]
    assert in_window(doc(**fields), mat("近1年"), ASSESS) == (ok, why)


def test_in_force_materials_have_no_earliest_date() -> None:
    assert in_window(doc(issued=dt.date(1998, 1, 1)), mat("现行有效"), ASSESS) == (True, "")
    assert in_window(doc(effective=dt.date(2027, 6, 1)), mat("现行有效"), ASSESS) == (False, "生效日期 2027-06-01 晚于评估日期 2027-05-20")
    assert in_window(doc(period=(dt.date(1990, 1, 1), dt.date(1991, 1, 1))), mat(None), ASSESS) == (True, "")


@pytest.mark.parametrize(
    ("period", "years"),
    [("近3年", [2024, 2025, 2026]), ("近5年", [2022, 2023, 2024, 2025, 2026]), ("近1年", [2026]), ("当年", [2026]), ("现行有效", []), (None, [])],
)
def test_required_years(period: str | None, years: list[int]) -> None:
    assert required_years(mat(period, per_year=True), ASSESS) == years


def test_a_per_year_document_early_in_its_year_is_in_window() -> None:
    """Regression: a per-year 近3年 material must cover 2024, 2025 and 2026 (required_years); the window once started on
    2024-05-20, so the 2024 plan issued in February 2024 was “早于近3年” and 2024 could never be covered by it."""
    material = mat("近3年", per_year=True)
    assert 2024 in required_years(material, ASSESS)
    assert in_window(doc(issued=dt.date(2024, 2, 20)), material, ASSESS) == (True, "")


def test_years_covered() -> None:
    assert years_covered(doc(period=(dt.date(2024, 11, 1), dt.date(2026, 2, 1)))) == {2024, 2025, 2026}
    assert years_covered(doc(issued=dt.date(2025, 3, 1), effective=dt.date(2026, 1, 1))) == {2026}
    assert years_covered(doc(issued=dt.date(2025, 3, 1))) == {2025}
    assert years_covered(doc()) == set()
    assert doc(issued=dt.date(2025, 3, 1), effective=dt.date(2026, 1, 1)).date == dt.date(2026, 1, 1)
