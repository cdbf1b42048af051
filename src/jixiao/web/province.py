"""`jixiao demo --province`: a synthetic province-sized portfolio for load tests (合成数据).

Regions × levels × agencies × years (vocabulary in province.toml) give ~20,000 tables; each gets
20–50 indicators drawn from templates with random numbers, a random budget and a workflow status,
so no two tables are copies. Each is stored as its canonical document (bulk inserts, a batch at a time).
"""

from __future__ import annotations

import json
import random
import tomllib
from importlib import resources

from django.db import transaction

from .tables.models import Department, Status, TargetTableRecord

STATUSES = [Status.DRAFT] * 2 + [Status.SUBMITTED] * 2 + [Status.RETURNED] + [Status.APPROVED] * 2 + [Status.PUBLISHED] * 3
GRADES = ["优", "良", "良", "中", "中", "差"]


def vocabulary() -> dict:
    return tomllib.loads(resources.files("jixiao.web").joinpath("province.toml").read_text(encoding="utf-8"))


def _value(template: str, rng: random.Random, words: dict) -> str:
    return template.format(
        n=rng.choice([rng.randint(2, 60), rng.randint(100, 5000), rng.randint(5, 500) * 10]),
        p=rng.choice([80, 85, 90, 95, 98, 100]),
        q=rng.choice(words["quality"]),
        m=rng.randint(3, 12),
        w="",
    )


def _indicators(rng: random.Random, voc: dict) -> list[tuple[str, str, str, str]]:
    templates = [item["t"] for item in voc["indicators"]]
    work = voc["words"]["work"]
    chosen = []
    for _ in range(rng.randint(20, 50)):
        level1, level2, name, value = rng.choice(templates)
        chosen.append((level1, level2, name.format(w=rng.choice(work)), _value(value, rng, voc["words"])))
    order = {"产出指标": 0, "成本指标": 1, "效益指标": 2, "满意度指标": 3}
    chosen.sort(key=lambda c: (order[c[0]], c[1]))
    return chosen


def _document(rng: random.Random, name: str, year: int, indicators) -> dict:
    """A department table's canonical document (the JSON shape of domain.table.Table; computed fields are
    recomputed on reading)."""
    basic = round(rng.uniform(200, 5000), 2)
    project = round(rng.uniform(0, 8000), 2)
    special = round(rng.uniform(0, 1500), 2)
    return {
        "kind": "department_target", "title": "部门整体预算绩效目标表（合成数据）", "year": year, "status": "filled",
        "department": {"name": name, "funded_staff": rng.randint(5, 800), "subordinate_units": rng.randint(0, 12)},
        "budget": {"unit": "万元", "expenditure": {"basic": basic, "project": project, "development": {"special_fund": special, "other": 0.0}},
                   "income": {"fiscal_appropriation": round(basic + project + special, 2), "other": 0.0}},
        "overall_goals": [f"一、{year}年围绕部门职责完成年度重点工作任务。"],
        "indicators": [
            {"level1": l1, "level2": l2, "name": n, "period_value": value, "annual_value": value,
             "sources": {"annual_value": {"file": "synthetic", "line": 20 + k, "column": 6}}}
            for k, (l1, l2, n, value) in enumerate(indicators, 1)
        ],
        "source_file": "synthetic",
    }


def generate(tables: int = 20_000, seed: int = 2025, batch: int = 200, progress=None) -> tuple[int, int]:
    """Create up to `tables` tables (and their departments); returns (tables, indicators) created."""
    voc = vocabulary()
    rng = random.Random(seed)
    names = [f"{r}{lv}{a}" for r in voc["regions"] for lv in voc["levels"] for a in voc["agencies"]]
    pairs = [(name, year) for name in names for year in voc["years"]][:tables]
    existing = set(Department.objects.values_list("name", flat=True))
    Department.objects.bulk_create([Department(name=n, region=n[:3]) for n in dict.fromkeys(p[0] for p in pairs) if n not in existing], batch_size=1000)
    departments = dict(Department.objects.values_list("name", "id"))
    names_by_id = {v: k for k, v in departments.items()}
    done = set(TargetTableRecord.objects.filter(kind="department_target").values_list("department_id", "year"))
    made_tables = made_indicators = 0
    for start in range(0, len(pairs), batch):
        chunk = [(departments[n], y) for n, y in pairs[start : start + batch] if (departments[n], y) not in done]
        with transaction.atomic():
            records, rows = [], []
            for dept_id, year in chunk:
                indicators = _indicators(rng, voc)
                status = rng.choice(STATUSES)
                records.append(TargetTableRecord(
                    department_id=dept_id, year=year, kind="department_target", status=status, label=names_by_id[dept_id],
                    source_file="synthetic", indicator_count=len(indicators), document=json.dumps(_document(rng, names_by_id[dept_id], year, indicators), ensure_ascii=False),
                    review_grade=rng.choice(GRADES) if status != Status.DRAFT else "",
                    score=round(rng.uniform(62, 99), 2) if status == Status.PUBLISHED and year < 2025 else None,
                ))
                rows.append(indicators)
            TargetTableRecord.objects.bulk_create(records)
        made_tables += len(records)
        made_indicators += sum(len(i) for i in rows)
        if progress is not None:
            progress(len(chunk))
    return made_tables, made_indicators
