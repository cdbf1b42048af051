"""What the rules share about one table (审核上下文), computed once per review.

Rules never loop over pairs of indicators: they use the indexes built here (quantity key →
indicators, keyword → indicators), each built in one pass over the table and only when a rule
first asks for it. Text-level work (quantities, segmentation) is cached across tables by text.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property, lru_cache

from ..domain import framework
from ..domain.table import Indicator, Table
from ..domain.value_search import Found, find_quantities
from .config import ReviewConfig
from .segment import keywords


class Context:
    def __init__(self, table: Table, config: ReviewConfig):
        self.table = table
        self.config = config
        self.indicators: list[Indicator] = table.indicators

    @cached_property
    def period_amounts(self) -> list[tuple[Found, ...]]:
        return [find_quantities(i.period_value) for i in self.indicators]

    @cached_property
    def annual_amounts(self) -> list[tuple[Found, ...]]:
        return [find_quantities(i.annual_value) for i in self.indicators]

    @cached_property
    def targets(self) -> list[tuple[Found, ...]]:
        """The amounts of the value each indicator is judged against: annual, else period."""
        return [a if ind.annual_value else p for ind, a, p in zip(self.indicators, self.annual_amounts, self.period_amounts, strict=True)]

    def target_amounts(self, index: int) -> tuple[Found, ...]:
        return self.targets[index]

    def target_keys(self, index: int) -> tuple[tuple, ...]:
        ind = self.indicators[index]
        return _keys(ind.period_value, ind.annual_value)

    @cached_property
    def level_codes(self) -> list[tuple[str | None, str | None]]:
        """(level-1 code, level-2 code) of every indicator, through the framework vocabulary."""
        return [_codes(ind.level1, ind.level2) for ind in self.indicators]

    @cached_property
    def by_quantity(self) -> dict[tuple, list[int]]:
        """Quantity key (what is measured, low, high) → indicators carrying it in either slot."""
        index: dict[tuple, list[int]] = defaultdict(list)
        for i, ind in enumerate(self.indicators):
            for key in _keys(ind.period_value, ind.annual_value):
                index[key].append(i)
        return index

    def name_keywords(self, section: str) -> list[frozenset[str]]:
        """Keywords of every indicator name, with the stopwords and synonyms of a config section."""
        cache = self.__dict__.setdefault("_name_keywords", {})
        if section not in cache:
            stop, syn = self.words_config(section)
            cache[section] = [keywords(i.name, stop, syn) for i in self.indicators]
        return cache[section]

    def words_config(self, section: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
        cache = self.__dict__.setdefault("_words_config", {})
        if section not in cache:
            conf = self.config[section]
            cache[section] = (frozenset(conf.get("stopwords", ())), frozenset(conf.get("synonyms", {}).items()))
        return cache[section]

    def by_keyword(self, section: str) -> dict[str, list[int]]:
        """Keyword → indicators whose name holds it (inverted index).

        A word in more than `max_keyword_postings` names identifies nothing and is left out, which
        also keeps every lookup bounded: review time grows linearly with the table.
        """
        cache = self.__dict__.setdefault("_by_keyword", {})
        if section not in cache:
            index: dict[str, list[int]] = defaultdict(list)
            for i, words in enumerate(self.name_keywords(section)):
                for word in words:
                    index[word].append(i)
            limit = self.config[section].get("max_keyword_postings", 50)
            cache[section] = {w: found for w, found in index.items() if len(found) <= limit}
        return cache[section]


@lru_cache(maxsize=4096)
def _codes(level1: str | None, level2: str | None) -> tuple[str | None, str | None]:
    l2 = framework.level2_code(level2, level1)
    l1 = framework.level1_code(level1) or (l2.split(".")[0] if l2 else None)
    return l1, l2


@lru_cache(maxsize=65536)
def _keys(period: str | None, annual: str | None) -> tuple[tuple, ...]:
    """The distinct quantity keys of an indicator's two values (cached by text)."""
    return tuple(dict.fromkeys(a.key for a in (*find_quantities(period), *find_quantities(annual))))
