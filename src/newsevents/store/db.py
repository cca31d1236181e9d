"""Opening the SQLite database and turning SQLite failures into :class:`StoreError`.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "events.db"
>>> connection = connect(path)
>>> connection.execute("PRAGMA journal_mode").fetchone()[0]
'wal'
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from ..errors import Messages, StoreError
from . import schema
from .filters import haversine_km

log = logging.getLogger(__name__)

ENV_VARIABLE = "NEWSEVENTS_DB"
BUSY_TIMEOUT_MS = 30_000


def default_db_path() -> Path:
    """``$NEWSEVENTS_DB``, else ``~/.local/share/newsevents/events.db``."""
    configured = os.environ.get(ENV_VARIABLE)
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".local" / "share" / "newsevents" / "events.db"


def _distance_km(lat1: float | None, lon1: float | None, lat2: float, lon2: float) -> float | None:
    if lat1 is None or lon1 is None:
        return None
    return haversine_km(lat1, lon1, lat2, lon2)


@contextlib.contextmanager
def translated(path: Path) -> Iterator[None]:
    """Re-raise SQLite errors the user can cause (disk full, read-only, not a database) as StoreError."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        raise _store_error(path, error) from error


def _store_error(path: Path, error: sqlite3.DatabaseError) -> StoreError:
    text = str(error)
    code = getattr(error, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "full" in text:
        return StoreError(Messages.DB_FULL.format(path=path, error=text))
    if code in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM) or "readonly" in text or "read-only" in text:
        return StoreError(Messages.DB_READONLY.format(path=path, error=text))
    if code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT) or isinstance(error, sqlite3.IntegrityError):
        return StoreError(Messages.DB_BROKEN.format(path=path, error=text))
    return StoreError(Messages.DB_OPEN.format(path=path, error=text))


def _upgrade(path: Path, found: int) -> None:
    """Migrate an older database before a read-only use of it (a query after upgrading newsevents)."""
    log.info("upgrading %s from schema version %d to %d", path, found, schema.SCHEMA_VERSION)
    try:
        connect(path).close()
    except StoreError as error:
        raise StoreError(Messages.DB_OLDER.format(path=path, found=found, supported=schema.SCHEMA_VERSION,
                                                  error=error)) from error


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating and migrating unless ``readonly``) the database at ``path``.

    The connection is in autocommit mode: the store opens its own transactions.
    """
    if readonly and not path.exists():
        raise StoreError(Messages.DB_OPEN.format(path=path, error="no such file"))
    if not readonly:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(Messages.DB_OPEN.format(path=path, error=error.strerror or error)) from error
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rwc'}"
    with translated(path):
        connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if readonly:
                found = schema.version(connection)
                if found > schema.SCHEMA_VERSION:
                    raise StoreError(
                        Messages.DB_NEWER.format(path=path, found=found, supported=schema.SCHEMA_VERSION)
                    )
                if found == 0:
                    raise StoreError(Messages.DB_OPEN.format(path=path, error="not a newsevents database"))
                if found < schema.SCHEMA_VERSION:
                    connection.close()
                    _upgrade(path, found)
                    return connect(path, readonly=True)
            else:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.execute("PRAGMA synchronous = NORMAL")
                schema.migrate(connection, path=str(path))
            connection.execute("PRAGMA foreign_keys = ON")
        except BaseException:
            connection.close()
            raise
    connection.create_function("distance_km", 4, _distance_km, deterministic=True)
    return connection
