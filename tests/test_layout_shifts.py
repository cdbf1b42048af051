"""The layout reads by content: shifting indicator rows a column left or right changes nothing but notes."""

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.ingest import read_bytes


def _lines(example_path):
    return example_path.read_text(encoding="utf-8").split("\n")


def _shape(table):
    out = []
    for i in table.indicators:
        values = (i.period_value, i.annual_value)
        if i.single_value_slot_ambiguous:  # the chosen slot follows the column: compare the value only
            values = tuple(sorted(v for v in values if v))
        out.append((i.level1, i.level2, i.name, values))
    return out, [(g.level1, g.level2) for g in table.empty_level2]


def _indicator_line_numbers(lines):
    start = next(n for n, line in enumerate(lines) if "一级指标" in line) + 1
    return [n for n in range(start, len(lines)) if lines[n].strip()]


MOVES = st.lists(st.sampled_from(["stay", "right", "left"]), min_size=64, max_size=64)


@settings(max_examples=40, deadline=None)
@given(moves=MOVES)
def test_row_shifts_do_not_change_the_reading(example_path, example, moves):
    lines = _lines(example_path)
    shifted = list(lines)
    for n in _indicator_line_numbers(lines):
        cells = lines[n].split("\t")
        move = moves[n]
        if move == "right":
            cells = ["", *cells]
        elif move == "left" and cells[0] == "" and cells[1] != "":
            cells = [*cells[1:], ""]
        shifted[n] = "\t".join(cells)
    result = read_bytes("\n".join(shifted).encode("utf-8"), "shifted.txt")
    assert _shape(result) == _shape(example)


HEADER = "\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值\n"


def test_a_name_that_is_a_label_word_stays_a_name():
    text = HEADER + "\t满意度指标\t服务对象满意度\t补贴对象满意度\t≥90%\t≥90%\n" + "\t\t\t服务对象满意度\t≥95%\t≥95%\n"
    table = read_bytes(text.encode("utf-8"), "t.txt")
    assert [(i.level2, i.name, i.annual_value) for i in table.indicators] == [
        ("服务对象满意度", "补贴对象满意度", "≥90%"),
        ("服务对象满意度", "服务对象满意度", "≥95%"),
    ]


def test_label_only_row_declares_an_empty_group_and_later_label_claims_orphans():
    text = (
        HEADER
        + "\t成本指标\t经济成本指标\t单价\t5万元/个\t5万元/个\n"
        + "\t\t社会成本指标\t\t\t\n"
        + "\t\t\t培训人数\t100人\t100人\n"  # printed before its merged label
        + "\t产出指标\t数量指标\t培训场次\t10场\t10场\n"
    )
    result = read_bytes(text.encode("utf-8"), "t.txt")
    table = result
    assert [(i.level1, i.level2, i.name) for i in table.indicators] == [
        ("成本指标", "经济成本指标", "单价"),
        ("产出指标", "数量指标", "培训人数"),
        ("产出指标", "数量指标", "培训场次"),
    ]
    assert [(g.level1, g.level2) for g in table.empty_level2] == [("成本指标", "社会成本指标")]
    assert [n.source.line for n in result.notes if n.code == "LABEL-LATE"] == [4]
