"""Reading the example end to end (file → Table) vs the bare file read + split (baseline); a 20-sheet
workbook read whole (every sheet a project table) vs openpyxl's bare load of the same file."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import rate

from jixiao.domain.values import parse_value
from jixiao.ingest import read_document, read_table

EXAMPLE = Path(__file__).resolve().parents[1] / "src/jixiao/data/examples/dongguan-2025-federation-of-trade-unions.txt"
WORKBOOK = Path(__file__).resolve().parents[2] / "shared/reference/songgang-2023/workbooks/00.xlsx"  # 20 real project sheets


def workbook_bench() -> None:
    import openpyxl

    if not WORKBOOK.exists():
        print(f"workbook: skipped ({WORKBOOK} absent)")
        return
    document = read_document(WORKBOOK)
    tables = len(document.tables)

    def whole() -> None:
        read_document(WORKBOOK)

    def bare() -> None:  # openpyxl's own read-only load, touching every cell of every sheet
        book = openpyxl.load_workbook(WORKBOOK, read_only=True, data_only=True)
        for sheet in book.worksheets:
            for _ in sheet.iter_rows(values_only=True):
                pass
        book.close()

    reads = rate(whole, seconds=2.0)
    baseline = rate(bare, seconds=2.0)
    print(f"workbook read whole ({tables} sheets → {tables} tables, {sum(len(t.indicators) for t in document.tables)} indicators): {reads * tables:,.0f} tables/s ({reads:.1f} workbooks/s)")
    print(f"  baseline, openpyxl bare load of the same file:  {baseline * tables:,.0f} sheets/s ({baseline:.1f} workbooks/s); ratio {baseline / reads:.1f}× the baseline time")


def bare() -> None:
    [line.split("\t") for line in EXAMPLE.read_bytes().decode("utf-8").splitlines()]


def full() -> None:
    result = read_table(EXAMPLE)
    for indicator in result.indicators:  # typed values are part of the reading
        _ = indicator.period, indicator.annual


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
    workbook_bench()
