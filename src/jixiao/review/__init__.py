"""The review wing (绩效目标审核): rules over a Table → located findings and grades.

`review(table, config=None) -> Report`. Rules live one family per module in `rules/`, register
themselves in `registry.RULES`, and read their thresholds from the configuration (`default.toml`,
or a locality's file merged over it via `load_config(path)`). Imports only the domain floor.
A finding is a `domain.problem.Problem` with a review `Dimension`; `Severity` is the domain's.
"""

from ..domain.problem import Severity
from .config import ConfigError, ReviewConfig, default_config, load_config
from .dimension import DIMENSIONS, Dimension
from .engine import Report, review
from .grade import Grade
from .registry import RULES, Rule

__all__ = [
    "DIMENSIONS",
    "RULES",
    "ConfigError",
    "Dimension",
    "Grade",
    "Report",
    "ReviewConfig",
    "Rule",
    "Severity",
    "default_config",
    "load_config",
    "review",
]
