"""cwassess/departments.py: resolving names, aliases and codes; the exact "did you mean" text."""

from __future__ import annotations

import pytest

from cwassess.departments import DepartmentResolver, normalize_name
from cwassess.models.standard import Department

DEPARTMENTS = [
    Department(code="aiweiban", name="爱卫办", aliases=["爱国卫生运动委员会办公室", "创卫办"]),
    Department(code="weijianwei", name="卫健委", aliases=["卫生健康委员会", "卫健局"]),
    Department(code="jikong", name="疾控中心", aliases=["疾病预防控制中心"]),
    Department(code="chengguan", name="城管局", aliases=["城市管理局（综合执法局）"]),
    Department(code="quzhengfu", name="各区政府", aliases=["区政府"], category="属地"),
]


@pytest.fixture
def resolver() -> DepartmentResolver:
    return DepartmentResolver(DEPARTMENTS)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("aiweiban", "aiweiban"),  # code
        ("爱卫办", "aiweiban"),  # name
        ("创卫办", "aiweiban"),  # alias
        ("卫生健康委员会", "weijianwei"),
        ("市爱卫办", "aiweiban"),  # 市 prefix
        ("区卫健局", "weijianwei"),  # 区 prefix on an alias
        ("县疾控中心", "jikong"),  # 县 prefix
        ("市 疾控中心", "jikong"),
        ("疾病预防　控制中心", "jikong"),  # full-width space
        (" 卫健委 ", "weijianwei"),
        ("卫\t健\n委", "weijianwei"),
        ("城市管理局(综合执法局)", "chengguan"),  # half-width brackets match full-width
        ("城市管理局（综合执法局）", "chengguan"),
        ("区政府", "quzhengfu"),  # an alias that itself starts with 区
        ("ａｉｗｅｉｂａｎ", "aiweiban"),  # full-width letters
    ],
)
def test_resolve(resolver: DepartmentResolver, text: str, code: str) -> None:
    assert resolver.resolve(text) == code


@pytest.mark.parametrize("text", ["", "市", "卫生局", "jikongg", "Aiweiban", "省疾控中心", "市市爱卫办"])
def test_resolve_unknown(resolver: DepartmentResolver, text: str) -> None:
    assert resolver.resolve(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("jikongg", "未知部门“jikongg”，是否想写“jikong（疾控中心）”？"),
        ("疾控", "未知部门“疾控”，是否想写“jikong（疾控中心）”？"),
        ("卫健", "未知部门“卫健”，是否想写“weijianwei（卫健委）”？"),
        ("城管", "未知部门“城管”，是否想写“chengguan（城管局）”？"),
        ("公安局", "未知部门“公安局”"),
        ("xyz", "未知部门“xyz”"),
    ],
)
def test_unknown_message(resolver: DepartmentResolver, text: str, message: str) -> None:
    assert resolver.unknown_message(text) == message


def test_suggest_and_label(resolver: DepartmentResolver) -> None:
    assert resolver.suggest("爱卫") == "aiweiban（爱卫办）"
    assert resolver.suggest("完全无关") is None
    assert resolver.label("jikong") == "疾控中心"
    assert resolver.label("unknown") == "unknown"


def test_first_department_wins_a_shared_alias() -> None:
    resolver = DepartmentResolver([Department(code="a", name="甲", aliases=["同名"]), Department(code="b", name="乙", aliases=["同名"])])
    assert resolver.resolve("同名") == "a"


def test_normalize_name() -> None:
    assert normalize_name(" 市　城管局（执法） ") == "市城管局(执法)"
    assert normalize_name("ＡＢＣ１２３") == "ABC123"
