"""Keeping large loads fast: the cyclic garbage collector is paused while models are built.

Loading builds millions of small objects and no reference cycles worth collecting; with the
collector running, a large city spends about half its load time in it (benchmarks/bench_score.py).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_depth = 0


@contextmanager
def paused_gc() -> Iterator[None]:
    global _depth
    was_enabled = gc.isenabled()
    _depth += 1
    gc.disable()
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0 and was_enabled:
            gc.enable()
