"""The official forms at scale: empty groups placed in one pass (the same places as inserting them one by
one), and the XLSX writer's time linear in the rows of the table."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.table import EmptyGroup
from jixiao.forms.official import with_empty_groups

LEVEL1 = st.sampled_from(["产出指标", "效益指标", "满意度指标", "成本指标"])


def _inserted(rows, groups):
    """The placement rule as first written: each group inserted after the last row of its level-1 and the
    group before it (or at the end when its level-1 has no rows) — the reference the one pass must match."""
    rows = list(rows)
    last = -1
    for group in groups:
        at = max((k + 1 for k, r in enumerate(rows) if r[0] == group.level1), default=len(rows))
        at = max(at, last + 1)
        rows.insert(at, (group.level1, group.level2, "", None, None))
        last = at
    return rows


@given(st.lists(LEVEL1, max_size=12), st.lists(st.tuples(LEVEL1, st.text(min_size=1, max_size=3)), max_size=6))
def test_empty_groups_land_where_inserting_them_would_put_them(level1s, groups):
    rows = [(level1, "数量指标", f"指标{k}", None, "1") for k, level1 in enumerate(level1s)]
    empty = [EmptyGroup(level1=level1, level2=level2) for level1, level2 in groups]
    assert with_empty_groups(rows, empty) == _inserted(rows, empty)


def _best(fn, times: int) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best
