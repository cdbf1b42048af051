"""Cost cross-check (成本测算核对): cost standards × quantities against the funds of their task.

Dimensional, through the value grammar and its pint units: a standard is money per something
(1000元/人, 5万元/个, 200元/月/人); it pairs with a quantity indicator only when standard × quantity
is money (元/人 × 人 → 元; 元/人 × 人次 is no pair), and a per-month standard is multiplied over the
funding period (元/月/人 × 人 × 1年 → ×12). Standards are linked to a task by keywords of the task's
name, content and goal, and to their quantity by keywords of the names (one-to-one, best first);
both links can be set explicitly in `[cost.mapping]` and `[cost.quantities]`. A compound standard
(全国劳模1万元/人；…；市劳模8千元/人) gives a range. Keyword links go through inverted indexes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from ...domain.problem import Severity
from ...domain.value_search import find_quantities
from ..dimension import Dimension
from ..registry import rule
from ..segment import keywords

SECTION = "cost"


@dataclass(frozen=True, slots=True)
class Rate:
    """A cost standard read by the value grammar: money per something, low–high in 元."""

    low: float
    high: float
    per: str  # the written denominator: 人, 个, 月/人
    unit_text: str


@dataclass(frozen=True, slots=True)
class Count:
    """A quantity indicator's target read by the value grammar (6400人, ≥700人, 约332人)."""

    low: float
    high: float
    unit: str
    comparator: str  # as written: ≥, ≈, or empty


@dataclass
class Line:
    """One costed output: standard × quantity (× the funding period), as a low–high range in 元."""

    standard: int
    quantity: int
    rate: Rate
    count: Count
    factor: float  # 12 for a monthly standard over a year
    low: float
    high: float

    def text(self) -> str:
        period = f"×{self.factor:g}" if self.factor != 1 else ""
        return f"{_num(self.count.low, self.count.high)}{self.count.unit}×{_num(self.rate.low, self.rate.high)}元/{self.rate.per}{period}"


def _num(low: float, high: float) -> str:
    f = lambda v: f"{v:,.0f}" if v == int(v) else f"{v:,.1f}"  # noqa: E731
    return f(low) if low == high else f"{f(low)}–{f(high)}"


def _pct(low: float, high: float) -> str:
    return f"{low * 100:.0f}%" if round(low * 100) == round(high * 100) else f"{low * 100:.0f}–{high * 100:.0f}%"


def _quantities(value) -> list:
    """The pint quantities a parsed value states (a compound's parts, a range's ends)."""
    if value is None or not value.is_quantitative:
        return []
    if value.kind == "compound":
        return [q for part in value.part_values for q in _quantities(part)]
    if value.kind == "range":
        return [value.low(), value.high()]
    q = value.quantity()
    return [q] if q is not None else []


@lru_cache(maxsize=8192)
def rate_of(text: str, level1: str | None) -> Rate | None:
    """A standard: every stated quantity is money per something (1000元/人, 200元/月/人 …)."""
    from ...domain.units import ureg
    from ...domain.values import parse_value

    value = parse_value(text, level1=level1)
    found = _quantities(value)
    money = ureg.yuan.dimensionality
    if not found or any(q.dimensionality == money or "[currency]" not in q.dimensionality for q in found):
        return None
    units = {str(q.units) for q in found}
    if len(units) != 1:
        return None
    written = value.part_values[0].unit_text if value.kind == "compound" else value.unit_text
    per = written.split("/", 1)[1] if written and "/" in written else ""
    return Rate(min(q.magnitude for q in found), max(q.magnitude for q in found), per, written or "")


@lru_cache(maxsize=8192)
def count_of(text: str, level1: str | None) -> Count | None:
    """A plain count or range of counts (no money), as the value grammar reads it."""
    from ...domain.values import parse_value

    value = parse_value(text, level1=level1)
    if value.kind not in ("quantity", "range"):
        return None
    found = _quantities(value)
    if not found or any("[currency]" in q.dimensionality or not q.dimensionality for q in found):
        return None
    return Count(found[0].magnitude, found[-1].magnitude, value.unit_text or "", value.comparator.value)


