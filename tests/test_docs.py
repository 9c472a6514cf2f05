"""docs/: the generated parts equal what docs/make_docs.py makes now, every input schema is documented, every YAML
example validates, and every `cwassess …` command the docs mention exists (with the options they use)."""

from __future__ import annotations

import importlib.util
import re
import shlex
import sys
import textwrap
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from typer.main import get_command

from cwassess.cli import app
from cwassess.validation import validate_document
from cwassess.yamlio import parse_yaml_text
from tests.helpers import REPO

DOCS = REPO / "docs"
REGENERATE = "文档已过期：请运行 `.venv/bin/python docs/make_docs.py` 重新生成并提交"
DOC_FILES = sorted(DOCS.glob("*.md"))
COMMAND_FILES = [*DOC_FILES, REPO / "README.md"]

FENCE = re.compile(r"^([ \t]*)```(\w*)\n(.*?)^[ \t]*```", re.S | re.M)
MODEL_MARK = re.compile(r"<!-- model: ([\w.]+) -->\s*$")
INLINE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
MENTION = re.compile(r"(?<![\w.\-])cwassess(?![\w./\-])")
GLOBAL_WITH_VALUE = {"--workspace", "-w"}
SUBCOMMAND = re.compile(r"^[a-z][a-z0-9-]*$")


def _make_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_docs", DOCS / "make_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_docs", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def make_docs() -> ModuleType:
    return _make_docs()


# -- (a) generated files are up to date ---------------------------------------------------------------------------


def test_generated_docs_are_up_to_date(make_docs: ModuleType) -> None:
    for path, text in make_docs.outputs().items():
        assert path.is_file(), f"{path.relative_to(REPO)} 不存在：{REGENERATE}"
        assert path.read_text(encoding="utf-8") == text, f"{path.relative_to(REPO)}：{REGENERATE}"


def test_rules_md_covers_every_rule_type() -> None:
    from cwassess.rules import RULES

    text = (DOCS / "rules.md").read_text(encoding="utf-8")
    for name, module in RULES.items():
        assert f"\n## {name}\n" in text, name
        for section in (module.DOC.requirement, module.DOC.why, module.DOC.example, module.DOC.remedy):
            assert section in text, (name, section)


# -- (b) every input schema is covered ----------------------------------------------------------------------------


def test_every_input_schema_is_in_formats_md(make_docs: ModuleType) -> None:
    from cwassess.schemas import SCHEMAS

    text = (DOCS / "formats.md").read_text(encoding="utf-8")
    regions = make_docs.regions(text)
    documented = {key for kind, key in regions if kind == "fields"}
    examples = {key for kind, key in regions if kind == "example"}
    missing = set(make_docs.FILES) - documented
    assert not missing, f"formats.md 缺少这些文件的字段表：{sorted(missing)}"
    assert not set(make_docs.FILES) - examples, f"formats.md 缺少这些文件的示例：{sorted(set(make_docs.FILES) - examples)}"
    covered = {name for name, model in SCHEMAS.items() if any(f.model is model for k, f in make_docs.FILES.items() if k in documented)}
    on_disk = {p.name for p in (REPO / "schemas").glob("*.schema.json")}
    inputs = on_disk - make_docs.OUTPUT_SCHEMAS
    assert inputs - covered == set(), f"schemas/ 中这些输入文件的格式没有写进 docs/formats.md：{sorted(inputs - covered)}"
    # A schema file that exists but is not registered would be silently undocumented.
    assert on_disk <= set(SCHEMAS) | make_docs.OUTPUT_SCHEMAS


def test_every_spreadsheet_the_tool_reads_is_described(make_docs: ModuleType) -> None:
    text = (DOCS / "formats.md").read_text(encoding="utf-8")
    columns = {key for kind, key in make_docs.regions(text) if kind == "columns"}
    assert {"evidence-indicators", "evidence-documents", "evidence-statements", "claims-table", "ledger-import"} <= columns


# -- (c) YAML examples parse and validate -------------------------------------------------------------------------


def _yaml_blocks(path: Path) -> list[tuple[int, str | None, str]]:
    """(line, model named by the marker just above, text) of every ```yaml block."""
    text = path.read_text(encoding="utf-8")
    blocks = []
    for m in FENCE.finditer(text):
        if m.group(2) != "yaml":
            continue
        line = text.count("\n", 0, m.start()) + 1
        before = text[: m.start()].rstrip("\n").rsplit("\n", 1)[-1]
        mark = MODEL_MARK.search(before)
        blocks.append((line, mark.group(1) if mark else None, textwrap.dedent(m.group(3))))
    return blocks


def _model(dotted: str) -> type:
    module, _, name = dotted.rpartition(".")
    return getattr(importlib.import_module(module), name)


def test_formats_md_examples_all_name_their_model() -> None:
    blocks = _yaml_blocks(DOCS / "formats.md")
    assert len(blocks) >= 14
    assert [line for line, model, _ in blocks if model is None] == [], "formats.md 中每个 yaml 示例前都要有 <!-- model: … --> 标记"


@pytest.mark.parametrize("path", DOC_FILES, ids=[p.name for p in DOC_FILES])
def test_yaml_examples_parse_and_validate(path: Path) -> None:
    for line, model, text in _yaml_blocks(path):
        where = f"{path.name}:{line}"
        doc = parse_yaml_text(text, where)
        assert not [p.render() for p in doc.problems if p.severity == "error"], where
        if model is not None:
            validate_document(doc, _model(model))
            assert [p.render() for p in doc.problems] == [], where


# -- (d) every command mentioned exists -------------------------------------------------------------------------


