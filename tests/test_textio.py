"""cwassess/textio.py: which encodings are accepted, and the exact message for each file that is not text."""

from __future__ import annotations

import codecs
import errno
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from cwassess.textio import DEFAULT_MAX_BYTES, decode_bytes, format_size, os_error_zh, read_text, size_over_limit

TEXT = "名称: 爱卫办\n别名: [创卫办]\n"


def rendered(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [p.render() for p in problems]


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (TEXT.encode("utf-8"), TEXT, "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), TEXT, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), TEXT, "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), TEXT, "utf-16"),
        (TEXT.encode("gbk"), TEXT, "gbk"),
        (b"plain: ascii\n", "plain: ascii\n", "utf-8"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom", "gbk", "ascii"],
)
def test_accepted_encodings(data: bytes, text: str, encoding: str) -> None:
    decoded = decode_bytes(data, "f.yaml")
    assert (decoded.text, decoded.encoding, decoded.problems) == (text, encoding, [])


def test_bom_is_not_part_of_the_text() -> None:
    assert decode_bytes(codecs.BOM_UTF8 + b"a: 1\n", "f.yaml").text == "a: 1\n"
    assert decode_bytes(codecs.BOM_UTF16_LE + "a: 1\n".encode("utf-16-le"), "f.yaml").text == "a: 1\n"


def test_gbk_file_whose_line_is_also_valid_utf8_is_gbk() -> None:
    """BUG: GBK 医院 (D2 BD D4 BA) is also valid UTF-8, so this pure GBK file is rejected as "mixed"."""
    text = "name: 医院\n类别: 卫生机构\n"
    decoded = decode_bytes(text.encode("gbk"), "f.yaml")
    assert (decoded.text, decoded.encoding, rendered(decoded.problems)) == (text, "gbk", [])


def test_mixed_utf8_and_gbk_names_the_first_bad_line() -> None:
    data = "a: 中文\nb: ok\n".encode("utf-8") + "c: 卫生\n".encode("gbk") + "d: 城市\n".encode("utf-8")
    decoded = decode_bytes(data, "f.yaml")
    assert decoded.text is None
    assert rendered(decoded.problems) == ["f.yaml:3: 错误: 文件混用了多种编码：部分行是 UTF-8，此行不是；请整体另存为 UTF-8"]


def test_bytes_that_are_neither_utf8_nor_gbk() -> None:
    decoded = decode_bytes(b"a: 1\nb: 2\nc: \x80\xff\n", "f.yaml")
    assert decoded.text is None
    assert rendered(decoded.problems) == ["f.yaml:3: 错误: 无法识别文件编码（应为：UTF-8 或 GBK；实际：无法解码的字节）"]


def test_nul_byte_names_its_line() -> None:
    decoded = decode_bytes(b"a: 1\nb: 2\x00\n", "f.yaml")
    assert decoded.text is None
    assert rendered(decoded.problems) == ["f.yaml:2: 错误: 文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 无 BOM）"]


def test_utf16_without_bom_is_reported_as_nul() -> None:
    decoded = decode_bytes("a: 1\n".encode("utf-16-le"), "f.yaml")
    assert rendered(decoded.problems) == ["f.yaml:1: 错误: 文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 无 BOM）"]


def test_nul_inside_utf16_text() -> None:
    decoded = decode_bytes(codecs.BOM_UTF16_LE + "a: 1\nb: \x00\n".encode("utf-16-le"), "f.yaml")
    assert rendered(decoded.problems) == ["f.yaml:2: 错误: 文件含有 NUL 字节，不是文本文件"]


def test_broken_utf16_names_the_right_line() -> None:
    """BUG: the line is counted as 0x0A bytes in the UTF-16 data, and 上 (U+4E0A) contains one."""
    data = codecs.BOM_UTF16_LE + "a: 上上\nb: x\n".encode("utf-16-le") + b"\x00\xd8"  # a lone high surrogate
    decoded = decode_bytes(data, "f.yaml")
    assert [(p.code, p.line) for p in decoded.problems] == [("file.encoding", 3)]


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\r\n"])
def test_empty(data: bytes) -> None:
    decoded = decode_bytes(data, "f.yaml")
    assert (decoded.text, rendered(decoded.problems)) == (None, ["f.yaml: 错误: 文件为空"])


# --- read_text -----------------------------------------------------------------------------------------------


