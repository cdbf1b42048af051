"""Caches for functions of printed text (文本缓存): a label or value printed many times is worked out once.

A reader calls such a function (a text's plain form, a label's normalized key) for every cell, in several
passes over the table. A fixed-size LRU serves what documents share and answers repeats at C speed, but a
document with more distinct texts than its size is a cyclic scan past it: each entry is evicted before its
next pass comes back, every call misses, and reading time grows faster than the table. So behind the LRU
each function keeps, within `one_read()`, every result of that read (the distinct texts of one document,
bounded by the reader's limits) and forgets them when the read ends. Outside a read the LRU alone serves.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache, update_wrapper
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from functools import _lru_cache_wrapper

T = TypeVar("T")

_READ: ContextVar[dict[Callable[..., Any], dict[tuple[Hashable, ...], Any]] | None] = ContextVar("text_cache_read", default=None)


@contextmanager
def one_read() -> Iterator[None]:
    """The scope of one document's read; a read inside another shares the outer one's results."""
    if _READ.get() is not None:
        yield
        return
    token = _READ.set({})
    try:
        yield
    finally:
        _READ.reset(token)


def text_cache(maxsize: int) -> Callable[[Callable[..., T]], _lru_cache_wrapper[T]]:
    """`lru_cache(maxsize)` over `fn`, with the results of the current read behind it (positional arguments)."""

    def wrap(fn: Callable[..., T]) -> _lru_cache_wrapper[T]:
        def within_read(*args: Hashable) -> T:
            read = _READ.get()
            if read is None:
                return fn(*args)
            results = read.get(fn)
            if results is None:
                results = read[fn] = {}
            if args not in results:
                results[args] = fn(*args)
            return results[args]

        return lru_cache(maxsize=maxsize)(update_wrapper(within_read, fn))

    return wrap
