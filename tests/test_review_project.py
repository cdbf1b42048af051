"""Project-table rules (PRJ-*): each triggered by a realistic project form, and quiet on a good one."""

from __future__ import annotations

from jixiao.domain.source import Source
from jixiao.domain.table import Amount, FundLine, Funds, Indicator, Project, Table
from jixiao.review import load_config, review

GOOD_POLICY = "根据《深圳市社区工作站管理办法》（深民〔2021〕12号），设立本项目，保障社区工作站运转。"
GOOD_COST = "依据《宝安区物业服务收费标准》，保洁服务 2人 × 3000元/人/月 × 12月 = 7.2万元；安保服务 1人 × 4000元/人/月 × 12月 = 4.8万元；合计 12万元。"
GOOD_GOAL = "通过全年 2 名保洁员、1 名安保员的服务，保障党群服务中心 1 栋大楼整洁安全，居民满意度达到 90% 以上。"

LEVEL1 = {"数量指标": "产出指标", "质量指标": "产出指标", "时效指标": "产出指标", "成本指标": "产出指标", "社会效益指标": "效益指标",
          "经济效益指标": "效益指标", "服务对象满意度指标": "满意度指标"}


def row(level2: str, name: str, value: str | None, explanation: str | None = "考察该项工作的完成情况，按台账统计", line: int = 12) -> Indicator:
    sources = {"name": Source(file="p.xlsx", sheet="1", line=line, column=3)}
    if value is not None:
        sources["annual_value"] = Source(file="p.xlsx", sheet="1", line=line, column=4)
    return Indicator(level1=LEVEL1[level2], level2=level2, name=name, annual_value=value, explanation=explanation, sources=sources)


def good_rows() -> list[Indicator]:
    return [
        row("数量指标", "保洁大楼数量", "1栋", line=12),
        row("质量指标", "保洁合格率", "≥95%", line=13),
        row("时效指标", "问题处理及时率", "2小时内处理", line=14),
        row("成本指标", "保洁安保成本", "≤12万元", line=15),
        row("社会效益指标", "办公环境整洁度提升", "≥90%", line=16),
        row("服务对象满意度指标", "居民满意度", "≥90%", line=17),
    ]


def project_table(indicators=None, not_applicable=(), status="filled", notes=(), columns=("一级指标", "二级指标", "三级指标", "目标值", "指标解释"), **facts) -> Table:
    values = dict(code="440306231391500000191", name="社区工作站保洁安保服务", department="深圳市宝安区松岗街道办事处", unit="深圳市宝安区松岗街道办事处",
                  policy_basis=GOOD_POLICY, cost_basis=GOOD_COST, annual_goal=GOOD_GOAL, mid_term_goal="长期保持党群服务中心整洁安全",
                  funds=Funds(unit="万元", annual=FundLine(total=Amount(text="12", yuan=120_000.0))))
    values.update(facts)
    sources = {k: Source(file="p.xlsx", sheet="1", line=n, column=2) for n, k in enumerate(("code", "name", "policy_basis", "cost_basis", "annual_goal", "funds.total.annual"), 2)}
    return Table(kind="project_target", department=None, status=status, project=Project(**values, sources=sources),
                 indicators=list(good_rows() if indicators is None else indicators), not_applicable=list(not_applicable),
                 columns=list(columns), notes=list(notes), source_file="p.xlsx")


def codes(table: Table, config=None) -> list[str]:
    return [f.code for f in review(table, config).findings]


def found(table: Table, code: str, config=None):
    return [f for f in review(table, config).findings if f.code == code]


def test_a_good_project_form_has_no_project_finding():
    assert [c for c in codes(project_table()) if c.startswith("PRJ")] == []


def test_project_rules_leave_department_tables_alone(example):
    assert not [c for c in codes(example) if c.startswith("PRJ")]


