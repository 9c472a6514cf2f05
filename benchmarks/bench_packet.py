"""Benchmark of `cwassess packet` on a large synthetic city (合成市).

    .venv/bin/python benchmarks/bench_packet.py [--dir DIR] [--pdfs 2000] [--photos 1000] [--repeat 2] [--keep]

The workspace is benchmarks/synthetic_city.py's city (roster, claims, a few inspections) with its documents
replaced: PDFS submitted PDFs of 2–6 pages (≈4 on average; built with pikepdf: text pages, a shared Type1 font)
and PHOTOS JPEG photos (Pillow, 1280×960, in 整改前/整改后 pairs), every document inside its material's window,
so every one of them goes into the packet. Then, each as a separate process (wall clock, CPU seconds = user +
system of the child, and its peak RSS), in the same run:

1. baseline: pikepdf alone merging the same PDFs, in packet order, into the same per-item files (one PDF per
   item, `Pdf.pages.extend`, `save`) — the brief's baseline; and, for reference, the same PDFs merged into ONE
   file with one page-tree node per source (what the combined volume does with the boxes);
2. full build: `cwassess packet --force` (the whole command: Python start, loading and scoring the workspace,
   45 boxes with covers/TOCs/placeholders/photo pages, 总目录, combined volume, manifest, ZIP);
3. no-change rerun, and a check that `--force` gives byte-identical files;
4. rebuild after one submitted PDF changed (its box, the 总目录 since its page count changed, the combined
   volume, manifest, ZIP).

Baselines and builds run `--repeat` times each (interleaved); the best run counts, as the machine is shared.
Prints the figures and PASS/FAIL against: full build ≤ 1.3× the per-item baseline, peak RSS ≤ 1 GB, rebuild ≤ 10 %
of the full build — each ratio in CPU seconds (what the brief asks to compare on a shared machine) and wall clock.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

TODAY = "2026-11-29"


def make_pdf(label: str, pages: int, rng: random.Random) -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica))
    for p in range(pages):
        words = " ".join(rng.choice(["report", "ledger", "meeting", "inspection", "sanitation", "district", "plan", "notice"]) for _ in range(9))
        lines = b"".join(b"BT /F1 10 Tf 60 %d Td (%s p%d l%d %s) Tj ET\n" % (780 - 15 * k, label.encode(), p + 1, k, words.encode()) for k in range(45))
        page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842], Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                                  Contents=pdf.make_stream(lines))
        pdf.pages.append(pikepdf.Page(page))
    buf = io.BytesIO()
    pdf.save(buf, compress_streams=True)
    return buf.getvalue()


def make_jpeg(rng: random.Random) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (1280, 960), (rng.randrange(120, 200), rng.randrange(120, 200), rng.randrange(120, 200)))
    draw = ImageDraw.Draw(im)
    for _ in range(40):
        x, y = rng.randrange(1200), rng.randrange(900)
        draw.rectangle((x, y, x + rng.randrange(20, 300), y + rng.randrange(20, 200)), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    buf = io.BytesIO()
    im.save(buf, format="JPEG", quality=80)
    return buf.getvalue()


def make_workspace(root: Path, pdfs: int, photos: int, seed: int = 7) -> list[tuple[str, Path]]:
    """The synthetic city with exactly `pdfs` PDFs and `photos` photos; returns (item, PDF) in packet order."""
    import yaml

    from cwassess.evidence.validity import window
    from synthetic_city import Spec, make_city

    make_city(root, Spec(departments=40, documents=1, inspections=200, values=500, seed=seed), force=True)
    from cwassess.standard.load import load_standard
    from cwassess.workspace import bundled_standard_dir
    import datetime as dt

    std = load_standard(bundled_standard_dir()).standard
    assert std is not None
    rng = random.Random(seed)
    city = yaml.safe_load((root / "city.yaml").read_text(encoding="utf-8"))
    assessment = dt.date.fromisoformat(city["assessment_date"])
    leads: dict[str, str] = {}
    for path in sorted((root / "claims").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for claim in data.get("claims") or []:
            if claim["role"] == "lead":
                leads.setdefault(claim["item"], data["department"])
    kind = city["kind"]
    pdf_slots = []
    photo_slots = []
    for item in std.items:
        if kind not in item.applies_to or item.applies_when is not None or item.id not in leads:
            continue
        for mat in item.materials:
            if mat.applies_when is not None:
                continue
            if "pdf" in mat.formats:
                pdf_slots.append((item, mat))
            if "jpg" in mat.formats:
                photo_slots.append((item, mat))
    docs: dict[str, list[dict]] = {}
    day = dt.date.fromisoformat(TODAY) - dt.timedelta(days=40)
    ordered: list[tuple[str, str, int, Path]] = []

    def add(dept: str, entry: dict) -> None:
        docs.setdefault(dept, []).append(entry)

    for n in range(pdfs):
        item, mat = pdf_slots[n % len(pdf_slots)]
        dept = leads[item.id]
        start, _ = window(mat, assessment)
        when = day - dt.timedelta(days=rng.randrange(0, 200))
        if start and when < start:
            when = start + dt.timedelta(days=10)
        doc_id = f"p{n:05d}"
        rel = f"files/{doc_id}.pdf"
        path = root / "evidence" / dept / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make_pdf(doc_id, rng.choice([2, 3, 4, 5, 6]), rng))
        add(dept, {"id": doc_id, "file": rel, "title": f"{mat.title}（合成文件 {n}）", "item": item.id, "material": mat.id,
                   "type": mat.doc_types[0] if mat.doc_types else "其他", "issuer": dept, "issued": when.isoformat()})
        ordered.append((item.id, doc_id, -when.toordinal(), path))
    jpeg_pool = [make_jpeg(rng) for _ in range(50)]
    for n in range(photos // 2):
        item, mat = photo_slots[n % len(photo_slots)]
        dept = leads[item.id]
        when = day - dt.timedelta(days=rng.randrange(0, 150))
        ids = [f"f{n:05d}a", f"f{n:05d}b"]
        for k, stage in enumerate(("整改前", "整改后")):
            rel = f"files/{ids[k]}.jpg"
            path = root / "evidence" / dept / rel
            data = jpeg_pool[(2 * n + k) % len(jpeg_pool)]
            path.write_bytes(data[:2] + b"\xff\xfe\x00\x10" + f"{ids[k]:>14}".encode()[:14] + data[2:])  # a COM segment: every file differs
            add(dept, {"id": ids[k], "file": rel, "title": f"{mat.title}{stage}（合成照片 {n}）", "item": item.id, "material": mat.id,
                       "type": "照片" if "照片" in mat.doc_types or not mat.doc_types else mat.doc_types[0], "issuer": dept,
                       "issued": (when + dt.timedelta(days=3 * k)).isoformat(), "stage": stage, "paired_with": ids[1 - k], "place": f"东城区第{n}号点位"})
    for dept, entries in docs.items():
        manifest = root / "evidence" / dept / "manifest.yaml"
        data = yaml.safe_load(manifest.read_text(encoding="utf-8")) if manifest.is_file() else {"department": dept}
        data["documents"] = entries
        manifest.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return [(item, p) for item, *_, p in sorted(ordered, key=lambda o: (o[0], o[2], o[1]))]


BASELINE = r"""
import sys, time
import pikepdf
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
mode, target = sys.argv[2], sys.argv[3]
t = time.perf_counter()
if mode == "items":  # one file per item, the idiomatic pikepdf merge
    groups = {}
    for item, path in rows:
        groups.setdefault(item, []).append(path)
    for n, (item, paths) in enumerate(groups.items(), start=1):
        out = pikepdf.new()
        opened = [pikepdf.open(p) for p in paths]
        for src in opened:
            out.pages.extend(src.pages)
        out.save(f"{target}/{n:02d}-{item}.pdf", deterministic_id=True)
        out.close()
        for src in opened:
            src.close()
