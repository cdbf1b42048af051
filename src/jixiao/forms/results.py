"""The self-evaluation table (绩效自评表) and the monitoring table (绩效运行监控表) as official-layout Sheets.

Both are placed on the same Block grid as the target table (`official.py`), so the XLSX, HTML and
DOCX renderers print them with the same merges, borders and fonts. Scores come from `assess`
(Evaluation, MonitorReport); nothing is computed here but the layout.
"""

from __future__ import annotations

from ..assess import Evaluation, MonitorReport
from ..assess.monitor import LIGHTS
from ..domain.table import Table
from .numbers import XLSX_PERCENT, money, percent
from .official import Block, Sheet, merge_labels

SELFEVAL_WIDTHS = (10.0, 12.0, 26.0, 16.0, 16.0, 8.0, 8.0, 36.0)
MONITOR_WIDTHS = (10.0, 12.0, 24.0, 14.0, 14.0, 14.0, 10.0, 8.0, 26.0, 26.0)


def spending_words(table: Table) -> str:
    """What a table's self-evaluation evaluates: 部门整体支出 (a department table) or 项目支出 (a project)."""
    if table.kind == "project_target" or (table.kind != "department_target" and table.project is not None):
        return "项目支出"
    return "部门整体支出"


def rules_label(table: Table, evaluation: Evaluation) -> str:
    """The self-evaluation and its scoring rules in words, for the table's kind: 部门整体支出绩效自评（评分规则：财预〔2020〕10号）."""
    from ..assess.scheme import load_scheme

    scheme = load_scheme(evaluation.scheme)
    named = "" if scheme.name == "default" else f"，方案“{scheme.name}”"
    return f"{spending_words(table)}绩效自评（评分规则：{scheme.authority}{named}）"


def _pct(value: float | None) -> str:
    return percent(value)


def _points(value: float) -> str:
    return f"{value:.2f}"


def _title(sheet: Sheet, text: str, subtitle: str | None, width: int) -> None:
    sheet.add(0, text, colspan=width, role="title")
    sheet.next_row()
    if subtitle:
        sheet.add(0, subtitle, colspan=width, role="subtitle")
        sheet.next_row()
    sheet.table_from = sheet.rows


def selfeval_sheet(table: Table, evaluation: Evaluation) -> Sheet:
    width = len(SELFEVAL_WIDTHS)
    sheet = Sheet(name="绩效自评表", widths=SELFEVAL_WIDTHS)
    year = f"{evaluation.year}年度" if evaluation.year else ""
    _title(sheet, f"{year}{spending_words(table)}绩效自评表", f"{table.unit_name or ''}　{rules_label(table, evaluation)}", width)
    b = evaluation.budget
    for col, text in enumerate(("预算执行情况（万元）", "", "全年预算数", "执行数", "执行率", "分值", "得分", "计分说明")):
        if col == 1:
            continue
        sheet.add(col, text, colspan=2 if col == 0 else 1, role="header")
    sheet.next_row()
    sheet.add(0, "预算执行率", colspan=2, role="label")
    sheet.add(2, money(b.budget), role="number", number=b.budget)
    sheet.add(3, money(b.executed), role="number", number=b.executed)
    sheet.add(4, _pct(b.rate), role="number", number=b.rate, number_format=XLSX_PERCENT)
    sheet.add(5, _points(b.weight) if b.applicable else "不适用", role="number", number=b.weight if b.applicable else None)
    sheet.add(6, _points(b.score) if b.applicable else "", role="number", number=b.score if b.applicable else None)
    sheet.add(7, b.explanation, role="long")
    sheet.next_row()
    for col, text in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")):
        sheet.add(col, text, role="header")
    sheet.next_row()
    first = sheet.rows
    rows = [(r.level1, r.level2) for r in evaluation.indicators]
    merge_labels(sheet, rows, first)
    for k, r in enumerate(evaluation.indicators):
        row = first + k
        weight = _points(r.weight) if r.applicable else "不适用"
        reason = r.reason or ("" if r.lost <= 1e-9 or not r.applicable else "（未填写）")
        for col, text, role, number in (
            (2, r.name, "long", None), (3, r.target or "", "long", None), (4, r.actual or "", "long", None),
            (5, weight, "number", r.weight if r.applicable else None), (6, _points(r.score) if r.applicable else "", "number", r.score if r.applicable else None),
            (7, reason, "long", None),
        ):
            sheet.blocks.append(Block(row, col, text, role=role, number=number))
    sheet.rows += len(rows)
    for level in evaluation.levels:
        sheet.add(0, f"{level.level1}小计", colspan=5, role="label")
        sheet.add(5, _points(level.weight), role="number", number=level.weight)
        sheet.add(6, _points(level.score), role="number", number=level.score)
        sheet.add(7, "")
        sheet.next_row()
    rescale = "" if abs(evaluation.max_points - 100) < 1e-6 else f"（适用项满分 {evaluation.max_points:g}，原始得分 {evaluation.raw_total:.2f}，折算为百分制）"
    sheet.add(0, "总分", colspan=5, role="header")
    sheet.add(5, "100.00", role="number", number=100.0)
    sheet.add(6, _points(evaluation.total), role="number", number=evaluation.total)
    sheet.add(7, f"自评等级：{evaluation.grade}{rescale}", role="long")
    sheet.next_row()
    return sheet


