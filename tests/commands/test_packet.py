"""cwassess packet through the CLI: the example city's whole packet, a rerun that rebuilds nothing, --item, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from typer.testing import CliRunner

from cwassess.cli import app
from tests.helpers import CLI_ENV
from tests.packet.conftest import copy_example

ENV = {**CLI_ENV, "CWASSESS_TODAY": "2026-11-29"}


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return copy_example(tmp_path / "ws")


def run(root: Path, *args: str, jobs: str = "1"):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["--workspace", str(root), "packet", *args], env={**ENV, "CWASSESS_JOBS": jobs})


def test_whole_packet_then_nothing_to_rebuild(example: Path) -> None:
    result = run(example, "--json", jobs="2")  # worker processes: the same bytes as one process (checked below)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["boxes"] == 45 and len(data["rebuilt"]) == 45 and data["volumes_rebuilt"]
    folder = example / "reports" / "packet"
    boxes = sorted((folder / "boxes").glob("*.pdf"))
    assert len(boxes) == 45 and boxes[0].name == "01-org-agenda.pdf"
    with pikepdf.open(folder / "迎评资料汇编.pdf") as pdf:
        with pdf.open_outline() as ol:
            sections = [str(i.title) for i in ol.root][1:]
        assert sections == ["一、爱国卫生组织管理", "二、健康教育和健康促进", "三、市容环境卫生", "四、生态环境", "五、重点场所卫生",
                            "六、食品和生活饮用水安全", "七、疾病防控与医疗卫生服务"]
        assert len(pdf.pages) == sum(f["pages"] for f in data["files"] if "/boxes/" in f["path"]) + next(
            f["pages"] for f in data["files"] if f["path"].endswith("00-总目录.pdf"))
    assert (example / "reports" / "迎评资料汇编.zip").is_file()
    from pdfminer.high_level import extract_text

    cover = extract_text(str(folder / "boxes" / "07-edu-tobacco.pdf"), page_numbers=[0])
    assert "二-（七）" in cover and "控烟" in cover and "牵头单位" in cover
    assert "未经原文核实" in cover  # the item text is not the verbatim official text: the cover says so
    assert data["placeholders"] and all(p["title"].startswith("缺：") for p in data["placeholders"])

    again = run(example)
    assert again.exit_code == 0, again.output
    assert "本次重新生成 0 盒" in again.output
    assert "已生成" not in again.output

    box = folder / "boxes" / "10-env-roads.pdf"
    before = box.read_bytes()
    one = run(example, "--item", "env-roads", "--force")
    assert one.exit_code == 0, one.output
    assert box.read_bytes() == before  # built alone in this process: the same bytes as in a worker


def test_one_item_only(example: Path) -> None:
    result = run(example, "--item", "三-（十）", "--item", "org-agenda")
    assert result.exit_code == 0, result.output
    assert "只生成了指定条目的资料盒" in result.output
    names = sorted(p.name for p in (example / "reports" / "packet" / "boxes").glob("*.pdf"))
    assert names == ["01-org-agenda.pdf", "10-env-roads.pdf"]
    assert not (example / "reports" / "packet" / "迎评资料汇编.pdf").exists()


def test_unknown_item_is_a_usage_error(example: Path) -> None:
    result = run(example, "--item", "env-raods")
    assert result.exit_code == 2
    assert "env-roads" in result.output
