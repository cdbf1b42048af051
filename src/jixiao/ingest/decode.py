"""Bytes → text for text-like inputs: UTF-8 (with or without BOM), UTF-16, else GB18030/GBK.

Government sites often publish in GB18030/GBK; a file is tried as UTF-8 first (strict), then as
GB18030 (a superset of GBK and GB2312). Binary input is refused rather than decoded into noise.
"""

from __future__ import annotations

import re

from ..domain.source import Source
from .errors import IngestError

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
_BOMS = (("utf-8-sig", b"\xef\xbb\xbf"), ("utf-16", b"\xff\xfe"), ("utf-16", b"\xfe\xff"))


def decode(data: bytes, file: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). Raise IngestError for empty or binary input."""
    where = Source(file=file)
    if not data.strip():
        raise IngestError("文件为空，没有可读取的内容", where)
    for encoding, bom in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data[:4096]:
        raise IngestError("文件是二进制内容，不是文本表格（请确认文件格式）", where)
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            if encoding == "utf-8" and error.start >= len(data) - 3 and "end of data" in error.reason:
                text = data[: error.start].decode(encoding)  # a file cut inside its last character
            else:
                continue
        if _looks_binary(text):
            break
        return text, encoding
    raise IngestError("无法识别文件编码：既不是 UTF-8 也不是 GB18030/GBK 文本", where)


def _looks_binary(text: str) -> bool:
    """Control characters other than tab/newline in more than 1% of the text mean it is not a table."""
    sample = text[:20000]
    controls = len(_CONTROLS.findall(sample))
    return controls > max(2, len(sample) // 100)
