"""Generated project target forms (二级项目支出绩效目标申报表) and their renderings in every format.

A `Form` is what a budget system prints for one project: a title (and perhaps a year line), the facts
as label | value rows (or two pairs to a row), the indicator header 一级指标 | 二级指标 | 三级指标 |
目标值 | 指标解释 (or 实施周期指标值 | 年度指标值 | 指标解释), indicator rows grouped under the Guangdong
two-level framework (产出/效益/满意度, with 成本指标 as a level-2 group of 产出), groups marked
不适用 | 不适用 | 不适用, and under the block the footnote 备注：作为导入模板，置灰信息无需录入 and/or
signature lines (盖章, 填报人…填报日期, 初审意见). An unfilled template prints the header and the group
labels only. `forms()` is the Hypothesis strategy, `layouts` how a document prints its forms
(`Layout`); the `render_*` functions print the same forms as an XLSX workbook (a sheet per form, or
all forms stacked on one sheet), tab-separated text, HTML (a <table> per form) and DOCX (a table per
form, a page break between forms). Merged labels are merged ranges in XLSX, rowspan in HTML, vMerge
in DOCX, and printed on the first row of their group only in text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from hypothesis import strategies as st

from jixiao.domain import framework

TITLES = ("二级项目支出绩效目标申报表", "项目支出绩效目标表")
HEADER = ("一级指标", "二级指标", "三级指标", "目标值", "指标解释")
HEADER_TWO_VALUES = ("一级指标", "二级指标", "三级指标", "实施周期指标值", "年度指标值", "指标解释")
FOOTNOTE = "备注：作为导入模板，置灰信息无需录入"
NA = "不适用"

# Level-1 → its level-2 groups, in the order the form prints them.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("产出指标", ("数量指标", "质量指标", "时效指标", "成本指标")),
    ("效益指标", ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")),
    ("满意度指标", ("服务对象满意度指标",)),
)

# Level-2 → (三级指标, possible 目标值) as budget units write them.
POOL: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "数量指标": (
        ("新建综合服务楼", ("1栋", "1座")),
        ("开展技能培训人次", ("≥500人次", "不少于800人次")),
        ("采购执法记录仪数量", ("120台", "≥100台")),
        ("举办文化活动场次", ("≥20场", "24场/年")),
        ("覆盖社区数量", ("32个", "全覆盖")),
        ("完成老旧管网改造长度", ("≥3.5公里", "4.2km")),
    ),
    "质量指标": (
        ("工程验收合格率", ("100%", "≥98%")),
        ("设备完好率", ("≥95%", "不低于90%")),
        ("培训考核合格率", ("≥90%", "90%以上")),
        ("档案资料完整性", ("完整规范", "资料齐全")),
    ),
    "时效指标": (
        ("项目完成时间", ("2025年12月31日前", "12月底前完成")),
        ("资金支付及时率", ("100%", "≥95%")),
        ("问题整改响应时间", ("≤24小时", "不超过2个工作日")),
    ),
    "成本指标": (
        ("项目总成本", ("不超过42.37万元", "≤120万元")),
        ("人均培训成本", ("≤800元/人", "不超过650元/人次")),
        ("单位面积改造成本", ("≤350元/平方米",)),
    ),
    "经济效益指标": (
        ("带动就业人数", ("≥50人", "不少于30人")),
        ("节约运行成本", ("≥10万元/年",)),
    ),
    "社会效益指标": (
        ("群众办事便利度", ("明显提升", "有所提高")),
        ("公共服务覆盖率", ("≥85%", "100%")),
        ("安全事故发生次数", ("0次", "≤1起")),
    ),
    "生态效益指标": (
        ("生活污水收集率", ("≥90%",)),
        ("节能减排效果", ("有效减少", "年节电≥2万千瓦时")),
    ),
    "可持续影响指标": (
        ("设施正常使用年限", ("≥10年", "不少于15年")),
        ("长效管护机制", ("建立健全", "持续有效")),
    ),
    "服务对象满意度指标": (
        ("服务对象满意度", ("≥90%", "90%以上")),
        ("参训学员满意度", ("≥85%",)),
        ("辖区群众满意度", ("不低于90%",)),
    ),
}

PLACES = ("东莞市", "南城街道", "松山湖", "虎门镇", "长安镇", "塘厦镇")
SUBJECTS = ("社区综合服务中心建设", "职工技能提升培训", "老旧小区改造", "公共文化服务", "智慧城管平台运维", "河道综合整治", "城市执法装备购置")
UNITS = (("东莞市总工会", "东莞市工人文化宫"), ("东莞市城市管理和综合执法局", "东莞市城市管理和综合执法局"), ("东莞市水务局", "东莞市河道管理中心"), ("东莞市住房和城乡建设局", "东莞市住房和城乡建设局"))


@dataclass(frozen=True)
class Line:
    """An indicator row as printed: labels, the 三级指标, the 目标值 and the 指标解释."""

    level1: str
    level2: str
    name: str = ""
    value: str = ""  # 目标值, or 年度指标值 where the form prints two values
    explanation: str = ""
    period: str = ""  # 实施周期指标值, where the form prints two values

    @property
    def not_applicable(self) -> bool:
        return self.name == NA

    @property
    def blank(self) -> bool:  # a template's group row: labels only
        return not self.name


@dataclass(frozen=True)
class Form:
    title: str | None
    facts: tuple[tuple[str, str], ...]
    lines: tuple[Line, ...]
    unfilled: bool = False
    footer: tuple[str, ...] = (FOOTNOTE,)  # lines under the block: the footnote, signature lines
    year_line: str | None = None  # printed under the title (or alone above the facts): （2025年度）
    two_values: bool = False  # 实施周期指标值 | 年度指标值, else one 目标值

    @property
    def header(self) -> tuple[str, ...]:
        return HEADER_TWO_VALUES if self.two_values else HEADER

    @property
    def head(self) -> list[str]:
        """The lines printed above the facts."""
        return [text for text in (self.title, self.year_line) if text]

    @property
    def code(self) -> str:
        return dict(self.facts)["项目编码"]

    @property
    def name(self) -> str:
        return dict(self.facts)["项目名称"]

    @property
    def indicators(self) -> list[Line]:
        return [line for line in self.lines if not line.blank and not line.not_applicable]

    @property
    def not_applicable(self) -> list[Line]:
        return [line for line in self.lines if line.not_applicable]

    def body(self, *, repeat1: bool = True, repeat2: bool = True) -> list[tuple[str, ...]]:
        """The indicator rows (without header). Without `repeat1` (`repeat2`) a level-1 (level-2)
        label is printed on the first row of its group only, as a merged label comes out of a copy."""
        out, last1, last2 = [], None, None
        for line in self.lines:
            level1 = line.level1 if repeat1 or line.level1 != last1 else ""
            level2 = line.level2 if repeat2 or (line.level1, line.level2) != last2 else ""
            last1, last2 = line.level1, (line.level1, line.level2)
            values = (line.period, line.value) if self.two_values else (line.value,)
            out.append((level1, level2, line.name, *values, line.explanation))
        return out

    def runs(self, level: int) -> list[tuple[int, int]]:
        """Row ranges (first, last; 0-based within the body) of each level-1 (level=1) or level-2 group."""
        key = (lambda line: line.level1) if level == 1 else (lambda line: (line.level1, line.level2))
        out: list[tuple[int, int]] = []
        for i, line in enumerate(self.lines):
            if out and key(self.lines[out[-1][0]]) == key(line):
                out[-1] = (out[-1][0], i)
            else:
                out.append((i, i))
        return out


@dataclass(frozen=True)
class Layout:
    """How every renderer prints the forms of one document."""

    merge_level2: bool = False  # level-2 labels merged vertically too (else repeated on each row)
    blank_lines: int = 1  # blank rows/lines between two forms
    paired_facts: bool = False  # short facts two to a row (项目编码 | … | 项目名称 | …), else one per row

    def fact_rows(self, form: Form) -> list[list[str]]:
        """The facts block as rows of label, value (, label, value)."""
        if not self.paired_facts:
            return [[label, value] for label, value in form.facts]
        rows: list[list[str]] = []
        short = [pair for pair in form.facts if pair[0] not in LONG_FACTS]
        for k in range(0, len(short), 2):
            rows.append([text for pair in short[k:k + 2] for text in pair])
        rows.extend([label, value] for label, value in form.facts if label in LONG_FACTS)
        return rows


# ---- strategies ----------------------------------------------------------------------------------


@st.composite
def _filled_lines(draw, two_values: bool = False) -> tuple[Line, ...]:
    lines: list[Line] = []
    for level1, level2s in GROUPS:
        chosen = draw(st.lists(st.sampled_from(level2s), min_size=1, max_size=len(level2s), unique=True))
        for level2 in [g for g in level2s if g in chosen]:  # the form's order
            if draw(st.integers(0, 3)) == 0:
                lines.append(Line(level1, level2, NA, NA, NA, NA if two_values else ""))
                continue
            picks = draw(st.lists(st.sampled_from(POOL[level2]), min_size=1, max_size=3, unique_by=lambda p: p[0]))
            for name, values in picks:
                explanation = draw(st.sampled_from((f"反映{name}情况", f"考核{name}是否达到预期", "")))
                period = draw(st.sampled_from(values)) if two_values else ""
                lines.append(Line(level1, level2, name, draw(st.sampled_from(values)), explanation, period))
    return tuple(lines)


def _template_lines() -> tuple[Line, ...]:
    return tuple(Line(level1, level2) for level1, level2s in GROUPS for level2 in level2s)


SIGNATURES = ("申报单位（盖章）：", "填报人：李明    联系电话：0769-22831234    填报日期：2025年1月10日", "主管部门初审意见：")
# What a form prints under its indicator block: mostly the template's footnote, sometimes signature lines.
FOOTERS = ((FOOTNOTE,), (FOOTNOTE,), (FOOTNOTE, SIGNATURES[0]), (FOOTNOTE, SIGNATURES[1]), (SIGNATURES[1], SIGNATURES[2]), (SIGNATURES[2],))
LONG_FACTS = ("政策依据", "测算依据", "年度目标", "长期目标")  # printed across the form's width
POLICIES = ("《东莞市市级财政专项资金管理办法》", "《关于加强基层公共服务能力建设的实施意见》（东府〔2023〕12号）")
COSTINGS = ("按2024年实际支出及市场询价测算", "人员经费按标准×人数测算，设备按政府采购目录价格")


def project_facts(code: str, name: str, department: str, unit: str, *, period: str = "2025年1月-2025年12月", kind: str = "一次性项目",
                  total: float = 120.5, annual: float = 42.37, policy: str = POLICIES[0], cost: str = COSTINGS[0]) -> tuple[tuple[str, str], ...]:
    """The facts block of a 申报表, as label | value pairs in the order the form prints them."""
    return (
        ("项目编码", code),
        ("项目名称", name),
        ("申请单位", unit),
        ("一级预算单位", department),
        ("实施期限", period),
        ("项目类型", kind),
        ("项目总金额（中期规划，万元）", f"{total:.2f}"),
        ("本年度项目金额（万元）", f"{annual:.2f}"),
        ("政策依据", policy),
        ("测算依据", cost),
        ("年度目标", f"完成{name}年度建设任务，服务群众不少于5000人次。"),
        ("长期目标", f"持续推进{name}，建立长效管理机制，提升公共服务水平。"),
    )


@st.composite
def forms(draw, *, min_size: int = 1, max_size: int = 6, templates: bool = True, untitled: bool = True) -> list[Form]:
    """1–6 project forms; with `templates` some may be unfilled templates; with `untitled` forms
    after the first may have no title (forms printed one after another, each opening with its facts)."""
    n = draw(st.integers(min_size, max_size))
    names = draw(st.lists(st.tuples(st.sampled_from(PLACES), st.sampled_from(SUBJECTS)).map(lambda p: f"{p[0]}{p[1]}项目"), min_size=n, max_size=n, unique=True))
    codes = draw(st.lists(st.integers(10**13, 10**14 - 1).map(lambda k: f"4419{k}"), min_size=n, max_size=n, unique=True))
    out = []
    for i in range(n):
        unfilled = templates and draw(st.integers(0, 4)) == 0
        title = None if i and untitled and draw(st.integers(0, 3)) == 0 else draw(st.sampled_from(TITLES))
        department, unit = draw(st.sampled_from(UNITS))
        total = draw(st.integers(1000, 999_999)) / 100
        annual = round(total * draw(st.sampled_from((1, 0.5, 0.3))), 2)
        facts = project_facts(
            codes[i], names[i], department, unit,
            period=draw(st.sampled_from(("2025年1月-2025年12月", "2025-2027年", "长期"))),
            kind=draw(st.sampled_from(("一次性项目", "经常性项目", "延续性项目"))),
            total=total, annual=annual,
            policy=draw(st.sampled_from(POLICIES)), cost=draw(st.sampled_from(COSTINGS)),
        )
        two_values = draw(st.booleans())
        lines = _template_lines() if unfilled else draw(_filled_lines(two_values))
        footer = draw(st.sampled_from(FOOTERS))
        year_line = draw(st.sampled_from((None, None, "（2025年度）", "(2025年)")))
        out.append(Form(title=title, facts=facts, lines=lines, unfilled=unfilled, footer=footer, year_line=year_line, two_values=two_values))
    return out


def fixed_forms() -> list[Form]:
    """Three forms for the slow formats (PDF): 不适用 groups, an unfilled template, an indicator
    named like its group (服务对象满意度), cost values such as 不超过42.37万元, and a form printing
    实施周期指标值 and 年度指标值 before its 指标解释."""
    first = (
        Line("产出指标", "数量指标", "新建综合服务楼", "1栋", "反映新建综合服务楼情况"),
        Line("产出指标", "数量指标", "开展技能培训人次", "≥500人次", "考核开展技能培训人次是否达到预期"),
        Line("产出指标", "质量指标", "工程验收合格率", "100%", "反映工程验收合格率情况"),
        Line("产出指标", "时效指标", NA, NA, NA),
        Line("产出指标", "成本指标", "项目总成本", "不超过42.37万元", "反映项目总成本情况"),
        Line("效益指标", "经济效益指标", NA, NA, NA),
        Line("效益指标", "社会效益指标", "公共服务覆盖率", "≥85%", "反映公共服务覆盖率情况"),
        Line("效益指标", "可持续影响指标", "设施正常使用年限", "≥10年", ""),
        Line("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "反映服务对象满意度情况"),
    )
    second = (  # 实施周期指标值 | 年度指标值
        Line("产出指标", "数量指标", "采购执法记录仪数量", "120台", "反映采购执法记录仪数量情况", "360台"),
        Line("产出指标", "时效指标", "资金支付及时率", "100%", "反映资金支付及时率情况", "100%"),
        Line("效益指标", "社会效益指标", "群众办事便利度", "明显提升", "考核群众办事便利度是否达到预期", "有所提高"),
        Line("效益指标", "生态效益指标", NA, NA, NA, NA),
        Line("满意度指标", "服务对象满意度指标", "辖区群众满意度", "不低于90%", "", "≥85%"),
    )
    return [
        Form(TITLES[0], project_facts("441900250000012345", "东莞市社区综合服务中心建设项目", *UNITS[3]), first),
        Form(TITLES[0], project_facts("441900250000012346", "松山湖公共文化服务项目", *UNITS[0]), _template_lines(), unfilled=True, footer=(FOOTNOTE, SIGNATURES[1])),
        Form(TITLES[1], project_facts("441900250000012347", "虎门镇城市执法装备购置项目", *UNITS[1], total=300, annual=100), second, two_values=True),
    ]


def regression_forms() -> list[Form]:
    """Forms that once misread, kept as explicit examples: 产出指标 whose only group is 成本指标 (the
    older framework's level-2 group printed on the level-1 label's row), an indicator named like its
    group (服务对象满意度) on the second row of the group, with an explanation after its value, a
    signature line with a date (填报日期：2025年…) right above a form printed without a title, and a
    form whose every group is 不适用 (it has no indicator, yet it is a filled target table)."""
    first = (
        Line("产出指标", "成本指标", "项目总成本", "不超过42.37万元", "反映项目总成本情况"),
        Line("产出指标", "成本指标", "人均培训成本", "≤800元/人", ""),
        Line("效益指标", "社会效益指标", "群众办事便利度", "明显提升", "考核群众办事便利度是否达到预期"),
        Line("满意度指标", "服务对象满意度指标", "参训学员满意度", "≥85%", "反映参训学员满意度情况"),
        Line("满意度指标", "服务对象满意度指标", "服务对象满意度", "90%以上", "考核服务对象满意度是否达到预期"),
    )
    all_na = (
        Line("产出指标", "成本指标", NA, NA, NA),
        Line("效益指标", "经济效益指标", NA, NA, NA),
        Line("满意度指标", "服务对象满意度指标", NA, NA, NA),
    )
    return [
        Form(TITLES[1], project_facts("441900250000020001", "长安镇老旧小区改造项目", *UNITS[3]), first, footer=(FOOTNOTE, SIGNATURES[1])),
        Form(None, project_facts("441900250000020002", "塘厦镇河道综合整治项目", *UNITS[2]), all_na),
    ]


layouts = st.builds(Layout, merge_level2=st.booleans(), blank_lines=st.integers(0, 2), paired_facts=st.booleans())


# ---- renderers -----------------------------------------------------------------------------------


def sheet_name(i: int, form: Form) -> str:
    return f"{i + 1}-{form.name[:20]}"


def render_text(forms: list[Form], layout: Layout = Layout(), *, before: str = "") -> tuple[bytes, list[int]]:
    """Tab-separated text, one form after another (`before`: text printed ahead of them); and the
    line each form starts on (1-based). A level-1 label is printed on the first row of its group, as
    a merged cell comes out of a copy; a level-2 label too when `layout.merge_level2`."""
    lines: list[str] = before.splitlines()
    starts: list[int] = []
    for form in forms:
        if lines:
            lines.extend([""] * (layout.blank_lines if starts else max(layout.blank_lines, 1)))
        starts.append(len(lines) + 1)
        lines.extend(form.head)
        lines.extend("\t".join(row) for row in layout.fact_rows(form))
        lines.append("\t".join(form.header))
        lines.extend("\t".join(row) for row in form.body(repeat1=False, repeat2=not layout.merge_level2))
        lines.extend(form.footer)
    return ("\n".join(lines) + "\n").encode("utf-8"), starts


def _matrix(form: Form, layout: Layout) -> tuple[list[list[str]], list[tuple[int, int, int, int]], int]:
    """The form as rows of cells, as many as its header has, and its merged ranges (first row, first col, last row, last
    col; 0-based), head and footer included; and the row the indicator header is on."""
    rows: list[list[str]] = []
    merges: list[tuple[int, int, int, int]] = []
    width = len(form.header)

    def wide(text: str) -> None:
        merges.append((len(rows), 0, len(rows), width - 1))
        rows.append([text] + [""] * (width - 1))

    for text in form.head:
        wide(text)
    for cells in layout.fact_rows(form):
        merges.append((len(rows), len(cells) - 1, len(rows), width - 1))  # the last value runs to the edge
        rows.append(cells + [""] * (width - len(cells)))
    header = len(rows)
    rows.append(list(form.header))
    first = len(rows)
    body = form.body()
    levels = (1, 2) if layout.merge_level2 else (1,)
    for level in levels:
        for a, b in form.runs(level):
            if b > a:
                merges.append((first + a, level - 1, first + b, level - 1))
                for r in range(a + 1, b + 1):
                    body[r] = tuple("" if c == level - 1 else t for c, t in enumerate(body[r]))
    rows.extend(list(row) for row in body)
    for text in form.footer:
        wide(text)
    return rows, merges, header


def _workbook_bytes(book) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write(ws, rows, merges, top: int = 0) -> None:
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text:
                ws.cell(row=top + r + 1, column=c + 1, value=text)
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=top + r0 + 1, start_column=c0 + 1, end_row=top + r1 + 1, end_column=c1 + 1)


COVER = ("填表说明", "1. 置灰信息由系统带出，无需录入；", "2. 三级指标应细化、量化，目标值应可衡量、可考核；", "3. 不涉及的二级指标请填写“不适用”。")


def render_xlsx_sheets(forms: list[Form], layout: Layout = Layout(), *, cover: bool = False) -> bytes:
    """A workbook with one form per sheet, named by `sheet_name`; with `cover`, a first sheet of
    instructions (填表说明) that holds no table."""
    import openpyxl

    book = openpyxl.Workbook()
    default = book.active
    assert default is not None  # a new workbook has one sheet
    book.remove(default)
    if cover:
        ws = book.create_sheet("填表说明")
        for r, text in enumerate(COVER, start=1):
            ws.cell(row=r, column=1, value=text)
    for i, form in enumerate(forms):
        rows, merges, _ = _matrix(form, layout)
        _write(book.create_sheet(sheet_name(i, form)), rows, merges)
    return _workbook_bytes(book)


def render_xlsx_stacked(forms: list[Form], layout: Layout = Layout(), sheet: str = "项目绩效目标") -> tuple[bytes, list[int]]:
    """One sheet with the forms one under another; and the row each form starts on (1-based)."""
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None  # a new workbook has one sheet
    ws.title = sheet
    top, starts = 0, []
    for i, form in enumerate(forms):
        if i:
            top += layout.blank_lines
        rows, merges, _ = _matrix(form, layout)
        starts.append(top + 1)
        _write(ws, rows, merges, top)
        top += len(rows)
    return _workbook_bytes(book), starts


def render_html(forms: list[Form], layout: Layout = Layout()) -> bytes:
    """A web page: per form a heading, one <table> (rowspan for merged labels), the footer below."""
    from html import escape

    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>项目支出绩效目标</title></head><body>']
    for form in forms:
        rows, merges, header = _matrix(form, layout)
        title_rows = len(form.head)
        foot_rows = len(form.footer)
        parts.extend(f"<h2>{escape(text)}</h2>" if k == 0 and form.title else f"<p>{escape(text)}</p>" for k, text in enumerate(form.head))
        covered = {(r, c) for r0, c0, r1, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1) if (r, c) != (r0, c0)}
        heads = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in merges}
        parts.append('<table border="1">')
        for r in range(title_rows, len(rows) - foot_rows):
            tag = "th" if r == header else "td"
            cells = []
            for c, text in enumerate(rows[r]):
                if (r, c) in covered:
                    continue
                rowspan, colspan = heads.get((r, c), (1, 1))
                attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
                cells.append(f"<{tag}{attrs}>{escape(text)}</{tag}>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
        parts.extend(f"<p>{escape(text)}</p>" for text in form.footer)
    parts.append("</body></html>")
    return "\n".join(parts).encode("utf-8")


def render_docx(forms: list[Form], layout: Layout = Layout()) -> bytes:
    """A Word document: per form the title paragraph, one table, the footer; a page break between."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    for i, form in enumerate(forms):
        if i:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        rows, merges, _ = _matrix(form, layout)
        title_rows = len(form.head)
        foot_rows = len(form.footer)
        for text in form.head:
            document.add_paragraph(text)
        body = rows[title_rows: len(rows) - foot_rows]
        table = document.add_table(rows=len(body), cols=len(form.header))
        table.style = "Table Grid"
        for r0, c0, r1, c1 in merges:
            if r0 < title_rows or r0 >= len(rows) - foot_rows:
                continue
            table.cell(r0 - title_rows, c0).merge(table.cell(r1 - title_rows, c1))
        for r, row in enumerate(body):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        for text in form.footer:
            document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def expected_indicators(lines: list[Line]) -> list[tuple]:
    """What the reader must give for indicator rows: framework codes, name, 实施周期指标值, 年度指标值
    (or 目标值), 指标解释."""
    return [(framework.level1_code(x.level1), framework.level2_code(x.level2, x.level1), x.name, x.period or None, x.value, x.explanation or None) for x in lines]
