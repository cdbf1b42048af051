"""URL map: pages in Chinese, the REST API under /api/ (OpenAPI at /api/docs, signed in). Error pages: templates 400/403/404/500."""

from django.contrib.auth import views as auth_views
from django.urls import path

from .accounts import views as accounts
from .api import api
from .evaluation import views as evaluation
from .jobs import views as jobs
from .monitoring import views as monitoring
from .overview import regions
from .overview import views as overview
from .review import batches, checklists
from .review import views as review
from .tables import editing, history, selfaudit, upload
from .tables import views as tables

urlpatterns = [
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/token/", accounts.token, name="token"),
    path("accounts/token/new/", accounts.new_token, name="new_token"),
    path("accounts/token/<int:pk>/revoke/", accounts.revoke_token, name="revoke_token"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("accounts/users/", accounts.users, name="users"),
    path("accounts/users/<int:pk>/password/", accounts.reset_password, name="reset_password"),
    path("", tables.portfolio, name="portfolio"),
    path("upload/", upload.upload, name="upload"),
    path("upload/<int:pk>/", upload.upload_preview, name="upload_preview"),
    path("values/check/", editing.value_check, name="value_check"),
    path("tables/<int:pk>/", tables.table_detail, name="table_detail"),
    path("tables/<int:pk>/edit/", editing.edit, name="edit"),
    path("tables/<int:pk>/history/", history.history, name="history"),
    path("tables/<int:pk>/versions/diff/", history.version_diff, name="version_diff"),
    path("tables/<int:pk>/versions/<int:number>/", tables.version_detail, name="version_detail"),
    path("tables/<int:pk>/versions/<int:number>.json", tables.version_json, name="version_json"),
    path("tables/<int:pk>/download.json", tables.download_json, name="download_json"),
    path("tables/<int:pk>/download.xlsx", tables.download_form, {"fmt": "xlsx"}, name="download_xlsx"),
    path("tables/<int:pk>/download.docx", tables.download_form, {"fmt": "docx"}, name="download_docx"),
    path("tables/<int:pk>/print.html", tables.download_form, {"fmt": "html"}, name="download_html"),
    path("tables/<int:pk>/audit.xlsx", selfaudit.table_export, name="audit_export"),
    path("tables/<int:pk>/findings/", review.findings, name="findings"),
    path("tables/<int:pk>/monitoring/", monitoring.dashboard, name="monitoring"),
    path("tables/<int:pk>/monitoring/print.html", monitoring.monitor_table, {"fmt": "html"}, name="monitor_print"),
    path("tables/<int:pk>/monitoring/monitor.xlsx", monitoring.monitor_table, {"fmt": "xlsx"}, name="monitor_xlsx"),
    path("tables/<int:pk>/evaluation/", evaluation.evaluation, name="evaluation"),
    path("tables/<int:pk>/evaluation/selfeval.xlsx", evaluation.download, {"fmt": "xlsx"}, name="selfeval_xlsx"),
    path("tables/<int:pk>/evaluation/report.docx", evaluation.download, {"fmt": "docx"}, name="selfeval_report"),
    path("tables/<int:pk>/compare/", overview.compare, name="compare"),
    path("tables/<int:pk>/<str:action>/", tables.workflow, name="workflow"),
    path("overview/", overview.overview, name="overview"),
    path("overview/export.xlsx", overview.export, name="overview_export"),
    path("batches/<uuid:batch>/", batches.batch_summary, name="batch_summary"),
    path("audit/", selfaudit.audit_summary, name="audit_summary"),
    path("audit/export.xlsx", selfaudit.summary_export, name="audit_summary_export"),
    path("departments/", checklists.checklists, name="checklists"),
    path("departments/<int:pk>/checklist/", checklists.set_checklist, name="set_checklist"),
    path("departments/<int:pk>/region/", regions.set_region, name="set_region"),
    path("jobs/<uuid:pk>/", jobs.job_page, name="job"),
    path("jobs/<uuid:pk>/files/<str:name>", jobs.export_file, name="export_file"),
    path("exports/", jobs.exports, name="exports"),
    path("api/", api.urls),
]
