"""Project tables (项目支出绩效目标表): the facts a reviewer reads first, and each indicator's wording.

The checks a performance office makes on a project form, each a general rule whose words and
thresholds are configuration (`[project]`): 政策依据 cites the documents the project rests on;
测算依据 shows how the money was computed (单价 × 数量, with its standard) and its arithmetic holds;
年度目标 is concrete; each level-2 group the form requires is filled (or honestly 不适用); every row
has its value and explanation; names are short and in the right group; timeliness values state a
time limit; values are quantified; the number of indicators matches the money. Rules run on tables
with `project` facts and skip the rest.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...domain import framework
from ...domain.problem import Severity
from ...domain.value_search import has_digits
from ..dimension import Dimension
from ..registry import rule

_DOCUMENT_TITLE = re.compile(r"《[^》]{4,}》")
_DOCUMENT_NUMBER = re.compile(r"[〔【\[（(]\s*(?:19|20)\d{2}\s*[〕】\]）)]\s*\d+\s*号|(?:19|20)\d{2}\s*年?\s*第?\s*\d+\s*号")
_NUMBER = r"(\d+(?:\.\d+)?)"
_MONEY = re.compile(_NUMBER + r"\s*(亿元|万元|千元|元|万)(?![/每])")
_PRODUCT = re.compile(_NUMBER + r"\s*([^\d\s×xX*＊=＝，,；;。]{0,6}?)\s*[×xX*＊]\s*" + _NUMBER)
_EQUATION = re.compile(_NUMBER + r"\s*([^\d\s×xX*＊=＝，,；;。]{0,6}?)\s*[×xX*＊]\s*" + _NUMBER + r"\s*([^\d\s×xX*＊=＝，,；;。]{0,6}?)(?:\s*[×xX*＊]\s*" + _NUMBER + r"\s*[^\d\s×xX*＊=＝，,；;。]{0,6}?)?\s*[=＝]\s*" + _NUMBER + r"\s*(亿元|万元|千元|元|万)?")
_RATE = re.compile(_NUMBER + r"\s*(?:亿元|万元|千元|元)\s*[/每]|每[^\d，,；;。]{0,4}" + _NUMBER + r"\s*(?:亿元|万元|千元|元)")
_COUNT = re.compile(_NUMBER + r"\s*(?:个|名|人|次|场|期|台|辆|套|户|家|处|间|栋|份|批|批次|项|月|季度|天|日|小时|平方米|㎡|公里|米|吨|亩)(?![/每])")
_YUAN = {"元": 1.0, "千元": 1e3, "万元": 1e4, "万": 1e4, "亿元": 1e8}


def _project(ctx):
    return ctx.table.project


def _conf(ctx) -> dict:
    return ctx.config["project"]


def _source(project, field: str):
    return project.sources.get(field)


def _fact(ctx, field: str):
    """The project and one of its text facts, trimmed ("" when blank)."""
    project = _project(ctx)
    return project, (getattr(project, field) or "").strip() if project is not None else ""


def _blank(ctx, make, field: str, label: str, suggestion: str):
    """A finding when the project leaves a required text fact blank, pointed at the project's name."""
    project, text = _fact(ctx, field)
    if project is not None and not text:
        yield make(f"{label}未填写", label, _source(project, "name"), suggestion)


# ---- 政策依据 ---------------------------------------------------------------------------------------


@rule("PRJ-001", Dimension.COMPLETE, Severity.ERROR)
def policy_basis_missing(ctx, make):
    """政策依据未填写: the project states no basis for being set up."""
    yield from _blank(ctx, make, "policy_basis", "政策依据", "写明项目设立的依据：文件名称与文号、三定方案中的职责、规划或会议纪要")


@rule("PRJ-002", Dimension.COMPLETE, Severity.WARNING)
def policy_basis_cites_nothing(ctx, make):
    """政策依据不规范: the basis names no document — neither a title in 《》 nor a document number (〔2021〕12号)
    nor the unit's 三定 duties — so a reviewer cannot check it."""
    project, text = _fact(ctx, "policy_basis")
    if project is None or not text:
        return
    duties = any(word in text for word in _conf(ctx)["duty_words"])
    if not (_DOCUMENT_TITLE.search(text) or _DOCUMENT_NUMBER.search(text) or duties):
        yield make(f"政策依据未列明任何文件（{_excerpt(text)}）", "政策依据", _source(project, "policy_basis"), "列明所依据文件的名称（《…》）和文号，或三定方案中的相关职责", chars=len(text))


