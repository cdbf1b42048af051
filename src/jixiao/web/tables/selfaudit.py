"""自评得分复核 in the web app: a published self-evaluation's audit on its page, the summary across
departments (page and API) and the XLSX export. The audit itself is `jixiao.assess.audit` (through
`engines`); its summary columns are stored with the table (`mapping.summary`), so the portfolio and the
summary read columns only; the table page and the export compute the rows again from the document."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ...forms import numbers
from .. import downloads, engines, permissions, query
from . import mapping, services
from .models import Kind, TargetTableRecord

SUMMARY_COLUMNS = ("id", "department_id", "department__name", "year", "label", "audit_disagreements", "audit_points",
                   "audit_published_points", "audit_kinds")


def consistency(record) -> str:
    """The portfolio's 评分一致性: 一致 / N 处不符 / — (not a self-evaluation, or not audited)."""
    if record.audit_disagreements is None:
        return "—"
    return "一致" if record.audit_disagreements == 0 else f"{record.audit_disagreements} 处不符"


def page_context(record: TargetTableRecord, table) -> dict:
    """What the table page shows of the audit: rows with their disagreement messages, budget, totals, grade."""
    result = engines.self_audit(table)
    if result is None:
        return {"audit": None}
    messages: dict[int, list[str]] = {}
    other = []
    for problem in result.disagreements:
        if problem.row is not None and 0 <= problem.row < len(result.rows):
            messages.setdefault(problem.row, []).append(problem.message)
        else:
            other.append(problem)
    rows = [{"n": n + 1, "row": r, "messages": messages.get(n, []), "kinds": [engines.AUDIT_KINDS.get(k, k) for k in r.kinds]}
            for n, r in enumerate(result.rows)]
    return {"audit": result, "audit_rows": rows, "audit_other": other, "audit_points": engines.audit_points(result)}


# ---- summary across departments --------------------------------------------------------------------

@dataclass
class Line:
    department: str
    department_id: int | None = None
    tables: int = 0
    disagreeing: int = 0
    points: float = 0.0
    published: float = 0.0
    kinds: dict[str, int] = field(default_factory=dict)

    def add(self, values: dict) -> None:
        self.tables += 1
        self.disagreeing += bool(values["audit_disagreements"])
        self.points += values["audit_points"] or 0.0
        self.published += values["audit_published_points"] or 0.0
        for code, n in (values["audit_kinds"] or {}).items():
            self.kinds[code] = self.kinds.get(code, 0) + n

    @property
    def table_share(self) -> float | None:
        return round(self.disagreeing / self.tables, 4) if self.tables else None

    @property
    def point_share(self) -> float | None:
        return round(self.points / self.published, 4) if self.published else None

    def to_json(self) -> dict:
        return {"department": self.department, "department_id": self.department_id, "tables": self.tables,
                "tables_in_disagreement": self.disagreeing, "table_share": self.table_share,
                "points_in_disagreement": round(self.points, 4), "published_points": round(self.published, 4),
                "point_share": self.point_share, "kinds": {code: self.kinds.get(code, 0) for code in engines.AUDIT_KINDS}}


def audited(user, year: int | None = None):
    """The self-evaluation tables the user may see (optionally of one year)."""
    qs = permissions.visible_tables(user, TargetTableRecord.objects.filter(kind=Kind.SELFEVAL))
    return qs.filter(year=year) if year else qs


def summary(user, year: int | None = None) -> dict:
    """By department (one query): tables, tables in disagreement (share), points in disagreement (share of
    the published points), counts by kind; and the same over all departments."""
    lines: dict[int, Line] = {}
    total = Line("合计")
    for values in audited(user, year).values(*SUMMARY_COLUMNS).order_by("department__name", "id"):
        line = lines.setdefault(values["department_id"], Line(values["department__name"], values["department_id"]))
        line.add(values)
        total.add(values)
    return {"year": year, "kinds": dict(engines.AUDIT_KINDS), "departments": [line.to_json() for line in lines.values()],
            "total": total.to_json()}


def _year(request) -> int | None:
    return query.year(request.GET.get("year"))


@login_required
@require_GET
def audit_summary(request):
    if not permissions.can_audit(request.user):
        return _refused(request)
    try:
        year = _year(request)
    except services.Refused as error:
        return _refused(request, error)
    data = summary(request.user, year)
    years = audited(request.user).values_list("year", flat=True).distinct().order_by("-year")
    return render(request, "tables/audit_summary.html", {"summary": data, "year": year, "years": list(years)})


def _refused(request, error: services.Refused | None = None):
    from .views import refused

    return refused(request, error or services.Refused("只有财政审核人员和评价人员可以查看自评得分复核汇总", 403))


# ---- export (XLSX) -----------------------------------------------------------------------------------

