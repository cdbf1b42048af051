"""Checks on the zip container of XLSX/DOCX files before any XML is parsed (安全检查).

Refuses zip bombs (total or per-part expansion beyond `Limits`), encrypted entries, and XML parts
that declare a DOCTYPE or entities (external-entity and billion-laughs attacks), the way defusedxml
forbids them. Tells an XLSX from a DOCX by its parts, not by its name.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from ...domain.source import Source
from ..errors import IngestError
from ..limits import Limits

DAMAGED = (zipfile.BadZipFile, EOFError, zlib.error, OSError, ValueError, NotImplementedError)  # what a broken part raises
_CELL_TAG = b"<c "
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')


def open_zip(data: bytes, file: str | None, limits: Limits) -> zipfile.ZipFile:
    where = Source(file=file)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):  # NotImplementedError: a damaged version field
        raise IngestError("文件已损坏：压缩包结构无法读取（XLSX/DOCX 文件可能下载不完整）", where) from None
    if len(infos) > limits.max_parts:
        raise IngestError(f"压缩包内文件过多（{len(infos)} 个，上限 {limits.max_parts}），已拒绝读取", where)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise IngestError("文件已加密（设置了密码），请先去除密码后再导入", where)
        total += info.file_size
        if info.file_size > 1_000_000 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise IngestError(f"压缩比异常（{info.filename} 解压后 {info.file_size:,} 字节），疑似压缩炸弹，已拒绝读取", where)
    if total > limits.max_unzipped_bytes:
        raise IngestError(f"解压后内容过大（{total:,} 字节，上限 {limits.max_unzipped_bytes:,}），已拒绝读取", where)
    for info in infos:
        if info.filename.endswith((".xml", ".rels")):
            try:
                with archive.open(info) as part:
                    prolog = part.read(2048)
            except DAMAGED:
                raise IngestError(f"文件已损坏：压缩包中的 {info.filename} 无法解压", where) from None
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise IngestError(f"文件中的 XML（{info.filename}）声明了 DOCTYPE/实体，出于安全原因拒绝读取", where)
    return archive


def archive_stream(archive: zipfile.ZipFile) -> io.BytesIO:
    """The in-memory file `open_zip` opened the archive on."""
    stream = archive.fp
    if not isinstance(stream, io.BytesIO):
        raise TypeError("the archive was not opened by open_zip (or is closed)")
    return stream


def office_kind(archive: zipfile.ZipFile) -> str | None:
    """'xlsx', 'docx' or None, from the parts the container holds."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    return None


def scan_sheet(archive: zipfile.ZipFile, part: str, limit: int, file: str | None = None) -> tuple[int, list[str]]:
    """Cells in a worksheet part and its merged ranges ('A1:F1'), read while streaming; stops as
    soon as more than `limit` cells are seen."""
    count, tail = 0, b""
    merges: list[str] = []
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(1 << 20):
                window = tail + chunk
                count += window.count(_CELL_TAG) - tail.count(_CELL_TAG)
                merges.extend(m.decode("ascii") for m in _MERGE.findall(window))  # the tail's repeat once
                tail = window[-80:]
                if count > limit:
                    break
    except DAMAGED:
        raise IngestError(f"文件已损坏：工作表 {part} 无法解压", Source(file=file)) from None
    return count, list(dict.fromkeys(merges))
