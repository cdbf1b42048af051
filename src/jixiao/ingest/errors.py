"""Errors and notes of the ingest floor: what a person needs to find the problem in the file."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from ..domain.source import Source


class IngestError(Exception):
    """Input that cannot be read as a table. `message` is for people (Chinese), `source` says where."""

    def __init__(self, message: str, source: Source | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class IngestNote(BaseModel):
    """A repair or an observation the reader made: code for machines, message for people, where."""

    model_config = ConfigDict(frozen=True)

    code: str  # e.g. SHIFT-LEFT, LABEL-LATE, SLOT-SINGLE
    message: str
    source: Source | None = None

    def __str__(self) -> str:
        return f"[{self.code}] {self.source}: {self.message}" if self.source else f"[{self.code}] {self.message}"
