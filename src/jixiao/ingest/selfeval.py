"""Self-evaluation tables as published text (绩效自评表文本): cells → indicator rows with target, actual, 分值, 得分.

Published self-evaluations arrive in three text shapes: rows with '|' between cells (some one cell per
line, empty cells written as a lone '|'), rows whose cells are separated by spaces, and one cell per
paragraph (blank lines between, a lone space for an empty cell). The reader turns any of them into one
stream of cells, finds the column header after 三级指标 (its order varies: 分值 before or after the
values; 四川 splits the target into 指标性质 / 指标值 / 度量单位), then walks the stream: level-1 and
level-2 labels (wrapped labels are joined), template prefixes (指标1:), placeholder rows (……), and rows of
name + values. A row that shows only two bare numbers in a scored table has left its target and actual
in the name (年度资金支付完成率100%): the numbers are its 分值 and 得分. Cells are never invented: a row
that cannot be read keeps None where the text gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from ..domain import framework
from ..domain.source import Source
from .decoder import fit
from .sections import header_word
from .selfeval_fused import read_fused
from .templates import templates

COLUMNS: dict[str, tuple[str, ...]] = {
    "target": ("年度指标值", "指标值", "目标值", "年初目标值", "年度目标值"),
    "actual": ("实际完成值", "全年实际值", "完成值", "实际值", "全年实际完成值"),
    "weight": ("分值", "权重", "参考分值"),
    "score": ("得分",),
    "op": ("指标性质",),
    "unit": ("度量单位", "计量单位"),
}
_CORE = ("op", "target", "unit", "actual", "weight", "score")
_SQUASH = re.compile(r"[\s\u3000]+")
_SUFFIX = re.compile(r"[（(][A-Za-z/]+[）)]$")  # 年初目标值(A), 执行率(B/A)
_PREFIX = re.compile(r"^指标\s*\d+\s*[:：]?")
_POINTS = re.compile(r"^[（(]\d+(\.\d+)?分[）)]$")
_VALUE = re.compile(r"^(?:[=≥≤<>﹦≧≦＝＞＜═]{1,2})?\s*[-+]?\d[\d.,]*\s*[%％]?\S{0,4}$|^[=≥≤<>﹦≧≦＝＞＜═%％/／\-—]+$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_STOP = re.compile(r"^(总分|合计|评价结论|存在问题|偏差大或目标未完成原因分析|注[:：]|备注|[（(][一二三四五六七八九十]+[）)])")
_PLACEHOLDER = ("……", "…", "......")


class SelfEvalRow(BaseModel):
    """One indicator row as printed. `target` is the 指标值 cell; `target_op`/`target_unit` when split out."""

    model_config = ConfigDict(frozen=True)
    level1: str | None = None
    level2: str | None = None
    name: str
    target: str | None = None
    target_op: str | None = None
    target_unit: str | None = None
    actual: str | None = None
    weight: float | None = None
    score: float | None = None
    reason: str | None = None
    source: Source | None = None
    doubts: tuple[str, ...] = ()  # what the reader itself doubts about the row (see confidence.READER_DOUBT)

    @property
    def target_text(self) -> str | None:
        """The target as one value text (= 100 % → '=100%'; a 定性 row gives its 指标值 alone)."""
        if self.target is None:
            return None
        if self.target_op == "定性":
            return self.target
        return f"{self.target_op or ''}{self.target}{self.target_unit or ''}"


@dataclass
class _Cell:
    text: str
    line: int
    first: bool  # first cell of its line
    multi: bool  # its line holds several cells
    opens: bool = False  # the first filled cell of its line (after the empty cells of merged labels)


@dataclass
class _Row:
    name: str
    line: int
    level1: str | None
    level2: str | None
    values: list[str]


def cells(text: str) -> list[_Cell]:
    """The text as a stream of cells, whatever separates them."""
    lines = text.splitlines()
    pipes = sum("|" in line for line in lines)
    pipe = pipes > 5 or (pipes >= 2 and pipes * 2 >= sum(1 for line in lines if line.strip()))  # a short table: most lines
    blank_sep = not pipe and _paragraph_style(lines)
    out: list[_Cell] = []
    for number, line in enumerate(lines, start=1):
        if pipe and "|" in line:
            parts = line.split("|")
            if line.rstrip().endswith("|"):
                parts = parts[:-1]
            texts = [p.strip() for p in parts]
        elif not line.strip():
            texts = [""] if (blank_sep and line) else []
        elif pipe or blank_sep:
            texts = [line.strip()]
        else:
            texts = line.split()
        for i, t in enumerate(texts):
            out.append(_Cell(t, number, i == 0, len(texts) > 1, bool(t) and not any(texts[:i])))
    return out


def _paragraph_style(lines: list[str]) -> bool:
    filled = [line for line in lines if line.strip()]
    blanks = sum(1 for line in lines if not line.strip())
    return bool(filled) and blanks >= len(filled) * 0.6


def _column(text: str) -> str | None:
    key = _SUFFIX.sub("", header_word(text))
    for field, names in COLUMNS.items():
        if key in names:
            return field
    if "原因" in key or "措施" in key:
        return "reason"
    return None


def _label(text: str) -> tuple[str, str] | None:
    """('level1' | 'level2', canonical name) when the cell is a framework label."""
    if not text:
        return None
    if (code := framework.level1_code(text)) is not None:
        return "level1", framework.level1_name(code)
    if framework.level2_code(text) is not None:
        return "level2", text
    return None


def _header(stream: list[_Cell]) -> tuple[int, list[str]] | None:
    """Index after the header and the value columns in order, from the cell 三级指标 (or 指标名称)."""
    for i, cell in enumerate(stream):
        if header_word(cell.text) not in ("三级指标", "指标名称"):
            continue
        columns: list[str] = []
        j = i + 1
        while j < len(stream) and j <= i + 16:
            text = stream[j].text
            if _label(_SQUASH.sub("", text)) is not None or _VALUE.match(text):
                break
            if (field := _column(text)) is not None and field not in columns:
                columns.append(field)
            j += 1
        columns += [c for c in _upper_header(stream, i) if c not in columns]
        if any(c in columns for c in ("target", "actual")):
            return j, columns
    return None


_HEADER_FILLERS = frozenset({"", "一级指标", "二级指标", "一级", "二级", "指标", "绩效指标"})


def _upper_header(stream: list[_Cell], i: int) -> list[str]:
    """The columns of a two-row header printed before 三级指标: 绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分
    above 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位. The lower row refines the upper's
    年度指标值 into its parts; the upper row's other columns follow them."""
    found: list[str] = []
    k = i - 1
    while k >= 0 and i - k <= 16:
        word = header_word(stream[k].text)
        if word not in _HEADER_FILLERS:
            field = _column(stream[k].text)
            if field is None:
                break
            found.insert(0, field)
        k -= 1
    return found


