"""Self-evaluations printed without separators, as OCR'd previews and flattened pages print them.

Each mechanism on a small inline table: page markers inside cells, spaces as soft separators, the
columns a fragment prints chosen from the templates (one number a row is its 分值), a header word lost
to OCR completed by a template, the evaluation framework's labels (项目决策, 投入管理) and labels OCR
misread, short group labels (成本, 时效) that names may also hold, not-applicable marks, deadlines and
numbers with a misread digit; and the reader's own doubts reaching the row's confidence.
"""

from __future__ import annotations

from jixiao.ingest import read_document_bytes
from jixiao.ingest.selfeval import read_selfeval_text
from jixiao.ingest.selfeval_fused import joined
from jixiao.ingest.templates import group_labels, templates


def rows_of(text: str) -> list[tuple]:
    return [(r.level1, r.level2, r.name, r.target_text, r.actual, r.weight, r.score) for r in read_selfeval_text(text)]


def test_page_markers_are_dropped_only_where_the_text_runs_on():
    text, where = joined(["一级指标三级指标年度指标值", "2、实际完成值得分", "说明如下：", "3、本表由单位填报。"])
    assert text == "一级指标三级指标年度指标值实际完成值得分说明如下：3、本表由单位填报。"
    assert where[text.index("实际")] == 2


def test_a_value_broken_by_a_page_marker_is_read_whole():
    text = "\n".join([
        "项目支出绩效自评表",
        "一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标数量指标培训人次≥500人次52",
        "2、0人次3030质量指标培训合格率≥95%96%2020",
        "总分100",
    ])
    assert rows_of(text) == [("产出指标", "数量指标", "培训人次", "≥500人次", "520人次", 30, 30),
                             ("产出指标", "质量指标", "培训合格率", "≥95%", "96%", 20, 20)]


def test_a_fragment_without_header_printing_one_number_a_row_gives_its_weights():
    text = "产出指标数量指标培训覆盖率=100% 30 设备采购数量≥12台 30 效益指标社会效益指标群众知晓率≥85% 30 合计100"
    assert rows_of(text) == [("产出指标", "数量指标", "培训覆盖率", "=100%", None, 30, None),
                             ("产出指标", "数量指标", "设备采购数量", "≥12台", None, 30, None),
                             ("效益指标", "社会效益指标", "群众知晓率", "≥85%", None, 30, None)]


def test_a_header_word_lost_to_ocr_is_completed_by_a_template():
    # 参考分值 OCR'd as 考值参分: the header names only 指标值 | 全年实际值 | 得分; the weight-first template holds them
    text = ("三级指标考值参分指标值(A)全年实际值(B)得分产出指标数量指标保障人数102370人2370人10"
            "成本指标办公所需成本415万元15万元4总分")
    assert rows_of(text) == [("产出指标", "数量指标", "保障人数", "2370人", "2370人", 10, 10),
                             ("产出指标", "成本指标", "办公所需成本", "15万元", "15万元", 4, 4)]


def test_evaluation_framework_labels_and_labels_misread_by_ocr():
    text = ("一级指标二级指标三级指标分值指标值全年实际值得分项目决策(10分)项目目标完整性4一目标明确、内容细化4"
            "项目管理(20分)投入管理预算执行率10一100%9项Fl实施制度执行有效性6-严格执行管理制度6"
            "顼目产出(30分)数量指标(10分)保障人数102370人2370人10总分")
    assert rows_of(text) == [
        ("项目决策", "项目目标", "完整性", "一", "目标明确、内容细化", 4, 4),
        ("项目管理", "投入管理", "预算执行率", "一", "100%", 10, 9),
        ("项目管理", "项Fl实施", "制度执行有效性", "-", "严格执行管理制度", 6, 6),
        ("顼目产出", "数量指标", "保障人数", "2370人", "2370人", 10, 10),  # a level-1 garbled by OCR stays as printed
    ]
    assert "项目决策" in group_labels()[0] and "投入管理" in group_labels()[1]


