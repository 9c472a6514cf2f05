"""The packet as built: boxes, bookmarks, page labels, placeholders, 总目录, combined volume, manifest, ZIP,
reproducibility, incremental rebuilds, bad files and paths outside the workspace."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pikepdf
import pytest
from pdfminer.high_level import extract_text

from cwassess.packet import BOXES_DIR, COMBINED_NAME, INDEX_NAME, MANIFEST_NAME, REPORT_NAME, ZIP_NAME
from cwassess.packet.build import SourceError, resolve_source
from cwassess.packet.plan import Source
from tests.packet.conftest import ITEMS, build, plan

KIND_ORDER = ("文件", "会议", "台账", "数据", "影像", "宣传")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def outline(pdf: pikepdf.Pdf) -> list[tuple[str, list]]:
    def walk(items):  # type: ignore[no-untyped-def]
        return [(str(i.title), walk(i.children)) for i in items]

    with pdf.open_outline() as ol:
        return walk(ol.root)


def packet_files(root: Path) -> dict[str, str]:
    folder = root / "reports"
    return {p.relative_to(folder).as_posix(): sha(p) for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".state.json"}


# -- the plan -----------------------------------------------------------------------------------------------------


def test_plan_orders_kinds_newest_first_and_only_accepted(ws: Path) -> None:
    packet = plan(ws, None)
    assert [b.seq for b in packet.boxes] == list(range(1, len(packet.boxes) + 1))
    assert len(packet.boxes) == 45
    for box in packet.boxes:
        kinds = [KIND_ORDER.index(e.kind) for e in box.entries]
        assert kinds == sorted(kinds), box.item
        for kind in set(e.kind for e in box.entries):
            dates = [e.date for e in box.entries if e.kind == kind and not e.placeholder and e.date]
            assert dates == sorted(dates, reverse=True), (box.item, kind)
    roads = next(b for b in packet.boxes if b.item == "env-roads")
    pair = next(e for e in roads.entries if e.type == "pair")
    assert [s.stage for s in pair.sources] == ["整改前", "整改后"]
    # an item whose departments submitted nothing: every required material is a placeholder with owner and deadline
    empty = next(b for b in packet.boxes if b.item == "food-drinking-water")
    assert empty.entries and all(e.type == "missing" for e in empty.entries)
    assert all(e.owners and e.owners[0].deadline for e in empty.entries)


def test_cover_marks_unverified_item_text(ws: Path) -> None:
    packet = plan(ws, None)
    unverified = [b for b in packet.boxes if not b.text_verified]
    assert unverified, "the example standard has items whose text is not verbatim"


# -- what was built -----------------------------------------------------------------------------------------------


def test_boxes_bookmarks_labels_and_placeholders(built) -> None:  # type: ignore[no-untyped-def]
    root, result = built
    folder = root / "reports" / "packet"
    assert [r.item for r in result.records] == list(ITEMS)
    for record in result.records:
        path = folder / record.file
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == record.pages
            tree = outline(pdf)
            assert [t for t, _ in tree[:3]] in (["封面", "目录", "自评情况说明"], ["封面", "目录", "缺：自评情况说明"])
            docs = [c for _, children in tree[3:] for c, _ in children]
            assert docs == [row["title"] for row in record.outline[3:]]
            assert pdf.pages[0].label == f"{record.code}-1"
            assert pdf.pages[-1].label == f"{record.code}-{record.pages}"
            assert pdf.docinfo.get("/CreationDate") == pdf.docinfo.get("/ModDate")
        text = extract_text(str(path))
        assert record.title[:6] in text and "目录" in text.replace(" ", "")
        for hole in record.placeholders:
            page_text = extract_text(str(path), page_numbers=[hole["page"] - 1])
            assert "缺：" in page_text, hole
    committee = next(r for r in result.records if r.item == "org-committee")
    assert any("经费预算" in p["title"] for p in committee.placeholders)
    hole = next(p for p in committee.placeholders if "经费预算" in p["title"])
    page_text = extract_text(str(folder / committee.file), page_numbers=[hole["page"] - 1])
    assert "责任单位" in page_text and "达标时间" in page_text and "2027" in page_text


def test_photos_are_not_reencoded(built) -> None:  # type: ignore[no-untyped-def]
    root, result = built
    roads = next(r for r in result.records if r.item == "env-roads")
    photos = {s["file"]: s for s in roads.sources if s["file"].endswith(".jpg")}
    assert len(photos) == 2 and len({s["pages"] for s in photos.values()}) == 1  # before and after: one page
    wanted = {(root / f).read_bytes() for f in photos}
    found = set()
    with pikepdf.open(root / "reports" / "packet" / roads.file) as pdf:
        page = pdf.pages[int(next(iter(photos.values()))["pages"]) - 1]
        for _, form in page.resources.XObject.items():
            for _, image in form.Resources.XObject.items():
                assert image.Filter == pikepdf.Name.DCTDecode
                found.add(image.read_raw_bytes())
    assert found == wanted
    page_text = extract_text(str(root / "reports" / "packet" / roads.file), page_numbers=[int(next(iter(photos.values()))["pages"]) - 1])
    assert "整改前" in page_text and "整改后" in page_text and "拍摄日期" in page_text


def test_index_and_combined_volume(built) -> None:  # type: ignore[no-untyped-def]
    root, result = built
    folder = root / "reports" / "packet"
    index_text = extract_text(str(folder / INDEX_NAME))
    for record in result.records:
        assert record.code in index_text
        assert str(record.pages) in index_text
    with pikepdf.open(folder / INDEX_NAME) as pdf:
        index_pages = len(pdf.pages)
    with pikepdf.open(folder / COMBINED_NAME) as pdf:
        assert len(pdf.pages) == index_pages + sum(r.pages for r in result.records)
        tree = outline(pdf)
        assert tree[0][0] == "总目录"
        sections = [t for t, _ in tree[1:]]
        assert sections == ["一、爱国卫生组织管理", "三、市容环境卫生"]
        items = [t for _, children in tree[1:] for t, _ in children]
        assert items == [f"{r.code} {r.title}" for r in result.records]
        documents = [[t for t, _ in grand] for _, children in tree[1:] for _, grand in children]
        assert documents == [[row["title"] for row in r.outline] for r in result.records]
        assert pdf.pages[0].label == "总目录-1"
        start = index_pages
        for record in result.records:
            assert pdf.pages[start].label == f"{record.code}-1"
            assert pdf.pages[start + 4].label == f"{record.code}-5"
            start += record.pages
        attachments = sorted(pdf.attachments.keys())
        assert attachments == sorted(a for r in result.records for a in r.attachments)
        assert attachments, "the example's xlsx ledgers are embedded"


def test_manifest_hashes_and_zip(built) -> None:  # type: ignore[no-untyped-def]
    root, result = built
    folder = root / "reports" / "packet"
    manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
    for source in manifest["sources"]:
        assert sha(root / source["file"]) == source["sha256"]
        assert (root / source["file"]).stat().st_size == source["size"]
        assert source["box"] and source["entry"] >= 1 and source["department"]
    paths = {f["path"] for f in manifest["files"]}
    assert {f"reports/packet/{INDEX_NAME}", f"reports/packet/{COMBINED_NAME}", f"reports/packet/{REPORT_NAME}"} <= paths
    for entry in manifest["files"]:
        assert sha(root / entry["path"]) == entry["sha256"], entry["path"]
    with zipfile.ZipFile(root / "reports" / ZIP_NAME) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert f"迎评资料汇编/{MANIFEST_NAME}" in names and f"迎评资料汇编/{BOXES_DIR}/03-org-annual-work.pdf" in names
        assert {i.date_time for i in zf.infolist()} == {(2026, 11, 20, 0, 0, 0)}  # the newest source's date, never today
        for name in names:
            assert zf.read(name) == (folder / name.split("/", 1)[1]).read_bytes()
    report = json.loads((folder / REPORT_NAME).read_text(encoding="utf-8"))
    assert report["totals"]["boxes"] == len(ITEMS)
    assert report["totals"]["placeholders"] == sum(len(r.placeholders) for r in result.records)


# -- reproducible and incremental ---------------------------------------------------------------------------------


def test_two_builds_give_the_same_bytes_and_a_change_rebuilds_one_box(ws: Path) -> None:
    first = build(ws)
    assert first.rebuilt == list(ITEMS) and first.volumes_rebuilt
    files = packet_files(ws)
    again = build(ws)
    assert again.rebuilt == [] and not again.volumes_rebuilt
    forced = build(ws, force=True)
    assert forced.rebuilt == list(ITEMS)
    assert packet_files(ws) == files  # rebuilt from scratch: byte for byte the same

    changed = ws / "evidence" / "chengguan" / "files" / "env-roads-cleaning-standard.pdf"
    with pikepdf.open(changed, allow_overwriting_input=True) as pdf:
        pdf.pages.append(pdf.pages[0])
        pdf.save(changed)
    after = build(ws)
    assert after.rebuilt == ["env-roads"] and after.volumes_rebuilt
    now = packet_files(ws)
    differ = {k for k in files if files[k] != now.get(k)}
    assert differ == {"packet/boxes/10-env-roads.pdf", f"packet/{INDEX_NAME}", f"packet/{COMBINED_NAME}", f"packet/{MANIFEST_NAME}",
                      f"packet/{REPORT_NAME}", ZIP_NAME}
    manifest = json.loads((ws / "reports" / "packet" / MANIFEST_NAME).read_text(encoding="utf-8"))
    entry = next(s for s in manifest["sources"] if s["file"].endswith("env-roads-cleaning-standard.pdf"))
    assert entry["sha256"] == sha(changed)


# -- bad inputs ---------------------------------------------------------------------------------------------------


def _encrypt(path: Path, user: str, owner: str) -> None:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(user=user, owner=owner, R=6))


def test_bad_files_become_placeholders_and_the_build_completes(ws: Path) -> None:
    files = ws / "evidence"
    truncated = files / "chengguan" / "files" / "env-roads-cleaning-standard.pdf"
    truncated.write_bytes(truncated.read_bytes()[: truncated.stat().st_size * 7 // 10])
    _encrypt(files / "zhujian" / "files" / "env-roads-waterlogging-list.pdf", user="secret", owner="owner")
    _encrypt(files / "zhujian" / "files" / "env-ads-curtain-wall-check.pdf", user="", owner="owner")  # 禁止编辑 only: fine
    (files / "chengguan" / "files" / "env-ads-ad-plan.pdf").write_bytes(b"")
    result = build(ws, items=("env-roads", "env-ads"))
    problems = {(p["kind"], Path(p["file"]).name) for r in result.records for p in r.issues}
    assert ("corrupt", "env-roads-cleaning-standard.pdf") in problems
    assert ("encrypted", "env-roads-waterlogging-list.pdf") in problems
    assert ("plan", "env-ads-ad-plan.pdf") in problems  # zero bytes: refused before anything opens it
    assert ("unsupported", "env-roads-lighting-ledger.xlsx") in problems
    assert not any(name == "env-ads-curtain-wall-check.pdf" for _, name in problems)
    report = json.loads((ws / "reports" / "packet" / REPORT_NAME).read_text(encoding="utf-8"))
    assert {p["file"].rsplit("/", 1)[-1] for p in report["problems"] if p["level"] == "error"} >= {
        "env-roads-cleaning-standard.pdf", "env-roads-waterlogging-list.pdf", "env-ads-ad-plan.pdf"}
    for record in result.records:
        for hole in record.placeholders:
            assert "缺：" in extract_text(str(ws / "reports" / "packet" / record.file), page_numbers=[hole["page"] - 1])
    roads = next(r for r in result.records if r.item == "env-roads")
    titles = [p["title"] for p in roads.placeholders]
    assert any("文件无法使用" in t for t in titles)


def test_magic_mismatch_is_refused(ws: Path) -> None:
    target = ws / "evidence" / "chengguan" / "files" / "env-ads-ad-plan.pdf"
    target.write_bytes(b"\xff\xd8\xff\xe0 not a pdf at all")
    result = build(ws, items=("env-ads",))
    issues = [p for r in result.records for p in r.issues]
    assert any(p["file"].endswith("env-ads-ad-plan.pdf") and "扩展名" in p["message"] for p in issues)


def test_paths_outside_the_workspace_are_refused(ws: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.pdf"
    outside.write_bytes((ws / "evidence" / "chengguan" / "files" / "env-ads-ad-plan.pdf").read_bytes())
    manifest = ws / "evidence" / "chengguan" / "manifest.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace("file: files/env-ads-ad-plan.pdf", "file: ../../../outside.pdf"), encoding="utf-8")
    link = ws / "evidence" / "zhujian" / "files" / "env-ads-curtain-wall-check.pdf"
    link.unlink()
    link.symlink_to(outside)
    result = build(ws, items=("env-ads",))
    issues = [p for r in result.records for p in r.issues]
    refused = [p for p in issues if "工作区" in p["message"] or "证据目录之外" in p["message"]]
    assert len(refused) == 2, [p["message"] for p in issues]
    manifest_json = json.loads((ws / "reports" / "packet" / MANIFEST_NAME).read_text(encoding="utf-8"))
    assert not any("outside" in s["file"] or s["file"].endswith("curtain-wall-check.pdf") for s in manifest_json["sources"])

    def source(file: str) -> Source:
        return Source(document="x/y", department="x", department_name="x", title="t", type="公文", file=file, sha256=None, size=None)

    for bad in ("../outside.pdf", "/etc/passwd", "evidence/zhujian/files/env-ads-curtain-wall-check.pdf"):
        with pytest.raises(SourceError) as err:
            resolve_source(ws, source(bad))
        assert err.value.kind == "refused"


def test_builder_never_imports_at_cli_start() -> None:
    import subprocess
    import sys

    code = "import sys, cwassess.cli; print(sorted(m for m in ('pikepdf', 'weasyprint', 'jinja2', 'img2pdf') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert "pikepdf" not in out and "weasyprint" not in out and "img2pdf" not in out


def test_zip_is_independent_of_file_times(built, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os

    from cwassess.packet.manifest import write_zip

    root, _ = built
    folder = root / "reports" / "packet"
    a = tmp_path / "a.zip"
    write_zip(folder, a, "2026-11-20")
    for p in folder.rglob("*.pdf"):
        os.utime(p, (1_000_000, 1_000_000))
    b = tmp_path / "b.zip"
    write_zip(folder, b, "2026-11-20")
    assert a.read_bytes() == b.read_bytes() == (root / "reports" / ZIP_NAME).read_bytes()
    assert io.BytesIO(a.read_bytes()).getbuffer().nbytes > 0


def test_a_change_that_moves_no_page_keeps_the_index_file(ws: Path) -> None:
    build(ws)
    index = ws / "reports" / "packet" / INDEX_NAME
    before = (index.read_bytes(), index.stat().st_mtime_ns)
    changed = ws / "evidence" / "chengguan" / "files" / "env-roads-cleaning-standard.pdf"
    with pikepdf.open(changed, allow_overwriting_input=True) as pdf:
        pdf.docinfo["/Title"] = "修订版"  # new bytes, same pages
        pdf.save(changed)
    after = build(ws)
    assert after.rebuilt == ["env-roads"] and after.volumes_rebuilt
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before


# -- the city's size limits and small images ----------------------------------------------------------------------


def test_limits_turn_sources_into_placeholders_with_the_limit_named(ws: Path) -> None:
    from PIL import Image

    from cwassess.models.limits import InputLimits
    from cwassess.packet.run import build_packet

    photo = ws / "evidence" / "chengguan" / "files" / "env-roads-disorder-before.jpg"
    Image.new("RGB", (2, 2), (200, 30, 30)).save(photo, format="JPEG")  # a valid 2×2 photo: placed, not refused
    standard = ws / "evidence" / "chengguan" / "files" / "env-roads-cleaning-standard.pdf"
    with pikepdf.open(standard, allow_overwriting_input=True) as pdf:
        pdf.pages.extend([pdf.pages[0], pdf.pages[0]])
        pdf.save(standard)
    packet = plan(ws, ("env-roads",))
    result = build_packet(packet, ws.resolve(), limits=InputLimits(pdf_pages=2, image_megapixels=0.5))
    messages = {Path(p["file"]).name: p["message"] for r in result.records for p in r.issues}
    assert messages["env-roads-cleaning-standard.pdf"] == "“示例市城市道路清扫保洁作业标准（2026年修订）”：PDF 页数过多（上限 2 页，实际 3 页）"
    assert "env-roads-disorder-before.jpg" not in messages
    pair = next(s for s in result.records[0].sources if s["file"].endswith("disorder-before.jpg"))
    assert pair["type"] == "pair"
    result = build_packet(packet, ws.resolve(), limits=InputLimits(image_megapixels=0.000001))
    messages = {Path(p["file"]).name: p["message"] for r in result.records for p in r.issues}
    assert messages["env-roads-disorder-before.jpg"].endswith("图片像素过多（上限 1 像素，实际 2×2，共 4 像素）")
    result = build_packet(packet, ws.resolve(), limits=InputLimits(file_mb=0.001))
    messages = {Path(p["file"]).name: p["message"] for r in result.records for p in r.issues}
    assert "文件过大（上限 1 KB，实际" in messages["env-roads-cleaning-standard.pdf"]
    roads = result.records[0]
    assert any("文件无法使用" in p["title"] for p in roads.placeholders)
