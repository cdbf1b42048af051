"""Audit of published self-evaluation scores: tiny published tables, one per kind of disagreement."""

from __future__ import annotations

import json

from corpus_support import corpus_files, gold_target, needs_corpus
from selfeval_support import selfeval_file
from typer.testing import CliRunner

from jixiao.assess.audit import audit, scheme_for
from jixiao.assess.scheme import load_scheme
from jixiao.cli import app
from jixiao.domain.source import Source
from jixiao.domain.table import Indicator, Published, PublishedBudget, Table


def row(name: str, target: str, actual: str | None, weight: float | None, score: float | None, level1: str = "产出指标", level2: str = "数量指标", reason: str | None = None, line: int = 5) -> Indicator:
    return Indicator(level1=level1, level2=level2, name=name, target=target, annual_value=target, actual=actual, weight=weight, score=score, reason=reason,
                     sources={"name": Source(file="se.txt", line=line, column=3), "score": Source(file="se.txt", line=line, column=7)})


def published_table(rows, budget=None, total=None, grade=None, title="2024年度项目支出绩效自评表") -> Table:
    return Table(kind="selfeval", title=title, indicators=list(rows), published=Published(budget=budget, total=total, grade=grade))


def honest_rows() -> list[Indicator]:
    return [
        row("培训人数", "≥500人", "520人", 25, 25, line=5),
        row("培训合格率", "≥95%", "96%", 25, 25, level2="质量指标", line=6),
        row("就业率提升", "≥10%", "8%", 30, 24, level1="效益指标", level2="社会效益指标", reason="企业用工需求下降", line=7),
        row("学员满意度", "≥90%", "92%", 10, 10, level1="满意度指标", level2="服务对象满意度指标", line=8),
    ]


def honest_budget() -> PublishedBudget:
    return PublishedBudget(initial=100, full_year=100, executed=95, rate="95%", weight=10, score=9.5)


def codes(result) -> list[str]:
    return [p.code for p in result.disagreements]


def test_an_honest_published_table_agrees():
    result = audit(published_table(honest_rows(), honest_budget(), total=93.5, grade="优"))
    assert result.agrees and result.scheme == "default"
    assert [r.difference for r in result.rows] == [0, 0, 0, 0]
    assert result.total == {"published": 93.5, "computed": 93.5, "rows_taken_as_published": 0}
    assert result.grade == {"published": "优", "computed": "优"}


def test_each_row_disagreement_is_named():
    rows = honest_rows()
    rows[0] = row("培训人数", "≥500人", "520人", 25, 27)  # above its weight
    rows[1] = row("培训合格率", "≥95%", "96%", 25, 20, level2="质量指标")  # met, points lost, no reason
    rows[2] = row("就业率提升", "≥10%", "8%", 30, 30, level1="效益指标", level2="社会效益指标")  # missed, full marks
    rows[3] = row("学员满意度", "≥90%", "92%", 10, None, level1="满意度指标", level2="服务对象满意度指标")  # unscored
    result = audit(published_table(rows))
    assert codes(result) == ["AUD-OVER-WEIGHT", "AUD-MET-LOST", "AUD-MISSED-FULL", "AUD-UNSCORED"]
    assert [p.row for p in result.disagreements] == [0, 1, 2, 3]
    met = result.disagreements[1]
    assert met.figures == {"published": 20, "computed": 25, "weight": 25} and met.source.column == 7


def test_points_lost_with_a_reason_are_a_difference_not_a_breach():
    rows = honest_rows()
    rows[1] = row("培训合格率", "≥95%", "96%", 25, 20, level2="质量指标", reason="部分学员补考")
    assert codes(audit(published_table(rows))) == ["AUD-DIFF"]


def test_qualitative_scores_inside_their_band_agree_outside_do_not():
    inside = row("制度建设情况", "健全", "达成", 10, 8.5, level2="质量指标")
    outside = row("制度建设情况", "健全", "部分达成", 10, 9, level2="质量指标")
    assert audit(published_table([inside])).agrees
    assert codes(audit(published_table([outside]))) == ["AUD-BAND"]


def test_budget_total_and_grade_are_checked():
    budget = PublishedBudget(full_year=100, executed=95, rate="95%", weight=10, score=10)  # 10 × 95% is 9.5
    result = audit(published_table(honest_rows(), budget, total=90, grade="良"))
    assert codes(result) == ["AUD-BUDGET", "AUD-TOTAL", "AUD-GRADE"]
    assert result.disagreements[1].figures == {"published": 90, "sum": 94.0}


def test_a_locality_scheme_explains_what_the_default_would_flag():
    budget = PublishedBudget(full_year=100, executed=90, rate="90%", weight=20, score=18)  # Hubei: 20 × 执行率
    rows = [row("项目完成数", "10个", "10个", 80, 80)]
    hubei = published_table(rows, budget, title="湖北省襄阳市2023年度项目支出绩效自评表")
    assert scheme_for(hubei).name == "hubei-municipal"
    assert audit(hubei).agrees
    assert "AUD-BUDGET" in codes(audit(hubei, load_scheme("default")))


