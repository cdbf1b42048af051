"""Entries of actual values (self-evaluation 自评, monitoring 监控): kept as drafts (草稿) until the person
submits them, and a row without a usable actual is 未填 (or 无法识别), never scored as 0 unnoticed.

Shared by the evaluation and monitoring pages: the entry's status, the actuals posted by a form (blank
and placeholders such as “/” kept as typed; they count as not filled), and the rows still missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models

from ..domain.blank import is_blank

SAVE, SUBMIT = "save", "submit"


class EntryStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"


@dataclass(frozen=True)
class Missing:
    """A row without a usable actual value: 未填 (blank or a placeholder) or 无法识别 (with why)."""

    position: int  # from 1; 0 for a value outside the rows (全年执行数)
    name: str
    reason: str  # 未填 / 无法识别：…

    @property
    def words(self) -> str:
        return f"第{self.position}项“{self.name}”（{self.reason}）" if self.position else f"{self.name}（{self.reason}）"


def posted_actuals(post, indicators) -> dict[str, str]:
    """position (as text) → the actual typed for each indicator row, as typed (at most 500 characters)."""
    return {str(n): post.get(f"actual_{n}", "").strip()[:500] for n, _i in indicators}


def action_of(post) -> str:
    """What the form's button asks: submit (提交) or save a draft (保存草稿, also a form without a button)."""
    return SUBMIT if post.get("action") == SUBMIT else SAVE


def blank_rows(indicators, actuals: dict[str, str]) -> list[Missing]:
    """The rows whose actual is blank or a placeholder."""
    return [Missing(n, i.name, "未填") for n, i in indicators if is_blank(actuals.get(str(n)))]


def refusal(missing: list[Missing], what: str) -> str:
    """The message of a submission refused for its missing rows, naming each."""
    return f"以下 {len(missing)} 项没有可用的{what}，不能提交（草稿可以保存）：" + "；".join(m.words for m in missing)
