"""The filled sample actuals for the example table (东莞市总工会 2025), shared by the assessment tests.

Written into the generated template with openpyxl, the way a department fills it in. Row numbers are
the table's indicator positions (序号). Values cover every target form in the example table.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from jixiao.assess import build_template

# 序号 → (实际完成值, 偏差原因, 说明)
SELFEVAL = {
    1: ("达成", None, None),  # compound 200元/月/人；150元/月/人 — judged as a whole
    2: ("部分达成(70%)", "其他", "市劳模奖励延至次年发放"),  # compound, evaluator's choice inside the band
    3: ("6万元/个", "经费保障", "竞赛规模扩大"),  # cost standard exceeded (反向)
    4: ("1000元/人", None, None),
    5: ("9人", "人员保障", "招聘未满"),  # range 10-12人/年
    6: ("3家", None, None),
    7: ("98人", "其他", "4人资格复核未通过"),
    8: ("320人", None, None),  # 约332人: within 5%
    9: ("18个", None, None),  # below target, no explanation → flagged
    10: ("6400", None, None),  # bare number in the target's unit
    11: ("820人", None, None),
    12: ("7200场", None, None),
    13: ("5期", None, None),
    14: ("10170人次", "其他", "疫情停课两周"),
    15: ("优秀", None, None),  # grade target 良好以上
    16: ("98%", "制度保障", "两笔津贴退回重发"),
    17: ("达成", None, None),
    18: ("8.6分", None, None),
    19: ("88分", "其他", "考核扣分"),
    20: ("76%", "其他", "部分学员缺勤"),
    21: ("100%", None, None),
    22: ("100", None, None),  # bare number against 100%
    23: ("100%", None, None),
    24: ("完成", None, None),
    25: ("100%", None, None),
    26: ("95%", None, None),
    27: ("中等", "其他", "调解成功率下降"),  # grade one step below 良好
    28: ("部分达成", "其他", "培训覆盖不足"),
    29: ("6500人", None, None),
    30: ("不适用", None, None),  # left out, the 效益 points are re-split over 4
    31: ("良好", None, None),
    32: ("92%", None, None),
    33: ("85%", "其他", "补贴到账较慢"),
}
BUDGET_SELFEVAL = {"全年预算数": 5081.16, "执行数": 4826.10}

# 序号 → (截至 7 月 31 日, 全年预计, 偏差原因, 可能性, 原因说明, 纠偏措施, 进度安排)
MONITOR = {
    7: ("102人", None, None, None, None, None, "30%"),
    9: ("12个", None, None, None, None, None, None),
    10: ("2000人", None, "其他", "有可能", "补贴集中在下半年审核", "加快审核", None),
    11: ("200人", None, None, None, None, None, None),
    12: ("3000场", None, None, None, None, None, None),
    13: ("1期", None, None, None, None, None, "年末"),
    20: ("78%", "76%", None, None, None, None, None),
    32: (None, None, None, "完全不可能", None, None, None),
    33: (None, None, None, "有可能", None, None, None),
}
BUDGET_MONITOR = {"全年预算数": 5081.16, "执行数": 2540.58}


def fill(table, kind: str, path: Path, rows: dict, budget: dict, columns: tuple[str, ...]) -> Path:
    """Generate the template for `table` and fill the given cells, as a user would."""
    path.write_bytes(build_template(table, kind))
    book = load_workbook(path)
    sheet = book["绩效指标"]
    header = [c.value for c in sheet[1]]
    for index, values in rows.items():
        row = index + 1
        assert sheet.cell(row=row, column=1).value == index
        for name, value in zip(columns, values, strict=True):
            if value is not None:
                sheet.cell(row=row, column=header.index(name) + 1).value = value
    b = book["预算执行"]
    for r in range(1, b.max_row + 1):
        label = b.cell(row=r, column=1).value
        if label in budget:
            b.cell(row=r, column=2).value = budget[label]
    book.save(path)
    return path


def filled_selfeval(table, path: Path) -> Path:
    return fill(table, "selfeval", path, SELFEVAL, BUDGET_SELFEVAL, ("实际完成值", "偏差原因", "说明"))


def filled_monitor(table, path: Path) -> Path:
    columns = ("截至监控日实际完成值", "全年预计完成值", "偏差原因", "完成目标可能性", "原因说明", "纠偏措施", "进度安排")
    return fill(table, "monitor", path, MONITOR, BUDGET_MONITOR, columns)
