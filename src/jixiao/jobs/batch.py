"""One document of a batch: read every table, review it, audit a published self-evaluation's scores.

`process(path, options)` is a pure function of the file's bytes and the options (review checklist,
scoring scheme) and returns one JSON-ready result line; it never raises for a bad file — the error is
in the line, also when a reader, a rule or the audit breaks on it (then named as an internal error, so
one document never stops a batch of thousands). `process_for_import` also returns the read document, for
the parent process to store (`batch_import`). `documents(paths)` expands files, folders and globs.

Each line records the settings it was made with (`settings(options, importing)`: checklist, scheme and
where it was imported, if it was); `done(results, settings)` gives the content hashes whose latest line
was made with the same settings and did not fail to import, so a rerun skips exactly those — a rerun with
other settings redoes a document, and its new line supersedes the old one. A line written before lines
had settings counts as made with the defaults.
"""

from __future__ import annotations

import glob
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.problem import Severity

if TYPE_CHECKING:
    from ..assess.scheme import Scheme
    from ..domain.document import Document
    from ..review.config import ReviewConfig

SUFFIXES = (".txt", ".text", ".tsv", ".xlsx", ".xls", ".docx", ".doc", ".htm", ".html", ".mht", ".pdf")


@dataclass(frozen=True)
class Options:
    checklist: str | None = None  # review configuration: a TOML path or a shipped locality (songgang-2023)
    scheme: str | None = None  # scoring scheme for self-evaluations; None = the document's locality


def documents(paths: Iterable[str]) -> list[Path]:
    """Files named, found under folders (recursively) or matched by globs; each once, in a stable order."""
    found: dict[Path, None] = {}
    for raw in paths:
        matches = [Path(m) for m in glob.glob(raw, recursive=True)] if any(ch in raw for ch in "*?[") else [Path(raw)]
        for path in matches:
            if path.is_dir():
                for child in sorted(path.rglob("*")):
                    if child.is_file() and child.suffix.lower() in SUFFIXES:
                        found[child] = None
            elif path.is_file():
                found[path] = None
    return list(found)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


DEFAULT_SETTINGS: dict[str, Any] = {"checklist": None, "scheme": None, "import": None}


def settings(options: Options, importing: dict[str, str] | None = None) -> dict[str, Any]:
    """What a line was made with: the checklist and scheme as given, and where its tables were imported
    (`{"user", "database"}`) or None."""
    return {"checklist": options.checklist, "scheme": options.scheme, "import": importing}


def done(results: Path, current: dict[str, Any] | None = None) -> set[str]:
    """Content hashes whose latest line in a results file was made with the `current` settings (default: the
    defaults) and did not fail to import — what a rerun skips. Lines that do not parse are ignored."""
    wanted = {**DEFAULT_SETTINGS, **(current or {})}
    latest = {line["hash"]: line for line in read_lines(results)}
    return {h for h, line in latest.items()
            if {**DEFAULT_SETTINGS, **(line.get("settings") or {})} == wanted and not line.get("import_error")}


def process(path: str, options: Options, content_hash: str | None = None) -> dict[str, Any]:
    """The result line of one document."""
    return _read(path, options, content_hash)[0]


def process_for_import(path: str, options: Options, content_hash: str | None = None) -> tuple[dict[str, Any], Document | None]:
    """The result line of one document and the document read (None when it could not be read or reviewed)."""
    return _read(path, options, content_hash)


def _read(path: str, options: Options, content_hash: str | None) -> tuple[dict[str, Any], Document | None]:
    from ..assess.scheme import SchemeError, load_scheme
    from ..ingest import IngestError, read_document
    from ..review import ConfigError, load_config

    line: dict[str, Any] = {"file": path, "hash": content_hash or digest(Path(path)), "tables": 0, "rows": 0, "confidence": None,
                            "findings": {s.value: 0 for s in Severity}, "score": None, "error": None, "kinds": {}}
    try:
        config = load_config(options.checklist)
        scheme = load_scheme(options.scheme) if options.scheme else None
        document = read_document(path)
    except (IngestError, ConfigError, SchemeError) as error:
        line["error"] = str(error)
        return line, None
    except Exception as error:  # noqa: BLE001 — a reader's bug on one file is that file's error, not the batch's end
        return _broken(line, "读取", error), None
    try:
        _judge(line, document, config, scheme)
    except Exception as error:  # noqa: BLE001 — likewise for a rule or the audit
        return _broken(line, "审核", error), None
    return line, document


def _broken(line: dict[str, Any], stage: str, error: Exception) -> dict[str, Any]:
    """The line of a document on which jixiao itself failed: what failed and how, nothing half-counted."""
    clean = {k: line[k] for k in ("file", "hash")}
    fresh = {"tables": 0, "rows": 0, "confidence": None, "findings": {s.value: 0 for s in Severity}, "score": None, "kinds": {}}
    return {**clean, **fresh, "error": f"{stage}时发生内部错误（{type(error).__name__}：{error}），请将该文件反馈给开发人员"}


def _judge(line: dict[str, Any], document: Document, config: ReviewConfig, scheme: Scheme | None) -> None:
    """Fill a line from a read document: counts, confidence, findings by severity, self-evaluation audits."""
    from ..assess.audit import audit
    from ..review import review

    line["format"] = document.format
    line["tables"] = len(document.tables)
    line["rows"] = sum(len(t.indicators) for t in document.tables)
    line["confidence"] = min((t.confidence for t in document.tables), default=None)
    line["needs_review"] = sum(i.needs_review for t in document.tables for i in t.indicators) + sum(bool(t.review_reasons) for t in document.tables)
    for table in document.tables:
        line["kinds"][table.kind] = line["kinds"].get(table.kind, 0) + 1
        for finding in review(table, config).findings:
            line["findings"][Severity(finding.severity).value] += 1
        if table.kind == "selfeval":
            result = audit(table, scheme)
            line.setdefault("audit", []).append({"title": result.title, "scheme": result.scheme, "published": result.total["published"],
                                                 "computed": result.total["computed"], "disagreements": [p.code for p in result.disagreements]})
            line["score"] = result.total["computed"] if line["score"] is None else line["score"]


def summarize(lines: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Totals over result lines; `imported` and `import_failed` count only lines of an import."""
    out: dict[str, Any] = {"documents": 0, "unreadable": 0, "tables": 0, "rows": 0, "findings": {s.value: 0 for s in Severity}, "kinds": {},
                           "imported": 0, "import_failed": 0}
    for line in lines:
        out["documents"] += 1
        out["unreadable"] += line.get("error") is not None
        out["tables"] += line.get("tables", 0)
        out["rows"] += line.get("rows", 0)
        out["imported"] += line.get("imported") or 0
        out["import_failed"] += bool(line.get("import_error"))
        for severity, n in line.get("findings", {}).items():
            out["findings"][severity] = out["findings"].get(severity, 0) + n
        for kind, n in line.get("kinds", {}).items():
            out["kinds"][kind] = out["kinds"].get(kind, 0) + n
    return out


def read_lines(results: Path) -> Iterator[dict[str, Any]]:
    """The result lines of a results file; lines that are not a result (cut off by a crash, edited) are skipped."""
    if not results.exists():
        return
    for text in results.read_text(encoding="utf-8").splitlines():
        try:
            line = json.loads(text)
        except ValueError:
            continue
        if isinstance(line, dict) and "hash" in line:
            yield line
