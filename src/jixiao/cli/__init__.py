"""The command line (Typer + Rich): `jixiao ingest | schema | …`.

One module per command family registers its commands on `app`; exit codes mean something:
0 success, 1 the input was read but fails a check (e.g. review errors), 2 unreadable input or usage.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="jixiao",
    help="jixiao（绩效）— 预算绩效管理：读取、审核、监控、自评与报表。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each module registers its commands on `app` when imported, in this order — the order `jixiao --help` lists them.
# isort: off
from . import ingest  # noqa: E402,F401
from . import web  # noqa: E402,F401
from . import review  # noqa: E402,F401
from . import assess  # noqa: E402,F401
from . import forms  # noqa: E402,F401
from . import batch  # noqa: E402,F401
from . import worker  # noqa: E402,F401
# isort: on


def main() -> None:
    app()
