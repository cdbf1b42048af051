"""The text layout engine: the shared corpus (tables/s) and generated tables of 330 and 3,300 rows read
whole (layout, decoder, confidence), each beside the bare read + split of the same bytes measured in
the same run; the growth exponent of the whole read between the two sizes (1.0 is linear)."""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import contextlib

from timing import rate

from jixiao.ingest import IngestError, read_document, read_document_bytes

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus/raw"
_GROUPS = (("产出指标", "数量指标", "≥{n}人次"), ("产出指标", "质量指标", "≥9{d}%"), ("产出指标", "时效指标", "{m}月底前完成"),
           ("效益指标", "社会效益指标", "惠及{n}户"), ("满意度指标", "服务对象满意度指标", "≥8{d}%"))


def generated(rows: int) -> bytes:
    """A project target table of `rows` indicator rows, tab-separated, merged labels on each group's first row."""
    lines = ["2025年度项目支出绩效目标表", "项目名称\t社区服务提升项目", "一级指标\t二级指标\t三级指标\t指标值\t指标解释"]
    per = max(rows // len(_GROUPS), 1)
    for g, (level1, level2, value) in enumerate(_GROUPS):
        for k in range(per):
            first = k == 0
            text = value.format(n=100 + k, d=k % 10, m=1 + k % 12)
            lines.append("\t".join([level1 if first and (g == 0 or _GROUPS[g - 1][0] != level1) else "", level2 if first else "", f"第{k + 1}项{g + 1}类服务完成数", text, "反映服务完成情况"]))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _seconds(fn, repeat: int = 3) -> float:
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _split(data: bytes) -> None:
    [line.split("\t") for line in data.decode("utf-8").splitlines()]


def corpus() -> None:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        print(f"corpus: skipped ({CORPUS} absent)")
        return
    payloads = [(p.name, p.read_bytes()) for p in files]
    tables = 0
    for name, data in payloads:
        with contextlib.suppress(IngestError):
            tables += len(read_document_bytes(data, name).tables)

    def whole() -> None:
        for name, data in payloads:
            with contextlib.suppress(IngestError):
                read_document_bytes(data, name)

    def bare() -> None:
        for _, data in payloads:
            _split(data)

    reads, baseline = rate(whole, seconds=2.0), rate(bare)
    print(f"corpus ({len(files)} published texts, {tables} tables) read whole: {reads * tables:,.0f} tables/s ({reads:.2f} corpus passes/s)")
    print(f"  baseline, bare read + split of the same bytes:  {baseline * len(files):,.0f} files/s; ratio {baseline / reads:,.0f}× the baseline time")


def sizes() -> None:
    timings = {}
    for rows in (330, 3300):
        data = generated(rows)
        whole = _seconds(lambda data=data: read_document_bytes(data, "generated.txt"))
        bare = _seconds(lambda data=data: _split(data))
        read = len(read_document_bytes(data, "generated.txt").tables[0].indicators)
        timings[rows] = whole
        print(f"table of {rows:,} rows ({read:,} read): {whole * 1000:,.1f} ms whole, {rows / whole:,.0f} rows/s; bare read + split {bare * 1000:,.2f} ms")
    exponent = math.log(timings[3300] / timings[330]) / math.log(10)
    print(f"growth exponent of the whole read, 330 → 3,300 rows: {exponent:.2f} (1.0 is linear)")


def fused(rows: int) -> bytes:
    """The generated table with every separator and line break dropped: one fused line."""
    return generated(rows).decode("utf-8").replace("\t", "").replace("\n", "").encode("utf-8") + b"\n"


def fused_sizes() -> None:
    timings = {}
    for rows in (35, 350):
        data = fused(rows)
        whole = _seconds(lambda data=data: read_document_bytes(data, "fused.txt"), repeat=1)
        read = len(read_document_bytes(data, "fused.txt").tables[0].indicators)
        timings[rows] = whole
        print(f"fused line of {rows:,} rows ({len(data):,} bytes, {read:,} read): {whole * 1000:,.1f} ms, {rows / whole:,.0f} rows/s")
    exponent = math.log(timings[350] / timings[35]) / math.log(10)
    print(f"growth exponent of the fused read, 35 → 350 rows: {exponent:.2f} (1.0 is linear)")


def main() -> None:
    example = Path(__file__).resolve().parents[1] / "src/jixiao/data/examples/dongguan-2025-federation-of-trade-unions.txt"
    reads, baseline = rate(lambda: read_document(example)), rate(lambda: _split(example.read_bytes()))
    print(f"example read whole (layout, decoder, confidence): {reads:,.0f} tables/s; bare read + split {baseline:,.0f}/s")
    corpus()
    sizes()
    fused_sizes()