ROW_HEADERS = ["序号", "三级指标", "年度指标值", "实际完成值", "分值", "公开得分", "复核得分", "差异", "评分规则", "不符类型", "说明"]
SUMMARY_HEADERS = ["单位", "自评表数", "不符表数", "不符表占比", "不符分值", "公开得分合计", "不符分值占比", *engines.AUDIT_KINDS.values()]


def _safe(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\[\]]', "_", name).strip() or "表"


def workbook(records: list[TargetTableRecord], lines: list[dict]) -> bytes:
    """One sheet per table (its rows, budget, totals, grade) and a 汇总 sheet (the summary lines)."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill

    book = openpyxl.Workbook()
    head = Font(name="宋体", bold=True)
    marked = PatternFill("solid", fgColor="FCE4D6")
    sheet = book.create_sheet("汇总")
    book.remove(book.worksheets[0])
    sheet.append(SUMMARY_HEADERS)
    for line in lines:
        sheet.append([line["department"], line["tables"], line["tables_in_disagreement"], line["table_share"], line["points_in_disagreement"],
                      line["published_points"], line["point_share"], *(line["kinds"][code] for code in engines.AUDIT_KINDS)])
        for cell in (sheet.cell(sheet.max_row, 4), sheet.cell(sheet.max_row, 7)):  # shares of tables and of points
            cell.number_format = numbers.XLSX_PERCENT
    for cell in sheet[1]:
        cell.font = head
    used: set[str] = {"汇总"}
    for record in records:
        result = engines.self_audit(mapping.to_domain(record))
        if result is None:
            continue
        base = _safe(f"{record.department.name}{record.year}{record.label if record.label != record.department.name else ''}")[:28]
        title, k = base, 2
        while title in used:
            title, k = f"{base[:25]}-{k}", k + 1
        used.add(title)
        ws = book.create_sheet(title)
        ws.append([f"{record} 自评得分复核（评分规则：{result.scheme}）"])
        ws["A1"].font = head
        ws.append(ROW_HEADERS)
        for cell in ws[2]:
            cell.font = head
        messages: dict[int, list[str]] = {}
        for problem in result.disagreements:
            if problem.row is not None:
                messages.setdefault(problem.row, []).append(problem.message)
        for n, r in enumerate(result.rows):
            note = "；".join(messages.get(n, [])) or ("需人工复核" if r.needs_review else "")
            ws.append([n + 1, r.name, r.target, r.actual, r.weight, r.published_score, r.score, r.difference, r.rule,
                       "、".join(engines.AUDIT_KINDS.get(k, k) for k in r.kinds), note])
            if r.kinds:
                for cell in ws[ws.max_row]:
                    cell.fill = marked
        b = result.budget
        ws.append([])
        ws.append(["预算执行", None, b.get("full_year"), b.get("executed"), b.get("weight"), b.get("published_score"), b.get("score"), None, b.get("rule")])
        for cell in (ws.cell(ws.max_row, 3), ws.cell(ws.max_row, 4)):  # 全年预算, 执行数 (万元)
            cell.number_format = numbers.XLSX_MONEY
        ws.append(["总分", None, None, None, None, result.total.get("published"), result.total.get("computed")])
        ws.append(["等级", None, None, None, None, result.grade.get("published"), result.grade.get("computed")])
        others = [p.message for p in result.disagreements if p.row is None]
        for message in others:
            ws.append(["不符", message])
        for column, width in zip("ABCDEFGHIJK", (6, 28, 14, 14, 8, 10, 10, 8, 12, 24, 60), strict=True):
            ws.column_dimensions[column].width = width
        for row in ws.iter_rows(min_row=3):
            row[-1].alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@login_required
@require_GET
def table_export(request, pk: int):
    """The audit of one self-evaluation table as XLSX: 自评得分复核-<单位>-<年度>.xlsx."""
    from .views import visible_table

    record = visible_table(request, pk)
    if record.kind != Kind.SELFEVAL:
        raise Http404("该表不是绩效自评表")
    lines = [Line(record.department.name, record.department_id)]
    lines[0].add({"audit_disagreements": record.audit_disagreements, "audit_points": record.audit_points,
                  "audit_published_points": record.audit_published_points, "audit_kinds": record.audit_kinds})
    return downloads.attachment(workbook([record], [lines[0].to_json()]), downloads.file_name(record, "xlsx", "自评得分复核"), fallback="audit.xlsx")


@login_required
@require_GET
def summary_export(request):
    """Every visible self-evaluation's audit (a sheet each) and the summary: 自评得分复核汇总-<年度|全部年度>.xlsx."""
    if not permissions.can_audit(request.user):
        return _refused(request)
    try:
        year = _year(request)
    except services.Refused as error:
        return _refused(request, error)
    data = summary(request.user, year)
    records = list(audited(request.user, year).select_related("department").order_by("department__name", "year", "label", "id"))
    lines = [*data["departments"], data["total"]]
    return downloads.attachment(workbook(records, lines), downloads.named("自评得分复核汇总", year or "全部年度", ext="xlsx"), fallback="audit.xlsx")
