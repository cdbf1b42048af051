"""The open-data export: the published tables (and only those) with their grades and scores, every
indicator with its typed value, in CSV and Parquet described by a Frictionless datapackage.json, made by a
job and downloadable from the page and the API."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pyarrow.parquet as pq
import pytest
from web_support import build_world, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(example_path, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    return build_world(example_path)


def _cast(value: str, kind: str):
    """A CSV cell read as its declared Frictionless type (raises when it is not one)."""
    if value == "":
        return None
    return {"integer": int, "number": float, "string": str, "datetime": lambda v: v if v.endswith("Z") and "T" in v else int("x")}[kind](value)


def test_the_published_portfolio_is_exported_as_a_data_package(world):
    from jixiao.web.jobs.models import Job
    from jixiao.web.tables.services import regrade

    regrade(world.tables["A_published"])  # as an import stores it
    client = signed_in(world.users["viewer"])
    assert "生成开放数据包" in client.get("/exports/").content.decode()
    started = client.post("/exports/")
    job = Job.objects.get()
    assert started["Location"] == f"/jobs/{job.pk}/" and job.status == "done", job.message
    page = client.get(started["Location"]).content.decode()
    assert "已导出 1 张已公开的表、33 项指标" in page and "jixiao-open-data.zip" in page

    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(f"/jobs/{job.pk}/files/jixiao-open-data.zip").streaming_content)))
    package = json.loads(archive.read("datapackage.json"))
    assert package["profile"] == "tabular-data-package" and package["licenses"][0]["name"] == "CC-BY-4.0"
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == {"tables", "tables-parquet", "indicators", "indicators-parquet"}
    data = {}
    for name in ("tables", "indicators"):
        schema = resources[name]["schema"]
        fields = [f["name"] for f in schema["fields"]]
        assert all(" / " in f["title"] and f["description"] for f in schema["fields"])  # Chinese / English
        rows = list(csv.reader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8"))))
        assert rows[0] == fields
        types = [f["type"] for f in schema["fields"]]
        data[name] = [dict(zip(fields, (_cast(v, t) for v, t in zip(row, types, strict=True)), strict=True)) for row in rows[1:]]
        parquet = pq.read_table(io.BytesIO(archive.read(f"{name}.parquet")))
        assert parquet.column_names == fields and parquet.num_rows == len(rows) - 1

    published = world.tables["A_published"]
    assert [t["table_id"] for t in data["tables"]] == [published.pk]  # drafts, submitted and approved tables stay out
    assert data["tables"][0]["year"] == 2022 and data["tables"][0]["department"] == "东莞市总工会"
    published.refresh_from_db()
    assert data["tables"][0]["review_grade"] == published.review_grade in ("优", "良", "中", "差")
    indicators = data["indicators"]
    assert len(indicators) == 33 and [i["position"] for i in indicators] == list(range(1, 34))
    typed = {i["name"]: i for i in indicators}
    example = {i.name: i for i in world.example.indicators}
    quantities = [i for i in indicators if i["value_kind"] == "quantity"]
    assert quantities and all(i["number"] is not None for i in quantities)
    first = quantities[0]
    assert first["annual_value"] == example[first["name"]].annual_value
    assert first["number"] == float(example[first["name"]].annual.value)
    assert {i["value_kind"] for i in typed.values()} <= {"quantity", "range", "score", "grade", "descriptive", "compound", "unparsed"}


def test_the_api_starts_an_export_and_serves_its_files(world):
    from django.test import Client

    from jixiao.web.accounts.models import ApiToken

    auth = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.users['reviewer'])[1]}"}
    client = Client()
    job = client.post("/api/jobs/exports", **auth).json()
    assert job["status"] == "done" and job["result"]["tables"] == 1 and "datapackage.json" in job["result"]["files"]
    descriptor = client.get(f"/api/jobs/{job['id']}/files/datapackage.json", **auth)
    assert descriptor.status_code == 200 and json.loads(b"".join(descriptor.streaming_content))["name"] == "jixiao-published-portfolio"
    assert client.get(f"/api/jobs/{job['id']}/files/secret.key", **auth).status_code == 404  # only the files it made
    other = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(world.users['viewer'])[1]}"}
    assert client.get(f"/api/jobs/{job['id']}/files/datapackage.json", **other).status_code == 404
