"""Reading at scale: within one read a text is worked out once however many distinct texts the document
holds (a fixed-size LRU scanned past its size misses on every pass), and the cyclic collector paused for a
read runs again after it, as it was, whether the read succeeded, failed or overlapped another."""

from __future__ import annotations

import gc
import threading

import pytest

from jixiao.domain.text_cache import one_read, text_cache
from jixiao.ingest import IngestError, read_bytes
from jixiao.ingest.collector import collector_paused


def _counted(maxsize: int):
    calls: list[str] = []

    @text_cache(maxsize)
    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    return upper, calls


TEXTS = [f"text{k}" for k in range(10)]  # more distinct texts than the LRU below holds


def test_a_read_works_each_text_out_once_however_many_there_are():
    upper, calls = _counted(maxsize=4)
    with one_read():
        for _ in range(3):  # the reader's passes over the same cells
            assert [upper(t) for t in TEXTS] == [t.upper() for t in TEXTS]
    assert sorted(calls) == sorted(TEXTS)


def test_outside_a_read_the_lru_alone_serves_and_misses_a_cyclic_scan_past_its_size():
    upper, calls = _counted(maxsize=4)
    for _ in range(3):
        assert [upper(t) for t in TEXTS] == [t.upper() for t in TEXTS]
    assert len(calls) == 3 * len(TEXTS)


def test_a_read_forgets_its_texts_when_it_ends_and_an_inner_read_shares_the_outer_one():
    upper, calls = _counted(maxsize=1)
    with one_read():
        upper("a")
        with one_read():
            upper("b")
            upper("a")
        upper("b")
    assert calls == ["a", "b"]
    upper("a")  # the read is over and the LRU holds only "b"
    assert calls == ["a", "b", "a"]


@pytest.mark.parametrize("running", [True, False])
def test_a_read_leaves_the_collector_as_it_found_it(running):
    was = gc.isenabled()
    try:
        gc.enable() if running else gc.disable()
        seen = []
        with collector_paused():
            seen.append(gc.isenabled())
        assert seen == [False] and gc.isenabled() is running
        with pytest.raises(IngestError):
            read_bytes(b"PK\x03\x04 not a workbook", "broken.xlsx")
        assert gc.isenabled() is running
    finally:
        gc.enable() if was else gc.disable()


def test_overlapping_reads_resume_the_collector_when_the_last_one_ends():
    assert gc.isenabled()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: dict[str, bool] = {}

    def first() -> None:
        with collector_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with collector_paused():
            second_in.set()
            first_out.wait(5)
            seen["after the first ended"] = gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == {"after the first ended": False}
    assert gc.isenabled()
