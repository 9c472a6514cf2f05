"""cwassess/yamlio.py: YAML-1.2 scalars, duplicate keys, refused aliases and tags, the line map, dump round-trip."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from cwassess import yamlio
from cwassess.textio import decode_bytes
from cwassess.yamlio import MAX_DEPTH, YamlCache, YamlDocument, dump_yaml, load_yaml, parse_yaml_text

ALIAS = "不支持 YAML 锚点和别名（& 与 *），请直接写出内容"
TAG = "不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝"


def rendered(doc: YamlDocument) -> list[str]:
    return [p.render() for p in doc.problems]


# --- scalars ---------------------------------------------------------------------------------------------------


def test_scalars_follow_yaml_1_2_and_keep_lossy_numbers_as_text() -> None:
    text = "\n".join(
        [
            "a: no", "b: on", "c: 010", "d: 1.10", "e: 36.0", "f: 2024-03-05", "g: 12:30",
            "h: 8.5", "i: 95", "j: true", "k: False", "l: ~", "m: null", "n: yes", "o: off",
            "p: 0x1F", "q: .inf", "r: 1e5", "s: -3", "t: +12", "u: 1_000", "v: -0.25", "w:", "x: '95'", "y: 0",
        ]
    )
    doc = parse_yaml_text(text + "\n", "f.yaml")
    assert doc.problems == []
    assert doc.data == {
        "a": "no", "b": "on", "c": "010", "d": "1.10", "e": "36.0", "f": "2024-03-05", "g": "12:30",
        "h": 8.5, "i": 95, "j": True, "k": False, "l": None, "m": None, "n": "yes", "o": "off",
        "p": "0x1F", "q": ".inf", "r": 100000.0, "s": -3, "t": 12, "u": "1_000", "v": -0.25, "w": None, "x": "95", "y": 0,
    }
    assert type(doc.data["i"]) is int and type(doc.data["h"]) is float and type(doc.data["j"]) is bool


def test_the_global_pyyaml_resolvers_are_untouched() -> None:
    parse_yaml_text("a: no\n", "f.yaml")
    assert yaml.safe_load("a: no\nb: 2024-03-05\n")["a"] is False


def test_explicit_core_tags_are_allowed() -> None:
    doc = parse_yaml_text("a: !!str 12\nb: !!int '12'\nc: !!float '1.5'\n", "f.yaml")
    assert (doc.data, doc.problems) == ({"a": "12", "b": 12, "c": 1.5}, [])


def test_a_bad_value_under_an_explicit_bool_tag_is_a_problem_not_a_crash() -> None:
    """Regression: at commit 93e9641 `!!bool maybe` raised KeyError out of parse_yaml_text."""
    doc = parse_yaml_text("a: !!bool maybe\n", "f.yaml")
    assert doc.data is None
    assert [p.render() for p in doc.problems] == ["f.yaml:1:1: 错误: a: 无法读取的值：显式标签（!!）与内容不符（实际：maybe）"]


@pytest.mark.parametrize(
    ("text", "found"),
    [("a: !!int x\n", "x"), ("a: !!float 1,5\n", "1,5"), ("a: !!str {b: 1}\n", "tag:yaml.org,2002:str"), ("a: !!seq b\n", "b"), ("- !!map [1]\n", "tag:yaml.org,2002:map")],
)
def test_an_explicit_tag_that_does_not_fit_its_value_is_located(text: str, found: str) -> None:
    doc = parse_yaml_text(text, "f.yaml")
    assert doc.data is None
    assert [(p.code, p.line, p.found) for p in doc.problems] == [("yaml.value", 1, found)]


def test_the_resolver_gives_yaml_1_2_core_types() -> None:
    text = "a: 010\nb: 1.10\nc: 1.5\nd: -3\ne: no\nf: True\ng: ~\nh:\ni: 2024-01-01\nj: 1e3\nk: '1'\nl: .nan\nm: Null\n"
    assert parse_yaml_text(text, "f.yaml").data == {
        "a": "010", "b": "1.10", "c": 1.5, "d": -3, "e": "no", "f": True, "g": None, "h": None, "i": "2024-01-01",
        "j": 1000.0, "k": "1", "l": ".nan", "m": None,
    }


# --- duplicate keys -------------------------------------------------------------------------------------------


def test_duplicate_key_names_the_first_line() -> None:
    doc = parse_yaml_text("a:\n  b: 1\n  c: 2\n  b: 3\nd: 4\nd: 5\n", "f.yaml")
    assert doc.data is None
    assert sorted(rendered(doc)) == [
        "f.yaml:4:3: 错误: a.b: 重复的键“b”（第一次出现在第 2 行）",
        "f.yaml:6:1: 错误: d: 重复的键“d”（第一次出现在第 5 行）",
    ]


def test_quoted_and_plain_duplicate_keys_are_the_same_key() -> None:
    assert rendered(parse_yaml_text("'a': 1\na: 2\n", "f.yaml")) == ["f.yaml:2:1: 错误: a: 重复的键“a”（第一次出现在第 1 行）"]


def test_complex_key_is_refused() -> None:
    assert rendered(parse_yaml_text("? [a]\n: 1\n", "f.yaml")) == ["f.yaml:1:3: 错误: 键必须是简单文本"]


# --- aliases and tags -------------------------------------------------------------------------------------------


def test_alias_as_mapping_value_is_refused_at_the_alias_site() -> None:
    doc = parse_yaml_text("base: &x {a: 1}\ncopy: *x\nmerged:\n  <<: *x\n", "f.yaml")
    assert doc.data is None
    assert rendered(doc) == [f"f.yaml:2:7: 错误: {ALIAS}", f"f.yaml:4:7: 错误: {ALIAS}"]


def test_alias_as_list_item_is_refused_at_the_alias_site() -> None:
    doc = parse_yaml_text("base: &x {a: 1}\nlist:\n  - 1\n  - *x\n  - [2, *x]\n", "f.yaml")
    assert rendered(doc) == [f"f.yaml:4:5: 错误: {ALIAS}", f"f.yaml:5:9: 错误: {ALIAS}"]


def test_alias_site_counts_characters_not_bytes() -> None:
    doc = parse_yaml_text("名称: &x 卫生城市\n别名: 中文 \n复制: *x\n", "f.yaml")
    assert rendered(doc) == [f"f.yaml:3:5: 错误: {ALIAS}"]


def test_recursive_alias_is_refused() -> None:
    assert rendered(parse_yaml_text("a: &x [*x]\n", "f.yaml")) == [f"f.yaml:1:8: 错误: {ALIAS}"]


def test_billion_laughs_is_refused_without_expanding() -> None:
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for prev, cur in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 9) + "]")
    doc = parse_yaml_text("\n".join(levels) + "\n", "f.yaml")
    assert doc.data is None
    assert len(doc.problems) == 8 * 9
    assert {p.code for p in doc.problems} == {"yaml.alias"}


def test_undefined_alias_is_refused_like_any_alias() -> None:
    assert rendered(parse_yaml_text("a: *nope\n", "f.yaml")) == [f"f.yaml:1:4: 错误: {ALIAS}"]


def test_duplicate_anchor_message_is_chinese() -> None:
    """Regression: libyaml puts "found duplicate anchor" in the context; matching only the problem gave English."""
    assert rendered(parse_yaml_text("a: &x 1\nb: &x 2\n", "f.yaml")) == ["f.yaml:2:4: 错误: 重复的锚点（&）"]


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object/apply:os.system ['echo pwned']", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system"),
        ("!!binary aGk=", "tag:yaml.org,2002:binary"),
        ("!!timestamp 2024-01-01", "tag:yaml.org,2002:timestamp"),
        ("!!set {a}", "tag:yaml.org,2002:set"),
        ("!custom x", "!custom"),
        ("!<tag:example.com,2000:x> y", "tag:example.com,2000:x"),
    ],
)
def test_custom_tags_are_refused(value: str, tag: str) -> None:
    doc = parse_yaml_text(f"ok: 1\nbad: {value}\n", "f.yaml")
    assert doc.data is None
    assert rendered(doc) == [f"f.yaml:2:6: 错误: bad: {TAG}（实际：{tag}）"]


# --- structure --------------------------------------------------------------------------------------------------


def test_line_map_for_nested_keys_and_list_items() -> None:
    doc = parse_yaml_text("# comment\na:\n  b:\n    - x\n    - c: 1\n      d: [1, 2]\ne: {f: g}\n", "f.yaml")
    assert doc.problems == []
    assert doc.lines == {
        (): (2, 1),
        ("a",): (2, 1),
        ("a", "b"): (3, 3),
        ("a", "b", 0): (4, 7),
        ("a", "b", 1): (5, 7),
        ("a", "b", 1, "c"): (5, 7),
        ("a", "b", 1, "d"): (6, 7),
        ("a", "b", 1, "d", 0): (6, 11),
        ("a", "b", 1, "d", 1): (6, 14),
        ("e",): (7, 1),
        ("e", "f"): (7, 5),
    }
    # A missing key sits in its nearest parent.
    assert doc.position(("a", "b", 1, "missing", 3)) == (5, 7)
    assert doc.position(("zzz",)) == (2, 1)
    assert doc.problem(("a", "b", 1, "d", 1), "x.y", "消息").render() == "f.yaml:6:14: 错误: a.b.1.d.1: 消息"
    assert doc.problem((), "x.y", "消息").render() == "f.yaml:2:1: 错误: 消息"


def test_nesting_deeper_than_the_limit() -> None:
    depth = MAX_DEPTH + 6
    doc = parse_yaml_text("a: " + "[" * depth + "]" * depth + "\n", "f.yaml")
    assert rendered(doc) == [f"f.yaml:1:{4 + MAX_DEPTH}: 错误: a" + ".0" * MAX_DEPTH + f": 嵌套层级过深（超过 {MAX_DEPTH} 层）"]


def test_a_text_value_one_level_too_deep_is_refused() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH)) + "  " * MAX_DEPTH + "leaf: v\n"
    doc = parse_yaml_text(text, "f.yaml")
    assert doc.data is None
    assert [p.message for p in doc.problems] == [f"嵌套层级过深（超过 {MAX_DEPTH} 层）"]


def test_pathological_nesting_does_not_crash() -> None:
    doc = parse_yaml_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n", "f.yaml")
    assert doc.data is None
    assert rendered(doc) == ["f.yaml:1:1003: 错误: 嵌套层级过深"]


@pytest.mark.parametrize("text", ["", "\n\n", "# 只有注释\n# comment\n"])
def test_empty_documents(text: str) -> None:
    assert rendered(parse_yaml_text(text, "f.yaml")) == ["f.yaml: 错误: 文件为空"]


def test_multiple_documents() -> None:
    assert rendered(parse_yaml_text("a: 1\n---\nb: 2\n", "f.yaml")) == [
        "f.yaml:2:1: 错误: 一个文件只能包含一个 YAML 文档（不要使用“---”分隔多个文档）"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a: "unclosed\nb: 1\n', "f.yaml:3:1: 错误: 文件意外结束：引号或括号未闭合"),
        ("a: [1, 2\n", "f.yaml:2:1: 错误: 方括号列表未闭合，或缺少逗号"),
        ("a: {b: 1\n", "f.yaml:2:1: 错误: 花括号映射未闭合，或缺少逗号"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: 错误: YAML 不允许用制表符（Tab）缩进，请改用空格"),
        ("a: @x\n", "f.yaml:1:4: 错误: 此处有 YAML 不允许的字符（常见原因：用了制表符缩进，或未加引号的 @ ` % 等符号）"),
        ('a: "x\\qy"\n', "f.yaml:1:6: 错误: 双引号文本中有无效的转义符“\\”，请改用单引号或写成“\\\\”"),
        ("a: b: c\n", "f.yaml:1:5: 错误: 冒号位置不对：同一行出现了多余的“键: 值”，或缩进有误；含冒号的文本请加引号"),
        ("a:\n  - 1\n b: 2\n", "f.yaml:3:2: 错误: 缩进不一致，或列表项与键混用"),
    ],
)
def test_syntax_errors_are_located_and_chinese(text: str, expected: str) -> None:
    doc = parse_yaml_text(text, "f.yaml")
    assert doc.data is None
    assert rendered(doc) == [expected]


@pytest.mark.parametrize(("char", "column"), [("\x0b", 5), ("\x07", 5), ("\x1b", 5)])
def test_control_character_is_named_as_such(char: str, column: int) -> None:
    """Regression: reader errors say "unacceptable character", which once matched the "tab" needle first."""
    doc = parse_yaml_text(f"a: 1\nb: x{char}y\n", "f.yaml")
    assert [p.message for p in doc.problems] == ["文件含有不可见的控制字符"]


@pytest.mark.parametrize("text", ["a: 1\nb: x\x0by\n", "名称: 卫生城市\nb: x\x0by\n", "a: 1\n名称: 卫\x0b生\n"])
def test_control_character_has_a_line_and_column(text: str) -> None:
    """ReaderError.position is a BYTE offset into the UTF-8 text (libyaml), not a character index."""
    doc = parse_yaml_text(text, "f.yaml")
    index = text.index("\x0b")
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    assert [(p.line, p.column) for p in doc.problems] == [(line, column)]


# --- files ----------------------------------------------------------------------------------------------------


def test_load_yaml_reads_a_gbk_file(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes("名称: 爱卫办\n".encode("gbk"))
    doc = load_yaml(path, "d.yaml")
    assert (doc.data, doc.problems, doc.file) == ({"名称": "爱卫办"}, [], "d.yaml")


def test_load_yaml_reports_decode_problems_with_the_display_name(tmp_path: Path) -> None:
    path = tmp_path / "d.yaml"
    path.write_bytes(b"a: 1\nb: \x00\n")
    assert rendered(load_yaml(path, "shown.yaml")) == ["shown.yaml:2: 错误: 文件含有 NUL 字节，不是文本文件（可能是二进制文件或 UTF-16 无 BOM）"]
    assert rendered(load_yaml(tmp_path / "missing.yaml")) == [f"{tmp_path / 'missing.yaml'}: 错误: 文件不存在"]


# --- dump ---------------------------------------------------------------------------------------------------


def test_dump_yaml_quotes_what_would_read_back_differently() -> None:
    data = {
        "no": "no", "b": "1.10", "c": 5, "d": True, "e": "中文", "f": "多行\n文本", "g": "", "h": " x",
        "i": "12:30", "j": ["a", 1], "l": "2024-03-05", "m": "null", "n": -3.5,
    }
    text = dump_yaml(data)
    assert text == (
        '"no": "no"\nb: "1.10"\nc: 5\nd: true\ne: 中文\nf: |-\n  多行\n  文本\ng: ""\nh: " x"\ni: "12:30"\n'
        'j:\n- a\n- 1\nl: "2024-03-05"\nm: "null"\n"n": -3.5\n'
    )
    assert parse_yaml_text(text, "f.yaml").data == data


_scalar = st.one_of(st.text(), st.integers(), st.booleans())


@given(st.dictionaries(st.text(), _scalar, max_size=8))
@example({"no": "on", "010": "1.10", "36.0": "2024-03-05", "12:30": "~", "": " ", "a\nb": "x\r\ny"})
@example({"k": "true", "l": "NULL", "m": "+1", "n": "-.5", "o": "0", "p": "\ufeffx", "q": "a  b " * 40})
def test_dump_yaml_round_trips(data: dict[str, str | int | bool]) -> None:
    doc = parse_yaml_text(dump_yaml(data), "f.yaml")
    if not data:
        return  # "{}" is a valid dump of an empty dict
    assert doc.problems == []
    assert doc.data == data
    assert [type(v) for v in doc.data.values()] == [type(v) for v in data.values()]


# --- fuzz: never raise, every problem placed in its file -------------------------------------------------------


def _check(text: str) -> None:
    doc = parse_yaml_text(text, "fuzz.yaml")
    assert all(p.file == "fuzz.yaml" for p in doc.problems)
    if doc.problems:
        assert doc.data is None
    else:
        # Either data or problems -- unless the document is literally a YAML null (see test_validation).
        assert doc.data is not None or yaml.load(text, Loader=yaml.CSafeLoader) is None


@given(st.binary(max_size=2000))
@example(b"\xef\xbb\xbfa: 1\n")
@example(b"\xff\xfea\x00:\x00 \x001\x00")
@example("名称: 医院\n".encode("gbk"))
def test_fuzz_any_bytes(data: bytes) -> None:
    decoded = decode_bytes(data, "fuzz.yaml")
    assert all(p.file == "fuzz.yaml" for p in decoded.problems)
    assert (decoded.text is None) == bool(decoded.problems)
    if decoded.text is not None:
        _check(decoded.text)


@given(st.text(max_size=2000))
def test_fuzz_any_text(text: str) -> None:
    _check(text)


_TOKENS = [
    "a", "b", "id", ": ", ":", "- ", "-", "\n", "  ", "    ", "\t", "'", '"', "[", "]", "{", "}", ",", "#", "---", "...",
    "&x ", "*x", "&y ", "*y", "!!bool ", "!!int ", "!!float ", "!!str ", "!!null ", "!!map ", "!!seq ", "!!binary ",
    "!t ", "? ", "|", ">", "maybe", "yes", "no", "~", "1e400", "1" * 30, "0x1F", "010", "1.10", "8.5", "中文", "\x0b",
    "\\", "%", "@", "`", "<<: ",
]


@given(st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join))
@example("a: !!bool maybe\n")
@example("a: !!int 1e400\n")
@example("a: !!float abc\n")
def test_fuzz_yaml_like_text(text: str) -> None:
    _check(text)


def test_workers_parse_large_files_while_the_caller_reads_them_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"department: d{n}\nrows:\n" + "".join(f"- {{id: r{i}, value: {i}.5, note: '第{i}行'}}\n" for i in range(4000)) for n in range(3)]
    paths = []
    for n, text in enumerate(texts):
        paths.append(tmp_path / f"f{n}.yaml")
        paths[-1].write_text(text, encoding="utf-8")
    cache = YamlCache(tmp_path / "cache")
    parsed_here: list[str] = []
    real_parse = yamlio.parse_yaml_text
    monkeypatch.setattr(yamlio, "parse_yaml_text", lambda text, file: parsed_here.append(file) or real_parse(text, file))
    with cache.prefilling([*paths, tmp_path / "missing.yaml"]):
        docs = [load_yaml(path, path.name, cache=cache) for path in paths]
    cores = len(os.sched_getaffinity(0))
    assert parsed_here == ([] if cores >= 2 else ["f0.yaml", "f1.yaml", "f2.yaml"])  # one core: the caller parses
    for doc, text in zip(docs, texts, strict=True):
        fresh = real_parse(text, doc.file)
        assert (doc.data, doc.tree, doc.problems) == (fresh.data, fresh.tree, fresh.problems)
    assert all(cache.get(path.read_bytes(), "x") is not None for path in paths)