# ---- 测算依据 ---------------------------------------------------------------------------------------


@rule("PRJ-003", Dimension.COMPLETE, Severity.ERROR)
def cost_basis_missing(ctx, make):
    """测算依据未填写: no account of how the amount was computed."""
    yield from _blank(ctx, make, "cost_basis", "测算依据", "按子项列明“单价 × 数量 = 金额”及所依据的标准")


@rule("PRJ-004", Dimension.COMPLETE, Severity.WARNING)
def cost_basis_without_calculation(ctx, make):
    """测算依据不规范: the basis lists amounts without the calculation (单价 × 数量) or without the
    standard the unit price comes from."""
    project, text = _fact(ctx, "cost_basis")
    if project is None or not text:
        return
    calculation = bool(_PRODUCT.search(text) or (_RATE.search(text) and _COUNT.search(text)))
    standard = bool(_DOCUMENT_TITLE.search(text) or _DOCUMENT_NUMBER.search(text) or any(w in text for w in _conf(ctx)["standard_words"]))
    if calculation and standard:
        return
    missing = "、".join(part for part, ok in (("单价×数量的测算过程", calculation), ("测算标准", standard)) if not ok)
    yield make(f"测算依据缺少{missing}（{_excerpt(text)}）", "测算依据", _source(project, "cost_basis"), "按子项写明“依据《XX标准》，单价 × 数量 = 金额”，再合计为项目总额", missing=missing)


@rule("PRJ-005", Dimension.APPROPRIATE, Severity.WARNING)
def cost_basis_arithmetic(ctx, make):
    """测算依据计算有误: a written product (单价 × 数量 = 金额) does not hold, or the items add up to
    something other than the year's funds."""
    project, text = _fact(ctx, "cost_basis")
    if project is None or not text:
        return
    tolerance = _conf(ctx)["arithmetic_tolerance"]
    for m in _EQUATION.finditer(text):
        product, total = _equation(m)
        if product is not None and total and abs(product - total) > tolerance * total:
            yield make(f"测算式“{m.group(0).strip()}”不成立：按所列单价和数量计算为 {_yuan(product)}", "测算依据", _source(project, "cost_basis"), "核对单价、数量与金额", product_yuan=product, written_yuan=total)
    annual = project.funds.annual.total.yuan
    items = _item_amounts(text)
    if annual and items:
        listed = sum(items)
        if project.funds.unit == "万元" and abs(listed - annual / 1e4) <= tolerance * listed:
            yield make(
                f"本年度项目金额标为 {annual / 1e4:g} 万元，而测算依据各项合计 {listed / 1e4:g} 万元：金额似乎按元填写在“万元”栏",
                "项目资金", _source(project, "funds.total.annual"), "按表头单位（万元）填写金额", listed_yuan=listed, annual_yuan=annual,
            )
        elif len(items) >= 2 and abs(listed - annual) > tolerance * annual:
            yield make(
                f"测算依据所列各项合计 {listed / 1e4:g} 万元，与本年度项目金额 {annual / 1e4:g} 万元不一致",
                "测算依据", _source(project, "cost_basis"), "使测算依据的分项合计等于申报金额", listed_yuan=listed, annual_yuan=annual,
            )


@lru_cache(maxsize=4096)
def _item_amounts(text: str) -> tuple[float, ...]:
    """The money amounts of a cost basis in 元, one per item: the results of products, else the amounts
    written (a rate such as 5000元/人 is not an item)."""
    results = [total for m in _EQUATION.finditer(text) if (total := _equation(m)[1])]
    if results:
        return tuple(results)
    return tuple(float(m.group(1)) * _YUAN[m.group(2)] for m in _MONEY.finditer(text))


def _money_scale(unit: str | None) -> float | None:
    """元 per unit of a written amount: 万元/人 → 10,000; 人 → None (not money)."""
    found = re.match(r"\s*(亿元|万元|千元|元|万)", unit or "")
    return _YUAN[found.group(1)] if found else None


def _equation(m: re.Match) -> tuple[float | None, float | None]:
    """(product, written result), both in 元, of `a × b [× c] = d`; the product is None when no factor
    carries a money unit while the result does (the scale is then unknown)."""
    a, b, c = float(m.group(1)), float(m.group(3)), float(m.group(5) or 1)
    scale = _money_scale(m.group(2)) or _money_scale(m.group(4))
    result_scale = _YUAN.get(m.group(7) or "")
    total = float(m.group(6)) * (result_scale or scale or 1.0)
    if scale is None and result_scale is not None:
        return None, total
    return a * b * c * (scale or 1.0), total


