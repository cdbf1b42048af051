"""`jixiao batch` on many mixed documents: 1 and 2 workers, beside the same work in one in-process loop
and beside the per-file CLI loop (measured on a sample and given per document); then the resumed rerun.

The documents are the example in every format the readers take (text, XLSX, DOCX, HTML) with the
shared corpus's raw texts and files when they are beside the checkout, copied to distinct names.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src/jixiao/data/examples/dongguan-2025-federation-of-trade-unions.txt"
SHARED = ROOT.parent / "shared"
COUNT = 400  # documents in the batch
CLI_SAMPLE = 8  # documents run one `jixiao ingest`/`review` process each, for the per-file figure


def _corpus(folder: Path) -> list[Path]:
    from jixiao.forms import render
    from jixiao.ingest import read_table

    table = read_table(EXAMPLE)
    seeds = [EXAMPLE]
    for fmt in ("xlsx", "docx", "html"):
        path = folder / f"seed.{fmt}"
        path.write_bytes(render(table, fmt))
        seeds.append(path)
    for sub in ("corpus/raw", "corpus/files/raw"):
        if (SHARED / sub).is_dir():
            seeds.extend(sorted(p for p in (SHARED / sub).iterdir() if p.is_file()))
    docs = []
    for n in range(COUNT):
        seed = seeds[n % len(seeds)]
        target = folder / "docs" / f"{n:04d}-{seed.name}"
        target.parent.mkdir(exist_ok=True)
        shutil.copy(seed, target)
        with target.open("ab") as handle:  # distinct content hashes, same reading
            handle.write(b"\n" if seed.suffix in (".txt", ".html") else b"")
        docs.append(target)
    return docs


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "jixiao"), *args], check=False, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    from jixiao.jobs.batch import Options, process

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        docs = _corpus(folder)
        start = time.perf_counter()
        for doc in docs:
            process(str(doc), Options())
        loop = time.perf_counter() - start
        one = _run(["batch", str(folder / "docs"), "--out", str(folder / "one"), "--workers", "1"])
        two = _run(["batch", str(folder / "docs"), "--out", str(folder / "two"), "--workers", "2"])
        resumed = _run(["batch", str(folder / "docs"), "--out", str(folder / "two"), "--workers", "2"])
        sample = docs[:CLI_SAMPLE]
        per_file = sum(_run(["review", str(doc), "--json"]) for doc in sample) / len(sample)
    print(f"batch of {COUNT} mixed documents (read + review every table + audit self-evaluations):")
    print(f"  jixiao batch --workers 1: {one:6.1f} s ({COUNT / one:5.1f} docs/s)")
    print(f"  jixiao batch --workers 2: {two:6.1f} s ({COUNT / two:5.1f} docs/s)")
    print(f"  in-process loop (baseline, same work):  {loop:6.1f} s ({COUNT / loop:5.1f} docs/s)")
    print(f"  per-file CLI loop (one process per file, {CLI_SAMPLE} sampled): {per_file:.2f} s/doc → {per_file * COUNT:6.1f} s for {COUNT}")
    print(f"  resumed rerun (all done, skipped by content hash): {resumed:.2f} s")
