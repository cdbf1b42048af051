"""Word segmentation (分词) for matching narrative, tasks and indicators by keywords, via jieba.

jieba's first load builds a prefix dictionary (about a second) and logs to stderr, so it is imported
lazily, initialized once, silenced, and every segmentation is cached by text: a table's names are
segmented once however many reviews run.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

_tokenizer = None
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def _jieba():
    global _tokenizer
    if _tokenizer is None:
        import jieba  # slow import (the dictionary loads): first use only

        jieba.setLogLevel(logging.CRITICAL)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        _tokenizer = tokenizer
    return _tokenizer


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """The words of `text` (no punctuation, no numbers), in order."""
    if not text:
        return ()
    return tuple(w for w in _jieba().lcut(text) if _WORD.search(w))


@lru_cache(maxsize=65536)
def keywords(text: str, stopwords: frozenset[str], synonyms: frozenset[tuple[str, str]]) -> frozenset[str]:
    """Distinctive words of `text`: two characters or more, not a stopword, synonyms folded (cached)."""
    fold = dict(synonyms)
    return frozenset(fold.get(w, w) for w in words(text) if len(w) >= 2 and w not in stopwords)
