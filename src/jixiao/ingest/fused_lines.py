"""A whole table fused into one line (整表连成一段): facts, header and indicator rows without separators.

Some publishers' text exports drop every cell boundary, so a form arrives as one paragraph:
`…项目名称滨湖办公大楼运行保障项目类别本级支出…一级指标二级指标绩效标准当年预期实现值数量指标办公大楼
日常维修维护次数反映办公大楼全年维修维护情况2280次…`. The header words printed consecutively after
一级指标 name the columns; the text before them is cut into cells at the fact labels' words (项目名称,
项目类别, 立项依据 …); the text after them is cut into label and indicator rows by `fused.segment`
(framework vocabulary, the header's columns, the value grammar). The result is ordinary rows of cells
that the one layout step reads; a level-1 label only implied by its level-2 is not printed into a cell.
"""

from __future__ import annotations

import dataclasses
import re

from ..domain.script import GLOSS, plain
from .fused import LABEL_PATTERN, segment, spaced
from .grid import Cell, Row, Source
from .indicators import header_role
from .project import FACT_LABELS

FUSED_HEADER = re.compile(spaced("一级指标") + r"\s*" + spaced("二级指标"))
_SCORED = re.compile(r"自评|实际完成值|全年实际值|得分")
# Header words as printed in forms, longest first so that 年度指标值 is not read as 指标值.
_HEADER_WORDS = sorted(
    ("一级指标", "二级指标", "三级指标", "指标名称", "指标解释", "指标说明", "绩效标准", "评价标准", "实施周期指标值", "中长期指标值",
     "年度指标值", "当年预期实现值", "预期实现值", "预期达到目标", "预期目标", "目标值", "指标值", "分值", "权重", "计量单位", "度量单位",
     "评分标准", "评(扣)分标准", "评（扣）分标准", "扣分标准", "评分细则", "评分规则"),
    key=len, reverse=True,
)
_HEADER_RUN = re.compile(r"\s*[*＊]?(" + "|".join(map(spaced, _HEADER_WORDS)) + r")(?:[（(][^）)]{0,10}[）)])?")
def _label_words(pattern: str) -> list[str]:
    """The words a fact label's pattern spells out: `项目(编码|代码)` → 项目编码, 项目代码."""
    match = re.fullmatch(r"([\u4e00-\u9fff]*)\(([\u4e00-\u9fff|]+)\)", pattern)
    return [match.group(1) + alt for alt in match.group(2).split("|")] if match else []


_FACT_WORD = re.compile("|".join(sorted({w for pattern, _ in FACT_LABELS for w in _label_words(pattern)}, key=len, reverse=True)))
_TITLE = re.compile(r"[\u4e00-\u9fff\d]{0,30}?绩效.{0,12}?(目标|自评|评价|监控|申报|填报)表")
# the columns `fused.segment` can cut, with the header word each is printed back under
_WORD_OF = {"explanation": "指标解释", "period": "实施周期指标值", "annual": "年度指标值", "weight": "分值", "unit": "计量单位", "scoring_rule": "评分标准"}
_SEGMENTED = tuple(_WORD_OF)
_NUMERIC = re.compile(r"\d")



def fused_line(text: str) -> bool:
    """A line holding a fused indicator header with the table's rows after it (a framework label
    among them), in simplified or traditional characters."""
    if len(text) < 30:
        return False
    shown = plain(text)
    match = FUSED_HEADER.search(shown)
    if match is None or _SCORED.search(shown):  # a fused self-evaluation is the self-evaluation reader's
        return False
    rest = shown[_header_end(shown, match.start()):]
    return len(rest) >= 4 and LABEL_PATTERN.search(rest) is not None


def _header_end(text: str, start: int) -> int:
    end = start
    while (match := _HEADER_RUN.match(text, end)) is not None:
        end = match.end()
    return end


