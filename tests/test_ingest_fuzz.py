"""Any bytes, under any name: a table or an IngestError with a message — never another exception."""

from __future__ import annotations

import io
import zipfile
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.forms import render
from jixiao.ingest import IngestError, read_bytes, read_table

PREFIXES = [b"", b"PK\x03\x04", b"%PDF-1.4\n", b"<table><tr><td>", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<?xml version='1.0'?>", b"\xef\xbb\xbf"]
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def official(fmt: str) -> bytes:
    from conftest import EXAMPLE

    return render(read_table(EXAMPLE), fmt)


def _read(data: bytes, name: str | None) -> None:
    try:
        read_bytes(data, name)
    except IngestError as error:
        assert error.message and error.source is not None


@FAST
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=600), name=st.sampled_from(["t.xlsx", "t.docx", "t.pdf", "t.html", "t.txt", None]))
def test_random_bytes_never_crash(prefix, body, name):
    _read(prefix + body, name)


@FAST
@given(fmt=st.sampled_from(["xlsx", "docx"]), cut=st.floats(0.05, 0.98), flip=st.integers(0, 10**9))
def test_damaged_office_files_never_crash(fmt, cut, flip):
    data = bytearray(official(fmt))
    data[flip % len(data)] ^= 0xFF  # one damaged byte
    _read(bytes(data[: max(4, int(len(data) * cut))]), f"t.{fmt}")
    _read(bytes(data), f"t.{fmt}")


@FAST
@given(part=st.sampled_from(["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml", "[Content_Types].xml"]), junk=st.binary(max_size=200))
def test_xlsx_with_a_broken_part_never_crashes(part, junk):
    source = zipfile.ZipFile(io.BytesIO(official("xlsx")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in source.infolist():
            z.writestr(info, junk if info.filename == part else source.read(info))
    _read(out.getvalue(), "t.xlsx")
