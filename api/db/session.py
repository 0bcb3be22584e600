"""Engines, sessions and migrations.

``Database(url)`` owns one engine and hands out sessions::

    with db.session() as session:          # a transaction, committed on success
        ...
    with db.session(read_only=True) as s:  # SQLite: a deferred (shared) transaction

On SQLite every writing transaction starts with ``BEGIN IMMEDIATE``, so writers queue on the
busy timeout instead of failing half-way when a read turns into a write (WAL mode lets readers
go on meanwhile). PostgreSQL needs nothing special: optimistic locking uses conditional
UPDATEs and the audit chain locks its head row.
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import CursorResult, Engine, Result, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from api.sealing import Sealer, SealingError

_read_only: contextvars.ContextVar[bool] = contextvars.ContextVar("giaoviec_read_only", default=False)

SQLITE_BUSY_MS = 30_000


class Database:
    """One engine and its session factory."""

    def __init__(self, url: str, *, echo: bool = False, sealer: Sealer | None = None,
                 audit_key: bytes | None = None) -> None:
        self.url = url
        self.is_sqlite = make_url(url).get_backend_name() == "sqlite"
        self.engine = _engine(url, echo=echo, is_sqlite=self.is_sqlite)
        # The audit log's HMAC key (kept outside the database), for api.services.audit.
        self.audit_key = audit_key
        self._factory = sessionmaker(self.engine, expire_on_commit=False, info={"audit_key": audit_key})
        self._sealer = sealer

    @property
    def sealer(self) -> Sealer:
        """What seals secret content (``api.sealing``); a database opened without a key cannot
        store or show it."""
        if self._sealer is None:
            raise SealingError("this database was opened without the content key (GIAOVIEC_CONTENT_KEY)")
        return self._sealer

    @property
    def sealer_if_any(self) -> Sealer | None:
        """The sealer, or None when the database was opened without the key (for a child
        process that opens its own connections with the same key)."""
        return self._sealer

    @contextmanager
    def session(self, *, read_only: bool = False) -> Iterator[Session]:
        token = _read_only.set(read_only)
        try:
            with self._factory() as session, session.begin():
                yield session
        finally:
            _read_only.reset(token)

    def upgrade(self, revision: str = "head") -> None:
        upgrade(self.url, revision, engine=self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def _engine(url: str, *, echo: bool, is_sqlite: bool) -> Engine:
    if not is_sqlite:
        return create_engine(url, echo=echo, pool_pre_ping=True)
    parsed = make_url(url)
    database = parsed.database if parsed.database and parsed.database != ":memory:" else None
    if database:
        _private_file(Path(database))
    engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False,
                                                        "timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Deleted and overwritten rows (sealed content of a closed document) are zeroed on disk.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
        cursor.close()
        if database:
            _owner_only(Path(database))

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN" if _read_only.get() else "BEGIN IMMEDIATE")

    return engine


def _private_file(path: Path) -> None:
    """Create the SQLite file with mode 0600 before SQLite does: SQLite gives its -wal and -shm
    files the database file's mode, so none of them is readable by other users."""
    path.parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    _owner_only(path)


def _owner_only(path: Path) -> None:
    """Mode 0600 on the database and its -wal, -shm and -journal files (made before this
    release with the process's umask, often 0644)."""
    for file in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
        try:
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)
        except FileNotFoundError:
            pass


def affected(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE changed (the conditional updates' verdict)."""
    assert isinstance(result, CursorResult)
    return int(result.rowcount)


def alembic_config(url: str) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files("api.db").joinpath("migrations")))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head", *, engine: Engine | None = None) -> None:
    """Bring the schema at ``url`` to ``revision`` (``giaoviec db upgrade``)."""
    from alembic import command

    if engine is None:
        db = Database(url)
        try:
            db.upgrade(revision)
        finally:
            db.dispose()
        return
    config = alembic_config(url)
    token = _read_only.set(False)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        _read_only.reset(token)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
