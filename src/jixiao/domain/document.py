"""A published document (文档) and the tables found in it, in the order they appear.

A workbook holds a project per sheet, a budget PDF several forms, a web page several projects: the
reading of a file is a `Document`, never a single table. `format` is what the reader found by content
(text, xlsx, docx, html, pdf), not the file's name.
"""

from __future__ import annotations

from pydantic import Field

from .table import Model, Table


class Document(Model):
    source_file: str | None = None
    format: str | None = None  # text · xlsx · docx · html · pdf
    encoding: str | None = None  # of a text or web page, as detected
    tables: list[Table] = Field(default_factory=list)

    def of_kind(self, kind: str) -> list[Table]:
        return [t for t in self.tables if t.kind == kind]

    @property
    def filled(self) -> list[Table]:
        return [t for t in self.tables if t.status == "filled"]

    def canonical_json(self, indent: int | None = 2) -> str:
        return self.model_dump_json(indent=indent, exclude={"encoding"})
