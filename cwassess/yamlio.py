"""Strict YAML reading at C speed: YAML-1.2-style scalars, duplicate keys as errors, a path→line map.

`no`, `on`, `010`, `1.10` and dates stay strings (pydantic converts where a number is wanted);
anchors/aliases and custom tags are refused, so a crafted file cannot expand or run code.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import os
import re
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cwassess.fileio import mkdir_inside
from cwassess.problems import Problem, shorten
from cwassess.textio import DEFAULT_MAX_BYTES, decode_bytes, read_text

Path_ = tuple[str | int, ...]
MAX_DEPTH = 64
MAX_DIGITS = 40  # Python refuses to convert integers of more than 4,300 digits; nothing real needs 40

_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")
# A float keeps its value only when nothing is lost: "1.10" and "36.0" stay strings.
_FLOAT = re.compile(r"^[-+]?(0|[1-9][0-9]*)(\.[0-9]*[1-9]|[eE][-+]?[0-9]+|\.[0-9]*[1-9][eE][-+]?[0-9]+)$")
_BOOL = re.compile(r"^(true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(~|null|Null|NULL|)$")

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_ALLOWED_TAGS = {_STR_TAG, _INT_TAG, _FLOAT_TAG, _BOOL_TAG, _NULL_TAG, _MAP_TAG, _SEQ_TAG}
_NUMBER_TAGS = {_INT_TAG, _FLOAT_TAG}


class RuleLoader(yaml.CSafeLoader):  # type: ignore[misc,name-defined]
    """CSafeLoader that only composes nodes; tags are resolved the YAML 1.2 core way and values built by _build.

    `resolve` is called by libyaml's composer for every node; PyYAML's generic version walks resolver lists per
    call, this one dispatches on the first character (same answers, a third of the time on large files).
    """

    def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value is not None:
                first = value[:1]
                if first in _NUMBER_START:
                    if _INT.match(value):
                        return _INT_TAG
                    if _FLOAT.match(value):
                        return _FLOAT_TAG
                elif first in _BOOL_START:
                    if _BOOL.match(value):
                        return _BOOL_TAG
                elif first in _NULL_START and _NULL.match(value):
                    return _NULL_TAG
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG

    # Path resolvers are never registered: the composer's per-node bookkeeping for them is skipped.
    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_NUMBER_START = frozenset("-+0123456789")
_BOOL_START = frozenset("tTfF")
_NULL_START = frozenset(["~", "n", "N", ""])


# A position tree mirrors the data: [line, column, children], children a dict, a list or None.
Tree = list[Any]


def _is_node(node: Any) -> bool:
    return isinstance(node, list) and len(node) == 3 and type(node[0]) is int and type(node[1]) is int


@dataclass
class YamlDocument:
    """A parsed file: data (None when unusable), where each path sits, and what is wrong."""

    file: str
    data: Any = None
    tree: Tree | None = None
    problems: list[Problem] = field(default_factory=list)

    def position(self, path: Path_) -> tuple[int | None, int | None]:
        """Line/column of a path, falling back to its nearest parent (a missing key sits in its parent)."""
        node: Any = self.tree
        try:
            for part in path:
                children = node[2]
                if isinstance(children, dict):
                    child = children.get(part)
                elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
                    child = children[part]
                else:
                    break
                if child is None:
                    break
                node = child
            line, column = node[0], node[1]
        except (TypeError, IndexError, KeyError):
            return None, None  # a damaged tree (only a forged cache entry can hold one) loses positions, not the run
        return (line, column) if type(line) is int and type(column) is int else (None, None)

    @property
    def lines(self) -> dict[Path_, tuple[int, int]]:
        """Every recorded path with its (line, column)."""
        flat: dict[Path_, tuple[int, int]] = {}
        stack: list[tuple[Path_, Tree]] = [((), self.tree)] if self.tree else []
        while stack:
            path, node = stack.pop()
            if not _is_node(node):
                continue
            flat[path] = (node[0], node[1])
            children = node[2]
            if isinstance(children, dict):
                stack.extend(((*path, k), v) for k, v in children.items())
            elif isinstance(children, list):
                stack.extend(((*path, i), v) for i, v in enumerate(children))
        return flat

    def problem(self, path: Path_, code: str, message: str, **kw: Any) -> Problem:
        line, column = self.position(path)
        key = ".".join(str(p) for p in path) or None
        return Problem(code=code, message=message, file=self.file, line=line, column=column, key=key, **kw)


# libyaml messages → Chinese. First match wins.
_YAML_MESSAGES: list[tuple[str, str]] = [
    ("<tab>", "YAML 不允许用制表符（Tab）缩进，请改用空格"),
    ("tab character", "YAML 不允许用制表符（Tab）缩进，请改用空格"),
    ("cannot start any token", "此处有 YAML 不允许的字符（常见原因：用了制表符缩进，或未加引号的 @ ` % 等符号）"),
    ("mapping values are not allowed", "冒号位置不对：同一行出现了多余的“键: 值”，或缩进有误；含冒号的文本请加引号"),
    ("could not find expected ':'", "缺少冒号“:”，或引号/括号未闭合"),
    ("did not find expected key", "缩进不一致，或列表项与键混用"),
    ("did not find expected '-' indicator", "列表项缩进不一致"),
    ("did not find expected node content", "此处缺少内容"),
    ("found unexpected end of stream", "文件意外结束：引号或括号未闭合"),
    ("found unexpected end", "文件意外结束：引号或括号未闭合"),
    ("found undefined alias", "使用了未定义的别名（*）"),
    ("exceeded maximum nesting depth", "嵌套层级过深"),
    ("unknown escape character", "双引号文本中有无效的转义符“\\”，请改用单引号或写成“\\\\”"),
    ("found unknown escape", "双引号文本中有无效的转义符“\\”，请改用单引号或写成“\\\\”"),
    ("invalid Unicode character escape", "双引号文本中有无效的转义符“\\”，请改用单引号或写成“\\\\”"),
    ("expected hexdecimal number", "双引号文本中有无效的转义符“\\”，请改用单引号或写成“\\\\”"),
    ("expected escape sequence", "双引号文本中有无效的转义符“\\”，请改用单引号或写成“\\\\”"),
    ("incompatible YAML document", "不支持此 YAML 版本：请删除开头的“%YAML”行"),
    ("found duplicate YAML directive", "不支持此 YAML 版本：请删除开头的“%YAML”行"),
    ("control characters are not allowed", "文件含有不可见的控制字符"),
    ("special characters are not allowed", "文件含有不可见的控制字符"),
    ("expected <document start>", "文档结构有误：顶层缩进不一致"),
    ("expected a single document", "一个文件只能包含一个 YAML 文档（不要使用“---”分隔多个文档）"),
    ("but found another document", "一个文件只能包含一个 YAML 文档（不要使用“---”分隔多个文档）"),
    ("did not find expected ',' or ']'", "方括号列表未闭合，或缺少逗号"),
    ("did not find expected ',' or '}'", "花括号映射未闭合，或缺少逗号"),
    ("found duplicate anchor", "重复的锚点（&）"),
    ("found character", "此处有 YAML 不允许的字符"),
]


def _translate(problem: str | None) -> str:
    text = problem or ""
    for needle, zh in _YAML_MESSAGES:
        if needle in text:
            return zh
    return "YAML 语法错误：请检查此处的引号、冒号、括号与缩进"


def _mark_problem(file: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Problem(code="yaml.syntax", file=file, message=_translate(exc.problem))
    problem = " ".join(part for part in (exc.context, exc.problem) if part)
    if 0 <= mark.index < len(text) and text[mark.index] == "\t":
        problem = "<tab>"
    return Problem(code="yaml.syntax", file=file, line=mark.line + 1, column=mark.column + 1, message=_translate(problem))


class _BadValue(Exception):
    """A scalar whose explicit tag does not fit its text (`!!int x`), or a node of the wrong kind for its tag."""


def _scalar_value(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag == _STR_TAG:
        return node.value
    try:
        if tag == _INT_TAG:
            return int(node.value)
        if tag == _FLOAT_TAG:
            return float(node.value)
        if tag == _BOOL_TAG:
            return yaml.constructor.SafeConstructor.bool_values[node.value.lower()]
    except (ValueError, KeyError, OverflowError) as exc:
        raise _BadValue(node.value) from exc
    if tag == _NULL_TAG:
        return None
    raise _BadValue(node.value)  # !!map or !!seq on a scalar


def _build(doc: YamlDocument, root: yaml.Node) -> bool:
    """One pass over the node graph: the data, the position tree, and every structural problem (duplicate keys,
    aliases, deep nesting, custom tags, over-long numbers, tags that do not fit). Iterative; no recursion limit.

    Scalars are handled where their parent is, without a stack entry or a path tuple: most nodes are scalars.
    """
    ok = True
    seen: set[int] = set()  # collections already visited: an alias the event scan missed must not multiply
    holder: list[Any] = [None]
    doc.tree = [root.start_mark.line + 1, root.start_mark.column + 1, None]
    stack: list[tuple[yaml.Node, Path_, Tree, Any, Any]] = [(root, (), doc.tree, holder, 0)]
    while stack:
        node, path, slot, parent, at = stack.pop()
        problem = _node_problem(doc, node, path)
        if problem is not None:
            doc.problems.append(problem)
            if problem.code == "yaml.depth":
                return False
            ok = False
            continue
        if isinstance(node, yaml.ScalarNode):
            try:
                parent[at] = _scalar_value(node)
            except _BadValue as exc:
                doc.problems.append(_bad_value(doc, path, str(exc)))
                ok = False
            continue
        if id(node) in seen:
            doc.problems.append(doc.problem(path, "yaml.alias", "不支持 YAML 锚点和别名（& 与 *），请直接写出内容"))
            ok = False
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                doc.problems.append(_bad_value(doc, path, node.tag))
                ok = False
                continue
            mapping: dict[str, Any] = {}
            parent[at] = mapping
            first_seen: dict[str, int] = {}
            children: dict[str, Tree] = {}
            slot[2] = children
            pending: list[tuple[yaml.Node, Path_, Tree, Any, Any]] = []
            for key_node, value_node in node.value:
                kmark = key_node.start_mark
                if not isinstance(key_node, yaml.ScalarNode):
                    doc.problems.append(
                        Problem(code="yaml.complex-key", file=doc.file, line=kmark.line + 1, column=kmark.column + 1, message="键必须是简单文本")
                    )
                    ok = False
                    continue
                key = key_node.value
                if key in first_seen:
                    doc.problems.append(
                        Problem(
                            code="yaml.duplicate-key",
                            file=doc.file,
                            line=kmark.line + 1,
                            column=kmark.column + 1,
                            key=".".join(map(str, (*path, key))),
                            message=f"重复的键“{key}”（第一次出现在第 {first_seen[key]} 行）",
                        )
                    )
                    ok = False
                    continue
                first_seen[key] = kmark.line + 1
                child: Tree = [kmark.line + 1, kmark.column + 1, None]
                children[key] = child
                mapping[key] = None
                if value_node.tag == _STR_TAG and type(value_node) is yaml.ScalarNode and len(path) < MAX_DEPTH:
                    mapping[key] = value_node.value  # the common case, inline (its depth is within the limit)
                else:
                    pending.append((value_node, (*path, key), child, mapping, key))
            stack.extend(reversed(pending))
        else:
            if node.tag != _SEQ_TAG:
                doc.problems.append(_bad_value(doc, path, node.tag))
                ok = False
                continue
            sequence: list[Any] = [None] * len(node.value)
            parent[at] = sequence
            items: list[Tree] = [[n.start_mark.line + 1, n.start_mark.column + 1, None] for n in node.value]
            slot[2] = items
            for index in reversed(range(len(node.value))):
                stack.append((node.value[index], (*path, index), items[index], sequence, index))
    doc.data = holder[0] if ok else None
    return ok


def _node_problem(doc: YamlDocument, node: yaml.Node, path: Path_) -> Problem | None:
    tag = node.tag
    if tag not in _ALLOWED_TAGS:
        mark = node.start_mark
        return Problem(
            code="yaml.tag",
            file=doc.file,
            line=mark.line + 1,
            column=mark.column + 1,
            key=".".join(map(str, path)) or None,
            message="不支持自定义 YAML 标签（以 ! 开头），出于安全原因已拒绝",
            found=shorten(tag),
        )
    if len(path) > MAX_DEPTH:
        return doc.problem(path, "yaml.depth", f"嵌套层级过深（超过 {MAX_DEPTH} 层）")
    if tag in _NUMBER_TAGS and isinstance(node, yaml.ScalarNode) and len(node.value) > MAX_DIGITS:
        return doc.problem(path, "yaml.number", "数字位数过多，无法读取", found=shorten(node.value))
    return None


def _bad_value(doc: YamlDocument, path: Path_, found: str) -> Problem:
    # e.g. `!!bool maybe`, `!!int x`, `!!str {a: 1}`: an explicit standard tag with a value it cannot hold.
    return doc.problem(path, "yaml.value", "无法读取的值：显式标签（!!）与内容不符", found=shorten(found))


def _alias_problems(text: str, file: str) -> list[Problem]:
    """Aliases found at the place they are written (the node graph only knows the anchor's place)."""
    if "*" not in text:
        return []
    found = []
    loader = RuleLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                found.append(
                    Problem(code="yaml.alias", file=file, line=mark.line + 1, column=mark.column + 1, message="不支持 YAML 锚点和别名（& 与 *），请直接写出内容")
                )
    except yaml.YAMLError:
        return []  # the syntax error is reported by the main parse
    finally:
        loader.dispose()
    return found


def parse_yaml_text(text: str, file: str) -> YamlDocument:
    doc = YamlDocument(file=file)
    aliases = _alias_problems(text, file)
    if aliases:
        doc.problems.extend(aliases)
        return doc
    loader = RuleLoader(text)
    try:
        try:
            root = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            doc.problems.append(_mark_problem(file, exc, text))
            return doc
        except yaml.reader.ReaderError as exc:  # libyaml gives a byte offset into the UTF-8 text
            index = len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))
            line = text.count("\n", 0, index) + 1
            column = index - (text.rfind("\n", 0, index) + 1) + 1
            doc.problems.append(Problem(code="yaml.syntax", file=file, line=line, column=column, message=_translate(str(exc))))
            return doc
        except yaml.YAMLError as exc:
            doc.problems.append(Problem(code="yaml.syntax", file=file, message=_translate(str(exc))))
            return doc
        except RecursionError:
            doc.problems.append(Problem(code="yaml.depth", file=file, message="嵌套层级过深"))
            return doc
        if root is None:
            doc.problems.append(Problem(code="file.empty", file=file, message="文件为空"))
            return doc
        _build(doc, root)
    finally:
        loader.dispose()
    return doc


