"""How long it takes to read and check the bundled standard.

    .venv/bin/python benchmarks/bench_standard.py [--standard DIR] [--runs 7] [--cli-runs 5] [--strict]

Measures, as the median of N fresh in-process calls (after one warm-up call, so imports are not counted):
  (a) raw PyYAML: yaml.load(text, Loader=yaml.CSafeLoader) of every YAML file of the standard (the floor),
  (b) cwassess load_standard (decode, strict YAML, line map, pydantic validation, assembly),
  (c) cwassess lint_standard on a freshly loaded standard,
  (d) load + lint, which is what `cwassess standard lint` does; the target is 200 ms.
Then the end-to-end CLI `cwassess standard lint DIR` in a subprocess (median of 5), imports included.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any, Callable

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cwassess.standard.lint import lint_standard  # noqa: E402
from cwassess.standard.load import load_standard  # noqa: E402

TARGET_MS = 200.0


def cells(text: str) -> int:
    """Terminal width of a text: CJK characters take two cells."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def median_ms(fn: Callable[..., Any], runs: int, setup: Callable[[], Any] | None = None) -> tuple[float, list[float]]:
    """Median wall time of fn() -- or fn(setup()), with setup outside the timer -- over `runs` calls,
    after one warm-up call."""

    def once() -> float:
        args = (setup(),) if setup else ()
        start = time.perf_counter()
        fn(*args)
        return (time.perf_counter() - start) * 1000

    once()  # warm-up
    times = [once() for _ in range(runs)]
    return statistics.median(times), times


def raw_yaml(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # noqa: S506 (safe C loader)


def load(root: Path) -> Any:
    return load_standard(root)


def load_and_lint(root: Path) -> list[Any]:
    result = load_standard(root)
    problems = list(result.problems)
    if result.standard is not None:
        problems += lint_standard(result.standard, result.locator)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--standard", type=Path, default=REPO / "standards" / "nhc-2021")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cli-runs", type=int, default=5)
    parser.add_argument("--strict", action="store_true", help="exit 1 when load+lint misses the target")
    args = parser.parse_args()
    root: Path = args.standard.resolve()

    files = sorted(root.rglob("*.yaml"))
    size_kb = sum(p.stat().st_size for p in files) / 1024
    result = load_standard(root)
    problems = load_and_lint(root)
    std = result.standard
    print(f"标准：{root}（{len(files)} 个 YAML 文件，{size_kb:.0f} KB）")
    if std is not None:
        print(
            f"内容：{len(std.sections)} 个方面，{len(std.items)} 条，{len(std.national_indicators())} 项指标，"
            f"{len(std.planning_targets())} 项规划目标，{len(std.profiles)} 个配置；lint 问题 {len(problems)} 个"
        )
    else:
        print(f"注意：标准未能加载（{len(problems)} 个问题），以下耗时只含读到出错为止的部分")
    print(f"Python {sys.version.split()[0]}，PyYAML {yaml.__version__}（libyaml：{yaml.__with_libyaml__}）")
    print()

    def fresh_standard() -> Any:
        loaded = load_standard(root)
        return loaded

    def lint_only(loaded: Any) -> Any:
        if loaded.standard is not None:
            return lint_standard(loaded.standard, loaded.locator)
        return []

    rows = [
        ("(a) 原始 yaml.load（CSafeLoader）", *median_ms(lambda: raw_yaml(files), args.runs)),
        ("(b) load_standard", *median_ms(lambda: load(root), args.runs)),
        ("(c) lint_standard", *median_ms(lint_only, args.runs, setup=fresh_standard)),
        ("(d) load + lint", *median_ms(lambda: load_and_lint(root), args.runs)),
    ]
    header = f"测量（进程内，{args.runs} 次中位数）"
    width = max(cells(name) for name, *_ in [(header,), *rows]) + 2
    print(pad(header, width) + "".join(pad("", 10 - cells(h)) + h for h in ("中位数 ms", "最小 ms", "最大 ms")))
    for name, med, times in rows:
        print(f"{pad(name, width)}{med:>10.1f}{min(times):>10.1f}{max(times):>10.1f}")
    total = rows[3][1]
    verdict = "PASS" if total <= TARGET_MS else "FAIL"
    print()
    print(f"目标：load + lint ≤ {TARGET_MS:.0f} ms —— {verdict}（{total:.1f} ms，为原始 YAML 解析的 {total / rows[0][1]:.1f} 倍）")

    script = Path(sys.executable).parent / "cwassess"
    command = [str(script)] if script.is_file() else [sys.executable, "-m", "cwassess"]
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("CWASSESS_WORKSPACE", None)
    cli_times = []
    exit_codes = set()
    for _ in range(args.cli_runs):
        start = time.perf_counter()
        proc = subprocess.run([*command, "standard", "lint", str(root)], capture_output=True, env=env, check=False)
        cli_times.append((time.perf_counter() - start) * 1000)
        exit_codes.add(proc.returncode)
    print(
        f"命令行（子进程，{args.cli_runs} 次中位数，含 Python 启动与导入）：`cwassess standard lint` "
        f"{statistics.median(cli_times):.0f} ms（最小 {min(cli_times):.0f}，最大 {max(cli_times):.0f}；退出码 {sorted(exit_codes)}）"
    )
    return 1 if args.strict and verdict == "FAIL" else 0


if __name__ == "__main__":
    sys.exit(main())