def _yuan(value: float) -> str:
    return f"{value / 1e4:g} 万元" if value >= 1e4 else f"{value:g} 元"


# ---- 年度目标 ---------------------------------------------------------------------------------------


@rule("PRJ-006", Dimension.COMPLETE, Severity.ERROR)
def annual_goal_missing(ctx, make):
    """年度绩效目标未填写."""
    yield from _blank(ctx, make, "annual_goal", "年度目标", "写明“通过做什么（产出），达到什么效果（效益）”，与绩效指标对应")


@rule("PRJ-007", Dimension.COMPLETE, Severity.WARNING)
def annual_goal_vague(ctx, make):
    """年度绩效目标不规范: the goal is too short to say what will be done and to what effect, or it
    has no quantity while the indicators have."""
    project, text = _fact(ctx, "annual_goal")
    if project is None or not text:
        return
    short = len(text) < _conf(ctx)["goal_min_chars"]
    unquantified = not has_digits(text) and sum(has_digits(i.annual_value or i.period_value) for i in ctx.indicators) >= 2
    if short or unquantified:
        why = "过于简单" if short else "缺乏定量表述（指标中的数量未在目标中体现）"
        yield make(f"年度目标{why}：“{_excerpt(text)}”", "年度目标", _source(project, "annual_goal"), "写明做什么、做多少、何时完成、达到什么效果，与产出和效益指标对应", chars=len(text))


# ---- groups the form requires ------------------------------------------------------------------


def _groups(ctx) -> tuple[set[str], set[str]]:
    """Level-2 codes with an indicator, and level-2 codes marked 不适用."""
    filled = {code for _, code in ctx.level_codes if code}
    marked = {framework.level2_code(i.level2, i.level1) for i in ctx.table.not_applicable}
    return filled, {c for c in marked if c}


@rule("PRJ-008", Dimension.COMPLETE, Severity.ERROR)
def required_group_blank(ctx, make):
    """必填的二级指标未填写: a level-2 group the form requires (数量, 质量, 时效, 成本, 社会效益 by
    default) has neither an indicator nor a 不适用 row."""
    if _project(ctx) is None or ctx.table.status == "unfilled":
        return
    filled, marked = _groups(ctx)
    for code in _conf(ctx)["required_level2"]:
        if code not in filled and code not in marked:
            name = framework.level2_name(code)
            yield make(f"{name}为必填项，但未填写", f"绩效指标·{name}", None, f"补充{name}", level2=code)


@rule("PRJ-009", Dimension.COMPLETE, Severity.WARNING)
def required_group_not_applicable(ctx, make):
    """必填分组填为不适用: a group the form requires is marked 不适用 — every project has outputs and a
    social effect to state."""
    if _project(ctx) is None:
        return
    filled, marked = _groups(ctx)
    for code in _conf(ctx)["required_level2"]:
        if code in marked and code not in filled:
            name = framework.level2_name(code)
            source = next((i.sources.get("name") for i in ctx.table.not_applicable if framework.level2_code(i.level2, i.level1) == code), None)
            yield make(f"{name}为必填项，不应填“不适用”", f"绩效指标·{name}", source, f"设置至少一项{name}", level2=code)


@rule("PRJ-018", Dimension.COMPLETE, Severity.ERROR)
def table_unfilled(ctx, make):
    """绩效目标表未填写: the form was submitted as a blank template (headers, no indicators)."""
    if _project(ctx) is not None and ctx.table.status == "unfilled":
        yield make("绩效目标表只有表头，没有填写任何指标", "绩效指标", ctx.table.notes[0].source if ctx.table.notes else None, "填写年度目标和产出、效益指标；面向公众的项目还应设置满意度指标")


# ---- each row ------------------------------------------------------------------------------------


def _rows(ctx):
    if _project(ctx) is None:
        return
    yield from enumerate(ctx.indicators)


@rule("PRJ-010", Dimension.COMPLETE, Severity.ERROR)
def value_blank(ctx, make):
    """绩效指标不能留空: an indicator without a value (a group that does not apply says 不适用 instead)."""
    for i, ind in _rows(ctx):
        if not (ind.annual_value or ind.period_value):
            yield make(f"指标“{ind.name}”没有指标值", f"指标“{ind.name}”", ind.sources.get("name"), "填写指标值；确不涉及的填“不适用”", row=i)


