"""jixiao's review of a real year of project tables against a reviewer tool's results, criterion by criterion.

`../shared/reference/songgang-2023/` holds the 15 workbooks of a street office (291 project sheets,
262 filled) and the first-pass findings a reviewer's tool wrote for each 项目编码 (`审核结果.xlsx`,
column 小结: the checklist items it hit). Every filled table is reviewed with the district's checklist
(`--config songgang-2023`) and each project × item cell is counted: both flag it, only jixiao, only
the tool. The tool reports 7 of the checklist's items; F1 is measured over those (its 正则匹配 items it
actually applies). The other items are jixiao's additional findings and are listed with examples.

Where they disagree (read from the cells; the figures are printed by the test):
- 政策依据不规范 — the tool accepts only a 《title》 of 5+ characters from a narrow character class, so
  it flags bases that cite 三定方案 with a document number (宝机编【2020】52号) or a title holding
  quotation marks (《…“蓝天保卫战”…会议纪要》); jixiao accepts a title, a document number or the
  unit's 三定 duties, and flags empty bases and bases citing nothing, which the tool lets pass.
- 测算依据不规范 — the tool requires a product written with x/* followed by a 《standard》; jixiao asks
  for the calculation (a product, or a unit rate with a quantity: 每人1200元，45人) and a named standard
  (标准, 合同, 中标, a title or number), so it accepts "9.3万元/人 … 9.3*13=120.9万元" and flags
  lists of amounts with no calculation and empty bases, which the tool misses.
- 绩效指标表述过于冗长 — the tool counts the raw cell, trailing tabs and line breaks included; jixiao
  counts the trimmed name.
- 时间限制不合理可行 — the tool looks for 及时 only; jixiao also flags values that defer to a contract
  (按合同时间要求, 以签订的协议为准) and states a limit when one is written (当年完成, 每月1次).
- 绩效指标不能留空 — jixiao also flags groups printed with an empty row, which the tool passes.
Without `../shared` the test is skipped and says so.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from jixiao.ingest import read_document
from jixiao.review import load_config, review

SONGGANG = Path(__file__).resolve().parents[1].parent / "shared" / "reference" / "songgang-2023"
_ITEM = re.compile(r"^\s*\d+\.\s*(.+?)。?\s*$")


def _sheet_rows(name: str, sheet: int | str = 0) -> list[tuple]:
    book = openpyxl.load_workbook(SONGGANG / name, read_only=True)
    ws = book.worksheets[sheet] if isinstance(sheet, int) else book[sheet]
    rows = list(ws.iter_rows(values_only=True))
    book.close()
    return rows


def tool_results() -> dict[str, set[str]]:
    """项目编码 → the checklist items the tool's final review (小结) hit."""
    rows = _sheet_rows("审核结果.xlsx")
    header = list(rows[0])
    code, summary = header.index("项目编码"), header.index("小结")
    out: dict[str, set[str]] = {}
    for r in rows[1:]:
        out[str(r[code])] = {m.group(1) for line in str(r[summary] or "").splitlines() if (m := _ITEM.match(line))}
    return out


def _codes_by_name() -> dict[str, str]:
    """项目名称 → 项目编码 from the tool's own flattening, for a code the workbook shows in float form."""
    rows = _sheet_rows("项目信息.xlsx", "项目信息")
    return {str(r[1]): str(r[0]) for r in rows[1:]}


@pytest.fixture(scope="module")
def cells():
    if not (SONGGANG / "审核结果.xlsx").exists():
        pytest.skip(f"共享资料不存在（{SONGGANG}），跳过与审核工具结果的比对")
    tool = tool_results()
    by_name = _codes_by_name()
    config = load_config("songgang-2023")
    counted: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # item → both, jixiao only, tool only
    examples: dict[str, list[str]] = defaultdict(list)
    filled = 0
    for book in sorted((SONGGANG / "workbooks").glob("*.xlsx")):
        for table in read_document(book).tables:
            if table.status != "filled":
                continue
            filled += 1
            assert table.project is not None
            code = table.project.code if table.project.code in tool else by_name[table.project.name or ""]
            theirs = tool[code]
            findings = review(table, config).findings
            ours = {f.checklist_item for f in findings if f.checklist_item}
            for item in ours | theirs:
                counted[item][0 if item in ours and item in theirs else 1 if item in ours else 2] += 1
                if item in ours and item not in theirs and len(examples[item]) < 3:
                    first = next(f for f in findings if f.checklist_item == item)
                    examples[item].append(f"{book.name} {table.locator.sheet}: {first.message}")
    return filled, dict(counted), dict(examples), {i for items in tool.values() for i in items}


def test_agreement_with_the_reviewer_tool(cells):
    filled, counted, examples, reported = cells
    assert filled == 262
    lines = [f"{'item':<22}{'both':>6}{'jixiao':>8}{'tool':>6}"]
    both = ours = theirs = 0
    for item, (a, b, c) in sorted(counted.items(), key=lambda kv: -sum(kv[1])):
        mark = "" if item in reported else "  (the tool never reports this item)"
        lines.append(f"{item:<22}{a:>6}{b:>8}{c:>6}{mark}")
        if item in reported:
            both, ours, theirs = both + a, ours + b, theirs + c
    f1 = 2 * both / (2 * both + ours + theirs)
    print("\nSonggang 2023, 262 filled project tables × checklist items (cells either side flags):")
    print("\n".join(lines))
    print(f"F1 over the {len(reported)} items the tool reports: {f1:.3f} (both {both}, jixiao only {ours}, tool only {theirs})")
    print("jixiao's additional findings (items the tool never reports), three examples each:")
    for item in sorted(set(counted) - reported):
        print(f"  {item}: {counted[item][1]} projects")
        for example in examples.get(item, []):
            print(f"    - {example[:160]}")
    assert f1 >= 0.8
    assert reported <= set(counted)  # every item the tool reports is one jixiao's checklist knows


def test_every_item_the_tool_reports_is_an_item_of_the_shipped_checklist(cells):
    _, _, _, reported = cells
    config = load_config("songgang-2023")
    known = {e["item"] for e in config.data["checklist"]} | {i for e in config.data["checklist"] for i in e.get("items", {}).values() if i}
    assert reported <= known