def _join_label(stream: list[_Cell], i: int) -> tuple[tuple[str, str], int] | None:
    """A label printed in one cell or wrapped over up to three (可持续影 / 响指标)."""
    text = ""
    for k in range(i, min(i + 3, len(stream))):
        text += _SQUASH.sub("", stream[k].text)
        found = _label(text)
        if found is not None:
            return found, k + 1
    return None


def read_selfeval_text(text: str, file: str | None = None) -> list[SelfEvalRow]:
    """The indicator rows of a self-evaluation table in `text` (empty when no header is found)."""
    stream = cells(text)
    found = _header(stream)
    if found is None:
        return _by_template(stream, file) or _fused(text.splitlines(), file)
    return _walk(stream, *found, file)


def _fused(lines: list[str], file: str | None) -> list[SelfEvalRow]:
    """A table printed without separators (`…三级指标分值年度指标值…产出指标(70分)数量指标安装坡面水标尺10≥266米…`),
    with its header or without (see `selfeval_fused`)."""
    out = []
    for found in read_fused(lines):
        row = found.row
        get = row.cells.get
        out.append(SelfEvalRow(level1=row.level1, level2=row.level2, name=row.name, target=get("target"), actual=get("actual"), weight=_number(get("weight")),
                               score=_number(get("score")), source=Source(file=file, line=found.line), doubts=tuple(found.doubts)))
    return out


# Below this mean fit per cell a template does not explain a headerless body (a target table, prose).
_EXPLAINED = 1.2


def _by_template(stream: list[_Cell], file: str | None) -> list[SelfEvalRow]:
    """A body printed without its header, read with the known template that explains it best: the
    mean fit of its rows' cells to the template's columns (see `decoder.fit`), over at least two rows."""
    best: tuple[float, list[SelfEvalRow]] = (_EXPLAINED, [])
    for template in templates("selfeval"):
        rows = _walk(stream, 0, list(template.columns), file)
        fits = [fit(_FIT_ROLE.get(c, c), v) for r in rows for c, v in _printed(r).items() if v is not None]
        scored = any(r.weight is not None or r.score is not None for r in rows)  # a self-evaluation scores its rows
        if len(rows) >= 2 and scored and fits and (mean := sum(fits) / len(fits)) > best[0]:
            best = (mean, rows)
    return best[1]


_FIT_ROLE = {"target": "annual"}


def _printed(row: SelfEvalRow) -> dict[str, str | None]:
    """The cells a row was read from, by column."""
    number = lambda x: None if x is None else f"{x:g}"  # noqa: E731
    return {"op": row.target_op, "target": row.target, "unit": row.target_unit, "actual": row.actual, "weight": number(row.weight), "score": number(row.score)}


