"""cwassess/schemas.py: committed schemas/ match the models, and every YAML file validates against its schema."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from cwassess.schemas import SCHEMAS, render
from cwassess.yamlio import load_yaml
from tests.helpers import BUNDLED, MINI, REPO, SCHEMAS as SCHEMA_DIR

REGENERATE = "schemas/ 与模型不一致：请运行 `python -m cwassess.schemas` 重新生成并提交"

# Which schema a file of a standard must use, by where it sits.
SCHEMA_OF = {
    "standard.yaml": "standard.schema.json",
    "indicators.yaml": "indicators.schema.json",
    "departments.yaml": "departments.schema.json",
    "sampling.yaml": "sampling.schema.json",
    "sections": "section.schema.json",
    "profiles": "profile.schema.json",
}
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def _yaml_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.yaml"))


BUNDLED_FILES = _yaml_files(BUNDLED)
MINI_FILES = _yaml_files(MINI)
FILES = [pytest.param(p, BUNDLED, id=str(p.relative_to(REPO))) for p in BUNDLED_FILES] + [
    pytest.param(p, MINI, id=str(p.relative_to(REPO))) for p in MINI_FILES
]


def _id(path: Path) -> str:
    return str(path.relative_to(REPO))


def _expected_schema(path: Path, root: Path) -> str:
    relative = path.relative_to(root)
    key = relative.parts[0] if len(relative.parts) > 1 else relative.name
    assert key in SCHEMA_OF, f"{relative}: 不知道该用哪个 schema"
    return SCHEMA_OF[key]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_matches_the_model(name: str) -> None:
    committed = (SCHEMA_DIR / name).read_text(encoding="utf-8") if (SCHEMA_DIR / name).is_file() else None
    assert committed == render(SCHEMAS[name], name), f"{name}: {REGENERATE}"


def test_no_stale_schema_files() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.json")) == sorted(SCHEMAS), REGENERATE


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == name


def test_the_bundled_standard_has_yaml_files() -> None:
    assert (BUNDLED / "standard.yaml") in BUNDLED_FILES


@pytest.mark.parametrize(("path", "root"), FILES)
def test_first_line_points_at_its_schema(path: Path, root: Path) -> None:
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    match = MODELINE.match(first)
    assert match, f"{_id(path)}: 第一行应为 `# yaml-language-server: $schema=…`，实际：{first!r}"
    target = (path.parent / match.group(1)).resolve()
    assert target.is_file(), f"{_id(path)}: {match.group(1)} 不存在"
    assert target == (SCHEMA_DIR / _expected_schema(path, root)).resolve()


@pytest.mark.parametrize(("path", "root"), FILES)
def test_yaml_file_validates_against_its_json_schema(path: Path, root: Path) -> None:
    doc = load_yaml(path, _id(path))
    assert doc.problems == []
    name = _expected_schema(path, root)
    validator = Draft202012Validator(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))
    errors = [f"{'.'.join(map(str, e.absolute_path)) or '<根>'}: {e.message}" for e in validator.iter_errors(doc.data)]
    assert errors == []


def test_json_schema_rejects_what_the_model_rejects() -> None:
    """The schema is not vacuous: an unknown field and a bad slug fail it, as they fail the model."""
    validator = Draft202012Validator(json.loads((SCHEMA_DIR / "departments.schema.json").read_text(encoding="utf-8")))
    bad = {"departments": [{"code": "Bad_Code", "name": "甲", "colour": "red"}]}
    assert sorted(e.validator for e in validator.iter_errors(bad)) == ["additionalProperties", "pattern"]