def test_a_score_beside_no_printed_weight_is_not_judged_against_the_schemes_guess():
    rows = [row("渔船补贴发放率", "100%", "100%", None, 10), row("渔民满意度", "≥90%", "96%", None, 40, level1="满意度指标", level2="服务对象满意度指标")]
    result = audit(published_table(rows, title="湖北省襄阳市2021年度财政项目绩效自评表"))
    assert result.agrees and all(r.score is not None and "分值未印出" in r.rule for r in result.rows)


def test_rows_the_scheme_cannot_judge_need_review():
    rows = [row("年度资金支付完成率100%", "", "", 10, 10)]
    result = audit(published_table(rows))
    assert result.rows[0].needs_review and result.rows[0].score is None and result.agrees
    assert result.total["rows_taken_as_published"] == 1


def test_cli_exit_codes_and_json_contract(tmp_path):
    runner = CliRunner()
    good = runner.invoke(app, ["score", str(selfeval_file(tmp_path, 50, 90)), "--json"])
    assert good.exit_code == 0, good.output
    table = json.loads(good.stdout)["tables"][0]
    assert {"title", "scheme", "rows", "budget", "total", "grade"} <= set(table)
    assert set(table["rows"][0]) >= {"name", "target", "actual", "weight", "published_score", "score", "difference", "rule", "needs_review"}
    assert [(r["target"], r["actual"], r["weight"], r["published_score"], r["score"]) for r in table["rows"]] == [("≥500人", "520人", 50, 50, 50), ("≥90%", "92%", 40, 40, 40)]
    assert table["total"]["published"] == 90
    bad = runner.invoke(app, ["score", str(selfeval_file(tmp_path, 55, 95))], terminal_width=200)
    assert bad.exit_code == 1 and "AUD-OVER-WEIGHT" in bad.output
    assert runner.invoke(app, ["score", str(tmp_path / "nothing.txt")]).exit_code == 2


@needs_corpus
def test_published_corpus_self_evaluations_audited(capsys):
    """The shared corpus's self-evaluations read from their raw files and audited. Per gold row that
    prints a score: the row is found, its published score is the gold's, and its computed score is what
    the scheme gives for the gold's own target, actual and weight (the row audited alone). The tables
    breaking the rules are counted by kind and printed with their rows."""
    from jixiao.ingest import read_document

    found = total = tables = breaking = 0
    kinds: dict[str, int] = {}
    examples: list[str] = []
    for item in corpus_files():
        if not item.selfeval:
            continue
        gold = [g for g in item.gold if g.get("score") is not None]
        total += len(gold)
        read = [t for t in read_document(item.raw).tables if t.kind == "selfeval"]
        results = [audit(table) for table in read]
        for result in results:
            tables += 1
            breaking += not result.agrees
            for p in result.disagreements:
                kinds[p.code] = kinds.get(p.code, 0) + 1
                examples.append(f"{item.raw.name} {p.where}：{p.message}")
        by_name = {r.name: (r, result.scheme) for result in results for r in result.rows}
        for g in gold:
            assert g["name"] in by_name, (item.raw.name, g["name"])
            mine, scheme = by_name[g["name"]]
            assert mine.published_score == g["score"], (item.raw.name, g["name"])
            # a form without a 分值 column (湖北 市级) leaves the weight to the scheme, from the whole table: the
            # row alone takes the weight its table implies; where the form prints one it must be the gold's
            weight = g["weight"] if g["weight"] is not None else mine.weight
            assert g["weight"] is None or mine.weight == g["weight"], (item.raw.name, g["name"])
            alone = audit(Table(kind="selfeval", indicators=[row(g["name"], gold_target(g) or "", g["actual"], weight, g["score"], g.get("level1") or "产出指标", g.get("level2") or "数量指标")]), load_scheme(scheme))
            assert mine.score == alone.rows[0].score, (item.raw.name, g["name"], mine.score, alone.rows[0].score)
            found += 1
    with capsys.disabled():
        print(f"\n[语料] 自评得分复核：{found} / {total} 个有公开得分的金标准行被读到且得分一致；{tables} 张自评表中 {breaking} 张有不符合规则的公开得分；按类：{kinds}")
        for example in examples:
            print(f"    {example}")
    assert found == total and total >= 58


def test_a_folder_of_published_tables_is_audited_line_by_line(tmp_path):
    selfeval_file(tmp_path, 50, 90)
    selfeval_file(tmp_path, 55, 95)
    (tmp_path / "readme.txt").write_text("这是一段说明文字，没有表格。", encoding="utf-8")
    result = CliRunner().invoke(app, ["score", str(tmp_path), "--json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert [line["disagreements"] for line in data["tables"]] == [[], ["AUD-OVER-WEIGHT"]]
    assert data["summary"] == {"tables": 2, "tables_breaking_rules": 1, "by_kind": {"AUD-OVER-WEIGHT": 1}, "unreadable": 1}
    assert data["unreadable"][0]["file"].endswith("readme.txt")
