"""Reading at scale: within one read a text is worked out once however many distinct texts the document
holds (a fixed-size LRU scanned past its size misses on every pass)."""

from __future__ import annotations

from jixiao.domain.text_cache import one_read, text_cache


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
