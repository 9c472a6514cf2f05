"""How long `cwassess score` takes on a large city, phase by phase, against the raw libraries.

    .venv/bin/python benchmarks/bench_score.py [--dir DIR] [--reuse] [--runs 3] [--check] [--strict]
        [--no-profile] [--no-gc-experiment]
        [--departments 60 --documents 20000 --inspections 50000 --values 5000 --seed 1]

A benchmark, not a test: run on demand. At full size one run takes ~10 minutes on an idle 2-core machine (longer
when the machine is shared); --no-gc-experiment and --no-profile shorten it. `--workspace` is an option of the
root command, so the command measured is `cwassess --workspace DIR score`.

Generates the synthetic city once (benchmarks/synthetic_city.py; into a temporary folder unless --dir, and with
--reuse an existing synthetic city in DIR is kept), then takes the median of N runs, each in a fresh process (so
no run inherits another's heap, caches or imports; every run after the untimed warm-up reads files from a warm
page cache):
  raw      the floor, same work with the libraries alone: yaml.load(text, Loader=yaml.CSafeLoader) of every YAML
           file of the workspace and of the standard; hashlib.sha256 of every referenced file; pydantic
           model_validate of the parsed workspace data with cwassess's own models (no line map, no records)
  pipeline imports first (not timed), then load_workspace, load_evidence (together: load+validate),
           build_context, score (together: scoring), and result.model_dump + json.dumps (what the command writes)
  gc-off   the pipeline again with gc.disable() after imports: how much of it is the cyclic garbage collector
  cli      `cwassess --workspace DIR score` as a subprocess (CWASSESS_TODAY=2026-11-29): wall time and peak RSS
cwassess caches parsed large YAML files in the workspace (.cwassess/cache/yaml, by content hash): pipeline and cli
run "cold" (cache cleared first: the first run after files changed) and "warm" (cache present).
Then cProfile of one load and of one scoring (top 15 by cumulative time) and the load's split into YAML parsing,
validation, file checks/hashing and the rest. Wall and CPU (user+sys) times are both shown: on a shared 2-core
machine other processes stretch wall time, CPU time is what the code costs.

Targets: scoring ≤ 50% of load+validate; whole `cwassess score` ≤ 5 s; peak RSS ≤ 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from dataclasses import asdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for _p in (str(REPO), str(HERE)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import synthetic_city  # noqa: E402

TODAY = synthetic_city.TODAY
TARGET_RATIO = 0.5
TARGET_WALL_S = 5.0
TARGET_RSS_MB = 1024.0


# -- workers: each runs in a fresh process and writes one JSON document ------------------------------------------


def _cpu() -> float:
    t = os.times()
    return t.user + t.system


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_raw(root: Path) -> dict[str, Any]:
    import hashlib

    import yaml

    from cwassess.models.city import CityFile
    from cwassess.models.claims import ClaimsFile
    from cwassess.models.evidence import EvidenceManifest, InspectionFile, WaiverFile
    from cwassess.workspace import standard_dir

    ws_yaml = sorted(p for p in root.rglob("*.yaml") if "reports" not in p.relative_to(root).parts)
    std_yaml = sorted(standard_dir(root).rglob("*.yaml"))
    files = sorted(p for p in (root / "evidence").rglob("*") if p.is_file() and p.name != "manifest.yaml")
    out: dict[str, Any] = {"ws_yaml_files": len(ws_yaml), "std_yaml_files": len(std_yaml), "hashed_files": len(files)}

    def timed(name: str, fn: Any) -> Any:
        c0, w0 = _cpu(), time.perf_counter()
        value = fn()
        out[name] = {"wall": time.perf_counter() - w0, "cpu": _cpu() - c0}
        return value

    def parse(paths: list[Path]) -> list[Any]:
        return [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in paths]  # noqa: S506 (safe C loader)

    def compose(paths: list[Path]) -> None:
        for p in paths:
            loader = yaml.CSafeLoader(p.read_text(encoding="utf-8"))
            try:
                loader.get_single_node()
            finally:
                loader.dispose()

    # Compose first, keeping nothing: with the parsed data alive, every full GC pass would walk it too.
    timed("raw_compose_ws", lambda: compose(ws_yaml))
    timed("raw_yaml_std", lambda: parse(std_yaml))
    data = timed("raw_yaml_ws", lambda: parse(ws_yaml))
    texts = [json.dumps(d, ensure_ascii=False, separators=(",", ":")) for d in data]
    timed("raw_json_ws", lambda: [json.loads(t) for t in texts])
    timed("raw_hash", lambda: [hashlib.sha256(p.read_bytes()).hexdigest() for p in files])

    def model_for(path: Path) -> Any:
        rel = path.relative_to(root).parts
        if rel == ("city.yaml",):
            return CityFile
        if rel == ("waivers.yaml",):
            return WaiverFile
        return {"claims": ClaimsFile, "evidence": EvidenceManifest, "inspections": InspectionFile}[rel[0]]

    # The YAML-1.1 loader reads unquoted dates such as 2027-05-20 as dates; the generator quotes them, so the data
    # is what cwassess's own loader produces.
    pairs = [(model_for(p), d) for p, d in zip(ws_yaml, data)]
    timed("raw_pydantic", lambda: [m.model_validate(d) for m, d in pairs])
    out["rss_mb"] = _rss_mb()
    return out


def worker_pipeline(root: Path, gc_off: bool = False) -> dict[str, Any]:
    import datetime as dt

    from cwassess.engine.context import build_context
    from cwassess.engine.score import score
    from cwassess.evidence.load import load_evidence
    from cwassess.loading import load_workspace

    today = dt.date.fromisoformat(TODAY.isoformat())
    out: dict[str, Any] = {}
    if gc_off:  # the experiment: how much of the time is Python's cyclic garbage collector
        import gc

        gc.disable()

    def timed(name: str, fn: Any) -> Any:
        c0, w0 = _cpu(), time.perf_counter()
        value = fn()
        out[name] = {"wall": time.perf_counter() - w0, "cpu": _cpu() - c0}
        return value

    ws = timed("load_workspace", lambda: load_workspace(root))
    assert ws.standard is not None and ws.city is not None, [p.render() for p in ws.problems][:5]
    evidence, problems = timed("load_evidence", lambda: load_evidence(ws, today))
    ctx = timed("build_context", lambda: build_context(ws.standard, ws.city, ws.claims, evidence, today))
    result = timed("score", lambda: score(ctx))
    text = timed("dump", lambda: json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=1))
    all_problems = [*ws.problems, *problems]
    errors = [p for p in all_problems if p.severity == "error"]
    out["counts"] = {
        "documents": len(evidence.documents),
        "usable_documents": sum(1 for d in evidence.documents if d.usable),
        "indicator_series": len(evidence.series),
        "indicator_values": sum(len(s.values) for s in evidence.series),
        "inspections": len(evidence.inspections),
        "errors": len(errors),
        "warnings": len(all_problems) - len(errors),
        "first_errors": [p.render() for p in errors[:5]],
        "findings": sum(len(it.findings) for it in result.items),
        "gaps": len(result.gaps),
        "score_json_bytes": len(text.encode("utf-8")),
        "verdict": f"{result.verdict} {result.totals.score:g}/{result.totals.marks:g}",
    }
    out["rss_mb"] = _rss_mb()
    return out


def _profile_split(stats: Any) -> dict[str, float]:
    """Cumulative seconds of the functions that make up a load, from a pstats.Stats."""

    def cum(predicate: Any) -> float:
        # Sum over matching entries that are not called by another matching entry (no double counting).
        keys = [k for k in stats.stats if predicate(k)]
        total = 0.0
        for k in keys:
            callers = stats.stats[k][4]
            if not any(c in keys for c in callers):
                total += stats.stats[k][3]
        return total

    def fn(module_suffix: str, name: str) -> Any:
        return lambda k: k[0].replace("\\", "/").endswith(module_suffix) and k[2] == name

    return {
        "total": max((v[3] for v in stats.stats.values()), default=0.0),
        "load_yaml": cum(fn("cwassess/yamlio.py", "load_yaml")),
        "cache_get": cum(lambda k: k[0].replace("\\", "/").endswith("cwassess/yamlio.py") and k[2] == "get"),
        "cache_put": cum(lambda k: k[0].replace("\\", "/").endswith("cwassess/yamlio.py") and k[2] == "put"),
        "dates": cum(fn("cwassess/evidence/load.py", "date")),
        "yaml_parse": cum(fn("cwassess/yamlio.py", "parse_yaml_text")),
        # libyaml's composer is Cython: cProfile does not see it, its time is parse_yaml_text's own time.
        "yaml_compose_c": sum(v[2] for k, v in stats.stats.items() if fn("cwassess/yamlio.py", "parse_yaml_text")(k)),
        "yaml_walk": cum(fn("cwassess/yamlio.py", "_walk")),
        "yaml_construct": cum(fn("yaml/constructor.py", "construct_document")),
        "validate": cum(fn("cwassess/validation.py", "validate_document")),
        "file_checks": cum(fn("cwassess/evidence/load.py", "file")),
        "resolve_inside": cum(fn("cwassess/paths.py", "resolve_inside")),
        "display_path": cum(fn("cwassess/loading.py", "display_path")),
        "sha256": cum(lambda k: k[0] == "~" and ("openssl_sha256" in k[2] or "of '_hashlib.HASH' objects" in k[2])),
        "where_position": cum(fn("cwassess/evidence/load.py", "where")),
        "records_pydantic_init": cum(lambda k: k[0].replace("\\", "/").endswith("pydantic/main.py") and k[2] == "__init__"),
        "standard_load_lint": cum(fn("cwassess/standard/load.py", "load_standard")) + cum(fn("cwassess/standard/lint.py", "lint_standard")),
    }


def worker_profile(root: Path, what: str) -> dict[str, Any]:
    import cProfile
    import datetime as dt
    import io
    import pstats

    from cwassess.engine.context import build_context
    from cwassess.engine.score import score
    from cwassess.evidence.load import load_evidence
    from cwassess.loading import load_workspace

    today = dt.date.fromisoformat(TODAY.isoformat())
    prof = cProfile.Profile()
    if what.startswith("load"):
        prof.enable()
        ws = load_workspace(root)
        load_evidence(ws, today)
        prof.disable()
    else:
        ws = load_workspace(root)
        evidence, _ = load_evidence(ws, today)
        prof.enable()
        score(build_context(ws.standard, ws.city, ws.claims, evidence, today))
        prof.disable()
    buf = io.StringIO()
    stats = pstats.Stats(prof, stream=buf)
    stats.sort_stats("cumulative").print_stats(15)
    text = buf.getvalue()
    text = text.replace(str(REPO) + "/", "").replace(str(Path(sys.prefix)) + "/", "")
    buf2 = io.StringIO()
    pstats.Stats(prof, stream=buf2).sort_stats("tottime").print_stats(10)
    tottime = buf2.getvalue().replace(str(REPO) + "/", "").replace(str(Path(sys.prefix)) + "/", "")
    return {"top_cumulative": _trim(text), "top_tottime": _trim(tottime), "split": _profile_split(stats)}


def _trim(report: str) -> str:
    lines = report.splitlines()
    start = next((i for i, line in enumerate(lines) if "function calls" in line), 0)
    return "\n".join(line for line in lines[start:] if line.strip() and not line.startswith("Ordered by"))


# -- the driver ----------------------------------------------------------------------------------------------------


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def run_worker(name: str, root: Path, *extra: str) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = Path(tmp.name)
    try:
        proc = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--worker", name, "--dir", str(root), "--out", str(out), *extra],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            raise SystemExit(f"worker {name} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        out.unlink(missing_ok=True)


def cache_dir(root: Path) -> Path | None:
    """The workspace's YAML parse cache (cwassess.loading.CACHE_DIR), if this version of cwassess has one."""
    try:
        from cwassess.loading import CACHE_DIR
    except ImportError:
        return None
    return root / CACHE_DIR


