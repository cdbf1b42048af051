"""Budget arithmetic rules (BUD-*): each with a table that triggers it and one that does not."""

from review_tables import balanced_budget, findings, make_table, other, task

from jixiao.review import Severity


def test_bud001_expenditure_vs_income():
    hit = findings(make_table(budget=balanced_budget(basic=110.0)), "BUD-001")
    assert len(hit) == 1 and hit[0].severity is Severity.ERROR
    assert hit[0].figures == {"expenditure_total": 210.0, "income_total": 200.0}
    assert (hit[0].source.line, hit[0].source.column) == (1, 5)
    assert findings(make_table(), "BUD-001") == []
    assert findings(make_table(budget=balanced_budget(basic=100.004)), "BUD-001") == []  # within 0.01 万元


def test_bud002_by_level_split():
    hit = findings(make_table(budget=balanced_budget(city=150.0, lower=40.0)), "BUD-002")
    assert len(hit) == 1 and hit[0].figures == {"by_level_total": 190.0, "total": 200.0}
    assert findings(make_table(budget=balanced_budget(city=160.0, lower=40.0)), "BUD-002") == []
    # a blank part is BUD-003's business, not a sum error
    assert findings(make_table(budget=balanced_budget(city=None)), "BUD-002") == []


def test_bud003_required_cell_blank():
    hit = findings(make_table(budget=balanced_budget(city=None, lower=0.0)), "BUD-003")
    assert len(hit) == 1 and hit[0].figures == {"field": "by_level.city_level", "expected": 200.0}
    assert (hit[0].source.line, hit[0].source.column) == (3, 5)
    assert findings(make_table(), "BUD-003") == []


def test_bud004_task_funds_exceed_project_spending():
    big = [task("甲", 600_000.0), task("乙", 500_000.0)]  # 110 万元 > 50 + 30 + 20
    hit = findings(make_table(key_tasks=big), "BUD-004")
    assert len(hit) == 1 and hit[0].figures == {"tasks_wan": 110.0, "available_wan": 100.0}
    # other tasks may be paid from basic expenditure: they do not count
    assert findings(make_table(key_tasks=[task("甲", 600_000.0)], other_tasks=[other("丙", 3_000_000.0)]), "BUD-004") == []


def test_bud005_yuan_or_wan():
    hit = findings(make_table(key_tasks=[task("甲", 784.0)]), "BUD-005")
    assert len(hit) == 1 and "疑似按万元填写" in hit[0].message
    hit = findings(make_table(budget=balanced_budget(basic=17_677_200.0, fiscal=17_677_300.0, city=17_677_300.0)), "BUD-005")
    assert [f.figures["amount"] for f in hit] == [17_677_200.0, 17_677_300.0, 17_677_300.0]
    assert findings(make_table(key_tasks=[task("甲", 7_840_000.0)]), "BUD-005") == []


def test_bud003_missing_budget_part_is_one_finding():
    from jixiao.domain.table import Budget

    [hit] = findings(make_table(budget=Budget()), "BUD-003")
    assert hit.message == "表中没有“预算整体情况”部分" and hit.source is None
