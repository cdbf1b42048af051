"""The cyclic garbage collector paused while a document is read (回收暂停).

A read builds one large structure that stays alive until it ends: a Grid of cells, each with its Source,
then the Tables. CPython starts a full collection whenever the objects that survived the younger
generations grow by a quarter of those that survived the last full one, so a read that grows the heap
from a hundred thousand tracked objects to a million walks all of them a dozen times and frees nothing (a
read leaves a few hundred cyclic objects whatever its size). A small read fits in that quarter and
starts one or none; from about 10,000 rows on they cost a quarter of the reading time, so a large
table cost more per row than a small one. Paused for the read, what the caller keeps is walked once or
twice by the collections that follow it; reference counting frees everything else as usual. Threads share
the collector: it resumes when the last running read ends, and only if a read paused it.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_LOCK = threading.Lock()
_reads = 0
_paused = False  # the collector was running when the first of the current reads paused it


@contextmanager
def collector_paused() -> Iterator[None]:
    global _reads, _paused
    with _LOCK:
        if _reads == 0 and gc.isenabled():
            gc.disable()
            _paused = True
        _reads += 1
    try:
        yield
    finally:
        with _LOCK:
            _reads -= 1
            if _reads == 0 and _paused:
                gc.enable()
                _paused = False
