"""cwassess/paths.py: what a manifest may name — relative paths inside the workspace only."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from cwassess.paths import resolve_inside


@pytest.fixture
def tree(tmp_path: Path) -> tuple[Path, Path]:
    ws = tmp_path / "ws"
    base = ws / "evidence" / "aiweiban"
    base.mkdir(parents=True)
    (base / "a.pdf").write_bytes(b"%PDF")
    (base / "子目录").mkdir()
    (base / "子目录" / "b.pdf").write_bytes(b"%PDF")
    (ws / "evidence" / "chengguan").mkdir()
    (ws / "evidence" / "chengguan" / "c.pdf").write_bytes(b"%PDF")
    (tmp_path / "outside.pdf").write_bytes(b"%PDF")
    return ws, base


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("", "路径为空"),
        ("   ", "路径为空"),
        ("/etc/passwd", "不允许使用绝对路径“/etc/passwd”，请写相对于本部门证据目录的路径"),
        ("C:\\Users\\a.pdf", "不允许使用绝对路径“C:\\Users\\a.pdf”，请写相对于本部门证据目录的路径"),
        ("c:/a.pdf", "不允许使用绝对路径“c:/a.pdf”，请写相对于本部门证据目录的路径"),
        ("D:a.pdf", "不允许使用绝对路径“D:a.pdf”，请写相对于本部门证据目录的路径"),
        ("\\\\server\\share\\a.pdf", "不允许使用绝对路径“\\\\server\\share\\a.pdf”，请写相对于本部门证据目录的路径"),
        ("//server/share/a.pdf", "不允许使用绝对路径“//server/share/a.pdf”，请写相对于本部门证据目录的路径"),
        ("../chengguan/c.pdf", "路径“../chengguan/c.pdf”含有“..”，不允许指向证据目录之外"),
        ("子目录/../a.pdf", "路径“子目录/../a.pdf”含有“..”，不允许指向证据目录之外"),
        ("..\\chengguan\\c.pdf", "路径“..\\chengguan\\c.pdf”含有“..”，不允许指向证据目录之外"),
    ],
)
def test_refused(tree: tuple[Path, Path], written: str, message: str) -> None:
    ws, base = tree
    assert resolve_inside(ws, base, written) == (None, message)


@pytest.mark.parametrize(("written", "target"), [("a.pdf", "a.pdf"), ("./a.pdf", "a.pdf"), (" a.pdf ", "a.pdf"), ("子目录/b.pdf", "子目录/b.pdf"), ("子目录\\b.pdf", "子目录/b.pdf")])
def test_accepted(tree: tuple[Path, Path], written: str, target: str) -> None:
    ws, base = tree
    assert resolve_inside(ws, base, written) == ((base / target).resolve(), None)


def test_a_missing_file_inside_is_not_refused_here(tree: tuple[Path, Path]) -> None:
    ws, base = tree
    assert resolve_inside(ws, base, "nofile.pdf") == ((base / "nofile.pdf").resolve(), None)


def test_symlinks(tree: tuple[Path, Path]) -> None:
    ws, base = tree
    os.symlink(ws.parent / "outside.pdf", base / "out.pdf")
    os.symlink(ws / "evidence" / "chengguan" / "c.pdf", base / "in.pdf")
    os.symlink(ws.parent, base / "up")
    assert resolve_inside(ws, base, "out.pdf") == (None, "路径“out.pdf”指向工作区之外（可能是符号链接），已拒绝")
    assert resolve_inside(ws, base, "up/outside.pdf") == (None, "路径“up/outside.pdf”指向工作区之外（可能是符号链接），已拒绝")
    assert resolve_inside(ws, base, "in.pdf") == ((ws / "evidence" / "chengguan" / "c.pdf").resolve(), None)
    # A dangling link that would point outside is refused too.
    os.symlink(ws.parent / "gone.pdf", base / "dangling.pdf")
    assert resolve_inside(ws, base, "dangling.pdf") == (None, "路径“dangling.pdf”指向工作区之外（可能是符号链接），已拒绝")


def test_a_symlink_loop_is_never_a_usable_file(tree: tuple[Path, Path]) -> None:
    """Refused outright, or handed back as a path that is not a file (the reader then reports it)."""
    ws, base = tree
    os.symlink(base / "loop-b", base / "loop-a")
    os.symlink(base / "loop-a", base / "loop-b")
    real, refused = resolve_inside(ws, base, "loop-a")
    assert (real, refused) == (None, "无法解析路径“loop-a”") or (refused is None and real is not None and not real.is_file())


@pytest.mark.parametrize("on_disk", ["NFD", "NFC"])
def test_the_other_unicode_form_is_found(tree: tuple[Path, Path], on_disk: str) -> None:
    ws, base = tree
    name = "がっこう-é.pdf"
    stored = unicodedata.normalize(on_disk, name)
    written = unicodedata.normalize("NFC" if on_disk == "NFD" else "NFD", name)
    assert stored != written
    (base / stored).write_bytes(b"%PDF")
    assert resolve_inside(ws, base, written) == ((base / stored).resolve(), None)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("a\x00.pdf", "路径“a␀.pdf”含有不可见的控制字符（␀），请删除后重新填写"),
        ("\x00", "路径“␀”含有不可见的控制字符（␀），请删除后重新填写"),
        ("子目录/b\tc\x00d\x00.pdf", "路径“子目录/b␉c␀d␀.pdf”含有不可见的控制字符（␉、␀），请删除后重新填写"),
        ("a\x7f.pdf", "路径“a␡.pdf”含有不可见的控制字符（␡），请删除后重新填写"),
        ("a\x85.pdf", "路径“aU+0085.pdf”含有不可见的控制字符（U+0085），请删除后重新填写"),
        ("a\ud800.pdf", "路径“aU+D800.pdf”含有不可见的控制字符（U+D800），请删除后重新填写"),
        ("../a\x00.pdf", "路径“../a␀.pdf”含有不可见的控制字符（␀），请删除后重新填写"),
    ],
)
def test_control_characters_are_refused_and_shown(tree: tuple[Path, Path], written: str, message: str) -> None:
    """A NUL makes every file-system call raise; a lone surrogate cannot be encoded. Both are refused first."""
    ws, base = tree
    assert resolve_inside(ws, base, written) == (None, message)


def test_a_name_too_long_for_the_file_system_is_handed_back(tree: tuple[Path, Path]) -> None:
    """Not refused here: the reader reports the OS's 文件名过长 when it opens it."""
    ws, base = tree
    real, refused = resolve_inside(ws, base, "长" * 100 + ".pdf")
    assert refused is None and real == base.resolve() / ("长" * 100 + ".pdf")
