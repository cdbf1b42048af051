"""Cost cross-check (成本测算核对): cost standards × quantities against the funds of their task.

Dimensional: a standard is money per something (1000元/人, 5万元/个, 200元/月/人); it multiplies a
quantity indicator of that something's family (人 → 求学圆梦补贴人数 6400人; 个 → 竞赛数量 20个), and a
per-month standard is annualized (×12). Standards are linked to a task by keywords of the task's
name, content and goal, and to their quantity by keywords of the names (one-to-one, best first);
both links can be set explicitly in `[cost.mapping]` and `[cost.quantities]`. A compound standard
(全国劳模1万元/人；…；市劳模8千元/人) gives a range. Keyword links go through inverted indexes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..finding import Dimension, Severity
from ..quantities import UNIT_FAMILY, Amount, amounts, spread
from ..registry import rule
from ..segment import keywords

SECTION = "cost"


@dataclass
class Line:
    """One costed output: standard × quantity (× months), as a low–high range in 元."""

    standard: int
    quantity: int
    rate: Amount
    count: Amount
    factor: float

    @property
    def low(self) -> float:
        return self.rate.low * self.count.low * self.factor

    @property
    def high(self) -> float:
        return self.rate.high * self.count.high * self.factor

    def text(self) -> str:
        months = f"×{self.factor:g}" if self.factor != 1 else ""
        return f"{_num(self.count.low, self.count.high)}{self.count.unit}×{self.rate.text()}{months}"


def _num(low: float, high: float) -> str:
    f = lambda v: f"{v:,.0f}" if v == int(v) else f"{v:,.1f}"  # noqa: E731
    return f(low) if low == high else f"{f(low)}–{f(high)}"


def _pct(low: float, high: float) -> str:
    return f"{low * 100:.0f}%" if round(low * 100) == round(high * 100) else f"{low * 100:.0f}–{high * 100:.0f}%"


def _standards(ctx) -> dict[int, Amount]:
    """Indicators whose target is money per something, with the (compound) rate as one range."""
    out = {}
    for i in range(len(ctx.indicators)):
        money = tuple(a for a in ctx.target_amounts(i) if a.family == "money" and a.per)
        rate = spread(money)
        if rate is not None:
            out[i] = rate
    return out


def _denominator(rate: Amount, annualize: dict[str, float]) -> tuple[str | None, float]:
    """The family a rate is per (人 → person), and the factor its time denominators give (月 → 12)."""
    family, factor = None, 1.0
    for per in rate.per:
        if per in annualize:
            factor *= annualize[per]
        else:
            family = UNIT_FAMILY.get(per, family)
    return family, factor


def _count(ctx, i: int, family: str) -> Amount | None:
    return ctx.counts[i].get(family)


def _lines(ctx, standards: dict[int, Amount]) -> list[Line]:
    """Pair each standard with its quantity indicator: explicit mapping, else best keyword overlap."""
    conf = ctx.config[SECTION]
    annualize = conf["annualize"]
    names = {ind.name: i for i, ind in enumerate(ctx.indicators)}
    explicit = conf.get("quantities", {})
    words = ctx.name_keywords(SECTION)
    by_word = ctx.by_keyword(SECTION)
    scored: list[tuple[int, int, int, float]] = []  # (score, standard, quantity, factor)
    for s, rate in standards.items():
        family, factor = _denominator(rate, annualize)
        if family is None:
            continue
        target = explicit.get(ctx.indicators[s].name)
        if target in names:
            scored.append((1_000, s, names[target], factor))
            continue
        overlap: dict[int, int] = defaultdict(int)
        for w in words[s]:
            for q in by_word.get(w, ()):
                if q != s and q not in standards:
                    overlap[q] += 1
        scored.extend((n, s, q, factor) for q, n in overlap.items() if _count(ctx, q, family))
    lines, used_s, used_q = [], set(), set()
    for score, s, q, factor in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if s in used_s or q in used_q:
            continue
        used_s.add(s)
        used_q.add(q)
        family, _ = _denominator(standards[s], annualize)
        lines.append(Line(s, q, standards[s], _count(ctx, q, family), factor))
    return lines


def _tasks(ctx):
    return [t for t in (*ctx.table.key_tasks, *ctx.table.other_tasks) if t.funds_yuan]


def checks(ctx) -> list[tuple]:
    """(task, lines, explained low, high, task's uncosted outputs) for each task with a costed standard."""
    cached = ctx.__dict__.get("_cost_checks")
    if cached is not None:
        return cached
    conf = ctx.config[SECTION]
    stop, syn = ctx.words_config(SECTION)
    standards = _standards(ctx)
    lines = _lines(ctx, standards)
    tasks = _tasks(ctx)
    task_words = [keywords(" ".join(filter(None, (t.name, t.content, getattr(t, "goal", None)))), stop, syn) for t in tasks]
    by_word: dict[str, list[int]] = defaultdict(list)
    for k, ws in enumerate(task_words):
        for w in ws:
            by_word[w].append(k)
    task_index = {t.name: k for k, t in enumerate(tasks)}
    explicit = {std: task for task, stds in conf.get("mapping", {}).items() for std in stds}
    grouped: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        name = ctx.indicators[line.standard].name
        if explicit.get(name) in task_index:
            grouped[task_index[explicit[name]]].append(line)
            continue
        overlap: dict[int, int] = defaultdict(int)
        for w in ctx.name_keywords(SECTION)[line.standard]:
            for k in by_word.get(w, ()):
                overlap[k] += 1
        if overlap:
            best = max(overlap.values())
            winners = [k for k, n in overlap.items() if n == best]
            if len(winners) == 1:
                grouped[winners[0]].append(line)
    out = []
    for k, task_lines in sorted(grouped.items()):
        task = tasks[k]
        costed = {ctx.indicators[line.quantity].name for line in task_lines}
        costed_keys = {line.count.key for line in task_lines}
        uncosted = []
        for text in filter(None, (getattr(task, "goal", None), task.content)):
            for a in amounts(text):
                if a.family == "money" or a.key in costed_keys:
                    continue
                for q in ctx.by_quantity.get(a.key, ()):
                    if ctx.indicators[q].name not in costed and q not in [u[0] for u in uncosted]:
                        uncosted.append((q, _count(ctx, q, a.family) or a))
        low = sum(line.low for line in task_lines)
        high = sum(line.high for line in task_lines)
        out.append((task, task_lines, low, high, uncosted))
    ctx.__dict__["_cost_checks"] = out
    return out


def _explained(ctx, task, lines, low, high) -> str:
    parts = " + ".join(line.text() for line in lines)
    return f"“{task.name}”资金 {task.funds_yuan:,.0f}元；按成本标准测算 {parts} = {_num(low, high)}元，占 {_pct(low / task.funds_yuan, high / task.funds_yuan)}"


def _figures(task, lines, low, high, ctx) -> dict:
    return {
        "task": task.name,
        "funds": task.funds_yuan,
        "explained_low": low,
        "explained_high": high,
        "ratio_low": round(low / task.funds_yuan, 4),
        "ratio_high": round(high / task.funds_yuan, 4),
        "standards": [ctx.indicators[line.standard].name for line in lines],
        "quantities": [ctx.indicators[line.quantity].name for line in lines],
    }


@rule("COST-001", Dimension.APPROPRIATE, Severity.WARNING)
def funds_unexplained(ctx, make):
    """资金缺少测算依据: cost standards × quantities explain less than `low` (80%) of the task's funds."""
    floor = ctx.config[SECTION]["low"]
    for task, lines, low, high, _ in checks(ctx):
        if high / task.funds_yuan < floor:
            yield make(
                f"{_explained(ctx, task, lines, low, high)}；其余 {_num(task.funds_yuan - high, task.funds_yuan - low)}元没有任何成本标准说明",
                f"任务“{task.name}”",
                task.sources.get("funds_yuan"),
                "补充其余资金对应的产出及其成本标准，或核减资金",
                **_figures(task, lines, low, high, ctx),
            )


@rule("COST-002", Dimension.APPROPRIATE, Severity.WARNING)
def funds_short(ctx, make):
    """资金不足以覆盖标准: cost standards × quantities exceed the task's funds by more than `high` (105%)."""
    ceiling = ctx.config[SECTION]["high"]
    for task, lines, low, high, _ in checks(ctx):
        if low / task.funds_yuan > ceiling:
            yield make(
                f"{_explained(ctx, task, lines, low, high)}，超出安排的资金",
                f"任务“{task.name}”",
                task.sources.get("funds_yuan"),
                "核对成本标准与数量指标，或调整资金",
                **_figures(task, lines, low, high, ctx),
            )


@rule("COST-003", Dimension.APPROPRIATE, Severity.INFO)
def residual_per_output(ctx, make):
    """测算余额: funds are mostly explained; the residual is spread over the task's uncosted outputs.

    产业工人建设经费: 7,840,000 − 7,400,000 = 440,000元 over ≥700 trainees → ≤ 628.6元 per trainee.
    """
    conf = ctx.config[SECTION]
    for task, lines, low, high, uncosted in checks(ctx):
        ratio_low, ratio_high = low / task.funds_yuan, high / task.funds_yuan
        residual = task.funds_yuan - high
        if ratio_high < conf["low"] or ratio_low > conf["high"] or residual <= 0:
            continue
        figures = _figures(task, lines, low, high, ctx) | {"residual": residual}
        message = f"{_explained(ctx, task, lines, low, high)}；余额 {residual:,.0f}元"
        if uncosted:
            q, count = uncosted[0]
            per_unit = residual / count.low
            bound = "不超过" if count.comparator == "min" else "约"
            message += f"，对应没有成本标准的“{ctx.indicators[q].name}”{'≥' if count.comparator == 'min' else ''}{count.text()}，每{count.unit}{bound} {per_unit:,.1f}元"
            figures |= {"residual_indicator": ctx.indicators[q].name, "residual_quantity": count.low, "per_unit_max": round(per_unit, 1)}
        else:
            message += "，没有对应的产出指标"
        yield make(message, f"任务“{task.name}”", task.sources.get("funds_yuan"), "为余额对应的产出补充成本标准（如培训每人次成本）", **figures)
