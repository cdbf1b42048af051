"""A review finding (审核发现): one problem, with a stable code, a dimension, a severity and a location.

Codes are for machines (BUD-003 stays BUD-003 across releases), messages and suggestions are for
people (简体中文). `where` names the part of the table in words (e.g. 指标“节能情况”) and `source`
points at the cell (file, line, column) when the table model knows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..domain.source import Source


class Dimension(str, Enum):
    """The four review dimensions of 财预〔2015〕88号."""

    COMPLETE = "完整性"
    RELEVANT = "相关性"
    APPROPRIATE = "适当性"
    FEASIBLE = "可行性"


DIMENSIONS = tuple(Dimension)


class Severity(str, Enum):
    """错误 blocks approval (exit code 1); 警告 should be revised; 提示 is for information."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable, e.g. BUD-003
    dimension: Dimension
    severity: Severity
    message: str
    where: str  # the section or indicator concerned, in words
    source: Source | None = None
    suggestion: str | None = None
    figures: dict[str, Any] = field(default_factory=dict)  # numbers behind the message, for machines

    @property
    def location(self) -> str:
        """Line/column in words (第13行 第5列), empty when the model has no Source for it."""
        if self.source is None:
            return ""
        parts = []
        if self.source.sheet:
            parts.append(f"工作表 {self.source.sheet}")
        if self.source.page:
            parts.append(f"第{self.source.page}页")
        if self.source.line:
            parts.append(f"第{self.source.line}行")
        if self.source.column:
            parts.append(f"第{self.source.column}列")
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "dimension": self.dimension.value,
            "severity": self.severity.value,
            "message": self.message,
            "where": self.where,
            "source": _source_dict(self.source),
            "suggestion": self.suggestion,
            "figures": self.figures,
        }


def _source_dict(source: Source | None) -> dict[str, Any] | None:
    """The filled fields of a Source, for JSON."""
    if source is None:
        return None
    fields = ("file", "line", "column", "sheet", "page")
    return {k: v for k in fields if (v := getattr(source, k, None)) is not None}
