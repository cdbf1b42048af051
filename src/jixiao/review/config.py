"""Review configuration (审核规则配置): which rules run and their thresholds, as a TOML data file.

Localities differ, so nothing a regulation could change is a constant in a rule: rules ask the
configuration. `default.toml` ships with the package; a locality's file is merged over it, so it
only needs the keys it changes.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..domain.problem import Problem, Severity
from .dimension import group_name


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
        self.only = frozenset(rules.get("only", []))  # a checklist runs its own rules only
        self.checklist: dict[str, dict[str, Any]] = {}  # rule code → the checklist item it answers
        for entry in data.get("checklist", []):
            for code in entry.get("rules", []):
                self.checklist.setdefault(code, entry)
        self.fold: dict[str, str] = dict(data.get("grading", {}).get("fold", {}))  # 88号 dimension → group
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
        return code not in self.disabled and (not self.only or code in self.only)

    def severity(self, code: str, default: Severity) -> Severity:
        entry = self.checklist.get(code)
        if entry and "severity" in entry:
            return Severity(entry["severity"])
        return self.severities.get(code, default)

    def localize(self, finding: Problem) -> Problem:
        """A finding in the locality's words: its checklist item, group, 问题 and 建议; a rule the
        checklist does not list keeps its wording, its dimension folded into the checklist's groups."""
        entry = self.checklist.get(finding.code)
        name = group_name(finding.dimension)
        if entry is None:
            return replace(finding, dimension=self.fold.get(name, name)) if self.fold else finding
        problem = entry.get("problem")
        item = entry["item"]
        if "by" in entry:  # one rule, an item per group (数量指标未填写, 质量指标未填写, …); "" for none
            item = entry.get("items", {}).get(str(finding.figures.get(entry["by"])), item)
            if not item:
                return replace(finding, dimension=self.fold.get(name, name)) if self.fold else finding
        return replace(
            finding,
            dimension=entry.get("group", self.fold.get(name, name)),
            checklist_item=item,
            message=f"{problem}：{finding.message}" if problem else finding.message,
            suggestion=entry.get("suggestion") or finding.suggestion,
        )


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


def localities() -> list[str]:
    """The names of the locality checklists shipped in `review/localities/`."""
    folder = resources.files(__package__).joinpath("localities")
    return sorted(p.name[: -len(".toml")] for p in folder.iterdir() if p.name.endswith(".toml"))


def load_config(path: str | Path | None = None) -> ReviewConfig:
    """The default configuration, with the file at `path` (if any) merged over it. A name that is not
    a file but a shipped locality (`songgang-2023`) loads that locality's checklist."""
    if path is None:
        return default_config()
    if not Path(path).exists() and str(path) in localities():
        text = resources.files(__package__).joinpath("localities", f"{path}.toml").read_text(encoding="utf-8")
        return ReviewConfig(_merge(_default_data(), tomllib.loads(text)), name=str(path))
    path = Path(path)
    try:
        override = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"配置文件不存在：{path}（内置的地方审核口径：{'、'.join(localities()) or '无'}）") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"无法读取配置文件 {path}：{error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"配置文件 {path} 不是有效的 TOML：{error}") from None
    return ReviewConfig(_merge(_default_data(), override), name=str(path))
