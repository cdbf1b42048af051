"""The open-data package's resources: every field with its type and a title and description in Chinese and
English, as the `schema` of a Frictionless tabular data resource. `rows.py` fills them; `export.py` writes them."""

from __future__ import annotations

import os

# name, Frictionless type, 中文标题, English title, description (both languages)
Field = tuple[str, str, str, str, str]

TABLES: list[Field] = [
    ("table_id", "integer", "表编号", "Table id", "本系统中的表编号 / id of the table in this system"),
    ("department", "string", "部门（单位）", "Department", "填报或被评价的部门、单位名称 / the reporting or evaluated unit"),
    ("region", "string", "地区", "Region", "部门所在地区 / the unit's region"),
    ("year", "integer", "年度", "Year", "预算年度 / budget year"),
    ("kind", "string", "表类型代码", "Kind", "department_target 部门整体目标表 · project_target 项目目标表 · selfeval 绩效自评表 · monitor 监控表"),
    ("kind_label", "string", "表类型", "Kind (label)", "表类型的中文名称 / the kind in Chinese"),
    ("title", "string", "名称", "Title", "项目名称，或部门名称 / the project's name, or the department's"),
    ("project_code", "string", "项目编码", "Project code", "项目编码（部门整体表为空）/ project code (blank for department tables)"),
    ("fill_status", "string", "填写情况", "Fill status", "filled 已填写 · unfilled 空白模板 / filled or a blank template"),
    ("indicator_count", "integer", "指标数", "Indicators", "三级指标数 / number of level-3 indicators"),
    ("not_applicable_count", "integer", "不适用行数", "Not-applicable rows", "标为“不适用”的行数 / rows marked not applicable"),
    ("review_grade", "string", "审核等级", "Review grade", "按部门审核口径审核的总体等级（优/良/中/差）/ overall review grade (excellent/good/fair/poor)"),
    ("score", "number", "得分", "Score", "自评得分（百分制，未计分为空）/ self-evaluation score out of 100, blank when not scored"),
    ("audit_disagreements", "integer", "评分不符处数", "Score disagreements", "自评表中与评分规则不符的公开得分处数（非自评表为空）/ published scores that break the scoring rules (self-evaluations only)"),
    ("audit_points", "number", "不符分值", "Points in disagreement", "不符之处公开得分与应得分之差的绝对值合计 / sum of |published − computed| over the disagreeing rows"),
    ("version", "integer", "版本", "Version", "表的当前版本号 / the table's current version"),
    ("updated", "datetime", "更新时间", "Updated", "最后修改时间（UTC）/ last change, UTC"),
]

INDICATORS: list[Field] = [
    ("table_id", "integer", "表编号", "Table id", "所属表，见 tables / the table it belongs to (see tables)"),
    ("position", "integer", "序号", "Position", "在表中的顺序（从 1 开始）/ order within the table, from 1"),
    ("level1", "string", "一级指标", "Level-1 indicator", "一级指标，如 产出指标 / level-1 group, e.g. outputs"),
    ("level2", "string", "二级指标", "Level-2 indicator", "二级指标，如 数量指标 / level-2 group, e.g. quantity"),
    ("name", "string", "三级指标", "Indicator", "三级指标名称 / the indicator's name"),
    ("period_value", "string", "实施周期指标值", "Period target", "实施周期（中长期）指标值，原文 / period target as written"),
    ("annual_value", "string", "年度指标值", "Annual target", "年度指标值（自评表为目标值），原文 / annual target as written"),
    ("value_kind", "string", "指标值类型", "Value kind", "quantity 数值 · range 区间 · score 评分 · grade 等级 · descriptive 定性 · compound 复合 · unparsed 未识别"),
    ("comparator", "string", "比较符", "Comparator", "≥ > ≤ < = ≈，或空 / the relation the target states, or blank"),
    ("number", "number", "数值", "Number", "指标值中的数（按原单位）/ the target's number, in its written unit"),
    ("low", "number", "下限", "Lower bound", "可接受的最小值（按原单位）/ lowest acceptable value, written unit"),
    ("high", "number", "上限", "Upper bound", "可接受的最大值（按原单位）/ highest acceptable value, written unit"),
    ("unit", "string", "单位", "Unit", "指标值的单位，原文 / the unit as written"),
    ("direction", "string", "指标方向", "Direction", "正向 higher is better · 反向 lower is better · 区间 within a range · 定性 qualitative"),
    ("weight", "number", "分值", "Weight", "指标分值或权重 / the indicator's points or weight"),
    ("actual", "string", "实际完成值", "Actual", "自评表的实际完成值，原文 / a self-evaluation's actual value as written"),
    ("published_score", "number", "公开得分", "Published score", "自评表中公开的得分 / the score a self-evaluation publishes"),
]

RESOURCES = {"tables": (TABLES, ["table_id"]), "indicators": (INDICATORS, ["table_id", "position"])}

_CC_BY = {
    "name": "CC-BY-4.0",
    "title": "知识共享 署名 4.0 国际 / Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
_NAMED = os.environ.get("JIXIAO_OPEN_DATA_LICENSE", "").strip()
LICENSE = {"name": _NAMED, "title": _NAMED} if _NAMED and _NAMED != "CC-BY-4.0" else _CC_BY


def frictionless_schema(fields: list[Field], key: list[str]) -> dict:
    return {
        "fields": [{"name": n, "type": t, "title": f"{zh} / {en}", "description": d} for n, t, zh, en, d in fields],
        "primaryKey": key,
        "missingValues": [""],
    }
