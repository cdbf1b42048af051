"""Background jobs in process (Celery's eager mode): the upload request stores the file and a job reads it
once; the preview shows the stored parse; the import is a job; the job page and API show progress and
outcomes; limits, a dead queue and a worker that keeps dying end as messages, never a 500."""

from __future__ import annotations

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from conftest import EXAMPLE
from django.core.files.uploadedfile import SimpleUploadedFile
from web_support import build_world, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(example_path):
    return build_world(example_path)


def _upload(client, data: bytes, name: str = "table.txt"):
    return client.post("/upload/", {"document": SimpleUploadedFile(name, data)})


def test_the_upload_is_read_once_and_the_preview_shows_the_stored_reading(world, monkeypatch):
    from jixiao.web.jobs.models import Job, JobKind
    from jixiao.web.tables import services
    from jixiao.web.tables.models import PendingUpload, TargetTableRecord

    client = signed_in(world.users["staffA"])
    uploaded = _upload(client, EXAMPLE.read_bytes())
    pending = PendingUpload.objects.get(user=world.users["staffA"])
    assert uploaded.status_code == 302 and uploaded["Location"] == f"/upload/{pending.pk}/"
    reading = Job.objects.get(kind=JobKind.UPLOAD, pending=pending)
    assert reading.status == "done" and reading.attempts == 1 and '"tables"' in reading.document
    assert reading.message == "已读取 1 张表（33 项指标），请在预览中核对后确认导入。"

    def no_second_reading(*_args, **_kwargs):
        raise AssertionError("the file was read again")

    monkeypatch.setattr(services, "read_document", no_second_reading)
    for _ in range(2):  # every view of the preview reads the stored parse
        preview = client.get(uploaded["Location"])
        assert preview.status_code == 200 and len(preview.context["previews"]) == 1
        assert len(preview.context["previews"][0].table.indicators) == 33

    before = TargetTableRecord.objects.count()
    done = client.post(uploaded["Location"], {"pending": pending.pk, "year": 2026})
    imported = Job.objects.get(kind=JobKind.IMPORT)
    record = TargetTableRecord.objects.get(pk=imported.result["tables"][0])
    assert done.status_code == 302 and done["Location"] == f"/tables/{record.pk}/"
    assert TargetTableRecord.objects.count() == before + 1 and record.year == 2026 and record.indicator_count == 33
    assert imported.status == "done" and imported.message.startswith("已导入") and not PendingUpload.objects.filter(pk=pending.pk).exists()
    assert "已导入" in client.get(done["Location"]).content.decode()


def test_a_file_that_cannot_be_read_is_refused_on_the_form(world):
    from jixiao.web.jobs.models import Job
    from jixiao.web.tables.models import PendingUpload

    client = signed_in(world.users["staffA"])
    response = _upload(client, "这不是绩效表，只是一段文字。\n".encode() * 20)
    assert response.status_code == 400 and "无法读取文件" in response.content.decode()
    assert Job.objects.get().status == "failed" and not PendingUpload.objects.exists()


def test_an_upload_with_too_many_tables_gets_a_clear_message(world, monkeypatch):
    from jixiao.web.jobs import work

    monkeypatch.setattr(work, "MAX_TABLES", 0)
    response = _upload(signed_in(world.users["staffA"]), EXAMPLE.read_bytes())
    assert response.status_code == 400
    assert "文件中有 1 张表，超过单次上传的上限 0 张；请拆分文件后分批上传" in response.content.decode()


