"""Which official form a table is printed on, by its kind: a project target table (项目支出绩效目标表)
on the project form (`project.py`), every other table on the department form (`official.py`).

The self-evaluation and monitoring forms need assessment results and are placed by `results.py`.
"""

from __future__ import annotations

from ..domain.table import Table
from .official import Sheet, target_sheet
from .project import project_sheet


def form_sheet(table: Table) -> Sheet:
    """The table placed on the form of its kind."""
    if table.kind == "project_target":
        return project_sheet(table)
    return target_sheet(table)
