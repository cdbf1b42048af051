"""One problem type (问题) for every wing: a reader's note, a review finding, a scoring flag.

A stable `code` for machines, a `severity`, a `message` for people (简体中文) and a `Source` that points
at the cell; `table` and `row` say which table of the document (0-based) and which indicator of that
table (0-based) it concerns, when it concerns one. The review adds its dimension (维度), the part of
the table in words (`where`), a suggestion, the figures behind the message and, under a locality's
checklist, the checklist item it answers. A frozen dataclass:
readers make many, and pydantic models that hold Problems still validate and serialize them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from .source import Source


class Severity(str, Enum):  # noqa: UP042 — StrEnum would change str()/f-string output (Severity.ERROR → error)
    """错误 blocks approval; 警告 should be revised; 提示 is for information (a reader's repair)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # stable, e.g. SHIFT-LEFT (reader), BUD-003 (review)
    message: str
    source: Source | None = None
    severity: Severity = Severity.INFO
    table: int | None = None  # index of the table in its document
    row: int | None = None  # index of the indicator in its table
    dimension: str | None = None  # review dimension (完整性/相关性/适当性/可行性)
    where: str = ""  # the part of the table concerned, in words
    suggestion: str | None = None
    figures: dict[str, Any] = field(default_factory=dict)  # numbers behind the message, for machines
    checklist_item: str | None = None  # the item of a locality's checklist that the finding answers (测算依据不规范)

    def at(self, *, table: int | None = None, row: int | None = None) -> Problem:
        """The same problem, placed in a table (and row) of a document."""
        return replace(self, table=self.table if table is None else table, row=self.row if row is None else row)

    @property
    def location(self) -> str:
        """Sheet/page/line/column in words (工作表 X 第13行 第5列), empty without a Source."""
        if self.source is None:
            return ""
        s = self.source
        parts = [f"工作表 {s.sheet}" if s.sheet else "", f"第{s.page}页" if s.page else "", f"第{s.line}行" if s.line else "", f"第{s.column}列" if s.column else ""]
        return " ".join(p for p in parts if p)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": Severity(self.severity).value,
            "message": self.message,
            "source": self.source.to_dict() if self.source is not None else None,
            "table": self.table,
            "row": self.row,
            "dimension": str(getattr(self.dimension, "value", self.dimension)) if self.dimension is not None else None,
            "where": self.where,
            "suggestion": self.suggestion,
            "figures": self.figures,
            "checklist_item": self.checklist_item,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        """The problem `to_dict` gave (its dimension as the plain name; the review maps it back)."""
        source = data.get("source")
        return cls(code=data["code"], message=data["message"], source=Source(**source) if source else None,
                   severity=Severity(data["severity"]), table=data.get("table"), row=data.get("row"), dimension=data.get("dimension"),
                   where=data.get("where", ""), suggestion=data.get("suggestion"), figures=dict(data.get("figures") or {}),
                   checklist_item=data.get("checklist_item"))

    def __str__(self) -> str:
        return f"[{self.code}] {self.source}: {self.message}" if self.source else f"[{self.code}] {self.message}"
