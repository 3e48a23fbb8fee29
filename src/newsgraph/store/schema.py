"""Opening a store: connection settings and versioned migrations.

Migrations are the numbered ``migrations/NNNN_name.sql`` files of this package, applied in order
inside one transaction each; ``PRAGMA user_version`` records the last one applied, so an old
store is brought up to date when a newer newsgraph opens it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from newsgraph.store.sql import sql_distance_km

log = logging.getLogger("newsgraph")
_SNAPSHOTS: set[Path] = set()  # stores read as immutable snapshots by this process


class StoreError(Exception):
    """A store that cannot be opened or written, with a reason a user can act on."""


class NotFound(LookupError):
    """No record with the id (or name, or id prefix) asked for, or no one record: the message
    says which. Its own type, so that only this reads as "not found" (a 404 on the web) and a
    bug's ``KeyError`` stays a bug."""


def migrations() -> list[tuple[int, str, str]]:
    """``(version, name, sql)`` for every migration shipped with the package, in order."""
    found = []
    for entry in resources.files("newsgraph.store.migrations").iterdir():
        if entry.name.endswith(".sql"):
            version = int(entry.name.split("_", 1)[0])
            found.append((version, entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = migrations()[-1][0]


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and create or migrate, unless read-only) the SQLite store at ``path``."""
    path = Path(path)
    if readonly and not path.exists():
        raise StoreError(f"no store at {path} (run `newsgraph ingest` first)")
    if not readonly and not path.parent.exists():
        raise StoreError(f"cannot create store {path}: directory {path.parent} does not exist")
    try:
        if readonly:
            return _open_readonly(path)
        connection = _connection(str(path))
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        migrate(connection)
    except sqlite3.DatabaseError as error:
        raise StoreError(f"cannot open store {path}: {error}") from error
    return connection


def _connection(target: str, *, uri: bool = False) -> sqlite3.Connection:
    # check_same_thread off: a web request may open its store in one worker thread and
    # close it in another (one thread at a time; SQLite itself is built thread-safe).
    connection = sqlite3.connect(target, uri=uri, timeout=60, isolation_level=None,
                                 check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.create_function("distance_km", 4, sql_distance_km, deterministic=True)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def _open_readonly(path: Path) -> sqlite3.Connection:
    """Open for reading only. A reader of a WAL store shares its index file (``-shm``) with
    the writers, so where that file cannot be made (a folder or a disk kept read-only) the
    store is read as an immutable snapshot instead, and the reader is told so."""
    name = f"file:{quote(str(path.resolve()))}"
    connection = _connection(f"{name}?mode=ro", uri=True)
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.OperationalError:
        connection.close()
        if os.access(path.parent, os.W_OK):
            raise
        if path not in _SNAPSHOTS:  # once per store, not once per web request
            _SNAPSHOTS.add(path)
            log.warning("store %s is in a folder that cannot be written: read as it is on "
                        "disk (writes by another process while this runs are not seen)", path)
        connection = _connection(f"{name}?immutable=1", uri=True)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version < SCHEMA_VERSION:
        connection.close()
        raise StoreError(f"store {path} has schema {version}; open it writable once to migrate")
    return connection


def migrate(connection: sqlite3.Connection) -> int:
    """Apply every migration newer than the store's version; return the new version."""
    current = connection.execute("PRAGMA user_version").fetchone()[0]
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"store has schema {current}, newer than this newsgraph ({SCHEMA_VERSION}): upgrade"
        )
    for version, _name, sql in migrations():
        if version <= current:
            continue
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Re-check under the write lock: another process may have migrated meanwhile.
            if connection.execute("PRAGMA user_version").fetchone()[0] >= version:
                connection.execute("ROLLBACK")
                continue
            for statement in _statements(sql):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version:d}")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:  # SQLite ends it itself on a full disk
                connection.execute("ROLLBACK")
            raise
    return connection.execute("PRAGMA user_version").fetchone()[0]


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not buffer.strip().startswith("--"):
        statements.append(buffer.strip())
    return [s for s in statements if s]