@rule("PRJ-011", Dimension.COMPLETE, Severity.WARNING)
def explanation_blank(ctx, make):
    """指标解释未填写: the form has a 指标解释 column and this row leaves it empty."""
    printed = any(w in c for c in ctx.table.columns for w in ("指标解释", "指标说明"))
    if not (printed or any(i.explanation for i in ctx.indicators)):
        return
    for i, ind in _rows(ctx):
        if not (ind.explanation or "").strip():
            yield make(f"指标“{ind.name}”的指标解释为空", f"指标“{ind.name}”", ind.sources.get("name"), "写明该指标考察的内容、计算方法和数据来源", row=i)


@rule("PRJ-020", Dimension.COMPLETE, Severity.WARNING)
def not_applicable_row_blank(ctx, make):
    """不适用行留有空白: a row marked 不适用 leaves one of its cells (指标值, 指标解释) empty — the form asks
    for 不适用 in every cell of a group that does not apply."""
    if _project(ctx) is None:
        return
    printed = any(w in c for c in ctx.table.columns for w in ("指标解释", "指标说明"))
    for row in ctx.table.not_applicable:
        blank = [label for label, value, shown in (("指标值", row.annual_value or row.period_value, True), ("指标解释", row.explanation, printed)) if shown and not (value or "").strip()]
        if blank:
            yield make(f"“{row.level2}”的不适用行中{'、'.join(blank)}为空", f"绩效指标·{row.level2}", row.sources.get("name"), "在三级指标、指标值和指标解释中都填写“不适用”", level2=row.level2)


@rule("PRJ-012", Dimension.COMPLETE, Severity.INFO)
def explanation_restates(ctx, make):
    """指标解释不规范: the explanation only repeats the name and value instead of saying what is
    measured and how (考察/反映…, 计算方法, 数据来源)."""
    words = tuple(_conf(ctx)["explanation_words"])
    for i, ind in _rows(ctx):
        text = (ind.explanation or "").strip()
        if not text or any(w in text for w in words):
            continue
        rest = text.replace(ind.name, "").replace(ind.annual_value or "", "").strip("：:，, 。")
        if len(rest) <= _conf(ctx)["explanation_min_extra"]:
            yield make(f"指标“{ind.name}”的指标解释只是重复名称和指标值（“{text}”）", f"指标“{ind.name}”", ind.sources.get("explanation"), "写明考察什么、如何计算、数据从哪里来", row=i)


@rule("PRJ-013", Dimension.COMPLETE, Severity.WARNING)
def wrong_group(ctx, make):
    """绩效指标归类不正确: the name says it belongs to another level-2 group — a rate under 数量, a
    count under 质量, a deadline under 质量, a cost under 效益 (name endings are configuration)."""
    signals = _conf(ctx)["group_signals"]
    for i, ind in _rows(ctx):
        own = ctx.level_codes[i][1]
        if own is None:
            continue
        name = ind.name.strip()
        mine = _signal(name, signals.get(own, ()))
        candidates = [(_signal(name, signals.get(code, ())), code) for code in _conf(ctx)["classify_within"].get(own.split(".")[0], ()) if code != own]
        length, code = max(candidates, default=(0, ""))
        if length > mine:
            suggested = framework.level2_name(code)
            yield make(f"指标“{name}”看来属于“{suggested}”，却列在“{ind.level2}”下", f"指标“{name}”", ind.sources.get("level2") or ind.sources.get("name"), f"移至“{suggested}”，或改写指标名称", row=i, suggested=code)


@rule("PRJ-019", Dimension.COMPLETE, Severity.INFO)
def name_unlike_its_group(ctx, make):
    """指标名称不规范: an output indicator's name has none of the endings its group's names usually have
    (数量 → 数量/人数/面积…, 质量 → 合格率/达标率…), so what it counts is unclear."""
    signals = _conf(ctx)["group_signals"]
    for i, ind in _rows(ctx):
        own = ctx.level_codes[i][1]
        if own not in signals or _signal(ind.name.strip(), signals[own]):
            continue
        if any(_signal(ind.name.strip(), signals[c]) for c in _conf(ctx)["classify_within"].get(own.split(".")[0], ()) if c != own):
            continue  # PRJ-013 says where it belongs
        group = framework.level2_name(own)
        yield make(f"指标名称“{ind.name}”看不出是{group}（{group}的名称通常以“{'”“'.join(signals[own][:3])}”等结尾）", f"指标“{ind.name}”", ind.sources.get("name"), f"按{group}的表述改写名称", row=i, level2=own)


