"""The migration to canonical documents (tables 0005–0008, review 0002–0004) converts an old-style
record — field-by-field columns, indicator rows, task rows, a row comment — into its document."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

OLD = [("tables", "0004_goal_sources"), ("review", "0001_initial")]
SRC: dict[str, Any] = {"file": "old.txt", "line": 21, "column": 4}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaves():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_old_records_become_documents():
    from django.contrib.auth.models import User

    latest = leaves()
    old = migrate(OLD)
    try:
        Department = old.get_model("tables", "Department")
        Record = old.get_model("tables", "TargetTableRecord")
        Indicator = old.get_model("tables", "IndicatorRow")
        Task = old.get_model("tables", "TaskRow")
        Comment = old.get_model("review", "ReviewComment")
        dept = Department.objects.create(name="旧部门")
        record = Record.objects.create(
            department=dept, year=2024, title="旧表", status="approved", version=3, source_file="old.txt", funded_staff=12,
            subordinate_units=2, basic=100.5, project=20.0, special_fund=5.0, development_other=1.0, fiscal_appropriation=126.5,
            income_other=0.0, transfer_to_lower=0.0, overall_goals=["一、目标甲", "二、目标乙"], goal_sources=[SRC],
            empty_level2=[{"level1": "成本指标", "level2": "社会成本指标"}], department_sources={"name": SRC},
            budget_sources={"expenditure.basic": SRC}, indicator_count=2, review_grade="良", score=88.5,
        )
        Indicator.objects.create(table=record, position=1, level1="产出指标", level2="数量指标", name="培训人数", period_value="≥700人",
                                 annual_value="≥700人", sources={"annual_value": SRC})
        second = Indicator.objects.create(table=record, position=2, level1="满意度指标", level2="服务对象满意度指标", name="满意度",
                                          annual_value="≥90%", single_value_slot_ambiguous=True)
        Task.objects.create(table=record, kind="key", position=1, name="重点任务", content="内容", goal="目标", funds_yuan=10000.0, sources={"name": SRC})
        Task.objects.create(table=record, kind="other", position=2, name="其他任务", content="其他内容")
        user_id = User.objects.create(username="reviewer").pk
        Comment.objects.create(table=record, indicator=second, indicator_name="满意度", author_id=user_id, action="return", text="请说明依据")
        pk = record.pk
    finally:
        migrate(latest)

    from jixiao.domain.source import Source
    from jixiao.web.review.models import ReviewComment
    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import TableVersion, TargetTableRecord

    record = TargetTableRecord.objects.get(pk=pk)
    assert (record.kind, record.status, record.fill_status, record.label, record.version) == ("department_target", "approved", "filled", "旧部门", 3)
    assert (record.indicator_count, record.not_applicable_count, record.review_grade, record.score) == (2, 0, "良", 88.5)
    table = mapping.to_domain(record)
    assert table.title == "旧表" and table.year == 2024 and table.source_file == "old.txt"
    assert table.department is not None
    assert (table.department.name, table.department.funded_staff, table.department.subordinate_units) == ("旧部门", 12, 2)
    assert table.budget.expenditure.basic == 100.5 and table.budget.expenditure_total == 126.5 and table.budget.by_level.city_level is None
    assert table.budget.sources["expenditure.basic"] == Source(**SRC) and table.department.sources["name"] == Source(**SRC)
    assert table.overall_goals == ["一、目标甲", "二、目标乙"] and table.overall_goal_sources == [Source(**SRC)]
    assert [(i.name, i.period_value, i.annual_value, i.single_value_slot_ambiguous) for i in table.indicators] == [
        ("培训人数", "≥700人", "≥700人", False), ("满意度", None, "≥90%", True)]
    assert table.indicators[0].sources["annual_value"] == Source(**SRC) and table.indicators[0].level1_code == "output"
    assert [(t.name, t.goal, t.funds_yuan) for t in table.key_tasks] == [("重点任务", "目标", 10000.0)]
    assert [t.name for t in table.other_tasks] == ["其他任务"]
    assert [(g.level1, g.level2) for g in table.empty_level2] == [("成本指标", "社会成本指标")]
    version = TableVersion.objects.get(table=record)
    assert version.version == 3 and version.document == record.document  # the current version is kept
    comment = ReviewComment.objects.get(table=record)
    assert (comment.row, comment.indicator_name, comment.text) == (1, "满意度", "请说明依据")

    # and back: while every table is a department table, the old columns and rows are rebuilt from the documents
    try:
        old = migrate(OLD)
        back = old.get_model("tables", "TargetTableRecord").objects.get(pk=pk)
        assert (back.title, back.basic, back.funded_staff, back.overall_goals, back.budget_sources) == ("旧表", 100.5, 12, ["一、目标甲", "二、目标乙"], {"expenditure.basic": SRC})
        rows = old.get_model("tables", "IndicatorRow").objects.filter(table_id=pk).order_by("position")
        assert [(i.position, i.name, i.period_value, i.single_value_slot_ambiguous) for i in rows] == [(1, "培训人数", "≥700人", False), (2, "满意度", "", True)]
        assert [t.kind for t in old.get_model("tables", "TaskRow").objects.filter(table_id=pk).order_by("position")] == ["key", "other"]
        assert old.get_model("review", "ReviewComment").objects.get(table_id=pk).indicator.position == 2
    finally:
        migrate(latest)


@pytest.mark.django_db(transaction=True)
def test_going_back_is_refused_while_project_tables_exist(example):
    from django.db.migrations.recorder import MigrationRecorder
    from web_support import project_table

    from jixiao.web.tables import mapping
    from jixiao.web.tables.models import Department

    latest = leaves()
    dept = Department.objects.create(name="某部门")
    mapping.store(project_table(example), dept, 2025)
    try:
        with pytest.raises(RuntimeError, match="无法回退"):
            migrate(OLD)
    finally:
        migrate(latest)
    assert MigrationRecorder(connection).migration_qs.filter(app="tables", name="0008_drop_rows").exists()
    assert dept.tables.count() == 1