def test_the_job_page_shows_progress_then_forwards_to_the_result(world):
    from jixiao.web.jobs.models import Job, JobKind
    from jixiao.web.tables.models import PendingUpload

    user = world.users["staffA"]
    pending = PendingUpload.objects.create(user=user, filename="a.txt", data=EXAMPLE.read_bytes())
    job = Job.objects.create(kind=JobKind.UPLOAD, user=user, pending=pending, status="running", stage="读取 a.txt", done=3, total=10)
    client = signed_in(user)
    page = client.get(f"/jobs/{job.pk}/")
    text = page.content.decode()
    assert page.status_code == 200 and "处理中" in text and "读取 a.txt：3 / 10" in text and 'http-equiv="refresh"' in text
    assert client.get(f"/upload/{pending.pk}/")["Location"] == f"/jobs/{job.pk}/"  # the preview waits for the reading
    Job.objects.filter(pk=job.pk).update(status="done", message="已读取")
    assert client.get(f"/jobs/{job.pk}/?follow=1")["Location"] == f"/upload/{pending.pk}/"
    assert signed_in(world.users["staffB"]).get(f"/jobs/{job.pk}/").status_code == 404  # someone else's job


@pytest.mark.parametrize(("error", "words"), [
    (MemoryError(), "内存不足：处理所需内存超过上限"),
    (SoftTimeLimitExceeded(), "处理超时：超过"),
    (RuntimeError("boom"), "处理失败：内部错误（已记录）"),
])
def test_a_job_that_breaks_a_limit_fails_with_a_message(world, monkeypatch, error, words):
    from jixiao.web.jobs import work
    from jixiao.web.jobs.models import Job, JobKind

    def failing(_job, _progress):
        raise error

    monkeypatch.setitem(work.WORK, JobKind.UPLOAD, failing)
    response = _upload(signed_in(world.users["staffA"]), EXAMPLE.read_bytes())
    job = Job.objects.get()
    assert response.status_code == 400 and job.status == "failed" and words in job.message and words in response.content.decode()


def test_a_job_whose_worker_died_too_often_fails_with_a_message(world):
    from jixiao.web.jobs import runner
    from jixiao.web.jobs.models import Job, JobKind

    job = Job.objects.create(kind=JobKind.EXPORT, user=world.users["staffA"], status="running", attempts=runner.MAX_ATTEMPTS)
    runner.run(str(job.pk))  # the message delivered once more after the last worker died
    job.refresh_from_db()
    assert job.status == "failed" and f"工作进程已中断 {runner.MAX_ATTEMPTS} 次" in job.message and job.attempts == runner.MAX_ATTEMPTS


def test_a_queue_that_cannot_be_reached_gives_a_message(world, monkeypatch):
    from jixiao.web.jobs import tasks

    def down(*_args, **_kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(tasks.run_job, "delay", down)
    response = _upload(signed_in(world.users["staffA"]), EXAMPLE.read_bytes())
    assert response.status_code == 400 and "任务队列暂时不可用" in response.content.decode()


def test_the_api_reads_and_imports_an_upload_as_jobs(world):
    from django.test import Client

    from jixiao.web.accounts.models import ApiToken
    from jixiao.web.tables.models import TargetTableRecord

    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.users['staffA'])[1]}"}
    client = Client()
    reading = client.post("/api/jobs/uploads", {"document": SimpleUploadedFile("t.txt", EXAMPLE.read_bytes())}, **auth)
    assert reading.status_code == 202 and reading.json()["status"] == "done" and reading.json()["result"]["tables"] == 1
    job = reading.json()["id"]
    imported = client.post(f"/api/jobs/{job}/import", {"year": 2027}, **auth)
    assert imported.status_code == 202 and imported.json()["status"] == "done"
    record = TargetTableRecord.objects.get(pk=imported.json()["result"]["tables"][0])
    assert record.year == 2027 and record.indicator_count == 33
    again = client.post(f"/api/jobs/{job}/import", {"year": 2027}, **auth)
    assert again.status_code == 409 and "已导入" in again.json()["detail"]
    other = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.users['staffB'])[1]}"}
    assert client.get(f"/api/jobs/{job}", **other).status_code == 404
    bad = client.post("/api/jobs/uploads", {"document": SimpleUploadedFile("t.txt", "没有表".encode())}, **auth)
    assert bad.status_code == 202 and bad.json()["status"] == "failed" and "无法读取文件" in bad.json()["message"]
