"""Limits on what a reader accepts (读取限制): sizes that stop zip bombs and sheets of millions of cells.

The defaults suit published tables (a few hundred cells, a few hundred kilobytes); each can be
raised for a batch through an environment variable (e.g. `JIXIAO_MAX_CELLS=2000000`) or by passing
a `Limits` to the readers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50_000_000  # the file as given
    max_unzipped_bytes: int = 200_000_000  # all parts of an XLSX/DOCX together, uncompressed
    max_ratio: int = 200  # uncompressed / compressed size of any one part larger than 1 MB
    max_parts: int = 5_000  # entries in the zip container
    max_cells: int = 1_000_000  # cells in one sheet or all tables of a document
    max_pages: int = 500  # PDF pages

    @classmethod
    def from_env(cls) -> Limits:
        """Defaults, overridden by JIXIAO_MAX_<FIELD> environment variables."""
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"JIXIAO_{f.name.upper()}")
            if raw and raw.strip().isdigit():
                values[f.name] = int(raw)
        return cls(**values)
