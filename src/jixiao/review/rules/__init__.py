"""Rule families, one module each; importing this package registers every rule."""

from . import budget, cost, duplicates, framework, measurability, narrative, project  # noqa: F401
