"""cwassess/standard/model.py: Chinese item labels and the lookups of an assembled standard."""

from __future__ import annotations

from pathlib import Path

import pytest

from cwassess.standard.load import load_standard
from cwassess.standard.model import chinese_number, item_label


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"), (21, "二十一"), (45, "四十五"), (99, "九十九")]
)
def test_chinese_number(n: int, text: str) -> None:
    assert chinese_number(n) == text
    assert item_label(n) == f"（{text}）"


def test_lookups(mini: Path) -> None:
    std = load_standard(mini).standard
    assert std is not None
    assert [i.id for i in std.items] == ["org-plan", "org-resources", "vector-control"]
    assert std.items_by_number[3].id == "vector-control"
    assert std.section_of["org-resources"].id == "alpha"
    assert [i.id for i in std.indicators_of("org-resources")] == ["hospital-beds", "beds-target"]
    assert [i.id for i in std.national_indicators()] == ["satisfaction-rate", "hospital-beds", "rodent-density"]
    assert [i.id for i in std.planning_targets()] == ["beds-target"]
    assert std.departments_by_code["jiedao"].category == "属地"
    assert list(std.profiles_by_id) == ["strict"]
