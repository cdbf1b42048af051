"""Indicator blocks printed without any cell separator, cut into cells (无分隔文本切分).

Some pages flatten a whole table into one string: `数量指标安装坡面水标尺10≥266米≥266米10水标尺宽度10≥50厘米…`.
The header (or a known template) tells which columns follow each name (here 分值, 年度指标值, 全年实际值,
得分); the framework vocabulary finds the labels; the value grammar and the shape of numbers find the
cells. The string is cut by a dynamic programme over positions: at each position a label, a row (a name,
then a piece for each column in order — a column may be missing at a cost) or, at a price, a stray
character or a garbled run before a label; the cut with the best total fit wins. A row costs something
of itself, so text becomes rows only where values pay for them; words as a value can be cut anywhere
and earn their place only by what supports them (the value grammar, target and actual alike). Pieces are scored with the decoder's `fit`, names must
not hold a full label and must not begin with a digit or an operator, and a row must not end inside a
run of digits. Whitespace (a wrapped line, a space a page kept between cells) separates pieces freely.

Labels come in two strengths: a full label (数量指标, 产出指标(50分), also letter-spaced 效益 指标) ends
any name before it; a short form (成本, 时效, 经济效益 — OCR'd forms print them) may open a group but a
name may also contain it (成本控制), and the cut decides. Group labels of the evaluation framework
(项目决策, 投入管理: `templates/labels-*.toml`) are labels too, and four characters with their points
(顼目产出(30分)) are a level-1 whatever OCR made of its name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain import framework
from ..domain.script import fold_operators
from ..domain.units import UNIT_NAMES
from ..domain.values import parse_value
from .decoder import fit
from .templates import group_labels

_FULL = sorted({x.name for x in (*framework.LEVEL1, *framework.LEVEL2)} | {"成本指标", "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标"}, key=len, reverse=True)
_EVALUATION = group_labels()
_SHORT = sorted({framework.normalize_label(x.name) for x in framework.LEVEL2} | {"成本", "服务对象满意度", "服务对象满意", "社会公众满意度", "可持续效益"} | set(_EVALUATION[1]), key=len, reverse=True)
_POINTS = r"(?:[（(]\d+(?:\.\d+)?分[)）])"


def spaced(word: str) -> str:
    """A label as a pattern that allows one space or line wrap between its characters (效益 指标)."""
    return r"\s?".join(map(re.escape, word))


def _misread(word: str) -> str:
    """A label as a pattern that also matches it OCR'd with one character read as one or two Latin
    letters (项Fl实施 for 项目实施); only labels of four characters or more, where the rest is certain."""
    if len(word) < 4:
        return re.escape(word)
    return "|".join([re.escape(word)] + [re.escape(word[:k]) + "[A-Za-z]{1,2}" + re.escape(word[k + 1:]) for k in range(len(word))])


# a full label, or any four characters with their points (顼目产出(30分): a level-1 group whatever OCR
# made of its name — level-1 names are four characters: 产出指标, 项目决策)
LABEL_PATTERN = re.compile(rf"(?:{'|'.join(map(spaced, (*_FULL, *_EVALUATION[0])))}){_POINTS}?|[\u4e00-\u9fff]{{4}}{_POINTS}")
_SHORT_PATTERN = re.compile(rf"(?:{'|'.join(_misread(w) for w in _SHORT)}){_POINTS}?")
_UNIT = "|".join(re.escape(u) for u in sorted({*UNIT_NAMES, "%", "％", "万元", "亿元", "万人", "万亩", "平方米", "厘米", "公里"}, key=len, reverse=True))
_OP = r"(?:≥|≤|>|<|=|大于等于|小于等于|不低于|不高于|不少于|不超过|不大于|不小于)"
_QUANTITY = re.compile(rf"{_OP}?\s*\d+(?:\.\d+)?\s*(?:{_UNIT})?")
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})?")
_QUALITATIVE = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff、，,；;]{1,23}[.。]?")
_DEADLINE = re.compile(r"(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?[\u4e00-\u9fff]{0,4}|\d{4}年[\u4e00-\u9fff]{0,4}")
_MISREAD_NUMBER = re.compile(rf"[A-Z]\.\d+(?:{_UNIT})")  # OCR: a digit read as a capital (M.8万元)
_NOT_APPLICABLE = re.compile(r"[一\-—/／](?!一)")
_OP_WORD = re.compile(r"大于等于|小于等于|不低于|不高于|不少于|不超过|不大于|不小于")  # a name never begins with one
_WORD_OP = re.compile(r"(大于等于|小于等于|不低于|不高于|不少于|不超过|不大于|不小于)$")
_BARE = re.compile(r"\d+(?:\.\d+)?$")
_PLACEHOLDER = re.compile(r"…+|\.{3,}|指标[\dLlI][:：]?")  # a template's empty row (指标2:, OCR'd 指标L)
_BAD_NAME_START = re.compile(r"[\s\d≥≤><=%（）()、,，.。:：;；…/／]")

# Target tables (`words`): values are as often words or any form the grammar reads (12月底前完成, ≤350元/平方米)
# as numbers, and an explanation or a scoring rule may follow them.
_WORD_VALUE = re.compile(r"[\u4e00-\u9fff]{2,8}")
_VALUE_START = re.compile(rf"{_OP}|[\d约不每全年近]")
_LONGEST_VALUE = 24
_LONG_NAME = 16
_NUMBER_WITHIN = 5  # a value's number comes early (不少于20, 每年3月), not after a run of words
_GRAMMAR_KINDS = frozenset({"quantity", "range", "deadline", "score", "compound"})
_EXPLANATION_END = re.compile(r"(情况|程度|水平|比例|比率|效果|成效|变化|质量|进度|数量|次数|时间|完成率)$")
_RULE_END = re.compile(r"(分|为止|扣完|不得分|满分)$")
_EXPLAINS = re.compile(r"反映|是指|指的是|衡量|用于")  # how an explanation cell begins (考核, 主要 begin names too)
# How names end (what they measure) and how values in words end (what they promise).
_MEASURE_END = re.compile(r"(数量|人数|次数|人次|场次|时间|时限|期限|成本|费用|效果|效益|机制|面积|长度|年限|水平|规模|率|数|量|度|性|值)$")
_MEASURE_AT = re.compile(r"时间|时限|期限|数量|人数|次数|人次|场次|成本|费用|效果|效益|面积|长度|年限|完成率|合格率|满意度|覆盖率")
_VALUE_WORD_END = re.compile(r"(提升|提高|改善|有效|齐全|完成|正常|规范|达标|良好|优秀|合格|覆盖|明显|显著|减少|增加|降低|稳定|持续|到位|完善|及时|满意|健全|落实|畅通|可控|安全|保障|运行)$")

MISSING = -1.5  # a column without its piece
OPTIONAL = {"explanation": -0.2}  # columns often left blank: their absence costs little
STRAY = -2.0  # a character that belongs to nothing
NAME = -1.0  # a row must be earned by its pieces: cutting text into more rows is not free
LABEL = 0.5
WORDS = -1.5  # words as a value, unsupported: still better than no piece where the table prints the column
ALIKE = 1.0  # a value printed like its neighbour
MISREAD = 0.5  # a value whose number OCR misread
NOT_APPLICABLE = 0.5  # 一 / - / ／ in a value cell: the row does not apply
JUNK = -1.5  # a garbled run before a label, up to JUNK_SPAN characters
JUNK_SPAN = 12
SPLIT = -3.0  # a number cut from a longer run of digits: only where what follows needs it (20|100%)
HELD = -2.0  # a name holding a short label past its start (…满意度打服务对象满意度退捕…)


@dataclass
class FusedRow:
    level1: str | None
    level2: str | None
    name: str
    cells: dict[str, str] = field(default_factory=dict)  # column → its piece
    start: int = field(default=0, compare=False)  # where the name begins in the cut text
    split_digits: bool = field(default=False, compare=False)  # two bare numbers cut from one run of digits (6|6|20)
    skipped: str = field(default="", compare=False)  # text with figures left unread just before the row (补贴渔船数6620)
    end: int = field(default=0, compare=False)  # where the row's last piece ends
    level1_printed: bool = field(default=False, compare=False)  # the level-1 label was printed, not implied by the level-2 one
    spans: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False)  # "name" and each column → (start, end) in the text


def header_columns(text: str, words: dict[str, str]) -> list[str]:
    """The columns named in a fused header (`分值年度指标值全年实际值得分…`), in order: each header word
    (longest first) → its column; text between words is skipped."""
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    out: list[str] = []
    for match in pattern.finditer(text):
        column = words[match.group()]
        if column not in out:
            out.append(column)
    return out


def _pieces(text: str, p: int, column: str, words: bool = False) -> list[tuple[int, float]]:
    """The pieces that may fill `column` from position p: (end, fit). With `words` (target values,
    which may be words or any form the grammar reads) the domain grammar proposes values too, a value
    in words is judged by its length and how it ends, and explanations and scoring rules are cut."""
    out: list[tuple[int, float]] = []
    if column in ("weight", "score"):
        match = _NUMBER.match(text, p)
        if match:  # every length of the digit run: fused numbers (20100%) are cut by what follows
            run = match.group()
            whole = re.match(r"\d+(?:\.\d+)?", text[p:])
            length = len(whole.group()) if whole else len(run)  # the printed run, beyond what a weight can be
            for end in range(1, len(run) + 1):
                piece = run[:end]
                if piece.endswith(".") or (len(piece) > 1 and piece.startswith("0") and not piece.startswith("0.")) or float(piece) > 100:
                    continue
                if (column == "weight" and float(piece) == 0) or text.startswith(("%", "％"), p + end):
                    continue  # a weight is never 0; a number before % is a value's
                bonus = 0.3 if column == "weight" and float(piece) % 5 == 0 else 0.0
                cut = SPLIT if end < length else 0.0  # a number cut from a longer run of digits (20|100%) must be needed
                if piece == "0" and p > 0 and text[p - 1].isdigit():
                    cut -= 1.5  # a zero cut off the end of a number (10 → 1|0)
                if end == length and re.match(_UNIT, text[p + end:]):
                    cut -= 2.0  # a number with a unit after it (6.47亿元) is a value, unless a name begins so
                out.append((p + end, fit(column, piece) + bonus + cut))
    elif column in ("target", "actual", "annual", "period"):
        out += _value_pieces(text, p)
        if words:
            out += _grammar_pieces(text, p) + _word_pieces(text, p)
    elif column == "explanation":
        if _EXPLAINS.match(text, p):
            for end in range(p + 4, min(p + 61, len(text)) + 1):
                if re.match(r"[\d.≥≤<>=%]", text[end - 1]):
                    continue  # the value's number is the value's, not the explanation's
                # an explanation runs on to the value, and ends on what it describes (…情况, …程度)
                ending = 1.0 if _EXPLANATION_END.search(text, 0, end) else -0.5
                out.append((end, fit("explanation", text[p:end]) + 0.02 * (end - p) + ending))
    elif column == "scoring_rule":  # a rule says how points are given or taken (得满分, 扣2分)
        for end in range(p + 4, min(p + 61, len(text)) + 1):
            piece = text[p:end]
            if _RULE_END.search(piece):
                out.append((end, fit("scoring_rule", piece) + 0.05 * len(piece)))
    elif column == "op":
        match = re.compile(_OP).match(text, p)
        if match:
            out.append((match.end(), 3.0))
    elif column == "unit":
        match = re.compile(_UNIT).match(text, p)
        if match:
            out.append((match.end(), 2.0))
    return out


def _value_pieces(text: str, p: int) -> list[tuple[int, float]]:
    """A value cell's pieces from p: a quantity (≥266米), a deadline (2021年12月完成), a not-applicable
    mark (一, -, /), or words (显著提升). Words are cheap to cut anywhere, so they earn their place only
    by what supports them: the value grammar (a grade, a deadline), or target and actual printed alike."""
    out: list[tuple[int, float]] = []
    date = _DEADLINE.match(text, p)
    dated = max((k for k in range(2, len(date.group()) + 1) if parse_value(date.group()[:k]).kind == "deadline"), default=0) if date else 0
    if (match := _QUANTITY.match(text, p)) is not None:
        whole = match.group()
        for end in range(len(whole), 0, -1):
            piece = whole[:end]
            if not re.search(r"\d", piece) or piece[-1] in ". ":
                continue
            score = fit("annual", piece) + _alike(text, p, end) + _cut_penalty(text, p + end) - (1.0 if re.fullmatch(r"\d+(\.\d+)?", piece) else 0.0)
            if re.match(rf"{_OP}?\s*0\d", piece):
                score -= 2.0  # a value does not begin with 0 (unless 0.x)
            if end < dated:
                score -= 2.0  # the head of a date (2024年|6月底前)
            out.append((p + end, score))
    if (match := _MISREAD_NUMBER.match(text, p)) is not None:
        out.append((match.end(), MISREAD))
    if _NOT_APPLICABLE.match(text, p):
        out.append((p + 1, NOT_APPLICABLE))
    for pattern in (_DEADLINE, _QUALITATIVE):
        if (match := pattern.match(text, p)) is None:
            continue
        for end in range(len(match.group()), 1, -1):
            piece = match.group()[:end]
            kind = parse_value(piece).kind
            if pattern is _DEADLINE and kind != "deadline":
                continue
            score = 2.0 if kind in ("deadline", "grade") else WORDS
            if pattern is _DEADLINE and end < dated:
                score -= 2.0  # a date cut short (2024年|6月底前)
            if re.match(r"\s?[≥≤<>=]", text[p + end:]) or (_WORD_OP.search(piece) and text[p + end:p + end + 1].isdigit()):
                score -= 1.5  # words before an operator are a name's tail, not a value (足额保障率=100%, 人数不少于|30人)
            out.append((p + end, score + _alike(text, p, end)))
    return out


def _grammar_pieces(text: str, p: int) -> list[tuple[int, float]]:
    """Values the domain grammar reads whole from p, anchored by a number (12月底前完成, ≤350元/平方米,
    2025年12月31日前, 不超过2个工作日): the longer reading is preferred, a cut inside a number is not."""
    out: list[tuple[int, float]] = []
    if not _VALUE_START.match(text, p):
        return out
    for end in range(p + 1, min(p + _LONGEST_VALUE, len(text)) + 1):
        piece = text[p:end]
        if not any(c.isdigit() for c in piece[:_NUMBER_WITHIN]) or _cut_penalty(text, end, words=True) < 0:
            continue
        if parse_value(piece).kind in _GRAMMAR_KINDS:
            alike = 0.8 if text.startswith(piece, end) else 0.0  # period and annual printed alike
            out.append((end, 2.0 + 0.05 * len(piece) + alike))
    return out


def _word_pieces(text: str, p: int) -> list[tuple[int, float]]:
    """A target value in words (有效提升, 资料齐全): short, ending on what it promises; beyond four
    characters it likely runs into the next name."""
    match = _WORD_VALUE.match(text, p)
    if match is None:
        return []
    out = []
    for end in range(len(match.group()), 1, -1):
        piece = match.group()[:end]
        score = 0.6 + (0.5 if _VALUE_WORD_END.search(piece) else 0.0) - 0.1 * max(0, len(piece) - 4)
        out.append((p + end, score + (0.8 if text.startswith(piece, p + end) else 0.0)))
    return out


def _alike(text: str, p: int, end: int) -> float:
    """Target and actual printed alike (显著提升显著提升, ≥90%≥90%), or the name ending with the target
    (…专款专用专款专用专款专用): a value that repeats its neighbour is likely a value."""
    piece = text[p:p + end]
    return (ALIKE if text.startswith(piece, p + end) else 0.0) + (ALIKE if p >= end and text.startswith(piece, p - end) else 0.0)


def _cut_penalty(text: str, end: int, words: bool = False) -> float:
    """A value cut inside its number (≥2|66米) or between its number and its unit (≥266|米) is unlikely;
    in a target table (`words`) so is a deadline cut before its last word (12月31日|前)."""
    if end >= len(text) or end == 0:
        return 0.0
    before, after = text[end - 1], text[end]
    if before.isdigit() and (after.isdigit() or after == "."):
        return -3.5
    if before.isdigit() and re.match(_UNIT, text[end:]):
        return -1.5
    if words and before in "年月日" and end >= 2 and text[end - 2].isdigit() and after in "前底内止后中末初":
        return -2.0
    return 0.0


def _name_fit(name: str, words: bool = False) -> float | None:
    """A row's name: a few words, no operator, not a unit or a value's tail (None: never a name). In a
    target table (`words`) names end on what they measure (…率, …数量, …时间), are seldom as short as
    three characters or longer than sixteen, and never end on a number and its unit."""
    if len(name) < 3 or re.search(r"[≥≤<>=]", name) or re.fullmatch(_UNIT, name) or re.search(r"[\d\s.]$", name) or _WORD_OP.search(name):
        return None
    if not words:
        return NAME
    if re.search(rf"\d\s*(?:{_UNIT})$", name):
        return None
    if len(name) == 3:  # a name this short is more often a longer one cut
        return NAME - 0.5
    measure = _MEASURE_END.search(name)
    long = 0.1 * max(0, len(name) - _LONG_NAME)  # two names run together are longer than one
    return NAME - long + (0.4 + 0.1 * len(measure.group()) if measure else 0.0)  # the longer ending read whole (数量, not 数)


def segment(text: str, columns: list[str], missing: float = MISSING, words: bool = False) -> list[FusedRow]:
    """The rows of a fused indicator block whose rows print `columns` after the name; `words` for a
    target table, whose values may be words (see `_pieces`)."""
    return cut(text, columns, missing, words)[1]


def cut(text: str, columns: list[str], missing: float = MISSING, words: bool = False) -> tuple[float, list[FusedRow]]:
    """The best cut of a fused block with `columns` after each name: its total fit and its rows.
    `missing` is what a row pays for a column without its piece."""
    text = fold_operators(text)
    n, width = len(text), len(columns)
    labels = {m.start(): m.end() for m in LABEL_PATTERN.finditer(text)}
    short = {m.start(): m.end() for m in _SHORT_PATTERN.finditer(text)}
    short = {p: end for p, end in short.items() if p not in labels and not any(q < p < e for q, e in labels.items())}
    # a group label is printed once: the same words right after it begin a name (财务管理|财务管理制度有效性)
    short = {p: end for p, end in short.items() if not any(e == p and text[q:e] == text[p:end] for q, e in short.items())}
    inside = [0] * (n + 1)  # inside[k]: how many short labels begin before k
    for k in range(n):  # (two-character forms — 成本, 数量 — are common inside names: 项目总成本)
        inside[k + 1] = inside[k] + (k in short and short[k] - k >= 4)
    label_at = sorted({*labels, *short})
    next_label = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        next_label[i] = i if i in labels else next_label[i + 1]
    NEG = float("-inf")
    best = [NEG] * (n + 1)  # best[i]: the best cut of text[i:]
    move: list[tuple | None] = [None] * (n + 1)
    cells = [[NEG] * (width + 1) for _ in range(n + 1)]  # cells[p][r]: columns r.. from p, then best[·]
    step: list[list[tuple | None]] = [[None] * (width + 1) for _ in range(n + 1)]
    best[n] = 0.0
    for p in range(n, -1, -1):
        if p < n:
            options: list[tuple[float, tuple]] = [(STRAY + best[p + 1], ("stray", p + 1))]
            if text[p].isspace():
                options.append((best[p + 1], ("skip", p + 1)))
            for found in (labels, short):
                if p in found:
                    options.append((LABEL + best[found[p]], ("label", found[p])))
            if (m := _PLACEHOLDER.match(text, p)) is not None:
                options.append((best[m.end()], ("skip", m.end())))
            nxt = next((q for q in label_at if p < q <= p + JUNK_SPAN), None)
            if nxt is not None:  # OCR'd or garbled text before a label (益标效指意指斥满度打|服务对象满意度)
                options.append((JUNK + best[nxt], ("stray", nxt)))
            inside_value = words and _cut_penalty(text, p, words=True) < 0  # no name begins inside a value (12|月)
            if not _BAD_NAME_START.match(text, p) and not text.startswith("指标", p) and not _OP_WORD.match(text, p) and not inside_value:
                for k in range(p + 2, min(p + 61, next_label[p], n) + 1):
                    if cells[k][0] > NEG and (named := _name_fit(text[p:k], words)) is not None:
                        held = inside[k] - inside[p + 1]  # short labels inside the name, past its first character
                        early = 1.0 if words and _MEASURE_AT.match(text, k) else 0.0  # 项目完成|时间: a name ends on its measure
                        options.append((named + HELD * held - early + cells[k][0], ("row", k)))
            best[p], move[p] = max(options, key=lambda o: o[0])
        cells[p][width] = best[p] if p == n or not text[p].isdigit() or p == 0 or not text[p - 1].isdigit() else NEG
        step[p][width] = ("end",)
        for r in range(width - 1, -1, -1):
            choice: tuple[float, tuple] = (OPTIONAL.get(columns[r], missing) + cells[p][r + 1], ("missing",))
            if p < n and text[p].isspace() and cells[p + 1][r] > choice[0]:
                choice = (cells[p + 1][r], ("space",))
            for end, score in _pieces(text, p, columns[r], words):
                if end > next_label[p]:
                    continue  # a cell never holds a full label (…专款专用质量指标保证…)
                if cells[end][r + 1] > NEG and score + cells[end][r + 1] > choice[0]:
                    choice = (score + cells[end][r + 1], ("piece", end))
            cells[p][r], step[p][r] = choice
    return best[0], _rows(text, columns, move, step)


def _ambiguous_digits(text: str, placed: list[tuple[int, int, str]]) -> bool:
    """Bare numbers printed as one run of digits (1514, 6620) whose run could be cut otherwise into as
    many valid numbers (6|6|20, 6|62|0, 66|2|0); 15|14 is the only cut of 1514 into two points ≤ 100."""
    group: list[tuple[int, int, str]] = []
    for piece in [*placed, (-1, -1, "")]:
        bare = piece[0] >= 0 and _BARE.fullmatch(text[piece[0]:piece[1]]) is not None
        if bare and group and group[-1][1] == piece[0]:
            group.append(piece)
            continue
        if len(group) >= 2 and _cuts(text[group[0][0]:group[-1][1]], [c for _, _, c in group]) > 1:
            return True
        group = [piece] if bare else []
    return False


def _cuts(run: str, columns: list[str], weight: float = 100.0) -> int:
    """How many ways `run` cuts into numbers for `columns` in order: no leading 0, points ≤ 100 and a
    得分 within the 分值 cut before it (15|7.5, not 1|57.5)."""
    if not columns:
        return 0 if run else 1
    total = 0
    for end in range(1, len(run) + 1):
        piece = run[:end]
        if not _BARE.fullmatch(piece) or (len(piece) > 1 and piece[0] == "0" and piece[1] != "."):
            continue
        if columns[0] in ("weight", "score") and float(piece) > (weight if columns[0] == "score" else 100.0):
            break
        total += _cuts(run[end:], columns[1:], float(piece) if columns[0] == "weight" else weight)
    return total


def _figures(skipped: str) -> bool:
    """Skipped text holding figures (a row the cut could not read), not only a template's 指标2: placeholders."""
    return re.search(r"\d", _PLACEHOLDER.sub("", skipped)) is not None


