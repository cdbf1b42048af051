"""The assessment wing (绩效监控与自评): actuals in; progress, deviations, forecasts and official scores out.

Public API (what the CLI, forms and the web application call):

- `load_actuals(path, table=None, scheme=None) -> Actuals` — read a filled workbook, CSV or JSON; with a
  table, validate every entry (raises `ActualsError` whose `problems` — `domain.problem.Problem`s —
  carry sheet/row/column). Scores and monitoring reports carry their flags as Problems too.
- `build_template(table, kind, scheme=None) -> bytes` / `write_template(table, path, kind)` — the XLSX to fill.
- `monitor(table, snapshot, at, scheme="default") -> MonitorReport`.
- `score(table, actuals, scheme="default", budget=None, executed=None) -> Evaluation`;
  `score_many([(table, actuals), …], scheme) -> list[Evaluation]` in one vectorised pass.
- `load_scheme(name_or_path) -> Scheme`, `scheme_names()`.
"""

from .actuals import ActualEntry, Actuals, ActualsError, BudgetActuals, check_actuals, load_actuals, read_actuals_bytes
from .monitor import IndicatorProgress, MonitorReport, monitor
from .scheme import Scheme, SchemeError, load_scheme, scheme_for_locality, scheme_names
from .score import BudgetScore, Evaluation, IndicatorScore, LevelTotal, score, score_many
from .template import build_template, write_template

__all__ = [
    "ActualEntry", "Actuals", "ActualsError", "BudgetActuals", "BudgetScore", "Evaluation",
    "IndicatorProgress", "IndicatorScore", "LevelTotal", "MonitorReport", "Scheme", "SchemeError",
    "build_template", "check_actuals", "load_actuals", "load_scheme", "monitor", "read_actuals_bytes",
    "scheme_for_locality", "scheme_names", "score", "score_many", "write_template",
]
