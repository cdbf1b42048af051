"""Review configuration (审核规则配置): which rules run and their thresholds, as a TOML data file.

Localities differ, so nothing a regulation could change is a constant in a rule: rules ask the
configuration. `default.toml` ships with the package; a locality's file is merged over it, so it
only needs the keys it changes.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..domain.problem import Severity


class ConfigError(Exception):
    """A configuration file that cannot be used; the message (Chinese) names the file and the key."""


class ReviewConfig:
    """Read-only view of a merged configuration."""

    def __init__(self, data: dict[str, Any], name: str = "default.toml"):
        self.data = data
        self.name = name
        self._by_kind: dict[str, ReviewConfig] = {}
        rules = data.get("rules", {})
        self.disabled = frozenset(rules.get("disabled", []))
        self.severities: dict[str, Severity] = {}
        for code, value in rules.get("severity", {}).items():
            try:
                self.severities[code] = Severity(value)
            except ValueError:
                raise ConfigError(f"{name}：rules.severity.{code} 的取值“{value}”无效（应为 error / warning / info）") from None

    def __getitem__(self, section: str) -> dict[str, Any]:
        try:
            return self.data[section]
        except KeyError:
            raise ConfigError(f"{self.name}：缺少配置节 [{section}]") from None

    def for_kind(self, kind: str) -> ReviewConfig:
        """The configuration for a table of `kind`: its `[kinds.<kind>]` section merged over the rest."""
        override = self.data.get("kinds", {}).get(kind)
        if not override:
            return self
        cached = self._by_kind.get(kind)
        if cached is None:
            cached = self._by_kind[kind] = ReviewConfig(_merge(self.data, override), name=self.name)
        return cached

    def enabled(self, code: str) -> bool:
        return code not in self.disabled

    def severity(self, code: str, default: Severity) -> Severity:
        return self.severities.get(code, default)


def _merge(base: dict, override: dict) -> dict:
    out = dict(base)
    for key, value in override.items():
        out[key] = _merge(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


@lru_cache(maxsize=1)
def _default_data() -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath("default.toml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def default_config() -> ReviewConfig:
    return ReviewConfig(_default_data())


def load_config(path: str | Path | None = None) -> ReviewConfig:
    """The default configuration, with the file at `path` (if any) merged over it."""
    if path is None:
        return default_config()
    path = Path(path)
    try:
        override = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"配置文件不存在：{path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"无法读取配置文件 {path}：{error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"配置文件 {path} 不是有效的 TOML：{error}") from None
    return ReviewConfig(_merge(_default_data(), override), name=str(path))