else:  # one file, one page-tree node per source
    out = pikepdf.new()
    opened = []
    root = out.Root.Pages
    nodes = []
    total = 0
    for _, p in rows:
        src = pikepdf.open(p)
        opened.append(src)
        node = out.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Pages))
        kids = []
        for page in src.pages:
            c = out.copy_foreign(page.obj)
            c.Parent = node
            kids.append(c)
        node.Kids = pikepdf.Array(kids)
        node.Count = len(kids)
        node.Parent = root
        nodes.append(node)
        total += len(kids)
    root.Kids = pikepdf.Array(nodes)
    root.Count = total
    out.save(f"{target}/merged.pdf", deterministic_id=True)
print(time.perf_counter() - t)
"""


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the child
    rss: int  # peak resident set size, bytes
    out: str


def child(cmd: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Wall clock, CPU seconds, peak RSS and stdout of one child process (rusage via wait4)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out}\n{err}")
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, out)


def hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".state.json"}


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.cpu)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--pdfs", type=int, default=2000)
    ap.add_argument("--photos", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args(argv)
    base = args.dir or Path(tempfile.mkdtemp(prefix="cwassess-bench-packet-"))
    root = base / "ws"
    env = dict(os.environ, CWASSESS_TODAY=TODAY, NO_COLOR="1")
    py = sys.executable
    cli = [str(Path(py).parent / "cwassess")] if (Path(py).parent / "cwassess").is_file() else [py, "-m", "cwassess"]
    mb = 2**20
    try:
        t = time.perf_counter()
        pdfs = make_workspace(root, args.pdfs, args.photos)
        pages_in = 0
        import pikepdf

        for _, p in pdfs:
            with pikepdf.open(p) as pdf:
                pages_in += len(pdf.pages)
        print(f"合成工作区：{len(pdfs)} 个 PDF（{pages_in} 页），{args.photos} 张照片，生成用时 {time.perf_counter() - t:.1f} s（{root}）")
        listing = base / "pdfs.tsv"
        listing.write_text("".join(f"{item}\t{p}\n" for item, p in pdfs), encoding="utf-8")
        script = base / "baseline.py"
        script.write_text(BASELINE, encoding="utf-8")
        (base / "items").mkdir(exist_ok=True)
        items_runs, tree_runs, full_runs = [], [], []
        for _ in range(args.repeat):  # interleaved, so that a busy moment of the machine hits both sides
            items_runs.append(child([py, str(script), str(listing), "items", str(base / "items")], base, env))
            tree_runs.append(child([py, str(script), str(listing), "tree", str(base)], base, env))
            full_runs.append(child([*cli, "packet", "--force", "--json"], root, env))
        items, tree, full = best(items_runs), best(tree_runs), best(full_runs)
        print(f"基线 A（pikepdf 把同样的 PDF 合并为同样的每条一个文件）：{items.wall:.2f} s，CPU {items.cpu:.2f} s，峰值 {items.rss / mb:.0f} MB")
        print(f"基线 B（参考：合并为一个文件，每个来源一个页树节点）：{tree.wall:.2f} s，CPU {tree.cpu:.2f} s，峰值 {tree.rss / mb:.0f} MB")
        result = json.loads(full.out)
        print(f"完整生成（cwassess packet --force）：{full.wall:.2f} s，CPU {full.cpu:.2f} s，峰值 {full.rss / mb:.0f} MB；"
              f"{result['boxes']} 盒 {result['pages']} 页，占位页 {len(result['placeholders'])}，问题 {len(result['problems'])}")
        first = hashes(root / "reports")
        again = child([*cli, "packet", "--json"], root, env)
        print(f"输入未变再次运行：{again.wall:.2f} s，CPU {again.cpu:.2f} s（重新生成 {len(json.loads(again.out)['rebuilt'])} 盒）")
        forced = child([*cli, "packet", "--force", "--json"], root, env)
        identical = hashes(root / "reports") == first
        print(f"--force 再次完整生成：{forced.wall:.2f} s，CPU {forced.cpu:.2f} s，文件逐字节相同：{'是' if identical else '否'}")

        victim = pdfs[len(pdfs) // 2][1]
        with pikepdf.open(victim, allow_overwriting_input=True) as pdf:
            pdf.pages.append(pdf.pages[0])
            pdf.save(victim)
        rebuild = child([*cli, "packet", "--json"], root, env)
        rebuilt = json.loads(rebuild.out)["rebuilt"]
        print(f"改动一个 PDF 后重新生成：{rebuild.wall:.2f} s，CPU {rebuild.cpu:.2f} s（重新生成 {len(rebuilt)} 盒：{', '.join(rebuilt)}），"
              f"峰值 {rebuild.rss / mb:.0f} MB")

        peak = max(full.rss, forced.rss, rebuild.rss)
        checks = [
            (f"完整生成 ≤ 1.3 × 基线 A：CPU {full.cpu / items.cpu:.2f}×，墙钟 {full.wall / items.wall:.2f}×", full.cpu <= 1.3 * items.cpu),
            (f"（参考）完整生成 ÷ 基线 B：CPU {full.cpu / tree.cpu:.2f}×，墙钟 {full.wall / tree.wall:.2f}×", full.cpu <= 1.3 * tree.cpu),
            (f"峰值内存 ≤ 1 GB（{peak / mb:.0f} MB）", peak <= 2**30),
            (f"改动一个文件后重新生成 ≤ 10% 完整生成：CPU {rebuild.cpu / full.cpu:.1%}，墙钟 {rebuild.wall / full.wall:.1%}"
             f"（其中未变时的固定开销 CPU {again.cpu:.2f} s）", rebuild.cpu <= 0.10 * full.cpu),
            ("--force 两次生成逐字节相同", identical),
            ("只重新生成了一个资料盒", len(rebuilt) == 1),
        ]
        for text, ok in checks:
            print(f"{'PASS' if ok else 'FAIL'}  {text}")
        return 0
    finally:
        if not args.keep and args.dir is None:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
