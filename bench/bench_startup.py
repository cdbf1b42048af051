"""Start-up: `jixiao --help` beside `python -c "import typer"` in the same run (median of 7 each).
Goal (issue 13): at most 3× Typer's own start-up — the commands import their work only when they run."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _median(argv: list[str], runs: int = 7) -> float:
    subprocess.run(argv, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    jixiao = shutil.which("jixiao", path=str(Path(sys.executable).parent)) or "jixiao"
    typer = _median([sys.executable, "-c", "import typer"])
    ours = _median([jixiao, "--help"])
    print(f"python -c 'import typer': {typer * 1000:,.0f} ms   jixiao --help: {ours * 1000:,.0f} ms   "
          f"ratio {ours / typer:.1f}×   goal: ≤ 3×")
