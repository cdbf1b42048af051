"""Reading the example end to end (file → Table) vs the bare file read + split (baseline)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import rate  # noqa: E402

from jixiao.domain.values import parse_value  # noqa: E402
from jixiao.ingest import read_table  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "src/jixiao/data/examples/dongguan-2025-federation-of-trade-unions.txt"


def bare() -> None:
    [line.split("\t") for line in EXAMPLE.read_bytes().decode("utf-8").splitlines()]


def full() -> None:
    result = read_table(EXAMPLE)
    for indicator in result.indicators:  # typed values are part of the reading
        indicator.period, indicator.annual


def cold() -> None:
    parse_value.cache_clear()  # as if every value string were new
    full()


def main() -> None:
    baseline = rate(bare)
    tables = rate(full)
    cold_tables = rate(cold)
    print(f"ingest example (file → Table, values parsed): {tables:,.0f} tables/s")
    print(f"  same with the value cache cleared each time:   {cold_tables:,.0f} tables/s")
    print(f"baseline (bare read + split):                    {baseline:,.0f} tables/s")
    print(f"ratio: {baseline / tables:,.1f}× the baseline time   goal: ≥ 200 tables/s")
