"""Where a value came from (来源): file, line/row, column — and for paged or sheeted formats, page/sheet.

Lives in the domain floor because every domain object carries its provenance; the ingest floor
creates Sources, the review and assessment floors point at them. A plain frozen dataclass rather
than a pydantic model: readers create one per cell, so it must be cheap; pydantic models that hold
Sources still validate and serialize them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class Source:
    """A location in a source document. Lines, rows, columns and pages count from 1."""

    file: str | None = None
    line: int | None = None  # text line, or spreadsheet/table row
    column: int | None = None
    sheet: str | None = None
    page: int | None = None

    def to_dict(self, exclude_none: bool = True) -> dict:
        data = asdict(self)
        return {k: v for k, v in data.items() if v is not None} if exclude_none else data

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
