"""cwassess/standard/load.py: files named by standard.yaml, display paths, every problem collected at once."""

from __future__ import annotations

from pathlib import Path

from cwassess.standard.load import find_standard_root, load_standard
from tests.helpers import lint_rendered


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_paths_outside_the_standard_are_refused(mini: Path) -> None:
    _edit(mini / "standard.yaml", "  - sections/b.yaml\n", "  - ../../etc/passwd\n")
    _edit(mini / "standard.yaml", "sampling: sampling.yaml\n", f"sampling: {Path('/etc/hostname')}\n")
    result = load_standard(mini)
    assert result.standard is None
    assert sorted(p.render() for p in result.problems) == [
        "mini/standard.yaml:13:5: 错误: sections.1: 路径指向标准目录之外，已拒绝（实际：../../etc/passwd）",
        "mini/standard.yaml:16:1: 错误: sampling: 路径指向标准目录之外，已拒绝（实际：/etc/hostname）",
    ]


def test_every_missing_file_is_reported_at_once(mini: Path) -> None:
    for name in ("sections/b.yaml", "indicators.yaml", "sampling.yaml"):
        (mini / name).unlink()
    assert lint_rendered(mini) == [
        "mini/indicators.yaml: 错误: 文件不存在",
        "mini/sampling.yaml: 错误: 文件不存在",
        "mini/sections/b.yaml: 错误: 文件不存在",
    ]


def test_problems_in_several_files_are_all_reported(mini: Path) -> None:
    _edit(mini / "departments.yaml", "    name: 财政局\n", "    name: 财政局\n    nmae: x\n")
    _edit(mini / "sections/a.yaml", "    number: 2\n", "    number: 二\n")
    result = load_standard(mini)
    assert result.standard is None
    assert sorted(p.render() for p in result.problems) == [
        "mini/departments.yaml:14:5: 错误: departments.3.nmae: 未知字段“nmae”，是否想写“name”？",
        "mini/sections/a.yaml:40:5: 错误: items.1.number: 应为整数（实际：二）",
    ]


def test_missing_standard_yaml(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = load_standard(Path("nowhere"))
    assert (result.standard, [p.render() for p in result.problems]) == (None, ["nowhere/standard.yaml: 错误: 文件不存在"])


def test_files_outside_the_current_folder_are_shown_absolute(mini: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (mini / "sampling.yaml").write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    result = load_standard(tmp_path / "mini")
    assert [p.render() for p in result.problems] == [f"{(tmp_path / 'mini' / 'sampling.yaml').resolve()}: 错误: 文件为空"]


def test_profiles_folder_is_optional(mini: Path) -> None:
    (mini / "profiles/p.yaml").unlink()
    (mini / "profiles").rmdir()
    result = load_standard(mini)
    assert result.problems == [] and result.standard is not None and result.standard.profiles == []


def test_locator_places_objects(mini: Path) -> None:
    result = load_standard(mini)
    problem = result.locator.problem(("item", "vector-control"), ("lead",), "x", "消息")
    assert problem.render() == "mini/sections/b.yaml:15:5: 错误: items.0.lead: 消息"
    assert result.locator.problem(("item", "nope"), ("lead",), "x", "消息").render() == "<输入>: 错误: 消息"


def test_find_standard_root(mini: Path) -> None:
    root = (mini).resolve()
    assert find_standard_root(mini) == root
    assert find_standard_root(mini / "sections" / "b.yaml") == root
    assert find_standard_root(mini / "profiles") == root
    assert find_standard_root(Path("/")) is None
