"""cwassess standard import-official FILE [--apply] [--dry-run] [--json]."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from cwassess.cli import app
from cwassess.loading import OVERLAY_FILE, load_workspace
from cwassess.loading import load_overlayed_standard
from cwassess.standard.load import load_standard
from cwassess.standard.model import Standard, chinese_number, item_label
from cwassess.workspace import bundled_standard_dir

TEST_LABEL = "【测试用文本，非官方】"
ENV = {"COLUMNS": "80", "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def std() -> Standard:
    result = load_standard(bundled_standard_dir())
    assert result.standard is not None
    return result.standard


def official_lines(std: Standard, swap: tuple[int, int] | None = None, drop: int | None = None, text_of: dict[int, str] | None = None) -> list[str]:
    """The official-like document: verbatim items as they are, the others with clearly labelled test-only text."""
    texts = {item.number: item.text if item.provenance.verified == "verbatim" else TEST_LABEL + item.text for item in std.items}
    if swap:
        a, b = swap
        texts[a], texts[b] = texts[b], texts[a]
    texts.update(text_of or {})
    lines = ["国家卫生城市和国家卫生县标准", "（2021版）", std.meta.scope_text]
    for section in std.sections:
        lines.append(f"{section.info.number}、{section.info.title}")
        lines += [f"{item_label(item.number)}{texts[item.number]}" for item in section.items if item.number != drop]
    return lines


def write_txt(folder: Path, lines: list[str], name: str = "官方标准.txt") -> Path:
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    result = CliRunner().invoke(
        app, ["init", str(root), "--city", "示例市", "--kind", "city", "--population", "120", "--assessment-date", "2026-06-01"]
    )
    assert result.exit_code == 0, result.output
    return root


def run(workspace: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--workspace", str(workspace), "standard", "import-official", *args], env=ENV)


def test_dry_run_is_the_default_and_writes_nothing(std: Standard, workspace: Path, tmp_path: Path) -> None:
    path = write_txt(tmp_path, official_lines(std, swap=(20, 21)))
    result = run(workspace, str(path))
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("官方文件：官方标准.txt（文本，sha256 ")
    assert "解析：7 个部分，45 条" in out
    assert "对应关系（官方条目 → 自带条目，对应方式，可信度）：" in out
    assert "  （一）      → （一）      org-agenda" in out
    assert any(line.startswith("  （二十）    → （二十一）  eco-water") and line.endswith("序号变动") for line in out.splitlines())
    assert "（二十） 水环境与集中式饮用水水源地  [eco-water]" in out
    assert "  条文与自带文本完全一致。" in out
    assert "    自带" in out and "│ 官方" in out
    assert "预览（--dry-run），未写入任何文件。" in out
    assert not (workspace / OVERLAY_FILE).exists()
    # readable at 80 columns; only a long path is left unwrapped, so that it can be copied
    lines = [line for line in out.splitlines() if str(workspace) not in line]
    assert all(cell_len(line) <= 80 for line in lines), max(lines, key=cell_len)
    assert run(workspace, str(path), "--dry-run").output == out


def test_apply_writes_the_overlay_and_rerun_changes_nothing(std: Standard, workspace: Path, tmp_path: Path) -> None:
    path = write_txt(tmp_path, official_lines(std, swap=(20, 21)))
    first = run(workspace, str(path), "--apply")
    assert first.exit_code == 0, first.output
    assert "已写入 " in first.output and "overlays/official-text.yaml" in first.output
    overlay = workspace / OVERLAY_FILE
    before = (overlay.read_bytes(), overlay.stat().st_mtime_ns)
    second = run(workspace, str(path), "--apply")
    assert second.exit_code == 0
    assert "未改动：" in second.output and "已是该文件的导入结果。" in second.output
    assert (overlay.read_bytes(), overlay.stat().st_mtime_ns) == before

    bundled = load_standard(bundled_standard_dir()).standard
    assert bundled is not None and bundled.items_by_id["eco-air"].number == 20  # never edited in place
    overlayed, problems = load_overlayed_standard(workspace, bundled)
    assert problems == []
    assert all(item.effective_verified == "verbatim" for item in overlayed.items)
    assert overlayed.items_by_number[20].id == "eco-water"
    assert overlayed.items_by_id["edu-tobacco"].effective_text.startswith(TEST_LABEL)
    ws = load_workspace(workspace)
    assert ws.standard is not None
    shown = {item.id: item for section in ws.standard.sections for item in section.items}
    assert shown["env-greening"].effective_verified == "verbatim"
    assert shown["eco-water"].number == 20


def test_docx_through_the_command(std: Standard, workspace: Path, tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    for line in official_lines(std):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "官方标准.docx"
    path.write_bytes(buffer.getvalue())
    result = run(workspace, str(path), "--apply")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("官方文件：官方标准.docx（Word，sha256 ")


def test_json_document(std: Standard, workspace: Path, tmp_path: Path) -> None:
    path = write_txt(tmp_path, official_lines(std, swap=(20, 21)))
    result = run(workspace, str(path), "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["ok"] is True and data["applied"] is False and data["outcome"] is None
    assert data["source"]["items"] == 45 and len(data["source"]["sha256"]) == 64
    assert len(data["mapping"]) == 45
    moved = [m for m in data["mapping"] if m["renumbered"]]
    assert [(m["official_number"], m["item"], m["bundled_number"]) for m in moved] == [(20, "eco-water", 21), (21, "eco-air", 20)]
    assert data["summary"]["items"] == 45 and data["summary"]["renumbered"] == 2
    assert data["summary"]["identical"] == sum(1 for i in std.items if i.provenance.verified == "verbatim")
    first = data["items"][0]
    assert first["item"] == "org-agenda" and first["identical"] is True and first["rows"][0]["tag"] == "equal"


def test_apply_and_dry_run_together_is_a_usage_error(std: Standard, workspace: Path, tmp_path: Path) -> None:
    result = run(workspace, str(write_txt(tmp_path, official_lines(std))), "--apply", "--dry-run")
    assert result.exit_code == 2
    assert "--apply 和 --dry-run 不能同时使用" in result.output


def test_apply_outside_a_workspace(std: Standard, tmp_path: Path) -> None:
    path = write_txt(tmp_path, official_lines(std))
    result = run(tmp_path / "nowhere", str(path), "--apply")
    assert result.exit_code == 1
    assert "错误: 不是工作区：找不到 city.yaml（可用 cwassess init 创建）" in result.output


def test_conflict_stops_with_the_mapping_and_writes_nothing(std: Standard, workspace: Path, tmp_path: Path) -> None:
    item_21 = TEST_LABEL + std.items_by_number[21].text
    path = write_txt(tmp_path, official_lines(std, text_of={22: item_21}))
    result = run(workspace, str(path), "--apply")
    assert result.exit_code == 1
    out = result.output
    assert "对应关系（官方条目 → 自带条目，对应方式，可信度）：" in out
    assert "错误: （二十一）和（二十二）都对应自带条目（二十一）“水环境与集中式饮用水水源地”（eco-water）（相似度 0.93 和 0.93）" in out
    assert "错误: 自带条目（二十二）“噪声污染防治”（eco-noise）在官方文本中没有对应条目" in out
    assert "无法确定对应关系，未导入：2 个错误，0 个警告" in out
    assert not (workspace / OVERLAY_FILE).exists()


def test_item_matching_nothing(std: Standard, workspace: Path, tmp_path: Path) -> None:
    path = write_txt(tmp_path, official_lines(std, text_of={22: TEST_LABEL + "与本标准无关的一段文字，讲述天气晴朗适合郊游。"}))
    result = run(workspace, str(path), "--json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False
    assert sorted(p["message"] for p in data["problems"]) == sorted(
        [
            "（二十二）与自带标准的任何条目都不相符（最接近的是（二十）“环境空气质量”（eco-air），相似度 0.05，低于 0.30）",
            "自带条目（二十二）“噪声污染防治”（eco-noise）在官方文本中没有对应条目",
        ]
    )
    assert next(m for m in data["mapping"] if m["official_number"] == 22)["item"] is None


def test_structural_errors_stop_before_matching(std: Standard, workspace: Path, tmp_path: Path) -> None:
    path = write_txt(tmp_path, official_lines(std, drop=7))
    result = run(workspace, str(path), "--apply")
    assert result.exit_code == 1
    assert "错误: 缺少第（七）条（应在（六）与（八）之间）" in result.output
    assert "官方文件的结构有误，未导入：1 个错误，0 个警告" in result.output
    assert not (workspace / OVERLAY_FILE).exists()


def test_duplicated_and_shuffled_numbers(std: Standard, workspace: Path, tmp_path: Path) -> None:
    lines = official_lines(std)
    index_12 = next(i for i, line in enumerate(lines) if line.startswith("（十二）"))
    index_13 = index_12 + 1
    duplicated = list(lines)
    duplicated[index_12] = "（十一）" + duplicated[index_12].removeprefix("（十二）")
    result = run(workspace, str(write_txt(tmp_path, duplicated, "重号.txt")))
    assert result.exit_code == 1
    assert f"错误: 序号（十一）出现了 2 次：第 {index_12} 行、第 {index_12 + 1} 行" in result.output
    shuffled = list(lines)
    shuffled[index_12], shuffled[index_13] = shuffled[index_13], shuffled[index_12]
    result = run(workspace, str(write_txt(tmp_path, shuffled, "乱序.txt")))
    assert result.exit_code == 1
    assert f"错误: 条目顺序错乱：第 {index_13 + 1} 行的（十二）排在第 {index_12 + 1} 行的（十三）之后" in result.output


def test_scanned_pdf(workspace: Path, tmp_path: Path) -> None:
    import img2pdf
    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (400, 600), "white").save(picture, format="PNG")
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(img2pdf.convert(picture.getvalue()))
    result = run(workspace, str(path))
    assert result.exit_code == 1
    assert "错误: PDF 没有文字层（可能是扫描件），请提供带文字的 PDF、.docx 或 .txt" in result.output
    assert "无法读取官方文件：1 个错误，0 个警告" in result.output


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("标准.doc", b"\xd0\xcf\x11\xe0", "不支持旧版 Word（.doc）文件：请在 Word 或 WPS 中另存为 .docx 后再导入"),
        ("标准.xlsx", b"PK", "不支持的文件类型“.xlsx”：请提供 .txt、.docx 或带文字层的 .pdf"),
        ("标准.docx", b"not a zip", "不是有效的 .docx 文件（无法作为 Word 文档打开）"),
        ("标准.pdf", b"not a pdf", "不是有效的 PDF 文件（文件已损坏或不是 PDF）"),
        ("标准.txt", b"", "文件为空"),
    ],
)
def test_unreadable_files(workspace: Path, tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run(workspace, str(path))
    assert result.exit_code == 1
    assert f"错误: {message}" in result.output


def test_missing_file(workspace: Path, tmp_path: Path) -> None:
    result = run(workspace, str(tmp_path / "没有这个文件.pdf"))
    assert result.exit_code == 1
    assert "错误: 文件不存在" in result.output


def test_help_lists_the_command() -> None:
    result = CliRunner().invoke(app, ["standard", "--help"], env=ENV)
    assert "import-official" in result.output


def test_chinese_number_labels_used_in_messages() -> None:
    assert item_label(45) == "（四十五）" and chinese_number(21) == "二十一"