def test_policy_basis_missing_and_citing_nothing():
    assert found(project_table(policy_basis=None), "PRJ-001") and not found(project_table(), "PRJ-001")
    vague = found(project_table(policy_basis="为居民提供更好的服务，保障工作站正常运转。"), "PRJ-002")
    assert vague and vague[0].source.line == 4
    for cited in ("根据三定方案（宝机编【2020】52号）主要职责如下：负责社区服务", "按《宝安区社区治理条例》开展工作", "依据深宝府办函〔2019〕113号"):
        assert not found(project_table(policy_basis=cited), "PRJ-002"), cited


def test_cost_basis_missing_or_without_calculation():
    assert found(project_table(cost_basis=""), "PRJ-003") and not found(project_table(), "PRJ-003")
    (listed,) = found(project_table(cost_basis="保洁服务费18.51万元，安保服务费23.8644万元"), "PRJ-004")
    assert "测算过程" in listed.message and "测算标准" in listed.message
    assert not found(project_table(cost_basis="经费标准参考文件测算，以每人1200元，45人安排。"), "PRJ-004")
    assert found(project_table(cost_basis="按每名专职工作人员1.3万元/人/年核拨"), "PRJ-004")  # a rate with no quantity


def test_cost_basis_arithmetic_and_total():
    (wrong,) = [f for f in found(project_table(cost_basis="依据合同标准，550元*200人*3天=30万元"), "PRJ-005") if "不成立" in f.message]
    assert wrong.figures["product_yuan"] == 330_000 and wrong.figures["written_yuan"] == 300_000
    assert not found(project_table(cost_basis="依据合同标准，550元*200人*3天=33万元", funds=Funds(unit="万元", annual=FundLine(total=Amount(text="33", yuan=330_000.0)))), "PRJ-005")
    (total,) = found(project_table(funds=Funds(unit="万元", annual=FundLine(total=Amount(text="20", yuan=200_000.0)))), "PRJ-005")
    assert total.figures["listed_yuan"] == 120_000
    (slip,) = found(project_table(cost_basis="依据合同价，合同价246740.64元。", funds=Funds(unit="万元", annual=FundLine(total=Amount(text="246800", yuan=2_468_000_000.0)))), "PRJ-005")
    assert "按元填写" in slip.message


def test_annual_goal_missing_or_vague():
    assert found(project_table(annual_goal=None), "PRJ-006") and not found(project_table(), "PRJ-006")
    assert found(project_table(annual_goal="保障工作站运转。"), "PRJ-007")
    assert found(project_table(annual_goal="通过日常为工作人员提供伙食保障，使得工作人员就餐便利，工作更安心。"), "PRJ-007")
    assert not found(project_table(), "PRJ-007")


def test_required_groups_blank_or_not_applicable():
    rows = [r for r in good_rows() if r.level2 != "时效指标"]
    (blank,) = found(project_table(indicators=rows), "PRJ-008")
    assert blank.figures["level2"] == "output.timeliness"
    marked = [row("时效指标", "不适用", "不适用", "不适用")]
    assert not found(project_table(indicators=rows, not_applicable=marked), "PRJ-008")
    assert found(project_table(indicators=rows, not_applicable=marked), "PRJ-009")
    assert not found(project_table(not_applicable=[row("经济效益指标", "不适用", "不适用", "不适用")]), "PRJ-009")
    assert not found(project_table(indicators=[], status="unfilled"), "PRJ-008")


def test_rows_without_value_or_explanation():
    rows = good_rows()
    rows[1] = row("质量指标", "保洁合格率", None, line=13)
    (blank,) = found(project_table(indicators=rows), "PRJ-010")
    assert blank.row == 1 and blank.source.line == 13
    assert not found(project_table(), "PRJ-010")
    rows = good_rows()
    rows[0] = row("数量指标", "保洁大楼数量", "1栋", explanation=None)
    assert [f.row for f in found(project_table(indicators=rows), "PRJ-011")] == [0]
    assert not found(project_table(indicators=[r.model_copy(update={"explanation": None}) for r in good_rows()], columns=("一级指标", "二级指标", "三级指标", "目标值")), "PRJ-011")


