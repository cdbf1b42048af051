"""Review throughput: reviews/s on the example and on a generated table of 2,000 indicators.

Time per indicator is printed for both (cost should grow linearly: within 2× between them), beside a
baseline measured in the same run (one pass that reads every indicator's values).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import rate

from jixiao.domain.table import Indicator, Table
from jixiao.ingest import read_table
from jixiao.review import review

EXAMPLE = Path(__file__).resolve().parents[1] / "src/jixiao/data/examples/dongguan-2025-federation-of-trade-unions.txt"
SUBJECTS = ["职业技能竞赛", "求学圆梦", "法律援助", "公益培训", "劳模津贴", "社工服务", "文化宫运营", "电影放映", "图书借阅", "职工体检"]
UNITS = ["人", "场", "个", "期", "家", "人次", "种"]


def generated(example: Table, size: int = 2000, seed: str = "") -> Table:
    """The example's narrative, budget and tasks with `size` indicators of every kind the example has."""
    base = example.indicators
    out = []
    for n in range(size):
        model = base[n % len(base)]
        subject = SUBJECTS[n % len(SUBJECTS)]
        name = f"{seed}{subject}{model.name}{n}"
        period, annual = model.period_value, model.annual_value
        if model.level2 == "数量指标":  # distinct counts so duplicates stay rare, as in real tables
            period = annual = f"≥{1000 + n + (5000 if seed else 0)}{UNITS[n % len(UNITS)]}"
        out.append(
            Indicator(level1=model.level1, level2=model.level2, name=name, period_value=period, annual_value=annual,
                      single_value_slot_ambiguous=model.single_value_slot_ambiguous, sources=model.sources)
        )
    return example.model_copy(update={"indicators": out})


def main() -> None:
    example = read_table(EXAMPLE)
    big = generated(example)

    def baseline(table=example) -> None:
        for ind in table.indicators:
            _ = ind.period_value, ind.annual_value, ind.name

    small_rate = rate(lambda: review(example))
    end_to_end = rate(lambda: review(read_table(EXAMPLE)))
    big_rate = rate(lambda: review(big), seconds=2.0)
    base_rate = rate(baseline)
    per_small = 1e6 / small_rate / len(example.indicators)
    per_big = 1e6 / big_rate / len(big.indicators)
    findings = len(review(big).findings)
    print(f"review example ({len(example.indicators)} indicators):  {small_rate:,.0f} reviews/s   {per_small:,.1f} µs/indicator   goal ≥ 1,000/s")
    print(f"review generated ({len(big.indicators):,} indicators): {big_rate:,.1f} reviews/s   {per_big:,.1f} µs/indicator   ({findings:,} findings)")
    print(f"read + review the example file end to end: {end_to_end:,.0f} /s")
    print(f"time per indicator, generated / example: {per_big / per_small:.2f}×   goal ≤ 2×")
    cold = generated(example, seed="新")  # names never seen: segmentation and value caches miss
    start = time.perf_counter()
    review(cold)
    cold_ms = (time.perf_counter() - start) * 1000
    print(f"first review of an unseen 2,000-indicator table (text caches cold, jieba loaded): {cold_ms:,.0f} ms")
    print(f"baseline (read every indicator's fields, example): {base_rate:,.0f} passes/s — review is {base_rate / small_rate:,.0f}× its time")
