"""Cost cross-check rules (COST-*): standards × quantities against the task's funds."""

from review_tables import complete_indicators, findings, ind, make_table, task

from jixiao.review import load_config


def training_table(funds: float, goal: str = "为600名职工提供技能培训，开展10场竞赛。") -> object:
    indicators = [
        ind("技能培训补贴标准", "800元/人", level2="经济成本指标"),
        ind("竞赛补贴标准", "2万元/场", level2="经济成本指标"),
        ind("技能培训人数", "600人"),
        ind("竞赛场次", "10场"),
        ind("培训合格率", "≥95%", level2="质量指标"),
        ind("培训按期完成率", "100%", level2="时效指标"),
        ind("学员满意度", "≥90%", level2="服务对象满意度"),
    ]
    return make_table(indicators, key_tasks=[task("技能培训竞赛经费", funds, content="技能培训补贴，竞赛补贴", goal=goal)])


def test_cost001_funds_not_explained():
    [hit] = findings(training_table(1_000_000.0), "COST-001")  # 480,000 + 200,000 = 680,000 → 68%
    assert (hit.figures["explained_low"], hit.figures["explained_high"]) == (680_000, 680_000)
    assert "68%" in hit.message and "320,000元" in hit.message
    assert findings(training_table(700_000.0), "COST-001") == []


def test_cost002_funds_short():
    [hit] = findings(training_table(500_000.0), "COST-002")
    assert hit.figures["ratio_low"] == 1.36
    assert findings(training_table(700_000.0), "COST-002") == []


def test_cost003_residual_over_an_uncosted_output():
    table = training_table(800_000.0, goal="为600名职工提供技能培训，开展10场竞赛，为400名以上职工提供法律培训。")
    table = table.model_copy(update={"indicators": [*table.indicators, ind("法律培训人次", "≥400人")]})
    [hit] = findings(table, "COST-003")  # residual 120,000 over ≥400 → ≤ 300元
    assert hit.figures["residual"] == 120_000 and hit.figures["per_unit_max"] == 300.0
    assert hit.figures["residual_indicator"] == "法律培训人次"
    assert findings(training_table(680_000.0), "COST-003") == []  # nothing left over


def test_monthly_compound_standard_is_annualized_as_a_range():
    indicators = [*complete_indicators(), ind("津贴发放标准", "甲类200元/月/人；乙类150元/月/人", level2="经济成本指标"), ind("津贴发放人数", "约100人")]
    table = make_table(indicators, key_tasks=[task("津贴经费", 320_000.0, goal="发放津贴")])
    [hit] = findings(table, "COST-001")  # 100 × 150–200 × 12 = 180,000–240,000 → 56–75%
    assert (hit.figures["explained_low"], hit.figures["explained_high"]) == (180_000, 240_000)
    assert "56–75%" in hit.message


def test_explicit_mapping_overrides_keywords(tmp_path):
    indicators = [*complete_indicators(), ind("甲标准", "1000元/人", level2="经济成本指标"), ind("乙人数", "100人")]
    table = make_table(indicators, key_tasks=[task("丙经费", 500_000.0)])
    assert findings(table, "COST-001") == []  # no shared keyword: nothing is linked
    path = tmp_path / "local.toml"
    path.write_text('[cost.mapping]\n"丙经费" = ["甲标准"]\n[cost.quantities]\n"甲标准" = "乙人数"\n', encoding="utf-8")
    [hit] = findings(table, "COST-001", load_config(path))
    assert hit.figures["explained_high"] == 100_000 and hit.figures["standards"] == ["甲标准"]
