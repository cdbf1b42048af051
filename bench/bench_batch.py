"""`jixiao batch` on 2,000 mixed documents: 1 and 2 workers, beside the same work in one in-process loop
and beside the per-file CLI loop (one `jixiao review` process per document, timed on a sample that holds
every seed once and given per document and for the whole set); then the resumed rerun.

The documents are the example in every format the readers take — text, XLSX, DOCX, HTML, and PDF printed
from the example's XLSX by LibreOffice (skipped, and said so, without `soffice`) — with the shared
corpus's raw texts and files (XLSX, PDF) when they are beside the checkout, copied round-robin to
distinct names. `JIXIAO_BENCH_DOCUMENTS` sets the number (default 2,000) for a quick look.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src/jixiao/data/examples/dongguan-2025-federation-of-trade-unions.txt"
SHARED = ROOT.parent / "shared"
COUNT = int(os.environ.get("JIXIAO_BENCH_DOCUMENTS", "2000"))  # documents in the batch (the issue: 2,000)
CLI_SAMPLE = 10  # at least this many documents run one process each for the per-file figure (and every seed once)


def _printed_pdf(xlsx: Path) -> Path | None:
    """The example's official XLSX printed to PDF by LibreOffice, or None without it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = xlsx.parent / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(xlsx.parent), str(xlsx)],
                   check=True, capture_output=True, timeout=180)
    pdf = xlsx.with_suffix(".pdf")
    return pdf if pdf.exists() else None


def _seeds(folder: Path) -> list[Path]:
    from jixiao.forms import render
    from jixiao.ingest import read_table

    table = read_table(EXAMPLE)
    seeds = [EXAMPLE]
    for fmt in ("xlsx", "docx", "html"):
        path = folder / f"seed.{fmt}"
        path.write_bytes(render(table, fmt))
        seeds.append(path)
    pdf = _printed_pdf(folder / "seed.xlsx")
    if pdf is None:
        print("  (no PDF printed from the example: LibreOffice is not installed)")
    else:
        seeds.append(pdf)
    for sub in ("corpus/raw", "corpus/files/raw"):
        if (SHARED / sub).is_dir():
            seeds.extend(sorted(p for p in (SHARED / sub).iterdir() if p.is_file() and p.suffix.lower() != ".md"))
    return seeds


def _corpus(folder: Path, seeds: list[Path]) -> list[Path]:
    docs = []
    target_dir = folder / "docs"
    target_dir.mkdir()
    for n in range(COUNT):
        seed = seeds[n % len(seeds)]
        target = target_dir / f"{n:04d}-{seed.name}"
        shutil.copy(seed, target)
        if seed.suffix in (".txt", ".html"):  # distinct content hashes, same reading; copies of a binary seed
            with target.open("ab") as handle:  # keep its bytes (each is still processed: a run skips only the
                handle.write(b"\n" * (1 + n // len(seeds)))  # hashes finished by an earlier run)
        docs.append(target)
    return docs


def _distinct(docs: list[Path]) -> int:
    import hashlib

    return len({hashlib.sha256(d.read_bytes()).hexdigest() for d in docs})


def _run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "jixiao"), *args], check=False, capture_output=True)
    return time.perf_counter() - start


def _checked(out: Path) -> str:
    """What a batch wrote: lines, and how many documents could not be read (so a figure is never of a failed run)."""
    lines = [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    unreadable = sum(line.get("error") is not None for line in lines)
    return f"{len(lines):,} lines, {sum(line['tables'] for line in lines):,} tables, {unreadable} unreadable"


def main() -> None:
    from jixiao.jobs.batch import Options, process

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seeds = _seeds(folder)
        docs = _corpus(folder, seeds)
        mix = Counter(d.suffix.lstrip(".").lower() for d in docs)
        print(f"{COUNT:,} documents from {len(seeds)} seeds: " + ", ".join(f"{k} {v:,}" for k, v in sorted(mix.items()))
              + f"; {_distinct(docs):,} distinct contents", flush=True)
        start = time.perf_counter()
        for doc in docs:
            process(str(doc), Options())
        loop = time.perf_counter() - start
        one = _run(["batch", str(folder / "docs"), "--out", str(folder / "one"), "--workers", "1"])
        two = _run(["batch", str(folder / "docs"), "--out", str(folder / "two"), "--workers", "2"])
        resumed = _run(["batch", str(folder / "docs"), "--out", str(folder / "two"), "--workers", "2"])
        sample = docs[:min(COUNT, max(len(seeds), CLI_SAMPLE))]
        per_file = sum(_run(["review", str(doc), "--json"]) for doc in sample) / len(sample)
        checked = {"one": _checked(folder / "one"), "two": _checked(folder / "two")}
    print(f"batch of {COUNT:,} mixed documents (read + review every table + audit self-evaluations):")
    print(f"  jixiao batch --workers 1: {one:6.1f} s ({COUNT / one:5.1f} docs/s)   [{checked['one']}]")
    print(f"  jixiao batch --workers 2: {two:6.1f} s ({COUNT / two:5.1f} docs/s)   [{checked['two']}]")
    print(f"  in-process loop (baseline, same work):  {loop:6.1f} s ({COUNT / loop:5.1f} docs/s)")
    print(f"  per-file CLI loop (`jixiao review --json`, one process per file; {len(sample)} timed, every seed once): "
          f"{per_file:.2f} s/doc → {per_file * COUNT:6.1f} s for {COUNT:,} (estimated)")
    print(f"  resumed rerun (all done, skipped by content hash): {resumed:.2f} s")