def _code_snippets(text: str) -> list[str]:
    """The text of fenced blocks (line by line) and of inline code spans."""
    snippets: list[str] = []
    for m in FENCE.finditer(text):
        snippets += [line.strip() for line in m.group(3).splitlines()]
    outside = FENCE.sub("", text)
    snippets += INLINE.findall(outside)
    return snippets


def _tokens(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:
        return text.split()


def _mentions(snippet: str) -> list[list[str]]:
    """Token lists following each `cwassess` in a snippet, up to the end of that shell command.

    The README's short form `cwassess claims seed / status / show 部门` names siblings: each part after a
    ` / ` is read with the group of the first part (`claims status`, `claims show 部门`).
    """
    found = []
    for m in MENTION.finditer(snippet):
        rest = re.split(r"&&|\|\||;|\s\|\s|\s#", snippet[m.end():])[0]
        first, *siblings = re.split(r"\s/\s", rest)
        tokens = _tokens(first)
        found.append(tokens)
        words = [n for n, tok in enumerate(tokens) if SUBCOMMAND.match(tok)]
        prefix = tokens[: words[-1]] if words else []
        found += [prefix + _tokens(part) for part in siblings]
    return found


def _is_group(command: Any) -> bool:
    return hasattr(command, "list_commands") and hasattr(command, "get_command")


def _options(command: Any) -> set[str]:
    names = {"--help", "-h"}
    for param in command.params:
        if getattr(param, "param_type_name", None) == "option":
            names.update(param.opts)
            names.update(param.secondary_opts)
    return names


def _root() -> tuple[Any, Any]:
    """The click command of the app (commands load lazily) and a context to ask it with."""
    root = get_command(app)
    ctx = root.make_context("cwassess", [], resilient_parsing=True)
    return root, ctx


def _check(tokens: list[str], root: Any, ctx: Any) -> str | None:
    """None when the command and its options exist; otherwise what is wrong."""
    i = 0
    root_options = _options(root)
    while i < len(tokens) and tokens[i].startswith("-"):
        name = tokens[i].split("=", 1)[0]
        if name not in root_options:
            return f"未知全局选项 {name}"
        i += 2 if name in GLOBAL_WITH_VALUE and "=" not in tokens[i] else 1
    command = root
    path = ["cwassess"]
    for token in tokens[i:]:
        if _is_group(command):
            if token.startswith("-"):
                name = token.split("=", 1)[0]
                if name not in _options(command):
                    return f"{' '.join(path)} 没有选项 {name}"
                continue
            if not SUBCOMMAND.match(token):
                break  # a placeholder such as 子命令 or …
            if token not in command.list_commands(ctx):
                return f"{' '.join(path)} 没有子命令 {token}"
            try:
                command = command.get_command(ctx, token)
            except ImportError as exc:
                return f"{' '.join(path)} {token} 已登记，但无法导入：{exc}"
            path.append(token)
            continue
        if token.startswith("--") or re.match(r"^-[a-zA-Z]$", token):
            name = token.split("=", 1)[0]
            if name not in _options(command):
                return f"{' '.join(path)} 没有选项 {name}"
    return None


def test_every_command_in_the_docs_exists() -> None:
    root, ctx = _root()
    assert _is_group(root)
    checked = 0
    wrong = []
    for path in COMMAND_FILES:
        for snippet in _code_snippets(path.read_text(encoding="utf-8")):
            for tokens in _mentions(snippet):
                checked += 1
                problem = _check(tokens, root, ctx)
                if problem:
                    wrong.append(f"{path.relative_to(REPO)}: `cwassess {' '.join(tokens)}`：{problem}")
    assert checked > 100, "文档中应有大量命令示例"
    assert wrong == []


def test_the_command_checker_catches_mistakes() -> None:
    root, ctx = _root()
    assert _is_group(root)
    assert _check(["score", "--explain", "12"], root, ctx) is None
    assert _check(["--workspace", "/tmp/x", "ledger", "verify", "ZG-0001", "--as", "aiweiban"], root, ctx) is None
    assert _check(["ledger", "…"], root, ctx) is None
    assert _check(["scroe"], root, ctx) == "cwassess 没有子命令 scroe"
    assert _check(["ledger", "close", "ZG-0001"], root, ctx) == "cwassess ledger 没有子命令 close"
    assert _check(["score", "--explian", "12"], root, ctx) == "cwassess score 没有选项 --explian"
    assert _mentions("cd 示例市 && .venv/bin/cwassess claims show 城管局 # 查看") == [["claims", "show", "城管局"]]
    assert _mentions("python -m cwassess.schemas") == []
    assert _mentions("cwassess claims seed / status / export --xlsx 文件") == [["claims", "seed"], ["claims", "status"], ["claims", "export", "--xlsx", "文件"]]


# -- links between the documents ----------------------------------------------------------------------------------

LINK = re.compile(r"\]\(([\w.\-]+\.md)?(?:#([^)\s]+))?\)")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*$", re.M)


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"`", "", heading).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_links_between_documents_resolve() -> None:
    anchors = {p.name: {_slug(h) for h in HEADING.findall(FENCE.sub("", p.read_text(encoding="utf-8")))} for p in DOC_FILES}
    broken = []
    for path in DOC_FILES:
        for target, anchor in LINK.findall(FENCE.sub("", path.read_text(encoding="utf-8"))):
            name = target or path.name
            if name not in anchors:
                broken.append(f"{path.name}: {name} 不存在")
            elif anchor and anchor not in anchors[name]:
                broken.append(f"{path.name}: {name}#{anchor} 没有这个标题")
    assert broken == []