def clear_cache(root: Path) -> None:
    folder = cache_dir(root)
    if folder is not None and folder.exists():
        shutil.rmtree(folder)


def run_cli(root: Path) -> dict[str, Any]:
    """`cwassess --workspace DIR score` in a child; wall time, CPU and peak RSS of that child alone (wait4)."""
    env = {**os.environ, "CWASSESS_TODAY": TODAY.isoformat(), "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("CWASSESS_WORKSPACE", None)
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        proc = subprocess.Popen([*synthetic_city.cwassess_command(), "--workspace", str(root), "score"], stdout=sink, stderr=subprocess.STDOUT, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        sink.seek(0)
        tail = sink.read().decode("utf-8", "replace").strip().splitlines()[-3:]
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024, "exit": proc.returncode, "tail": tail}


def run_startup() -> dict[str, Any]:
    """`cwassess --version`: interpreter start and the CLI's imports, nothing else."""
    start = time.perf_counter()
    proc = subprocess.Popen([*synthetic_city.cwassess_command(), "--version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    return {"wall": time.perf_counter() - start, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024}


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", type=Path, help="where to generate the city (default: a temporary folder, removed afterwards)")
    parser.add_argument("--reuse", action="store_true", help="keep a synthetic city already in --dir (same parameters)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="also run `cwassess evidence check` on the city first")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--no-gc-experiment", action="store_true", help="skip the pipeline runs with the garbage collector off")
    for name, default in (("departments", 60), ("documents", 20_000), ("inspections", 50_000), ("values", 5_000), ("seed", 1)):
        parser.add_argument(f"--{name}", type=int, default=default)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:
        root = args.dir.resolve()
        result = {"raw": worker_raw, "pipeline": worker_pipeline, "pipeline-gc-off": lambda r: worker_pipeline(r, gc_off=True)}.get(args.worker)
        data = result(root) if result else worker_profile(root, args.worker.removeprefix("profile-"))
        args.out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return 0

    spec = synthetic_city.Spec(args.departments, args.documents, args.inspections, args.values, args.seed)
    tmp = None
    if args.dir is None:
        tmp = tempfile.TemporaryDirectory(prefix="cwassess-bench-")
        root = Path(tmp.name) / "city"
    else:
        root = args.dir.resolve()
    try:
        return _bench(root, spec, args)
    finally:
        if tmp is not None:
            tmp.cleanup()


def _git_state() -> str:
    try:
        head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "cwassess"], capture_output=True, text=True, check=True).stdout
        return f"{head}{'（cwassess/ 有未提交改动）' if dirty.strip() else ''}"
    except (OSError, subprocess.CalledProcessError):
        return "未知"


def _code_fingerprint() -> str:
    """sha256 over cwassess/**/*.py: tells whether the code changed while the benchmark ran."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted((REPO / "cwassess").rglob("*.py")):
        digest.update(str(path.relative_to(REPO)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _bench(root: Path, spec: Any, args: argparse.Namespace) -> int:
    fingerprint = _code_fingerprint()
    marker = root / synthetic_city.MARKER
    reused = False
    gen_s = 0.0
    if args.reuse and marker.is_file() and json.loads(marker.read_text(encoding="utf-8")).get("spec") == asdict(spec):
        counts = json.loads(marker.read_text(encoding="utf-8"))
        reused = True
    else:
        start = time.perf_counter()
        counts = synthetic_city.make_city(root, spec, force=True)
        gen_s = time.perf_counter() - start
    import yaml

    has_cache = cache_dir(root) is not None
    modes = ("cold", "warm") if has_cache else ("cold",)
    load1, load5, _ = os.getloadavg()
    print(f"合成市：{root}（{'沿用已有' if reused else f'生成耗时 {gen_s:.1f} s'}）")
    print(
        f"  {counts['departments']} 个部门，{counts['claims']} 条认领，{counts['documents']} 条文件记录"
        f"（{counts['evidence_files']} 个文件，{counts['evidence_bytes'] / 1e6:.1f} MB），"
        f"{counts['indicator_values']} 个指标值（{counts['indicator_entries']} 个序列），"
        f"{counts['inspections']} 条检查记录（{counts['inspections_with_problems']} 条有问题，{counts['site_problems']} 个问题，"
        f"{counts['inspection_files']} 个文件）；YAML {counts['yaml_files']} 个文件 {counts['yaml_bytes'] / 1e6:.1f} MB"
    )
    print(
        f"cwassess {_git_state()}，代码指纹 {fingerprint}；Python {sys.version.split()[0]}，PyYAML {yaml.__version__}（libyaml {yaml.__with_libyaml__}），"
        f"{os.cpu_count()} 核，开始时负载 {load1:.2f} / {load5:.2f}（1/5 分钟）"
    )
    if load1 > 0.5:
        print("  注意：机器上还有别的进程在跑，墙钟时间会被拉长；CPU 时间（用户+系统）受影响小，两列都看。")
    if has_cache:
        print("  cwassess 会把大 YAML 的解析结果缓存在工作区 .cwassess/cache/yaml/（按内容哈希）：")
        print("  “冷”= 每次运行前清空缓存（改过文件后的第一次运行），“热”= 缓存已在。")

    if args.check:
        clear_cache(root)
        summary = synthetic_city.check_city(root)
        print(f"cwassess evidence check：退出码 {summary['exit']}，{summary['errors']} 个错误，{summary['warnings']} 个警告 {summary['by_code']}")

    print("\n预热（不计时，同时核对输入无错误）…", flush=True)
    clear_cache(root)
    warm = run_worker("pipeline", root)
    c = warm["counts"]
    print(
        f"  读入：文件 {c['documents']}（可用 {c['usable_documents']}），指标序列 {c['indicator_series']}（{c['indicator_values']} 个值），"
        f"检查记录 {c['inspections']}；{c['errors']} 个错误，{c['warnings']} 个警告"
    )
    print(f"  评分：{c['verdict']}，{c['findings']} 条发现，{c['gaps']} 个差距，score.json {c['score_json_bytes'] / 1e6:.1f} MB")
    if c["errors"]:
        print("  输入有错误，测量不代表正常情况：", *c["first_errors"], sep="\n    ")

    raws: list[dict[str, Any]] = []
    starts: list[dict[str, Any]] = []
    pipes: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    nogc: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    clis: dict[str, list[dict[str, Any]]] = {m: [] for m in modes}
    for n in range(args.runs):
        print(f"第 {n + 1}/{args.runs} 轮：raw", end="", flush=True)
        raws.append(run_worker("raw", root))
        starts.append(run_startup())
        for mode in modes:
            if mode == "cold":
                clear_cache(root)
            print(f" · pipeline {mode}", end="", flush=True)
            pipes[mode].append(run_worker("pipeline", root))
            if not args.no_gc_experiment:
                if mode == "cold":
                    clear_cache(root)
                nogc[mode].append(run_worker("pipeline-gc-off", root))
        for mode in modes:
            if mode == "cold":
                clear_cache(root)
            clis[mode].append(run_cli(root))
            print(f" · cli {mode} {clis[mode][-1]['wall']:.1f} s", end="", flush=True)
        print(flush=True)

    def both(runs: list[dict[str, Any]], *keys: str) -> tuple[list[float], list[float]]:
        return [sum(r[k]["wall"] for k in keys) for r in runs], [sum(r[k]["cpu"] for k in keys) for r in runs]

    zh = {"cold": "冷", "warm": "热"}
    r0 = raws[0]
    rows: list[tuple[str, list[float], list[float]]] = [
        (f"原始 yaml.load CSafeLoader：工作区 {r0['ws_yaml_files']} 个 YAML", *both(raws, "raw_yaml_ws")),
        ("原始 libyaml 只组装节点（get_single_node，不保留）", *both(raws, "raw_compose_ws")),
        ("原始 json.loads 同样数据（缓存的下限）", *both(raws, "raw_json_ws")),
        (f"原始 yaml.load CSafeLoader：标准 {r0['std_yaml_files']} 个 YAML", *both(raws, "raw_yaml_std")),
        (f"原始 hashlib.sha256：{r0['hashed_files']} 个文件", *both(raws, "raw_hash")),
        ("原始 pydantic model_validate（已解析的工作区数据）", *both(raws, "raw_pydantic")),
        ("原始合计（yaml.load + 哈希 + pydantic）", *both(raws, "raw_yaml_ws", "raw_yaml_std", "raw_hash", "raw_pydantic")),
    ]
    for mode in modes:
        p = pipes[mode]
        tag = f"[{zh[mode]}] " if has_cache else ""
        rows += [
            (f"{tag}load_workspace（城市、标准+lint、认领）", *both(p, "load_workspace")),
            (f"{tag}load_evidence（清单、检查记录、豁免、哈希）", *both(p, "load_evidence")),
            (f"{tag}= 读入+校验", *both(p, "load_workspace", "load_evidence")),
            (f"{tag}build_context", *both(p, "build_context")),
            (f"{tag}score", *both(p, "score")),
            (f"{tag}= 评分", *both(p, "build_context", "score")),
            (f"{tag}结果 model_dump + json.dumps", *both(p, "dump")),
        ]
    for mode in modes if not args.no_gc_experiment else ():
        tag = f"[{zh[mode]}] " if has_cache else ""
        rows += [
            (f"{tag}对照：gc.disable() 后 读入+校验", *both(nogc[mode], "load_workspace", "load_evidence")),
            (f"{tag}对照：gc.disable() 后 评分", *both(nogc[mode], "build_context", "score")),
        ]
    rows.append(("启动与导入（`cwassess --version`，子进程）", [x["wall"] for x in starts], [x["cpu"] for x in starts]))
    for mode in modes:
        tag = f"[{zh[mode]}] " if has_cache else ""
        rows.append((f"{tag}`cwassess score` 整个命令（子进程）", [x["wall"] for x in clis[mode]], [x["cpu"] for x in clis[mode]]))
    header = f"测量（{args.runs} 次中位数，秒）"
    width = max(cells(name) for name, *_ in [(header,), *rows]) + 2
    print()
    print(pad(header, width) + "".join(" " * (10 - cells(h)) + h for h in ("墙钟", "CPU", "墙钟最小", "墙钟最大")))
    for name, walls, cpus in rows:
        print(f"{pad(name, width)}{med(walls):>10.2f}{med(cpus):>10.2f}{min(walls):>10.2f}{max(walls):>10.2f}")
    for mode in modes:
        tag = f"[{zh[mode]}] " if has_cache else ""
        rss = [x["rss_mb"] for x in clis[mode]]
        print(f"{pad(f'{tag}`cwassess score` 峰值 RSS（MB）', width)}{med(rss):>10.0f}{'':>10}{min(rss):>10.0f}{max(rss):>10.0f}")
    all_cli = [x for m in modes for x in clis[m]]
    print(f"{pad('测量进程峰值 RSS（MB，读入+评分+输出）', width)}{med([p['rss_mb'] for m in modes for p in pipes[m]]):>10.0f}")
    if not args.no_gc_experiment:
        print(f"{pad('对照 gc.disable() 的测量进程峰值 RSS（MB）', width)}{med([p['rss_mb'] for m in modes for p in nogc[m]]):>10.0f}")
    print(f"命令退出码 {sorted({x['exit'] for x in all_cli})}；末行：{all_cli[-1]['tail'][-1] if all_cli[-1]['tail'] else ''}")

    raw_w, raw_c = both(raws, "raw_yaml_ws", "raw_yaml_std", "raw_hash", "raw_pydantic")
    checks = []
    for mode in modes:
        tag = f"[{zh[mode]}] " if has_cache else ""
        load_w, load_c = both(pipes[mode], "load_workspace", "load_evidence")
        score_w, score_c = both(pipes[mode], "build_context", "score")
        cli_w, cli_c = med([x["wall"] for x in clis[mode]]), med([x["cpu"] for x in clis[mode]])
        rss = med([x["rss_mb"] for x in clis[mode]])
        ratio_c, ratio_w = med(score_c) / med(load_c), med(score_w) / med(load_w)
        checks += [
            (f"{tag}评分 ≤ 读入+校验的 50%", ratio_c <= TARGET_RATIO, f"CPU {ratio_c:.0%}（{med(score_c):.2f} / {med(load_c):.2f} s），墙钟 {ratio_w:.0%}"),
            (f"{tag}整个 `cwassess score` ≤ 5 s", cli_w <= TARGET_WALL_S,
             f"墙钟 {cli_w:.2f} s（目标的 {cli_w / TARGET_WALL_S:.1f} 倍），CPU {cli_c:.2f} s（{cli_c / TARGET_WALL_S:.1f} 倍）"),
            (f"{tag}峰值内存 ≤ 1 GB", rss <= TARGET_RSS_MB, f"{rss:.0f} MB"),
        ]
    print()
    w = max(cells(n) for n, _, _ in checks) + 2
    for name, ok, detail in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {pad(name, w)}{detail}")
    for mode in modes:
        _, load_c = both(pipes[mode], "load_workspace", "load_evidence")
        tag = f"[{zh[mode]}] " if has_cache else ""
        print(f"      {tag}读入+校验 CPU 为原始库同样工作（yaml.load + 哈希 + pydantic）的 {med(load_c) / med(raw_c):.2f} 倍")

    if not args.no_profile:
        jobs = [("load", "读入（load_workspace + load_evidence），冷缓存", True)]
        if has_cache:
            jobs.append(("load-warm", "读入，热缓存", False))
        jobs.append(("score", "评分（build_context + score）", False))
        for what, title, cold in jobs:
            if cold:
                clear_cache(root)
            prof = run_worker(f"profile-{what}", root)
            print(f"\ncProfile：{title}，按累计时间前 15（剖析开销使绝对值偏大，看比例）")
            print(prof["top_cumulative"])
            print("按自身时间前 10：")
            print(prof["top_tottime"])
            if what.startswith("load"):
                _print_split(prof["split"])
    if _code_fingerprint() != fingerprint:
        print(f"\n警告：测量期间 cwassess/ 的代码变了（{fingerprint} → {_code_fingerprint()}），各轮结果来自不同版本，请重跑。")
    return 1 if args.strict and not all(ok for _, ok, _ in checks) else 0


def _print_split(s: dict[str, float]) -> None:
    total = s["total"] or 1.0
    parts = [
        ("YAML：读+解析（load_yaml，含缓存读写）", s["load_yaml"]),
        ("  其中 YAML 解析（parse_yaml_text）", s["yaml_parse"]),
        ("    libyaml 组装节点（parse_yaml_text 自身时间）", s["yaml_compose_c"]),
        ("    位置树/重复键检查（_walk）", s["yaml_walk"]),
        ("    构造 Python 对象（construct_document）", s["yaml_construct"]),
        ("  其中 缓存读（YamlCache.get）", s["cache_get"]),
        ("  其中 缓存写（YamlCache.put）", s["cache_put"]),
        ("pydantic 校验（validate_document）", s["validate"]),
        ("文件检查与哈希（_Reader.file）", s["file_checks"]),
        ("  其中 resolve_inside（路径检查）", s["resolve_inside"]),
        ("  其中 sha256", s["sha256"]),
        ("display_path（所有调用）", s["display_path"]),
        ("日期解析（_Reader.date）", s["dates"]),
        ("_Reader.where（行号文本）", s["where_position"]),
        ("记录对象构造（pydantic __init__，所有调用）", s["records_pydantic_init"]),
        ("标准读入+lint", s["standard_load_lint"]),
    ]
    print(f"读入拆分（剖析下共 {total:.2f} s；各项有重叠：display_path 一部分在文件检查里）：")
    w = max(cells(n) for n, _ in parts) + 2
    for name, sec in parts:
        print(f"  {pad(name, w)}{sec:>7.2f} s {sec / total:>6.0%}")


if __name__ == "__main__":
    sys.exit(main())
