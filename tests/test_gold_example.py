"""The golden case: the reading of the published example equals the gold file on every gold field."""

import json

from jixiao.domain.table import Table


def subset_mismatches(gold, actual, path="$"):
    """Every place where `actual` differs from `gold` on a field gold holds (extra fields allowed)."""
    if isinstance(gold, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {actual!r}"]
        out = []
        for key, value in gold.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            else:
                out.extend(subset_mismatches(value, actual[key], f"{path}.{key}"))
        return out
    if isinstance(gold, list):
        if not isinstance(actual, list) or len(gold) != len(actual):
            return [f"{path}: expected {len(gold)} items, got {len(actual) if isinstance(actual, list) else actual!r}"]
        return [m for i, (g, a) in enumerate(zip(gold, actual, strict=True)) for m in subset_mismatches(g, a, f"{path}[{i}]")]
    return [] if gold == actual else [f"{path}: expected {gold!r}, got {actual!r}"]


def test_example_equals_gold(example, gold):
    actual = json.loads(example.canonical_json())
    for ind in gold["indicators"]:
        if ind.get("single_value_slot_ambiguous"):
            # either slot is accepted for these rows: compare the one value, wherever it was put
            got = next(i for i in actual["indicators"] if i["name"] == ind["name"])
            assert got["single_value_slot_ambiguous"] is True
            assert {got["period_value"], got["annual_value"]} == {ind["period_value"], ind["annual_value"]}
            got["period_value"], got["annual_value"] = ind["period_value"], ind["annual_value"]
    assert subset_mismatches(gold, actual) == []


def test_thirty_three_indicators_in_gold_order(example, gold):
    assert [i.name for i in example.indicators] == [i["name"] for i in gold["indicators"]]


def test_ambiguous_slots_are_noted(example):
    single = [n for n in example.notes if n.code == "SLOT-SINGLE"]
    assert [n.source.line for n in single] == [27, 33]
    assert all("年度指标值" in n.message for n in single)


def test_every_value_traces_to_its_cell(example):
    lines = example_lines()
    for indicator in example.indicators:
        for field in ("name", "period_value", "annual_value"):
            text = getattr(indicator, field)
            if text is None:
                assert field not in indicator.sources
                continue
            source = indicator.sources[field]
            assert lines[source.line - 1].split("\t")[source.column - 1].strip() == text


def test_canonical_json_round_trips(example):
    again = Table.model_validate_json(example.canonical_json())
    assert again == example


def example_lines():
    from conftest import EXAMPLE

    return EXAMPLE.read_text(encoding="utf-8").splitlines()


def test_each_goal_knows_its_cell(example):
    table = example
    assert len(table.overall_goal_sources) == len(table.overall_goals) == 6
    assert {(s.line, s.column) for s in table.overall_goal_sources} == {(15, 2)}