def matching(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text in its matching form, character for character (pinyin glosses dropped, traditional
    characters simplified, look-alike operators folded), with each character's span in `text`: a
    glossed character's span takes in its gloss. Cutting the matching form cuts the printed text."""
    shown: list[str] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        gloss = GLOSS.match(text, i)  # after a CJK character, by its look-behind
        if gloss is not None:
            spans[-1] = (spans[-1][0], gloss.end())
            i = gloss.end()
            continue
        char = plain(text[i]) if not text[i].isspace() else text[i]
        shown.append(char if len(char) == 1 else text[i])
        spans.append((i, i + 1))
        i += 1
    return "".join(shown), spans


def rebuild_line(cell: Cell) -> tuple[list[Row], Row, list[Row], list[tuple[Source, str]]]:
    """The fused line as rows: its facts (the title on a line of its own, then label and value
    cells), its header and its indicator rows — each row's cells located at the character where its
    name begins, printed as in the file — and the rows to doubt: a value in words (its boundary with
    the next name is a guess) and a last row the text ends inside."""
    text = cell.text
    shown, spans = matching(text)

    def printed(start: int, stop: int) -> str:
        return text[spans[start][0]:spans[stop - 1][1]].strip() if stop > start else ""

    at = FUSED_HEADER.search(shown)
    assert at is not None  # called on a line `fused_line` accepted
    end = _header_end(shown, at.start())
    columns = _columns([re.sub(r"\s", "", m.group(1)) for m in _HEADER_RUN.finditer(shown, at.start(), end)])
    header = _row(cell.source, ["一级指标", "二级指标", "三级指标", *(_WORD_OF[c] for c in columns)])
    body: list[Row] = []
    doubts: list[tuple[Source, str]] = []
    last: tuple[str | None, str | None] = (None, None)
    found = segment(shown[end:], columns, words=True)
    labels = {m.group(): m for m in LABEL_PATTERN.finditer(shown, end)}
    for row in found:
        level1 = _printed_label(row.level1, labels, printed) if row.level1_printed and row.level1 != last[0] else ""
        level2 = _printed_label(row.level2, labels, printed) if row.level2 and (row.level1, row.level2) != last else ""
        last = (row.level1, row.level2)
        where = dataclasses.replace(cell.source, column=spans[end + row.start][0] + 1)
        cells = [printed(end + a, end + b) for a, b in (row.spans.get(c, (0, 0)) for c in ("name", *columns))]
        body.append(_row(where, [level1, level2, *cells]))
        value = row.cells.get("annual") or row.cells.get("period") or ""
        if value and not _NUMERIC.search(value):
            doubts.append((where, "WORDS-CUT"))
    if found and shown[end + found[-1].end:].strip():  # characters after the last row: it was cut there
        doubts.append((body[-1].cells[2].source, "ROW-CUT"))
    facts = [[printed(a, b) for a, b in part] for part in _facts(shown[: at.start()])]
    return [_row(cell.source, part) for part in facts], header, body, doubts


def _printed_label(label: str | None, labels: dict, printed) -> str:
    """A group label as the file prints it (its first occurrence), or blank."""
    match = labels.get(label) if label else None
    return printed(*match.span()) if match is not None else (label or "")


def _columns(words: list[str]) -> list[str]:
    """The columns after the name, by the one header model: of several value columns without a
    period, the last holds the value and those before it describe (绩效标准 | 当年预期实现值)."""
    roles = [header_role(w) for w in words]
    roles = [r for r in roles if r not in (None, "level1", "level2", "name")]
    if roles.count("annual") > 1 and "period" not in roles:
        last = len(roles) - 1 - roles[::-1].index("annual")
        roles = ["explanation" if r == "annual" and k != last else r for k, r in enumerate(roles)]
    if "explanation" not in roles:
        roles.insert(0, "explanation")  # an explanation may follow the name though the header lost its word
    return [r for r in dict.fromkeys(roles) if r in _SEGMENTED]


def _facts(text: str) -> list[list[tuple[int, int]]]:
    """The text before the header, as spans: what precedes the form's title, the title on a line of
    its own, then the rest cut at the fact labels' words into label and value cells."""
    parts: list[list[tuple[int, int]]] = []
    at = 0
    title = _TITLE.search(text)
    if title is not None:
        parts += [[(0, title.start())], [title.span()]]
        at = title.end()
    cuts = list(_FACT_WORD.finditer(text, at))
    if not cuts:
        parts.append([(at, len(text))])
    else:
        cells = [(at, cuts[0].start())] if text[at:cuts[0].start()].strip() else []
        for k, match in enumerate(cuts):
            cells += [match.span(), (match.end(), cuts[k + 1].start() if k + 1 < len(cuts) else len(text))]
        parts.append(cells)
    return [p for p in parts if any(text[a:b].strip() for a, b in p)]


def _row(source: Source, texts: list[str]) -> Row:
    return Row(cells=tuple(Cell(text=t.strip(), source=source) for t in texts), line=source.line or 0)
