"""Timing helper for benchmarks: best-of-N rate of a callable, on one core."""

from __future__ import annotations

import time


def rate(fn, *, seconds: float = 1.0, repeat: int = 3) -> float:
    """Calls per second: the best of `repeat` runs of about `seconds` each."""
    fn()  # warm up caches and imports
    best = 0.0
    for _ in range(repeat):
        count, start = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - start) < seconds:
            fn()
            count += 1
        best = max(best, count / elapsed)
    return best
