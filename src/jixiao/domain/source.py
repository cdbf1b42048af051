"""Where a value came from (来源): file, line/row, column — and for paged or sheeted formats, page/sheet.

Lives in the domain floor because every domain object carries its provenance; the ingest floor
creates Sources, the review and assessment floors point at them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Source(BaseModel):
    """A location in a source document. Lines, rows, columns and pages count from 1."""

    model_config = ConfigDict(frozen=True)

    file: str | None = None
    line: int | None = None  # text line, or spreadsheet/table row
    column: int | None = None
    sheet: str | None = None
    page: int | None = None

    def __str__(self) -> str:
        parts = [self.file or "<输入>"]
        if self.sheet:
            parts.append(f"工作表 {self.sheet}")
        if self.page:
            parts.append(f"第{self.page}页")
        if self.line:
            parts.append(f"第{self.line}行")
        if self.column:
            parts.append(f"第{self.column}列")
        return " ".join(parts)
