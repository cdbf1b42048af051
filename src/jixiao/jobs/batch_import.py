"""`jixiao batch --import`: each document read by the pool is stored in the web application's database.

The import runs in the parent process, one document at a time, through the web's own importer
(`services.import_document`, the service behind an upload: permissions, one transaction per document, the
audit trail naming the account), so a document is imported whole or not at all. It is called with
`skip_unchanged`, so a table already stored with the same content is left alone: a rerun — or a document
imported before an interruption cut off its result line — adds no version and no audit entry. A refused
or failed import is the document's `import_error`, never the end of the batch. The tables are graded with
their department's checklist, as uploads are: `--config` sets the review of the result lines only.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..domain.document import Document


class AccountError(Exception):
    """The account or the database cannot be used for an import (the message is for the person)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Importer:
    user: Any  # the account every imported table's audit trail names
    database: str  # where, without credentials

    @property
    def key(self) -> dict[str, str]:
        """What a result line records of the import (part of its settings)."""
        return {"user": self.user.username, "database": self.database}


def importer(username: str) -> Importer:
    """The importer for an existing account allowed to upload, on a migrated database; else AccountError."""
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    from ..web import permissions

    where = database_name()
    try:
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            raise AccountError(f"数据库（{where}）尚未建立或不是当前版本，请先运行 jixiao serve 或 jixiao demo 迁移数据库")
        user = get_user_model().objects.filter(username=username).first()
    except DatabaseError as error:
        raise AccountError(f"无法连接数据库（{where}）：{error}") from None
    if user is None:
        raise AccountError(f"账户“{username}”不存在（数据库：{where}）；请用网站中可以导入目标表的已有账户")
    if not user.is_active:
        raise AccountError(f"账户“{username}”已停用，不能导入")
    if not permissions.can_upload(user):
        raise AccountError(f"账户“{username}”不能导入：只有部门填报人员可以导入本部门的目标表（财政审核人员和评价人员可以导入已公开的绩效自评表）")
    return Importer(user, where)


def database_name() -> str:
    """The database the commands use, as a URL without user or password."""
    from django.db import connection

    s = connection.settings_dict
    host = f"{s.get('HOST') or ''}{':' + str(s['PORT']) if s.get('PORT') else ''}"
    return f"{connection.vendor}://{host}/{s['NAME']}"


def import_into(line: dict[str, Any], document: Document | None, importer: Importer) -> None:
    """Store the document of a result line and record it there: `imported` (its tables now stored as the file
    has them, including those already stored unchanged) and `import_error` (None, or why nothing was imported)."""
    from ..web.tables.services import Refused, import_document

    line["imported"], line["import_error"] = 0, None
    if document is None:  # unreadable: the line's `error` says why; nothing to import
        return
    failed = f"导入失败（{line['file']}，账户 {importer.user.username}）"
    try:
        records = import_document(importer.user, b"", line["file"], document=document, skip_unchanged=True)
    except Refused as error:
        line["import_error"] = f"{failed}：{error.message}"
    except Exception as error:  # the importer's bug on one document is that document's error (logged), not the batch's end
        logging.getLogger(__name__).exception("import of %s failed", line["file"])
        line["import_error"] = f"{failed}：导入时发生内部错误（{type(error).__name__}：{error}），未导入任何表"
    else:
        line["imported"] = len(records)


@contextmanager
def logged_to(path: Path) -> Iterator[None]:
    """Send log records (the importer logs a failure's traceback) to a file instead of the console."""
    root = logging.getLogger()
    saved = root.handlers[:]
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.handlers = [handler]
    try:
        yield
    finally:
        root.handlers = saved
        handler.close()
