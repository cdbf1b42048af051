"""The self-evaluation report (绩效自评报告) as DOCX: 基本情况, 绩效目标完成情况 with the scored table and a
chart of scores by level-1, 偏差原因分析, 改进措施.

The text is assembled from the table and the Evaluation (scores, lost points, the department's stated
reasons, the engine's flags); it is a draft for the department to edit, not a finished judgement.
"""

from __future__ import annotations

import io

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from ..assess import Evaluation
from ..domain.table import Department, Table
from .chart import level_chart
from .docx import _run_font, add_sheet, new_document
from .numbers import money
from .results import rules_label, selfeval_sheet, spending_words

_IMPROVE = {
    "NO-REASON": "对未得满分但未说明原因的指标，补充偏差原因分析",
    "OVER-ACHIEVED": "对大幅超额完成的指标，下一年度按实际能力提高目标值",
    "NO-ACTUAL": "对未填写实际完成值的指标，补齐佐证材料后重新自评",
    "UNREADABLE": "对无法识别的实际完成值，按指标值的格式（数值与计量单位）重新填写",
    "LOW-EXECUTION": "加快预算执行进度，按月跟踪支出，避免资金沉淀",
    "NO-BUDGET": "补充全年预算数与执行数，使预算执行率纳入评分",
}


def report_bytes(table: Table, evaluation: Evaluation) -> bytes:
    document = new_document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d = table.department or Department()
    unit = d.name or (table.project.name if table.project is not None else None) or ""
    run = title.add_run(f"{unit}{evaluation.year or ''}年度{spending_words(table)}绩效自评报告")
    run.bold = True
    _run_font(run, "宋体")
    _heading(document, "一、基本情况")
    b = table.budget
    document.add_paragraph(
        f"{d.name or '本部门'}财政供养人员 {d.funded_staff if d.funded_staff is not None else '—'} 人，"
        f"下属二级单位 {d.subordinate_units if d.subordinate_units is not None else '—'} 个。"
        f"年度预算支出合计 {_money(b.expenditure_total)} 万元，收入合计 {_money(b.income_total)} 万元；"
        f"设定总体绩效目标 {len(table.overall_goals)} 项、三级绩效指标 {len(table.indicators)} 项。"
    )
    _heading(document, "二、绩效目标完成情况")
    full = sum(1 for r in evaluation.indicators if r.applicable and r.lost <= 1e-9)
    applicable = sum(1 for r in evaluation.indicators if r.applicable)
    rate = f"{evaluation.budget.rate:.2%}" if evaluation.budget.rate is not None else "未提供"
    document.add_paragraph(
        f"按{rules_label(table, evaluation)}评分，自评总分 {evaluation.total:.2f} 分，等级“{evaluation.grade}”。"
        f"适用的 {applicable} 项指标中 {full} 项得满分；预算执行率 {rate}。"
    )
    for level in evaluation.levels:
        document.add_paragraph(f"{level.level1}：得分 {level.score:.2f} / {level.weight:.2f}", style="List Bullet")
    png, labelled = level_chart([(lv.level1, lv.score, lv.weight) for lv in evaluation.levels])
    document.add_picture(io.BytesIO(png), width=Cm(18))
    caption = "图：各一级指标得分与分值"
    if not labelled:
        caption += "（" + "，".join(f"#{n + 1} {lv.level1}" for n, lv in enumerate(evaluation.levels)) + "）"
    document.add_paragraph(caption).alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_sheet(document, selfeval_sheet(table, evaluation), titles=False)
    _heading(document, "三、偏差原因分析")
    lost = [r for r in evaluation.indicators if r.applicable and r.lost > 1e-9]
    if not lost:
        document.add_paragraph("各项指标均完成年度目标，无偏差。")
    for r in lost:
        document.add_paragraph(
            f"{r.name}：目标“{r.target or '—'}”，实际“{r.actual or '未填写'}”，失 {r.lost:.2f} 分。原因：{r.reason or '未说明'}。",
            style="List Number",
        )
    _heading(document, "四、改进措施")
    measures = []
    for flag in evaluation.flags:
        text = _IMPROVE.get(flag.code)
        if text and text not in measures:
            measures.append(text)
    measures += [f"{r.name}：{r.reason}" for r in lost if r.reason]
    if not measures:
        measures = ["保持现有管理措施，继续做好绩效目标跟踪与佐证材料归档。"]
    for text in measures:
        document.add_paragraph(text, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _heading(document, text: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    _run_font(run, "黑体")


def _money(value: float | None) -> str:
    return money(value) or "—"
