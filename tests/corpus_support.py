"""The shared corpus's gold rows and the rules that say a read row is exact, for the corpus tests.

A target row is exact when level-1 and level-2 (compared as framework names: gold keeps the canonical
label; a level-1 the table does not print is null in the gold, and a reading that implies it from the
printed level-2 is not penalised for that), the name and both values are equal; a self-evaluation row when the name, the level-2 group,
the target (operator, value and unit as printed), the actual, 分值 and 得分 are. The corpus lives
beside the repository (`<repo>/../shared/corpus`); tests skip with the reason when it is absent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from jixiao.domain import framework
from jixiao.domain.table import Indicator

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
needs_corpus = pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason=f"共享语料库不存在（{CORPUS}），跳过真实表格测试")


def _level1(label):
    code = framework.level1_code(label)
    return framework.level1_name(code) if code else label


def _level2(label, level1):
    code = framework.level2_code(label, level1)
    return framework.level2_name(code) if code else label


def gold_target(row: dict) -> str | None:
    """A self-evaluation gold row's target as printed: operator, value and unit (定性 values alone)."""
    if row.get("target") is None:
        return None
    op = row.get("target_op") or ""
    return row["target"] if op == "定性" else f"{op}{row['target']}{row.get('target_unit') or ''}"


def gold_key(row: dict, selfeval: bool) -> tuple:
    if selfeval:
        return (row["name"], framework.level2_code(row["level2"], row["level1"]), gold_target(row), row["actual"], row["weight"], row["score"])
    return (_level1(row.get("level1")), _level2(row.get("level2"), row.get("level1")), row.get("name"), row.get("period_value"), row.get("annual_value"))


def read_key(indicator: Indicator, selfeval: bool) -> tuple:
    if selfeval:
        return (indicator.name, framework.level2_code(indicator.level2, indicator.level1), indicator.target, indicator.actual, indicator.weight, indicator.score)
    return (_level1(indicator.level1), _level2(indicator.level2, indicator.level1), indicator.name, indicator.period_value, indicator.annual_value)


def read_keys(indicator: Indicator, selfeval: bool) -> set[tuple]:
    """The keys a read row may match: its own, and where its level-1 was not printed but implied by its
    level-2 (数量指标 → 产出指标), the same with level-1 unknown — the gold keeps only what is printed."""
    key = read_key(indicator, selfeval)
    if selfeval or "level1" in indicator.sources or indicator.level1 is None:
        return {key}
    return {key, (None, *key[1:])}


def gold_rows(gold: dict) -> list[dict]:
    return [r for p in gold.get("projects", [gold]) for r in p.get("indicators", [])]


@dataclass
class CorpusFile:
    raw: Path
    selfeval: bool
    gold: list[dict]


def corpus_files() -> Iterator[CorpusFile]:
    """Every raw target and self-evaluation text that has a gold file, targets first."""
    for selfeval, pattern in ((False, "*_target*.json"), (True, "*selfeval*.json")):
        for gold_path in sorted((CORPUS / "gold").glob(pattern)):
            raw = CORPUS / "raw" / f"{gold_path.stem}.txt"
            if raw.exists():
                yield CorpusFile(raw, selfeval, gold_rows(json.loads(gold_path.read_text(encoding="utf-8"))))
