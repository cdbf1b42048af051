"""The text of a table the edit form offers beside its numbers: a project's facts (名称、编码、单位、期限、
目标、依据), a department's total goals (总体绩效目标) and its tasks (重点任务、其他任务). Each is a
merge field (`merge.Field`), so the optimistic locking and three-way merge of the value form cover them too."""

from __future__ import annotations

from functools import partial

from . import merge

PROJECT_FACTS = {  # form key → (label, key in document["project"], long text?)
    "fact_name": ("项目名称", "name", False), "fact_code": ("项目编码", "code", False), "fact_department": ("主管部门", "department", False),
    "fact_unit": ("实施单位", "unit", False), "fact_type": ("项目属性", "type", False), "fact_period": ("实施期限", "period", False),
    "fact_mid_term_goal": ("中期目标", "mid_term_goal", True), "fact_annual_goal": ("年度目标", "annual_goal", True),
    "fact_policy_basis": ("政策依据", "policy_basis", True), "fact_cost_basis": ("测算依据", "cost_basis", True),
}
TASK_FIELDS = {"key_tasks": (("name", "任务名称"), ("content", "主要实施内容"), ("goal", "期望达到的目标")),
               "other_tasks": (("name", "任务名称"), ("content", "主要实施内容"))}
TASK_WORDS = {"key_tasks": ("key_task", "重点任务"), "other_tasks": ("other_task", "其他任务")}


def _fact_get(doc: dict, name: str) -> str:
    return ((doc.get("project") or {}).get(name)) or ""


def _fact_set(doc: dict, value, name: str) -> None:
    doc.setdefault("project", {})[name] = value or None


def _goal_get(doc: dict, k: int) -> str:
    goals = doc.get("overall_goals") or []
    return goals[k] if k < len(goals) else ""


def _goal_set(doc: dict, value, k: int) -> None:
    goals = doc.get("overall_goals") or []
    if k < len(goals):
        goals[k] = value or ""


def _task_get(doc: dict, lst: str, k: int, f: str) -> str:
    tasks = doc.get(lst) or []
    return (tasks[k].get(f) or "") if k < len(tasks) else ""


def _task_set(doc: dict, value, lst: str, k: int, f: str) -> None:
    tasks = doc.get(lst) or []
    if k < len(tasks):
        tasks[k][f] = value if f == "name" else (value or None)


def all_fields(doc: dict) -> dict[str, merge.Field]:
    """Every text field the document offers, by form key."""
    out: dict[str, merge.Field] = {}
    if doc.get("kind") == "project_target" or doc.get("project"):
        for key, (label, name, _long) in PROJECT_FACTS.items():
            out[key] = merge.Field(key, label, partial(_fact_get, name=name), partial(_fact_set, name=name))
    if doc.get("kind") == "department_target":
        for k in range(len(doc.get("overall_goals") or [])):
            out[f"goal_{k + 1}"] = merge.Field(f"goal_{k + 1}", f"总体目标{k + 1}", partial(_goal_get, k=k), partial(_goal_set, k=k))
        for lst, fields in TASK_FIELDS.items():
            prefix, words = TASK_WORDS[lst]
            for k in range(len(doc.get(lst) or [])):
                for f, label in fields:
                    key = f"{prefix}_{k + 1}_{f}"
                    out[key] = merge.Field(key, f"{words}{k + 1}·{label}", partial(_task_get, lst=lst, k=k, f=f), partial(_task_set, lst=lst, k=k, f=f))
    return out


def posted(post, doc: dict) -> dict[str, str]:
    """The text fields a form posted (at most 2,000 characters each); fields it did not post are left alone."""
    return {key: post[key].strip()[:2000] for key in all_fields(doc) if key in post}


def fields(current: dict, values: dict[str, str]) -> list[tuple[merge.Field, object]]:
    """The posted text values as merge fields of the current document (keys it does not offer are ignored)."""
    offered = all_fields(current)
    return [(offered[key], value) for key, value in values.items() if key in offered]


def sections(doc: dict, shown: dict | None = None) -> dict:
    """What the edit form shows: project facts, goals and tasks with their values (`shown` overrides: what the person typed)."""
    shown = shown or {}
    offered = all_fields(doc)

    def value(key: str) -> str:
        return str(shown[key]) if key in shown and shown[key] is not None else offered[key].get(doc)

    facts = [(key, label, value(key), long) for key, (label, _n, long) in PROJECT_FACTS.items() if key in offered]
    goals = [(k, f"goal_{k}", value(f"goal_{k}")) for k in range(1, len(doc.get("overall_goals") or []) + 1)] if doc.get("kind") == "department_target" else []
    tasks = {}
    if doc.get("kind") == "department_target":
        for lst, task_fields in TASK_FIELDS.items():
            prefix, _words = TASK_WORDS[lst]
            tasks[lst] = [(k, [(f"{prefix}_{k}_{f}", label, value(f"{prefix}_{k}_{f}")) for f, label in task_fields])
                          for k in range(1, len(doc.get(lst) or []) + 1)]
    return {"facts": facts, "goals": goals, "key_tasks": tasks.get("key_tasks", []), "other_tasks": tasks.get("other_tasks", []),
            "department": doc.get("kind") == "department_target"}
