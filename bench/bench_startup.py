"""Start-up: `jixiao --help` beside `python -c "import typer"` in the same run (median of 11 each, runs
interleaved), in wall time and in the CPU time of the process (on a shared machine the wall time of a run
also measures the neighbours; the CPU time is the process's own). Goal (issue 13): at most 3× Typer's own
start-up — the commands import their work only when they run."""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _times(commands: dict[str, list[str]], runs: int = 11) -> dict[str, tuple[float, float]]:
    """Median wall and CPU seconds of each command, the commands run in turn so that load hits them alike."""
    for argv in commands.values():
        subprocess.run(argv, check=True, capture_output=True)  # warm the file cache
    wall: dict[str, list[float]] = {k: [] for k in commands}
    cpu: dict[str, list[float]] = {k: [] for k in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, check=True, capture_output=True)
            wall[name].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return {k: (statistics.median(wall[k]), statistics.median(cpu[k])) for k in commands}


def main() -> None:
    jixiao = shutil.which("jixiao", path=str(Path(sys.executable).parent)) or "jixiao"
    found = _times({"typer": [sys.executable, "-c", "import typer"], "ours": [jixiao, "--help"]})
    (typer_wall, typer_cpu), (ours_wall, ours_cpu) = found["typer"], found["ours"]
    print(f"python -c 'import typer': {typer_wall * 1000:,.0f} ms wall, {typer_cpu * 1000:,.0f} ms CPU   "
          f"jixiao --help: {ours_wall * 1000:,.0f} ms wall, {ours_cpu * 1000:,.0f} ms CPU   "
          f"ratio {ours_wall / typer_wall:.1f}× wall, {ours_cpu / typer_cpu:.1f}× CPU   goal: ≤ 3×")
