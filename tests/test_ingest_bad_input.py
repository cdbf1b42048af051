"""Bad input gives a clear error or a partial table with notes — never a traceback."""

import pytest

from jixiao.ingest import IngestError, read_bytes, read_document_bytes, read_table


def example_text(example_path) -> str:
    return example_path.read_text(encoding="utf-8")


def test_empty_file_is_a_clear_error():
    with pytest.raises(IngestError) as caught:
        read_bytes(b"", "empty.txt")
    assert "为空" in caught.value.message
    assert caught.value.source.file == "empty.txt"


def test_whitespace_only_file_is_empty():
    with pytest.raises(IngestError, match="为空"):
        read_bytes(b"\n\n  \t\n", "blank.txt")


def test_binary_garbage_is_refused():
    garbage = bytes(range(256)) * 40
    with pytest.raises(IngestError, match="二进制"):
        read_bytes(garbage, "garbage.bin")


def test_text_with_no_table_is_refused():
    with pytest.raises(IngestError, match="没有找到绩效目标表"):
        read_bytes("这是一段普通文字。\n没有任何表格。\n".encode(), "prose.txt")


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(IngestError) as caught:
        read_table(tmp_path / "nope.txt")
    assert "不存在" in str(caught.value) and "nope.txt" in str(caught.value)


def test_truncated_table_reads_what_is_there(example_path):
    text = example_text(example_path)
    cut = text[: text.index("公益培训出勤率")]  # cut inside the quality indicators
    result = read_bytes(cut.encode("utf-8"), "cut.txt")
    names = [i.name for i in result.indicators]
    assert names[-1] == "第三方运营服务考核得分(等级)"
    assert len(names) == 19
    assert result.department.name == "东莞市总工会"


def test_truncated_inside_a_character_is_still_utf8(example_path):
    data = example_text(example_path).encode("utf-8")
    cut = data[: data.index("公益培训出勤率".encode()) + 2]  # two bytes into a three-byte character
    document = read_document_bytes(cut, "cut.txt")
    result = document.tables[0]
    assert document.encoding == "utf-8"
    assert result.department.name == "东莞市总工会"


def test_table_with_no_indicator_section_gives_partial_table_and_note(example_path):
    text = example_text(example_path)
    head = text[: text.index("\t一级指标")]
    result = read_bytes(head.encode("utf-8"), "head.txt")
    assert result.indicators == []
    assert result.budget.expenditure.basic == 1767.72
    assert [n.code for n in result.notes if n.code == "NO-INDICATORS"] == ["NO-INDICATORS"]


def test_unknown_level2_label_is_kept_with_a_note():
    text = "\t一级指标\t二级指标\t三级指标\t实施周期指标值\t年度指标值\n" "\t产出指标\t特色指标\t宣传活动场次\t12场\t12场\n"
    result = read_bytes(text.encode("utf-8"), "odd.txt")
    (indicator,) = result.indicators
    assert (indicator.level1, indicator.level2, indicator.name) == ("产出指标", "特色指标", "宣传活动场次")
    (note,) = [n for n in result.notes if n.code == "UNKNOWN-LABEL"]
    assert note.source.line == 2 and note.source.column == 3


def test_gb18030_file_is_detected(example_path):
    data = example_text(example_path).encode("gb18030")
    document = read_document_bytes(data, "gbk.txt")
    result = document.tables[0]
    assert document.encoding == "gb18030"
    assert len(result.indicators) == 33
    assert result.indicators[0].name == "劳模津贴发放标准"


def test_utf8_bom_is_accepted(example_path):
    result = read_bytes(b"\xef\xbb\xbf" + example_text(example_path).encode("utf-8"), "bom.txt")
    assert len(result.indicators) == 33
