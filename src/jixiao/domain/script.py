"""The matching form of printed text (字形归一): what label, header and vocabulary lookups compare.

Published tables reach us through mirrors that convert them to traditional characters and gloss
words with pinyin (項(xiàng)目 for 项目), and through OCR and PDF exports that space letters out
(产 出 指 标) or use look-alike characters (≧ for ≥, ﹦ for =). Readers keep every cell as printed —
a value must stay traceable to its cell — and compare its `plain` form: spaces removed, pinyin glosses
dropped, traditional characters mapped to simplified (OpenCC's t2s table), look-alike operators and
full-width forms folded. `plain` is the identity on ordinary simplified text without spaces.
"""

from __future__ import annotations

import re

import opencc

from .text_cache import text_cache

_T2S = opencc.OpenCC("t2s")
# A pinyin gloss after a character: 項(xiàng) — lower-case Latin letters with at least one tone mark.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńň"
GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])[(（][a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*[)）]")
_SPACE = re.compile(r"[\s\u3000]+")
# Look-alike operators as printed → the form the grammar reads (NFKC folds full-width ＞＝ etc.).
_LOOKALIKE = str.maketrans({"≧": "≥", "≦": "≤", "═": "=", "﹦": "=", "＝": "=", "﹥": ">", "﹤": "<"})
_CJK = re.compile(r"[\u3400-\u9fff]")


def strip_glosses(text: str) -> str:
    """Text without pinyin glosses: 項(xiàng)目 → 項目. Brackets holding anything else stay."""
    return GLOSS.sub("", text) if "(" in text or "（" in text else text


def fold_operators(text: str) -> str:
    """Look-alike comparison signs folded to ≥ ≤ = > <."""
    return text.translate(_LOOKALIKE)


@text_cache(16384)
def plain(text: str) -> str:
    """The matching form of `text`: no spaces, no pinyin glosses, simplified characters, folded operators."""
    text = _SPACE.sub("", text or "")
    if not text:
        return text
    text = fold_operators(strip_glosses(text))
    return _T2S.convert(text) if _CJK.search(text) else text