def monitor_sheet(table: Table, report: MonitorReport) -> Sheet:
    width = len(MONITOR_WIDTHS)
    sheet = Sheet(name="绩效运行监控表", widths=MONITOR_WIDTHS)
    _title(sheet, f"{report.year}年度绩效运行监控表", f"{table.unit_name or ''}　截至 {report.at.isoformat()}　时间进度 {report.time_progress:.2%}", width)
    b = report.budget
    for col, text in ((0, "预算执行（万元）"), (2, "年初预算数"), (3, "全年预算数"), (4, "执行数"), (5, "执行率"), (6, "时间进度"), (7, "灯"), (8, "说明")):
        sheet.add(col, text, colspan=2 if col in (0, 8) else 1, role="header")
    sheet.next_row()
    sheet.add(0, "预算执行情况", colspan=2, role="label")
    for col, value in ((2, b.initial), (3, b.full_year), (4, b.executed)):
        sheet.add(col, money(value), role="number", number=value)
    sheet.add(5, _pct(b.rate), role="number", number=b.rate, number_format=XLSX_PERCENT)
    sheet.add(6, _pct(b.time_progress), role="number", number=b.time_progress, number_format=XLSX_PERCENT)
    sheet.add(7, LIGHTS[b.light])
    sheet.add(8, b.note, colspan=2, role="long")
    sheet.next_row()
    headers = ("一级指标", "二级指标", "三级指标", "年度指标值", "截至目前完成值", "全年预计完成值", "完成进度", "灯", "偏差原因", "纠偏措施")
    for col, text in enumerate(headers):
        sheet.add(col, text, role="header")
    sheet.next_row()
    first = sheet.rows
    merge_labels(sheet, [(r.level1, r.level2) for r in report.indicators], first)
    for k, r in enumerate(report.indicators):
        cause = "；".join(x for x in (r.cause, r.explanation) if x)
        for col, text, role in (
            (2, r.name, "long"), (3, r.target or "", "long"), (4, r.to_date or "", "long"), (5, r.forecast or "", "long"),
            (6, _pct(r.completion), "number"), (7, LIGHTS[r.light], "cell"), (8, cause or r.note, "long"), (9, r.correction or "", "long"),
        ):
            sheet.blocks.append(Block(first + k, col, text, role=role, number=r.completion if col == 6 else None, number_format=XLSX_PERCENT))
    sheet.rows += len(report.indicators)
    counts = "　".join(f"{LIGHTS[key]} {count} 项" for key, count in report.lights.items())
    sheet.add(0, "汇总", colspan=2, role="header")
    sheet.add(2, counts, colspan=width - 2, role="long")
    sheet.next_row()
    return sheet
