"""The open-data export job: every published table (已公开) as `tables` and `indicators`, each in CSV and
Parquet, described by `datapackage.json` (a Frictionless tabular data package), and all of it in one ZIP.

Files are written into a fresh folder and moved into `DATA_DIR/exports/<job id>/` only when complete, so a
download never sees half a package, whatever happens to the worker.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.utils import timezone

from ..tables import mapping
from ..tables.models import Status, TargetTableRecord
from .rows import indicator_rows, table_row
from .schema import LICENSE, RESOURCES, Field, frictionless_schema

ZIP_NAME = "jixiao-open-data.zip"
_ARROW = {"integer": pa.int64(), "number": pa.float64(), "string": pa.string(), "datetime": pa.timestamp("s", tz="UTC")}


def export_folder(job_id) -> Path:
    return settings.DATA_DIR / "exports" / str(job_id)


def export_job(job, progress) -> tuple[str, dict]:
    records = TargetTableRecord.objects.filter(status=Status.PUBLISHED).select_related("department").order_by("id")
    total = records.count()
    rows: dict[str, list[dict]] = {"tables": [], "indicators": []}
    for n, record in enumerate(records.iterator(chunk_size=500), 1):
        rows["tables"].append(table_row(record))
        rows["indicators"].extend(indicator_rows(record, mapping.to_domain(record)))
        progress(n, total, "整理已公开的表")
    final = export_folder(job.pk)
    work = final.with_name(final.name + ".partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    progress(total, total, "写出 CSV、Parquet 与 datapackage.json")
    files = write_package(work, rows)
    shutil.rmtree(final, ignore_errors=True)
    work.rename(final)
    message = f"已导出 {len(rows['tables']):,} 张已公开的表、{len(rows['indicators']):,} 项指标（CSV、Parquet 与 datapackage.json）"
    return message, {"files": files, "tables": len(rows["tables"]), "indicators": len(rows["indicators"])}


def write_package(folder: Path, rows: dict[str, list[dict]]) -> list[str]:
    """Write each resource as CSV and Parquet, the descriptor, and the ZIP of them; the file names, ZIP first."""
    resources = []
    for name, (fields, key) in RESOURCES.items():
        _csv(folder / f"{name}.csv", fields, rows[name])
        _parquet(folder / f"{name}.parquet", fields, rows[name])
        schema = frictionless_schema(fields, key)
        resources.append({"name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8", "schema": schema})
        resources.append({"name": f"{name}-parquet", "path": f"{name}.parquet", "format": "parquet",
                          "mediatype": "application/vnd.apache.parquet", "schema": schema})
    descriptor = {
        "profile": "tabular-data-package",
        "name": "jixiao-published-portfolio",
        "title": "已公开的预算绩效目标表与自评表 / Published budget performance tables",
        "description": "已公开的部门整体、项目绩效目标表与绩效自评表：每张表的审核等级、得分，及其指标的原文与解析后的数值。"
                       " / Published department, project and self-evaluation tables: review grades, scores, and every indicator as written and parsed.",
        "created": timezone.now().astimezone(dt.UTC).isoformat(timespec="seconds"),
        "licenses": [LICENSE],
        "resources": resources,
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor, ensure_ascii=False, indent=2), encoding="utf-8")
    names = ["datapackage.json", *(f"{n}.{ext}" for n in RESOURCES for ext in ("csv", "parquet"))]
    with zipfile.ZipFile(folder / ZIP_NAME, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.write(folder / name, name)
    return [ZIP_NAME, *names]


def _cell(value) -> object:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return "" if value is None else value


def _csv(path: Path, fields: list[Field], rows: list[dict]) -> None:
    names = [f[0] for f in fields]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(names)
        for row in rows:
            writer.writerow([_cell(row[n]) for n in names])


def _parquet(path: Path, fields: list[Field], rows: list[dict]) -> None:
    schema = pa.schema([pa.field(n, _ARROW[t]) for n, t, *_ in fields])
    columns = {n: [row[n] for row in rows] for n, *_ in fields}
    pq.write_table(pa.table(columns, schema=schema), path)