def test_explanation_that_only_restates():
    rows = good_rows()
    rows[0] = row("数量指标", "保洁大楼数量", "1栋", explanation="保洁大楼数量1栋")
    assert [f.row for f in found(project_table(indicators=rows), "PRJ-012")] == [0]
    assert not found(project_table(), "PRJ-012")


def test_wrong_group_and_names_unlike_their_group():
    rows = good_rows()
    rows[1] = row("质量指标", "服务居民人数", "≥500人")
    rows[3] = row("数量指标", "问题处理及时率", "100%")
    moved = {f.row: f.figures["suggested"] for f in found(project_table(indicators=rows), "PRJ-013")}
    assert moved == {1: "output.quantity", 3: "output.timeliness"}
    assert not found(project_table(), "PRJ-013")
    rows = good_rows()
    rows[0] = row("数量指标", "档案管理室", "1间")
    assert [f.row for f in found(project_table(indicators=rows), "PRJ-019")] == [0]
    assert not found(project_table(), "PRJ-019")


def test_long_names():
    rows = good_rows()
    rows[4] = row("社会效益指标", "通过及时妥善处置各类突发性群体性事件确保社会稳定", "明显")
    assert [f.row for f in found(project_table(indicators=rows), "PRJ-014")] == [4]
    assert not found(project_table(), "PRJ-014")


def test_timeliness_without_a_limit_and_unquantified_values():
    rows = good_rows()
    rows[2] = row("时效指标", "保洁人员处理卫生的及时性", "及时")
    assert [f.row for f in found(project_table(indicators=rows), "PRJ-015")] == [2]
    assert [f.row for f in found(project_table(indicators=rows), "PRJ-016")] == [2]
    for limited in ("2023年11月底前", "当年完成", "每月1次"):
        rows[2] = row("时效指标", "档案整理完成时间", limited)
        assert not found(project_table(indicators=rows), "PRJ-015"), limited
    rows = good_rows()
    rows[1] = row("质量指标", "预算内经费合规率", "合规")
    assert [f.row for f in found(project_table(indicators=rows), "PRJ-016")] == [1]
    assert not found(project_table(), "PRJ-016")


def test_few_indicators_for_much_money():
    big = Funds(unit="万元", annual=FundLine(total=Amount(text="5000", yuan=50_000_000.0)))
    (few,) = found(project_table(funds=big, cost_basis=GOOD_COST), "PRJ-017")
    assert few.figures["indicators"] == 6
    assert not found(project_table(), "PRJ-017")


def test_unfilled_form_and_not_applicable_rows_left_blank():
    assert found(project_table(indicators=[], status="unfilled"), "PRJ-018") and not found(project_table(), "PRJ-018")
    half = [row("经济效益指标", "不适用", "不适用", explanation=None)]
    (blank,) = found(project_table(not_applicable=half), "PRJ-020")
    assert "指标解释" in blank.message
    assert not found(project_table(not_applicable=[row("经济效益指标", "不适用", "不适用", "不适用")]), "PRJ-020")


def test_the_songgang_checklist_speaks_its_own_words():
    config = load_config("songgang-2023")
    rows = [r for r in good_rows() if r.level2 != "质量指标"]
    report = review(project_table(indicators=rows, policy_basis="为居民服务。"), config)
    assert list(report.dimensions) == ["完整性", "可测性", "可行性"]
    items = {f.checklist_item for f in report.findings}
    assert {"政策依据不规范", "质量指标未填写"} <= items
    policy = next(f for f in report.findings if f.checklist_item == "政策依据不规范")
    assert policy.message.startswith("政策依据过于简单") and "三定方案" in policy.suggestion and policy.dimension == "完整性"
    assert all(f.code in config.only for f in report.findings)
