"""Framework completeness (指标体系完整性): required level-1 groups, usual level-2 groups, empty groups.

Group names are compared through the framework vocabulary (domain/framework.py), so 社会效益 and
社会效益指标 are one group. Which groups are required is configuration (`[framework]`).
"""

from __future__ import annotations

from ...domain import framework
from ...domain.problem import Severity
from ..dimension import Dimension
from ..registry import rule


def _present(ctx) -> tuple[set[str], set[str]]:
    """Level-1 and level-2 codes that hold at least one indicator."""
    cached = ctx.__dict__.get("_present")
    if cached is None:
        codes = set(ctx.level_codes)
        cached = ({l1 for l1, _ in codes if l1}, {l2 for _, l2 in codes if l2})
        ctx.__dict__["_present"] = cached
    return cached


def _not_applicable(ctx) -> set[str]:
    """Level-1 codes of the rows the table marks 不适用."""
    return {code for i in ctx.table.not_applicable if (code := framework.level1_code(i.level1))}


def _declared_empty(ctx) -> set[str]:
    return {code for g in ctx.table.empty_level2 if (code := framework.level2_code(g.level2, g.level1))}


@rule("FRM-001", Dimension.COMPLETE, Severity.ERROR)
def required_level1(ctx, make):
    """缺少必备一级指标: a required level-1 group (成本/产出/效益/满意度 by default) has no indicator."""
    if not ctx.indicators:
        yield make("表中没有任何绩效指标", "绩效指标", None, "按成本、产出、效益、满意度设置绩效指标")
        return
    level1, _ = _present(ctx)
    for code in ctx.config["framework"]["required_level1"]:
        if code not in level1:
            name = framework.level1_name(code)
            if code in _not_applicable(ctx):
                yield make(f"一级指标“{name}”下的指标均标为“不适用”", f"绩效指标·{name}", None, f"补充“{name}”下的指标，或说明不适用的理由", level1=code)
            else:
                yield make(f"缺少一级指标“{name}”下的任何三级指标", f"绩效指标·{name}", None, f"补充“{name}”下的指标", level1=code)


@rule("FRM-002", Dimension.COMPLETE, Severity.WARNING)
def usual_level2(ctx, make):
    """缺少常用二级指标: a usual level-2 group (数量/质量/时效/社会效益/服务对象满意度) is absent.

    A group declared with no indicators is reported by FRM-003 instead.
    """
    if not ctx.indicators:
        return  # FRM-001 reports the missing indicators once
    _, level2 = _present(ctx)
    empty = _declared_empty(ctx)
    for code in ctx.config["framework"]["usual_level2"]:
        if code not in level2 and code not in empty:
            name = framework.level2_name(code)
            yield make(f"没有“{name}”", f"绩效指标·{name}", None, f"补充“{name}”，或说明不设置的理由", level2=code)


@rule("FRM-003", Dimension.COMPLETE, Severity.WARNING)
def declared_empty(ctx, make):
    """空的二级指标: a level-2 group is printed in the table with no indicator under it."""
    for group in ctx.table.empty_level2:
        where = f"绩效指标·{group.level1 or ''}·{group.level2}"
        yield make(
            f"二级指标“{group.level2}”已列出，但没有三级指标",
            where,
            group.source,
            "补充该类指标；确无此类成本或效益的，删去该分组或注明“不适用”",
            level2=group.level2,
        )


@rule("FRM-004", Dimension.COMPLETE, Severity.ERROR)
def output_core(ctx, make):
    """没有数量/质量/时效指标: the outputs have none of the core level-2 groups."""
    _, level2 = _present(ctx)
    core = ctx.config["framework"]["output_core"]
    if ctx.indicators and not level2.intersection(core):
        names = "、".join(framework.level2_name(c) for c in core)
        yield make(f"产出指标中没有{names}中的任何一项", "绩效指标·产出指标", None, "至少设置一项数量指标，并配以质量、时效指标")