@lru_cache(maxsize=8192)
def line_factor(rate_text: str, rate_level1: str | None, count_text: str, count_level1: str | None, period: str) -> float | None:
    """元 per (rate magnitude × count magnitude), or None when the units do not multiply into money.

    Dimensional: 1000元/人 × 人 → 元 (1); 200元/月/人 × 人 × 1年 → 元 (12); 元/人 × 人次 → None.
    """
    from pint.errors import DimensionalityError

    from ...domain.units import to_base, ureg
    from ...domain.values import parse_value

    rate_value, count_value = parse_value(rate_text, level1=rate_level1), parse_value(count_text, level1=count_level1)
    rate, count = _quantities(rate_value), _quantities(count_value)
    if not rate or not count:
        return None
    unit_product = ureg.Quantity(1.0, rate[0].units) * ureg.Quantity(1.0, count[0].units)
    for extra in (None, to_base(1, period)):
        try:
            product = unit_product if extra is None else unit_product * extra
            return float(product.to(ureg.yuan).magnitude)
        except DimensionalityError:
            continue
    return None


def _value_text(ind) -> str | None:
    return ind.annual_value or ind.period_value


def _standards(ctx) -> dict[int, Rate]:
    """Indicators whose target is money per something, with the (compound) rate as one range."""
    out = {}
    for i, ind in enumerate(ctx.indicators):
        text = _value_text(ind)
        if text and any(a.is_money and a.per for a in ctx.targets[i]):  # cheap screen first
            rate = rate_of(text, ind.level1)
            if rate is not None:
                out[i] = rate
    return out


def _lines(ctx, standards: dict[int, Rate]) -> list[Line]:
    """Pair each standard with its quantity indicator: explicit mapping, else best keyword overlap;
    a pair whose units do not multiply into 元 is no pair."""
    conf = ctx.config[SECTION]
    period = conf["funding_period"]
    names = {ind.name: i for i, ind in enumerate(ctx.indicators)}
    explicit = conf.get("quantities", {})
    words = ctx.name_keywords(SECTION)
    by_word = ctx.by_keyword(SECTION)
    scored: list[tuple[int, int, int]] = []  # (score, standard, quantity)
    for s in standards:
        target = explicit.get(ctx.indicators[s].name)
        if target in names:
            scored.append((1_000, s, names[target]))
            continue
        overlap: dict[int, int] = defaultdict(int)
        for w in words[s]:
            for q in by_word.get(w, ()):
                if q != s and q not in standards:
                    overlap[q] += 1
        scored.extend((n, s, q) for q, n in overlap.items())
    lines, used_s, used_q = [], set(), set()
    for _, s, q in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if s in used_s or q in used_q:
            continue
        S, Q = ctx.indicators[s], ctx.indicators[q]
        count = count_of(_value_text(Q), Q.level1) if _value_text(Q) else None
        if count is None:
            continue
        factor = line_factor(_value_text(S), S.level1, _value_text(Q), Q.level1, period)
        if factor is None:
            continue
        used_s.add(s)
        used_q.add(q)
        rate = standards[s]
        lines.append(Line(s, q, rate, count, factor, rate.low * count.low * factor, rate.high * count.high * factor))
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
        costed_keys = {key for line in task_lines for key in ctx.target_keys(line.quantity)}
        uncosted: list[tuple[int, Count]] = []
        for text in filter(None, (getattr(task, "goal", None), task.content)):
            for a in find_quantities(text):
                if a.is_money or a.key in costed_keys:
                    continue
                for q in ctx.by_quantity.get(a.key, ()):
                    ind = ctx.indicators[q]
                    count = count_of(_value_text(ind), ind.level1) if _value_text(ind) else None
                    if count and ind.name not in costed and q not in [u[0] for u in uncosted]:
                        uncosted.append((q, count))
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
            at_least = count.comparator in ("≥", ">")
            bound = "不超过" if at_least else "约"
            unit = count.unit.split("/")[0]
            message += f"，对应没有成本标准的“{ctx.indicators[q].name}”{'≥' if at_least else ''}{_num(count.low, count.high)}{unit}，每{unit}{bound} {per_unit:,.1f}元"
            figures |= {"residual_indicator": ctx.indicators[q].name, "residual_quantity": count.low, "per_unit_max": round(per_unit, 1)}
        else:
            message += "，没有对应的产出指标"
        yield make(message, f"任务“{task.name}”", task.sources.get("funds_yuan"), "为余额对应的产出补充成本标准（如培训每人次成本）", **figures)
