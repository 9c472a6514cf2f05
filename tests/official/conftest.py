from __future__ import annotations

from pathlib import Path

import pytest

from cwassess.standard.lint import lint_standard
from cwassess.standard.load import load_standard
from cwassess.standard.model import Standard
from cwassess.workspace import bundled_standard_dir

from official_docs import OfficialDoc, official_doc

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini-standard"


def _load(root: Path) -> Standard:
    result = load_standard(root)
    assert result.standard is not None, [p.render() for p in result.problems]
    errors = [p.render() for p in lint_standard(result.standard, result.locator) if p.severity == "error"]
    assert not errors, errors
    return result.standard


@pytest.fixture(scope="session")
def bundled() -> Standard:
    return _load(bundled_standard_dir())


@pytest.fixture(scope="session")
def mini() -> Standard:
    return _load(MINI)


@pytest.fixture(scope="session")
def doc(bundled: Standard) -> OfficialDoc:
    return official_doc(bundled)
