"""Who may do what (权限). Every page and API endpoint asks these functions, nothing else.

- 部门填报人员 (staff): own department only; upload, edit drafts/returned tables, submit, publish approved
  tables, enter monitoring data.
- 财政审核人员 (reviewer): every department; approve or return submitted tables; never edits numbers.
- 评价人员 (evaluator): every department; enters self-evaluations of approved/published tables.
- 查阅人员 (viewer, the public): published tables and their self-evaluations only — by content too: no
  review (findings, grades, 自评得分复核, import batch summaries), no return or row comments, no monitoring,
  no history and no staff user names (`can_see_review`, `can_view_monitoring`).

A department's review checklist (审核口径) is chosen by reviewers (the 审核口径 page) and by the
department's own staff when they import a document (the upload form's select).
Reviewers and evaluators may upload published self-evaluations (only those) of any unit and see the
自评得分复核 summary across departments.
An import batch (同批导入汇总) shows the tables of the batch the user may see; none visible → refused.
"""

from __future__ import annotations

from .accounts.models import Role

EDITABLE = ("draft", "returned")
SETTLED = ("approved", "published")


def role_of(user) -> Role | None:
    if user is None or not user.is_authenticated:
        return None
    profile = getattr(user, "profile", None)
    return Role(profile.role) if profile is not None else None


def _own(user, table) -> bool:
    profile = getattr(user, "profile", None)
    return profile is not None and profile.department_id is not None and profile.department_id == table.department_id


def visible_tables(user, queryset):
    """Filter a queryset of TargetTableRecord to what the user may see."""
    role = role_of(user)
    if role in (Role.REVIEWER, Role.EVALUATOR):
        return queryset
    if role == Role.STAFF:
        return queryset.filter(department_id=user.profile.department_id)
    if role == Role.VIEWER:
        return queryset.filter(status="published")
    return queryset.none()


def can_view(user, table) -> bool:
    role = role_of(user)
    if role in (Role.REVIEWER, Role.EVALUATOR):
        return True
    if role == Role.STAFF:
        return _own(user, table)
    if role == Role.VIEWER:
        return table.status == "published"
    return False


def can_view_history(user, table) -> bool:
    return can_view(user, table) and role_of(user) != Role.VIEWER


def can_see_review(user, table=None) -> bool:
    """The internal review of a table the user may see: findings, grade, comments and their authors, the
    自评得分复核 and import batches. Everyone but the public viewer."""
    return role_of(user) in (Role.STAFF, Role.REVIEWER, Role.EVALUATOR) and (table is None or can_view(user, table))


def can_view_monitoring(user, table) -> bool:
    """运行监控 (execution monitoring) is internal: not for the public viewer."""
    return can_see_review(user, table)


def can_view_overview(user) -> bool:
    """The bureau's overview (总览: counts, the 待审核 queue, the portfolio by light) and a table beside
    last year's: internal, so everyone but the public viewer; each sees the tables they may see."""
    return can_see_review(user)


def can_upload(user) -> bool:
    """Staff upload their department's tables; reviewers and evaluators upload published self-evaluations."""
    return (role_of(user) == Role.STAFF and user.profile.department_id is not None) or can_upload_selfevals(user)


def can_upload_selfevals(user) -> bool:
    """财政审核人员 and 评价人员 may upload published self-evaluations (绩效自评表) of any unit, to audit their scores."""
    return role_of(user) in (Role.REVIEWER, Role.EVALUATOR)


def can_audit(user) -> bool:
    """The 自评得分复核 summary across departments and its export: finance reviewers and evaluators."""
    return role_of(user) in (Role.REVIEWER, Role.EVALUATOR)


def can_edit(user, table) -> bool:
    return role_of(user) == Role.STAFF and _own(user, table) and table.status in EDITABLE


def can_submit(user, table) -> bool:
    return can_edit(user, table)


def can_review(user, table) -> bool:
    return role_of(user) == Role.REVIEWER and table.status == "submitted"


def can_publish(user, table) -> bool:
    return role_of(user) == Role.STAFF and _own(user, table) and table.status == "approved"


def can_monitor(user, table) -> bool:
    """运行监控填报: the roles the deployment names (`JIXIAO_MONITOR_ROLES`; staff only for their own
    department), once the table is approved or published."""
    return monitor_refusal(user, table) is None


def monitor_refusal(user, table) -> str | None:
    """Why the user cannot enter monitoring figures for the table (in words), or None when they can."""
    from django.conf import settings

    role = role_of(user)
    allowed = [Role(r) for r in settings.MONITOR_ROLES if r in Role.values and r != Role.VIEWER]
    if role not in allowed:
        names = "、".join(r.label for r in allowed) or "无"
        return f"您的角色（{role.label if role else '未登录'}）不能填报运行监控数据：按本系统配置，填报角色为{names}"
    if role == Role.STAFF and not _own(user, table):
        return "部门填报人员只能填报本部门目标表的运行监控数据"
    if table.status not in SETTLED:
        return f"该表当前状态为“{table.get_status_display()}”，目标表批准后才能填报运行监控数据"
    return None


def can_evaluate(user, table) -> bool:
    return role_of(user) == Role.EVALUATOR and table.status in SETTLED


def can_manage_checklists(user) -> bool:
    """The 审核口径 page: every department's checklist, set by finance reviewers."""
    return role_of(user) == Role.REVIEWER


def can_set_checklist(user, department) -> bool:
    role = role_of(user)
    if role == Role.REVIEWER:
        return True
    return role == Role.STAFF and user.profile.department_id is not None and user.profile.department_id == department.pk
