"""Errors of the ingest floor: what a person needs to find the problem in the file.

Notes about what the reader repaired are `domain.problem.Problem`s kept on each table."""

from __future__ import annotations

from ..domain.source import Source


class IngestError(Exception):
    """Input that cannot be read as a table. `message` is for people (Chinese), `source` says where."""

    def __init__(self, message: str, source: Source | None = None):
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message