def _rows(text: str, columns: list[str], move: list, step: list) -> list[FusedRow]:
    rows: list[FusedRow] = []
    level1 = level2 = None
    printed1 = False  # the current level-1 was printed (not implied by a level-2)
    p = 0
    skipped = ""
    while p < len(text) and move[p] is not None:
        kind, end = move[p]
        if kind == "stray":
            skipped += text[p:end]
        if kind == "label":
            printed = re.sub(r"\s", "", text[p:end])
            label = re.sub(r"[（(].*$", "", printed)
            # a level-1 of either framework, or a group with points that no level-2 is (顼目产出(30分))
            top = label in _EVALUATION[0] or (label != printed and not framework.is_level1(label) and not framework.is_level2(label) and label not in _SHORT)
            if top or (framework.is_level1(label) and not (label.startswith("成本") and framework.level1_code(level1) == "output")):
                level1, level2, printed1 = label, None, True
            else:
                level2 = label
                owner = framework.level1_of(label)
                # a level-1 lost with its merged cell (another group's still current): the level-2 tells it; a
                # level-1 printed but not the framework's (顼目产出, 项目效益) stays as printed
                known = level1 is None or framework.is_level1(level1)
                if owner is not None and known and framework.level1_code(level1) != owner.code and not (label.startswith("成本") and framework.level1_code(level1) == "output"):
                    level1, printed1 = owner.name, False
        elif kind == "row":
            row = FusedRow(level1, level2, text[p:end], start=p, skipped=skipped if _figures(skipped) else "", level1_printed=printed1, spans={"name": (p, end)})
            skipped = ""
            q, r = end, 0
            placed: list[tuple[int, int, str]] = []
            while r < len(columns):
                what = step[q][r]
                if what[0] == "space":
                    q += 1
                    continue
                if what[0] == "piece":
                    row.cells[columns[r]] = text[q:what[1]].strip()
                    row.spans[columns[r]] = (q, what[1])
                    placed.append((q, what[1], columns[r]))
                    q = what[1]
                r += 1
            row.split_digits = _ambiguous_digits(text, placed)
            row.end = q
            rows.append(row)
            end = q
        p = end
    if rows and _figures(skipped):  # figures left unread after the last row
        rows[-1].skipped += skipped
    return rows
