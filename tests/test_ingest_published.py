"""A self-evaluation's own figures (budget block, 总分, 自评等级) as printed, in the layouts published."""

from __future__ import annotations

from jixiao.ingest.published import read_published
from jixiao.ingest.readers.text import read_text


def _read(text: str):
    return read_published(list(read_text(text.encode(), "se.txt").rows))


def test_space_separated_block_without_its_rate():
    published = _read("年初预算数 全年预算数(A) 全年执行数(B) 分值 执行率(B/A) 得分\n年度资金总额: 880 880 870 10 9.89\n总分 100 98.5\n")
    assert published.budget.model_dump() == {"initial": 880, "full_year": 880, "executed": 870, "rate": None, "weight": 10, "score": 9.89}
    assert published.total == 98.5 and published.sources["total"].line == 3


def test_pipe_block_with_a_rate_and_a_grade():
    published = _read("全年预算数(A) | 全年执行数(B) | 分值 | 执行率(B/A) | 得分 |\n9.48 | 9.48 | 10 | 100% | 10 |\n自评等级：优\n")
    assert (published.budget.full_year, published.budget.rate, published.budget.score) == (9.48, "100%", 10)
    assert published.grade == "优"


def test_a_single_number_on_the_total_row_is_not_taken_for_the_score():
    assert _read("总分 | 100 |\n") is None
    assert _read("这是一段说明。\n") is None
