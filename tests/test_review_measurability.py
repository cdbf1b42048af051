"""Measurability and value-quality rules (MEA-*)."""

from review_tables import complete_indicators, findings, ind, make_table


def table_with(*extra):
    return make_table(complete_indicators() + list(extra))


def test_mea001_unreadable_value():
    hit = findings(table_with(ind("覆盖率", "95左右", line=30)), "MEA-001")
    assert len(hit) == 1 and hit[0].figures["value"] == "95左右" and hit[0].source.line == 30
    assert "没有计量单位" in hit[0].message
    [hit] = findings(table_with(ind("覆盖率", "≥95%", period="第3批次abc12")), "MEA-001")
    assert hit.figures == {"slot": "实施周期指标值", "value": "第3批次abc12", "reason": "unreadable"} and "无法识别" in hit.message
    assert findings(table_with(ind("完成时间", "2025年12月底前")), "MEA-001") == []  # a deadline
    # an Excel date serial is a date in a 时效 cell, and a number without unit elsewhere
    assert findings(table_with(ind("完成时间", "45291", level2="时效指标")), "MEA-001") == []
    [serial] = findings(table_with(ind("完成数量", "45291")), "MEA-001")
    assert serial.figures["reason"] == "no_unit"
    assert findings(table_with(ind("覆盖率", "≥95%")), "MEA-001") == []


def test_mea002_vague_targets():
    for value in ("有效提升", "良好", "良好以上", "每日运行正常", "明显改善"):
        hit = findings(table_with(ind("服务效果", value, level2="社会效益", line=40)), "MEA-002")
        assert len(hit) == 1 and hit[0].figures["value"] == value
        assert (hit[0].source.line, hit[0].source.column) == (40, 5)
    assert findings(table_with(ind("按时支付水电费", "每月按时支付", level2="时效指标")), "MEA-002") == []
    assert findings(table_with(ind("服务效果", "≥90分", level2="社会效益")), "MEA-002") == []


def test_indicator_findings_carry_the_indicator_row():
    table = table_with(ind("服务效果", "良好", level2="社会效益"), ind("覆盖率", "95左右"))
    for code, name in (("MEA-002", "服务效果"), ("MEA-001", "覆盖率")):
        [hit] = findings(table, code)
        assert hit.row is not None and table.indicators[hit.row].name == name and hit.table is None


def test_mea002_suggestion_follows_the_name():
    [hit] = findings(table_with(ind("律师参与调解效果", "良好", level2="社会效益")), "MEA-002")
    assert "调解成功率" in hit.suggestion


def test_mea003_missing_slot():
    hit = findings(table_with(ind("购买社工岗位数量", "10-12人/年", period=None, line=33)), "MEA-003")
    assert len(hit) == 1 and hit[0].figures["missing"] == "实施周期指标值" and hit[0].source.line == 33
    hit = findings(table_with(ind("某指标", None, period="5个")), "MEA-003")
    assert hit[0].figures["missing"] == "年度指标值"
    assert findings(make_table(), "MEA-003") == []


def test_mea003_single_value_column_tables_are_fine():
    single = [i.model_copy(update={"period_value": None}) for i in complete_indicators()]
    assert findings(make_table(single), "MEA-003") == []


def test_mea004_period_annual_mismatch():
    hit = findings(table_with(ind("竞赛场次", "20场", period="20万元")), "MEA-004")
    assert len(hit) == 1 and "计量单位不一致" in hit[0].message
    hit = findings(table_with(ind("培训人数", "600人", period="500人")), "MEA-004")
    assert len(hit) == 1 and hit[0].figures == {"period": 500, "annual": 600}
    assert findings(table_with(ind("竞赛场次", "20个", period="20个/年"), ind("单位", "3家", period="3家/年")), "MEA-004") == []
    [visits] = findings(table_with(ind("培训人次", "≥700人次", period="≥700人")), "MEA-004")  # people are not visits
    assert "计量单位不一致" in visits.message


def test_mea005_percent_over_100():
    hit = findings(table_with(ind("完成率", "120%", level2="质量指标")), "MEA-005")
    assert len(hit) == 1 and hit[0].figures["value"] == 120
    assert findings(table_with(ind("收入增长率", "120%", level2="社会效益")), "MEA-005") == []
    assert findings(make_table(), "MEA-005") == []


def test_mea006_score_without_maximum():
    hit = findings(table_with(ind("培训效果评价", "8分以上", level2="质量指标")), "MEA-006")
    assert len(hit) == 1 and hit[0].figures["value"] == 8
    assert findings(table_with(ind("培训效果评价", "8分以上 (满分10分)", level2="质量指标")), "MEA-006") == []
    assert findings(table_with(ind("考核得分", "≥90分", level2="质量指标")), "MEA-006") == []  # 百分制