def _walk(stream: list[_Cell], i: int, columns: list[str], file: str | None) -> list[SelfEvalRow]:
    """The rows of the stream from cell `i` on, read with `columns` after each name."""
    core = [c for c in columns if c in _CORE]
    rows: list[_Row] = []
    level1 = level2 = None
    fresh = False  # a level-1 label was read since the last row began
    current: _Row | None = None
    level2_line = 0  # the line a level-2 label was just read on: a second one there is the row's name
    while i < len(stream):
        cell = stream[i]
        t = cell.text
        if _STOP.match(t):
            break
        if t and (joined := _join_label(stream, i)) is not None and not (current and len(current.values) < len(core) and not cell.first) \
                and not (level2_line == cell.line and cell.multi) and not (level2_line and framework.level2_code(joined[0][1]) == framework.level2_code(level2)):
            # (a group is printed once: the same level-2 right after its label is the row's name — 服务对象满意度)
            (kind, name), i = joined
            level2_line = cell.line if kind == "level2" else 0
            if kind == "level1" and name == "成本指标" and level1 == "产出指标":
                kind = "level2"  # the older framework: 成本指标 is a level-2 group of 产出指标
            if kind == "level1":
                level1, level2, fresh = name, None, True
            else:
                level2 = name
                owner = _owner(name)
                # a level-1 printed only as its points (50分), or lost with its merged cell: the level-2 tells it,
                # unless a level-1 was printed just before (满意度 filed under 效益指标 stays as printed)
                if owner and not fresh and owner != level1 and not (name.startswith("成本") and level1 == "产出指标"):
                    level1 = owner
                level1 = level1 or owner
            current = None
            continue
        i += 1
        level2_line = 0
        squashed = _SQUASH.sub("", t)
        if _POINTS.match(squashed) or squashed in ("指标", "一级指标", "一级", "二级指标"):
            continue
        placeholder = squashed in _PLACEHOLDER or (_PREFIX.match(squashed) is not None and not _PREFIX.sub("", squashed))
        if placeholder:
            current = _Row("", cell.line, level1, level2, [])
            rows.append(current)
            continue
        is_value = t == "" or _VALUE.match(t) is not None
        complete = current is not None and len(current.values) >= len(core)
        new_row = current is None or (not is_value and (
            (cell.multi and (cell.first or (cell.opens and complete))) or (not cell.multi and complete)))
        if new_row:
            if current is None and is_value:
                continue
            name = _PREFIX.sub("", t).strip()
            current = _Row(name, cell.line, level1 or _owner(level2), level2, [])
            fresh = False
            rows.append(current)
        elif current is not None:  # always so: `new_row` holds whenever there is no current row
            current.values.append(t)
    return [r for row in rows if (r := _finish(row, columns, core, file)) is not None]


def _owner(level2: str | None) -> str | None:
    owner = framework.level1_of(level2)
    return owner.name if owner else None


def _number(text: str | None) -> float | None:
    return float(text) if text and _NUMBER.match(text) else None


def _finish(row: _Row, columns: list[str], core: list[str], file: str | None) -> SelfEvalRow | None:
    filled = [v for v in row.values if v]
    if not row.name or not filled or all(v in ("/", "／") for v in filled) or row.name in ("/", "／"):
        return None
    cells_by = dict(zip(columns, row.values, strict=False))  # values past the columns are `extra`; a short row leaves columns unset
    plausible = all(cells_by.get(c) in (None, "") or _number(cells_by.get(c)) is not None for c in ("weight", "score"))
    if not plausible or len(row.values) < len(core):
        cells_by = _by_kind(filled, core)
    extra = row.values[len(columns):]
    reason = "".join(x for x in [cells_by.get("reason") or "", *extra] if x) or None
    get = lambda c: cells_by.get(c) or None  # noqa: E731
    return SelfEvalRow(
        level1=row.level1, level2=row.level2, name=row.name, target=get("target"), target_op=get("op"),
        target_unit=get("unit"), actual=get("actual"), weight=_number(get("weight")), score=_number(get("score")),
        reason=reason, source=Source(file=file, line=row.line),
    )


def _by_kind(filled: list[str], core: list[str]) -> dict[str, str]:
    """Short rows: two bare numbers in a scored table are 分值 and 得分; otherwise values fill the non-score columns first."""
    scored = [c for c in ("weight", "score") if c in core]
    if len(scored) == 2 and len(filled) == 2 and all(_NUMBER.match(v) for v in filled):
        return dict(zip(scored, filled, strict=True))  # both of length 2
    order = [c for c in core if c not in scored] + scored
    return dict(zip(order, filled, strict=False))  # the first columns take the values; a longer row's rest is dropped
