"""Real published monitoring tables (运行监控表, shared corpus): the gold rows read exactly — level-1, the
name, the target (指标值), the progress to date (半年度/1-7月执行情况) and the likelihood (完成目标可能性).
Without `../shared/corpus` the test is skipped and says so."""

from __future__ import annotations

import json

from corpus_support import CORPUS, needs_corpus

from jixiao.domain import framework
from jixiao.ingest import read_document


def _level1(label):
    code = framework.level1_code(label)
    return framework.level1_name(code) if code else label


@needs_corpus
def test_monitoring_gold_rows_read_exactly(capsys):
    found = total = 0
    for gold_path in sorted((CORPUS / "gold").glob("*_monitor*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        tables = read_document(CORPUS / "raw" / f"{gold_path.stem}.txt").tables
        assert tables and all(t.kind == "monitor" for t in tables), gold_path.name
        read = {(_level1(i.level1), i.name, i.annual_value, i.actual, i.likelihood) for t in tables for i in t.indicators}
        for row in gold["indicators"]:
            total += 1
            found += (_level1(row["level1"]), row["name"], row["target"], row["progress"], row["likelihood"]) in read
    with capsys.disabled():
        print(f"\n[语料] 监控表：{found} / {total} 行与金标准完全一致")
    assert total and found == total