class YamlCache:
    """Parsed large files kept as JSON keyed by their content hash, so unchanged files are not re-parsed.

    A cache entry holds exactly what parsing produced (data, positions, problems); it is checked by
    the same models as a fresh parse, so a stale or edited cache can never let invalid data through, and it is
    sealed with the hash of its body, so a damaged entry is parsed again instead of trusted.
    """

    VERSION = 2  # 2: each entry starts with the sha256 of its body
    MIN_BYTES = 64 * 1024

    def __init__(self, folder: Path, root: Path | None = None) -> None:
        self.folder = folder
        self.root = root or folder  # entries are written only where `folder` resolves inside `root`
        self._pending: dict[str, Future[None]] = {}

    def _path(self, data: bytes) -> Path:
        return self.folder / f"{hashlib.sha256(data).hexdigest()}.v{self.VERSION}.json"

    def get(self, data: bytes, file: str) -> YamlDocument | None:
        if len(data) < self.MIN_BYTES:
            return None
        try:
            seal, _, body = self._path(data).read_bytes().partition(b"\n")
            if seal.decode("ascii") != hashlib.sha256(body).hexdigest():
                return None  # damaged or edited by hand: parse again
            entry = json.loads(body)
            problems = [Problem(**{**p, "file": file}) for p in entry["problems"]]
            return YamlDocument(file=file, data=entry["data"], tree=entry["tree"], problems=problems)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, data: bytes, doc: YamlDocument) -> None:
        if len(data) < self.MIN_BYTES:
            return
        entry = {"data": doc.data, "tree": doc.tree, "problems": [p.model_dump(exclude={"file"}) for p in doc.problems]}
        try:
            body = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            if not mkdir_inside(self.root, self.folder):
                return
            target = self._path(data)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body)
            tmp.replace(target)
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written only costs time

    @contextmanager
    def prefilling(self, paths: list[Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[None]:
        """While the block runs, worker processes (one per core) parse the large files not cached yet, in the order
        given; load_yaml waits for a file's worker, then reads its cache entry. A first run after many files changed
        then costs about its share of the parse per core, overlapped with the caller's own work. Best effort: a
        file no worker cached is parsed by the caller as usual."""
        workers = min(len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 8)
        todo: list[str] = []
        for path in paths:
            try:
                size = path.stat().st_size
                if self.MIN_BYTES <= size <= max_bytes and not self._path(path.read_bytes()).is_file():
                    todo.append(str(path))
            except OSError:
                continue
        pool: ProcessPoolExecutor | None = None
        if workers >= 2 and len(todo) >= 2:
            try:
                if mkdir_inside(self.root, self.folder):  # else: a cache leading out of the workspace is never written
                    pool = ProcessPoolExecutor(max_workers=min(workers, len(todo)), mp_context=multiprocessing.get_context("spawn"))
                    self._pending = {path: pool.submit(_fill_one, (str(self.folder), path, max_bytes)) for path in todo}
            except (OSError, RuntimeError, BrokenProcessPool):
                self._pending = {}  # no processes here (a sandbox, a limit): the caller parses
        try:
            yield
        finally:
            self._pending = {}
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)

    def wait_for(self, path: Path) -> None:
        future = self._pending.pop(str(path), None)
        if future is not None:
            try:
                future.result()
            except Exception:  # noqa: BLE001 — a worker's failure only means the caller parses this file itself
                pass


def _fill_one(job: tuple[str, str, int]) -> None:
    folder, path, max_bytes = job
    gc.disable()  # a worker lives for a few files; the collector would only slow the parse
    load_yaml(Path(path), path, max_bytes, YamlCache(Path(folder)))


def load_yaml(path: Path, display: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES, cache: YamlCache | None = None) -> YamlDocument:
    """Read and parse a YAML file; problems instead of exceptions."""
    shown = display or str(path)
    if cache is not None:
        try:
            raw = path.read_bytes() if path.is_file() and path.stat().st_size <= max_bytes else None
        except OSError:
            raw = None
        if raw is not None:
            cache.wait_for(path)
            cached = cache.get(raw, shown)
            if cached is not None:
                return cached
            decoded = decode_bytes(raw, shown)
            doc = parse_yaml_text(decoded.text, shown) if decoded.text is not None else YamlDocument(file=shown)
            doc.problems[:0] = decoded.problems
            cache.put(raw, doc)
            return doc
    decoded = read_text(path, shown, max_bytes)
    if decoded.text is None:
        return YamlDocument(file=shown, problems=decoded.problems)
    doc = parse_yaml_text(decoded.text, shown)
    doc.problems[:0] = decoded.problems
    return doc


def dump_yaml(data: Any) -> str:
    """YAML for files we write (workspace overlays, seeded claims): block style, Chinese kept readable."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


class _Dumper(yaml.CSafeDumper):  # type: ignore[misc,name-defined]
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    # Quote anything that would read back as something other than this exact string.
    style = None
    if "\n" in value:
        style = "|"
    elif _INT.match(value) or _FLOAT.match(value) or _BOOL.match(value) or _NULL.match(value) or value != value.strip():
        style = '"'
    elif value.lower() in {"yes", "no", "on", "off", "y", "n"} or re.match(r"^[0-9.:+-]+$", value):
        style = '"'
    return dumper.represent_scalar(_STR_TAG, value, style=style)


def _none_representer(dumper: yaml.SafeDumper, _: None) -> yaml.ScalarNode:
    # An empty value reads back as null and leaves a blank for a person to fill in.
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


def _float_representer(dumper: yaml.SafeDumper, value: float) -> yaml.ScalarNode:
    if value.is_integer() and abs(value) < 1e15:
        return dumper.represent_int(int(value))
    return dumper.represent_scalar("tag:yaml.org,2002:float", repr(value))


_Dumper.add_representer(str, _str_representer)
_Dumper.add_representer(type(None), _none_representer)
_Dumper.add_representer(float, _float_representer)