def test_read_text_reports_the_encoding(tmp_path: Path) -> None:
    (tmp_path / "g.yaml").write_bytes(TEXT.encode("gbk"))
    decoded = read_text(tmp_path / "g.yaml", "g.yaml")
    assert (decoded.text, decoded.encoding, decoded.problems) == (TEXT, "gbk", [])


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * (3 * 1024 * 1024 // 2))  # 1.5 MB
    decoded = read_text(path, "big.yaml", max_bytes=1024 * 1024)
    assert decoded.text is None
    assert rendered(decoded.problems) == ["big.yaml: 错误: 文件过大（应为：不超过 1 MB；实际：1.5 MB）"]
    # Exactly at the limit is fine.
    path.write_bytes(b"a: 1\n" + b"#" * (1024 * 1024 - 5))
    assert read_text(path, "big.yaml", max_bytes=1024 * 1024).problems == []


def test_too_large_below_one_megabyte_does_not_say_zero(tmp_path: Path) -> None:
    """BUG: limits under 1 MB are shown as "不超过 0 MB" and sizes as "0.0 MB"."""
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: 1\n" * 30)
    (problem,) = read_text(path, "big.yaml", max_bytes=100).problems
    assert problem.code == "file.too-large"
    assert problem.expected != "不超过 0 MB"
    assert problem.found != "0.0 MB"


def test_default_limit_is_20_megabytes() -> None:
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_missing_file(tmp_path: Path) -> None:
    decoded = read_text(tmp_path / "nope.yaml", "nope.yaml")
    assert (decoded.text, rendered(decoded.problems)) == (None, ["nope.yaml: 错误: 文件不存在"])


def test_directory(tmp_path: Path) -> None:
    decoded = read_text(tmp_path, "sections")
    assert (decoded.text, rendered(decoded.problems)) == (None, ["sections: 错误: 这是目录，不是文件"])


# --- fuzz -----------------------------------------------------------------------------------------------------


@given(st.binary(max_size=4000))
@example(codecs.BOM_UTF16_LE + b"\x00\xd8")
@example(codecs.BOM_UTF8 + b"\xff")
@example(b"\n" * 5 + b"\x00")
def test_fuzz_decode_bytes_never_raises(data: bytes) -> None:
    decoded = decode_bytes(data, "fuzz.yaml")
    assert (decoded.text is None) == bool(decoded.problems)
    assert (decoded.text is None) == (decoded.encoding is None)
    for problem in decoded.problems:
        assert problem.file == "fuzz.yaml"
        if problem.line is not None:
            assert 1 <= problem.line <= data.count(b"\n") + 1


@given(st.text(max_size=500))
def test_fuzz_utf8_text_round_trips(text: str) -> None:
    assume(not text.startswith("\ufeff"))  # that is a UTF-8 BOM, tested above
    data = text.encode("utf-8")
    decoded = decode_bytes(data, "fuzz.yaml")
    if not data.strip():
        assert rendered(decoded.problems) == ["fuzz.yaml: 错误: 文件为空"]
    elif "\x00" in text:
        assert [p.code for p in decoded.problems] == ["file.nul"]
    else:
        assert (decoded.text, decoded.encoding) == (text, "utf-8")


@pytest.mark.parametrize(
    ("size", "shown"),
    [(0, "0 字节"), (100, "100 字节"), (1023, "1023 字节"), (1024, "1 KB"), (1536, "1.5 KB"), (20 * 1024 * 1024, "20 MB"), (21_500_000, "20.5 MB")],
)
def test_format_size(size: int, shown: str) -> None:
    assert format_size(size) == shown


def test_a_size_just_over_the_limit_is_not_shown_as_the_limit() -> None:
    assert size_over_limit(100, 306) == ("不超过 100 字节", "306 字节")
    assert size_over_limit(20 * 1024 * 1024, 20 * 1024 * 1024 + 10) == ("不超过 20,971,520 字节", "20,971,530 字节")


@pytest.mark.parametrize(
    ("code", "action", "said"),
    [
        (errno.EACCES, "读取", "没有读取权限"),
        (errno.EACCES, "写入", "没有写入权限"),
        (errno.ENOSPC, "写入", "磁盘已满"),
        (errno.EROFS, "写入", "文件系统只读"),
        (errno.EEXIST, "写入", "已有同名的文件"),
        (errno.ECONNRESET, "读取", "系统错误"),
    ],
)
def test_os_errors_in_chinese(code: int, action: str, said: str) -> None:
    assert os_error_zh(OSError(code, "English text from the system"), action) == said
