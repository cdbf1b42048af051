"""`make bench`: run every bench/bench_*.py in order and print its figures.

Each module exposes `main()` that prints its own lines; figures that an issue compares against a
baseline print the baseline measured in the same run beside them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(selected: list[str]) -> None:
    for path in sorted(HERE.glob("bench_*.py")):
        if selected and not any(s in path.stem for s in selected):
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(f"== {path.stem[len('bench_'):]} ==", flush=True)
        module.main()


if __name__ == "__main__":
    main(sys.argv[1:])