def test_short_group_labels_open_groups_and_names_may_hold_them():
    text = ("三级指标年初目标值(A)实际完成值(B)得分产出 指标数量指标成本控制不超过预算不超过预算10"
            "成本每年运维补助80万元80万元10时效完成验收时间2024年6月底前2024年5月10效益 指标经济效益带动增收5亿元6.2亿元10总分")
    assert rows_of(text) == [
        ("产出指标", "数量指标", "成本控制", "不超过预算", "不超过预算", None, 10),
        ("产出指标", "成本", "每年运维补助", "80万元", "80万元", None, 10),
        ("产出指标", "时效", "完成验收时间", "2024年6月底前", "2024年5月", None, 10),
        ("效益指标", "经济效益", "带动增收", "5亿元", "6.2亿元", None, 10),
    ]


def test_values_misread_by_ocr_keep_their_print():
    text = "三级指标分值指标值全年实际值得分成本指标绿化、水电费等成本3M.8万元14.8万元3维修所需成本335万元35万元3总分"
    assert rows_of(text) == [("成本指标", None, "绿化、水电费等成本", "M.8万元", "14.8万元", 3, 3),
                             ("成本指标", None, "维修所需成本", "35万元", "35万元", 3, 3)]


def test_a_headerless_fragment_of_the_hubei_form_has_no_weights():
    assert any(t.columns[:3] == ("target", "actual", "score") for t in templates("selfeval"))
    text = "产出指标数量指标补贴发放户数120户120户20质量指标补贴发放准确率100%100%20满意度指标服务对象满意度指标受助群众满意度≥90%95%40"
    assert rows_of(text) == [("产出指标", "数量指标", "补贴发放户数", "120户", "120户", None, 20),
                             ("产出指标", "质量指标", "补贴发放准确率", "100%", "100%", None, 20),
                             ("满意度指标", "服务对象满意度指标", "受助群众满意度", "≥90%", "95%", None, 40)]


def test_the_readers_doubts_reach_the_rows_confidence():
    text = ("2024年度项目支出绩效自评表\n三级指标年初目标值(A)实际完成值(B)得分产出指标数量指标补贴渔船数6620"
            "质量指标保证补助专款专用专款专用专款专用10渔船补贴发放率100%100%10补贴发放及时率≥95%98%10"
            "满意度指标服务对象满意度指标渔民满意度≥90%96%30总分100")
    table = read_document_bytes(text.encode("utf-8"), "ocr.txt").tables[0]
    by_name = {i.name: i for i in table.indicators}
    # figures the cut could not read as a row are not lost silently: the row beside them says so
    assert any("未能读成指标行（补贴渔船数6620）" in r for r in by_name["保证补助专款专用"].review_reasons)
    assert by_name["保证补助专款专用"].needs_review
    assert any("分界是推断的" in r for r in by_name["保证补助专款专用"].review_reasons)
    assert not any(by_name[n].needs_review for n in ("渔船补贴发放率", "补贴发放及时率", "渔民满意度"))


def test_digits_fused_into_one_run_are_doubted():
    text = "三级指标年初目标值(A)实际完成值(B)得分产出指标数量指标补贴渔船数66个6620质量指标渔船补贴发放率100%100%10总分100"
    rows = {r.name: r for r in read_selfeval_text(text)}
    assert rows["补贴渔船数"].doubts == ("几个数字连在一起印出，其分界是推断的",)
    assert rows["渔船补贴发放率"].doubts == ()
    # 分值 and 得分 fused (1514) cut one way only when points stay within 100 and the score within its weight
    certain = read_selfeval_text("三级指标年度指标值实际完成值分值得分产出指标数量指标培训人次≥500人次520人次157.5质量指标培训合格率≥95%96%1514总分")
    assert [(r.weight, r.score, r.doubts) for r in certain] == [(15, 7.5, ()), (15, 14, ())]
