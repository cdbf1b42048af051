"""What the rules share about one table (审核上下文), computed once per review.

Rules never loop over pairs of indicators: they use the indexes built here (quantity key →
indicators, keyword → indicators), each built in one pass over the table and only when a rule
first asks for it. Text-level work (quantities, segmentation) is cached across tables by text.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from ..domain.table import Indicator, TargetTable
from .config import ReviewConfig
from .quantities import Amount, amounts
from .segment import keywords


class Context:
    def __init__(self, table: TargetTable, config: ReviewConfig):
        self.table = table
        self.config = config
        self.indicators: list[Indicator] = table.indicators

    @cached_property
    def period_amounts(self) -> list[tuple[Amount, ...]]:
        return [amounts(i.period_value) for i in self.indicators]

    @cached_property
    def annual_amounts(self) -> list[tuple[Amount, ...]]:
        return [amounts(i.annual_value) for i in self.indicators]

    def target_amounts(self, index: int) -> tuple[Amount, ...]:
        """The amounts of the value an indicator is judged against: annual, else period."""
        ind = self.indicators[index]
        return self.annual_amounts[index] if ind.annual_value else self.period_amounts[index]

    @cached_property
    def by_quantity(self) -> dict[tuple, list[int]]:
        """Quantity key (family, denominators, low, high) → indicators carrying it in either slot."""
        index: dict[tuple, list[int]] = defaultdict(list)
        for i in range(len(self.indicators)):
            keys = {a.key for a in self.period_amounts[i]} | {a.key for a in self.annual_amounts[i]}
            for key in keys:
                index[key].append(i)
        return index

    def name_keywords(self, section: str) -> list[frozenset[str]]:
        """Keywords of every indicator name, with the stopwords and synonyms of a config section."""
        cache = self.__dict__.setdefault("_name_keywords", {})
        if section not in cache:
            stop, syn = self.words_config(section)
            cache[section] = [keywords(i.name, stop, syn) for i in self.indicators]
        return cache[section]

    def words_config(self, section: str) -> tuple[frozenset[str], dict[str, str]]:
        cache = self.__dict__.setdefault("_words_config", {})
        if section not in cache:
            conf = self.config[section]
            cache[section] = (frozenset(conf.get("stopwords", ())), dict(conf.get("synonyms", {})))
        return cache[section]

    def by_keyword(self, section: str) -> dict[str, list[int]]:
        """Keyword → indicators whose name holds it (inverted index)."""
        cache = self.__dict__.setdefault("_by_keyword", {})
        if section not in cache:
            index: dict[str, list[int]] = defaultdict(list)
            for i, words in enumerate(self.name_keywords(section)):
                for word in words:
                    index[word].append(i)
            cache[section] = index
        return cache[section]