def _signal(name: str, endings) -> int:
    """The length of the longest ending of `name` among `endings` (0 when none)."""
    return max((len(e) for e in endings if name.endswith(e)), default=0)


@rule("PRJ-014", Dimension.COMPLETE, Severity.WARNING)
def name_too_long(ctx, make):
    """绩效指标表述过于冗长: a name at or over the configured length (15 characters) is a sentence, not an indicator."""
    limit = _conf(ctx)["name_max_chars"]
    for i, ind in _rows(ctx):
        if len(re.sub(r"\s", "", ind.name)) >= limit:
            yield make(f"指标名称“{ind.name}”有 {len(ind.name)} 个字，表述冗长", f"指标“{ind.name}”", ind.sources.get("name"), "简明表述，如“房屋修缮面积”“验收合格率”", row=i, chars=len(ind.name))


@rule("PRJ-015", Dimension.FEASIBLE, Severity.WARNING)
def timeliness_without_limit(ctx, make):
    """时效指标未体现时限: a 时效 value (及时, 按时) that states no deadline, interval or response time."""
    for i, ind in _rows(ctx):
        if ctx.level_codes[i][1] != "output.timeliness":
            continue
        value = (ind.annual_value or ind.period_value or "").strip()
        if value and not has_digits(value) and not any(w in value for w in _conf(ctx)["deadline_words"]):
            yield make(f"时效指标“{ind.name}”的指标值“{value}”没有体现完成时限", f"指标“{ind.name}”", ind.sources.get("annual_value") or ind.sources.get("name"), "写明时限，如“2025年6月底前”“≤2小时内响应”“每月1次”", row=i, value=value)


@rule("PRJ-016", Dimension.FEASIBLE, Severity.WARNING)
def value_not_quantified(ctx, make):
    """指标值不具量化易评性: a value with no number that is neither a grade nor a vague phrase (those are
    MEA-002's) — 及时, 合规, 完善率 — so the year-end judgement has nothing to measure against."""
    conf = ctx.config["measurability"]
    vague = tuple(conf["vague_terms"])
    grades = set(conf["grade_words"])
    for i, ind in _rows(ctx):
        value = (ind.annual_value or ind.period_value or "").strip()
        if not value or has_digits(value) or value in grades or any(t in value for t in vague) or value in _conf(ctx)["not_applicable_words"]:
            continue
        yield make(f"指标值“{value}”不够量化，难以考核", f"指标“{ind.name}”", ind.sources.get("annual_value") or ind.sources.get("name"), "用百分比或具体数值表示，如“≥95%”“100户”", row=i, value=value)


@rule("PRJ-017", Dimension.APPROPRIATE, Severity.INFO)
def few_indicators_for_the_money(ctx, make):
    """绩效目标与项目资金量不匹配: many 万元 of the year's funds per indicator (configurable), so the
    indicators cannot cover what the money buys."""
    project = _project(ctx)
    if project is None or not ctx.indicators:
        return
    if any(n.code == "FUNDS-UNIT-SUSPECT" for n in ctx.table.notes):
        return  # the amount itself is in doubt (the reader noted it): no ratio to judge
    annual = _plausible_annual(project)
    per = _conf(ctx)["max_wan_per_indicator"]
    if annual and annual / 1e4 / len(ctx.indicators) > per:
        yield make(
            f"本年度项目金额 {annual / 1e4:g} 万元，只设置了 {len(ctx.indicators)} 项指标（每项约 {annual / 1e4 / len(ctx.indicators):.0f} 万元）",
            "绩效指标", _source(project, "funds.total.annual"), "按资金的主要用途补充产出和效益指标", annual_wan=annual / 1e4, indicators=len(ctx.indicators),
        )


def _plausible_annual(project) -> float | None:
    """The year's funds in 元; when the amount in a 万元 field equals the cost basis counted in 元 (an
    amount typed in 元), the cost basis's total."""
    annual = project.funds.annual.total.yuan
    items = _item_amounts((project.cost_basis or "").strip())
    if annual and project.funds.unit == "万元" and items and abs(sum(items) - annual / 1e4) <= 0.01 * sum(items):
        return sum(items)
    return annual


def _excerpt(text: str, width: int = 30) -> str:
    flat = re.sub(r"\s+", " ", text)
    return flat if len(flat) <= width else flat[:width] + "…"
