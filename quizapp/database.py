"""SQLite connection setup and the write-transaction helper.

SQLite: WAL journal, foreign keys on, a busy timeout, and pysqlite's own transaction
handling switched off so that we emit ``BEGIN`` ourselves. A write transaction opened
with :func:`write_transaction` starts with ``BEGIN IMMEDIATE``: it takes the write lock
up front, so a concurrent writer waits (busy timeout) instead of failing with
"database is locked" when upgrading a read lock. On PostgreSQL the same helper takes a
transaction-scoped advisory lock, so writers are serialised there too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from quizapp.extensions import db

IMMEDIATE = "quizapp_begin_immediate"
#: Advisory-lock key of the single writer lock on PostgreSQL (any constant of our own).
WRITE_LOCK_KEY = 7301


def init_app(app: Flask) -> None:
    """Attach the SQLite hooks to the app's SQLAlchemy engine (no-op for other databases)."""
    with app.app_context():
        db_engine = db.engine
    if db_engine.dialect.name != "sqlite":
        return
    timeout = int(app.config["SQLITE_BUSY_TIMEOUT_MS"])
    synchronous = str(app.config["SQLITE_SYNCHRONOUS"]).upper()
    if synchronous not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
        raise ValueError(
            f"SQLITE_SYNCHRONOUS must be OFF, NORMAL, FULL or EXTRA, not {synchronous!r}"
        )
    _attach_sqlite_hooks(db_engine, timeout, synchronous)


def _attach_sqlite_hooks(db_engine: Engine, timeout_ms: int, synchronous: str) -> None:
    @event.listens_for(db_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={timeout_ms:d}")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.close()

    @event.listens_for(db_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(IMMEDIATE, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_transaction() -> Iterator[Session]:
    """A session transaction that holds the write lock from its first statement.

    Commits on success, rolls back on any exception. Pending work in the current
    session is committed first (a transaction can only take the lock when it begins).
    """
    session = db.session()
    if session.in_transaction():
        session.commit()
    connection = session.connection(execution_options={IMMEDIATE: True})
    if connection.dialect.name == "postgresql":
        # PostgreSQL has no BEGIN IMMEDIATE: one transaction-scoped advisory lock gives
        # the same one-writer-at-a-time order, so idempotency checks see each other.
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
