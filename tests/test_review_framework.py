"""Framework completeness rules (FRM-*)."""

from review_tables import complete_indicators, empty_group, findings, ind, make_table


def without(*level2: str):
    return [i for i in complete_indicators() if i.level2 not in level2]


def test_frm001_required_level1():
    hit = findings(make_table(without("服务对象满意度")), "FRM-001")
    assert [f.figures["level1"] for f in hit] == ["satisfaction"]
    assert findings(make_table(), "FRM-001") == []


def test_frm002_usual_level2():
    hit = findings(make_table(without("时效指标")), "FRM-002")
    assert [f.figures["level2"] for f in hit] == ["output.timeliness"]
    assert findings(make_table(), "FRM-002") == []
    # declared but empty is FRM-003's finding, not also FRM-002's
    declared = make_table(without("时效指标"), empty=[empty_group("产出指标", "时效指标", 20)])
    assert findings(declared, "FRM-002") == []


def test_frm003_declared_empty_group():
    hit = findings(make_table(empty=[empty_group("成本指标", "社会成本指标", 31)]), "FRM-003")
    assert len(hit) == 1 and hit[0].source.line == 31 and "社会成本指标" in hit[0].message
    assert findings(make_table(), "FRM-003") == []


def test_frm004_no_core_output_group():
    only_effects = [i for i in complete_indicators() if i.level1 != "产出指标"]
    assert len(findings(make_table(only_effects), "FRM-004")) == 1
    assert findings(make_table(without("数量指标", "质量指标")), "FRM-004") == []  # 时效 is enough


def test_level2_printed_variants_count_as_present():
    variants = [i.model_copy(update={"level2": i.level2.removesuffix("指标")}) for i in complete_indicators()]
    assert findings(make_table(variants), "FRM-002") == []
    assert findings(make_table([*variants, ind("x", "5个")]), "FRM-001") == []


def test_a_table_without_indicators_is_reported_once():
    table = make_table([])
    assert [f.message for f in findings(table, "FRM-001")] == ["表中没有任何绩效指标"]
    assert findings(table, "FRM-002") == [] and findings(table, "FRM-004") == []
