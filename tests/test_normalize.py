"""Cell normalisation: width folding, cell text, dates, several names in one cell."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cwassess.normalize import cell_text, fold, is_blank, is_no_deadline_word, parse_date, parse_written_date, split_names


def test_fold_makes_digits_letters_and_punctuation_half_width_and_keeps_chinese() -> None:
    assert fold("（１２）ＡＢｃ，配合：爱卫办；") == "(12)ABc,配合:爱卫办;"
    assert fold("国家卫生城市") == "国家卫生城市"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("  张三 \n", "张三"),
        (12.0, "12"),
        (3.5, "3.5"),
        (7, "7"),
        (True, "TRUE"),
        (dt.date(2027, 5, 31), "2027-05-31"),
        (dt.datetime(2027, 5, 31), "2027-05-31"),
        (dt.datetime(2027, 5, 31, 8, 30), "2027-05-31 08:30:00"),
        (dt.time(8, 30), "08:30:00"),
    ],
)
def test_cell_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_is_blank() -> None:
    assert is_blank(None) and is_blank("") and is_blank(" \n\t")
    assert not is_blank(0) and not is_blank("0")


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2024-03-05", dt.date(2024, 3, 5)),
        ("2024/3/5", dt.date(2024, 3, 5)),
        ("2024.3.5", dt.date(2024, 3, 5)),
        ("2024年3月5日", dt.date(2024, 3, 5)),
        ("2024年3月5号", dt.date(2024, 3, 5)),
        ("２０２４年３月５日", dt.date(2024, 3, 5)),
        (" 2024 - 03 - 05 ", dt.date(2024, 3, 5)),
        ("2024-03-05 00:00:00", dt.date(2024, 3, 5)),
        ("20240305", dt.date(2024, 3, 5)),
        (20240305, dt.date(2024, 3, 5)),
        (45356, dt.date(2024, 3, 5)),
        (45356.0, dt.date(2024, 3, 5)),
        (45356.75, dt.date(2024, 3, 5)),
        (dt.date(2024, 3, 5), dt.date(2024, 3, 5)),
        (dt.datetime(2024, 3, 5, 17, 0), dt.date(2024, 3, 5)),
    ],
)
def test_parse_date_accepts(value: object, date: dt.date) -> None:
    assert parse_date(value) == (date, None)
    assert parse_date(value, deadline=True) == (date, None)


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2027年6月", dt.date(2027, 6, 30)),
        ("2027年6月底", dt.date(2027, 6, 30)),
        ("2027年6月底前", dt.date(2027, 6, 30)),
        ("2027-06", dt.date(2027, 6, 30)),
        ("2024年2月", dt.date(2024, 2, 29)),
        ("2027年底", dt.date(2027, 12, 31)),
        ("2027年上半年", dt.date(2027, 6, 30)),
        ("2027年下半年", dt.date(2027, 12, 31)),
    ],
)
def test_deadlines_may_name_a_month_or_half_year(value: str, date: dt.date) -> None:
    assert parse_date(value, deadline=True) == (date, None)
    assert parse_date(value) == (None, f"无法识别的日期“{value}”")  # an inspection happened on a day


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2024年13月1日", "无法识别的日期“2024年13月1日”"),
        ("2024-02-30", "无法识别的日期“2024-02-30”"),
        ("2024-00-10", "无法识别的日期“2024-00-10”"),
        ("明年春天", "无法识别的日期“明年春天”"),
        ("1899-12-31", "日期“1899-12-31”不在 1990—2100 年之间"),
        (2024, "无法识别的日期“2024”"),
        (3.5, "无法识别的日期“3.5”"),
        (True, "无法识别的日期“TRUE”"),
        (float("nan"), "无法识别的日期“nan”"),
        (dt.time(12, 30), "无法识别的日期“12:30:00”"),
        ("  2024年13月1日 ", "无法识别的日期“2024年13月1日”"),
    ],
)
def test_parse_date_refuses_with_exact_message(value: object, message: str) -> None:
    assert parse_date(value) == (None, message)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (dt.date(1989, 12, 31), "日期“1989-12-31”不在 1990—2100 年之间"),
        (dt.datetime(1900, 1, 1), "日期“1900-01-01”不在 1990—2100 年之间"),  # a 1 in a date-formatted Excel cell
        (dt.date(2101, 1, 1), "日期“2101-01-01”不在 1990—2100 年之间"),
        (dt.date(1, 1, 1), "日期“0001-01-01”不在 1990—2100 年之间"),
    ],
)
def test_date_objects_outside_1990_to_2100_are_refused_like_typed_ones(value: object, message: str) -> None:
    assert parse_date(value) == parse_date(value, deadline=True) == (None, message)


def test_the_first_and_last_days_of_the_range_are_dates() -> None:
    assert parse_date(dt.date(1990, 1, 1)) == (dt.date(1990, 1, 1), None)
    assert parse_date(dt.datetime(2100, 12, 31, 23, 59)) == (dt.date(2100, 12, 31), None)


@pytest.mark.parametrize(
    ("value", "date"),
    [
        (20260101, dt.date(2026, 1, 1)),  # unquoted in YAML: an integer
        (20260101.0, dt.date(2026, 1, 1)),
        ("２０２７-０６-３０", dt.date(2027, 6, 30)),
        ("2027年5月20日", dt.date(2027, 5, 20)),
        (dt.date(2027, 5, 20), dt.date(2027, 5, 20)),
    ],
)
def test_written_dates(value: object, date: dt.date) -> None:
    assert parse_written_date(value) == (date, None)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (86400, "无法识别的日期“86400”"),  # not a Unix timestamp
        (45356, "无法识别的日期“45356”"),  # not an Excel serial: nobody types one into a text file
        (2027.1, "无法识别的日期“2027.1”"),  # YAML read 2027.10 as a number: its month is lost
        (True, "无法识别的日期“TRUE”"),
        (float("inf"), "无法识别的日期“inf”"),
    ],
)
def test_written_numbers_are_digits_not_serials(value: object, message: str) -> None:
    assert parse_written_date(value) == (None, message)


def test_written_deadlines_may_name_a_month() -> None:
    assert parse_written_date("2027年6月底", deadline=True) == (dt.date(2027, 6, 30), None)
    assert parse_written_date(202706, deadline=True) == (None, "无法识别的日期“202706”")


@pytest.mark.parametrize("value", [None, "", "  "])
def test_parse_date_blank(value: object) -> None:
    assert parse_date(value) == parse_date(value, deadline=True) == (None, None)


@pytest.mark.parametrize("value", ["长期坚持", "常态化", "持续推进", "长 期 坚 持"])
def test_no_deadline_words_are_no_date_only_for_deadlines(value: str) -> None:
    assert parse_date(value, deadline=True) == (None, None)
    assert parse_date(value) == (None, f"无法识别的日期“{value}”")


def test_no_deadline_words() -> None:
    assert is_no_deadline_word("长期坚持")
    assert not is_no_deadline_word("2027-05-31")
    assert not is_no_deadline_word(None)


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.dates(), st.datetimes(), st.booleans(), st.none(), st.times()))
def test_parse_date_never_raises(value: object) -> None:
    date, message = parse_date(value, deadline=isinstance(value, str) and len(value) % 2 == 0)
    assert date is None or message is None
    if message is not None:
        assert message.startswith(("无法识别的日期“", "日期“")) and message.endswith(("”", "不在 1990—2100 年之间"))
    if date is not None:
        assert isinstance(date, dt.date) and not isinstance(date, dt.datetime)


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("爱卫办、卫健委", ["爱卫办", "卫健委"]),
        ("爱卫办，卫健委,疾控中心", ["爱卫办", "卫健委", "疾控中心"]),
        ("爱卫办;卫健委；疾控中心", ["爱卫办", "卫健委", "疾控中心"]),
        ("爱卫办/卫健委／疾控中心", ["爱卫办", "卫健委", "疾控中心"]),
        ("爱卫办\n卫健委\r\n疾控中心", ["爱卫办", "卫健委", "疾控中心"]),
        (" 爱卫办 、、 卫健委 、", ["爱卫办", "卫健委"]),
        ("市城市管理局", ["市城市管理局"]),
        ("", []),
        (None, []),
        (12.0, ["12"]),
    ],
)
def test_split_names(cell: object, names: list[str]) -> None:
    assert split_names(cell) == names
