"""One document of a batch: read every table, review it, audit a published self-evaluation's scores.

`process(path, options)` is a pure function of the file's bytes and the options (review checklist,
scoring scheme) and returns one JSON-ready result line; it never raises for a bad file — the error is
in the line, also when a reader, a rule or the audit breaks on it (then named as an internal error, so
one document never stops a batch of thousands). `documents(paths)` expands files, folders and globs; `done(results)` gives the content
hashes already in a results file, so a rerun skips them.
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


def done(results: Path) -> set[str]:
    """Content hashes already processed in a results file (lines that do not parse are ignored)."""
    if not results.exists():
        return set()
    hashes = set()
    for line in results.read_text(encoding="utf-8").splitlines():
        try:
            hashes.add(json.loads(line)["hash"])
        except (ValueError, KeyError, TypeError):
            continue
    return hashes


def process(path: str, options: Options, content_hash: str | None = None) -> dict[str, Any]:
    """The result line of one document."""
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
        return line
    except Exception as error:  # noqa: BLE001 — a reader's bug on one file is that file's error, not the batch's end
        return _broken(line, "读取", error)
    try:
        _judge(line, document, config, scheme)
    except Exception as error:  # noqa: BLE001 — likewise for a rule or the audit
        return _broken(line, "审核", error)
    return line


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
    out: dict[str, Any] = {"documents": 0, "unreadable": 0, "tables": 0, "rows": 0, "findings": {s.value: 0 for s in Severity}, "kinds": {}}
    for line in lines:
        out["documents"] += 1
        out["unreadable"] += line.get("error") is not None
        out["tables"] += line.get("tables", 0)
        out["rows"] += line.get("rows", 0)
        for severity, n in line.get("findings", {}).items():
            out["findings"][severity] = out["findings"].get(severity, 0) + n
        for kind, n in line.get("kinds", {}).items():
            out["kinds"][kind] = out["kinds"].get(kind, 0) + n
    return out


def read_lines(results: Path) -> Iterator[dict[str, Any]]:
    if not results.exists():
        return
    for text in results.read_text(encoding="utf-8").splitlines():
        try:
            yield json.loads(text)
        except ValueError:
            continue
