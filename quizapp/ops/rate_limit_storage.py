"""Flask-Limiter storage in the app's own database: ``RATELIMIT_STORAGE_URI = "quizapp-db://"``.

``memory://`` counts per process: with N gunicorn workers a client gets N times every
limit, and a restart forgets it. This storage keeps the counters in the table
``rate_limit_counter`` of the database the app already uses (the SQLite file, or
PostgreSQL for several machines), so a limit holds across worker processes, servers and
restarts.

- Strategy: fixed window only (Flask-Limiter's default, ``RATELIMIT_STRATEGY =
  "fixed-window"``), which needs ``incr``, ``get``, ``get_expiry``, ``check``, ``reset``
  and ``clear``. Moving and sliding windows are refused by Flask-Limiter at start-up.
- ``incr`` is ONE statement, ``INSERT ... ON CONFLICT (key) DO UPDATE ... RETURNING``,
  atomic on SQLite (3.35 or later) and PostgreSQL; a window that has ended restarts at
  ``amount`` in the same statement, so no increment is lost between a reader and a writer.
- Every call runs its own short transaction on its own pooled connection of the current
  app's engine, never the request's session: a counted hit stays counted when the
  request rolls back, and the request's pending work is never committed by a limit
  check. SQLite writes begin ``IMMEDIATE`` (see :mod:`quizapp.database`).
- Which database: the one of ``flask.current_app``, looked up on each call, so the one
  ``Limiter`` object of :mod:`quizapp.extensions` serves several apps in one process,
  each against its own database.
- Clock: ``time.time()`` of the app process. Machines sharing one PostgreSQL must keep
  their clocks in step (NTP); a skew of s seconds moves a window's end by up to s.
- Ended windows are deleted (one ``DELETE`` using the ``expires_at`` index) at most once
  per ``SWEEP_INTERVAL_S`` per process, and on every ``check``.
- Faults raise :class:`sqlalchemy.exc.SQLAlchemyError` (``base_exceptions``).
  ``quizapp.config`` turns on Flask-Limiter's in-memory fallback, so while the database
  cannot be written the same limits hold per process, and ``check`` (a real write) tells
  Flask-Limiter when the database is back. A storage fault never becomes a 500.
"""

from __future__ import annotations

import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from flask import current_app
from limits.errors import ConfigurationError
from limits.storage import Storage
from sqlalchemy import Row, case, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql.dml import Insert

from quizapp.database import IMMEDIATE
from quizapp.models import RateLimitCounter

SCHEME = "quizapp-db"
#: Longest time (seconds) an ended window's row stays in the table while hits arrive.
SWEEP_INTERVAL_S = 60.0

COUNTERS = RateLimitCounter.__table__
INSERTS: dict[str, Callable[[Any], Insert]] = {
    "sqlite": sqlite.insert,
    "postgresql": postgresql.insert,
}


def _engine() -> Engine:
    """The current app's SQLAlchemy engine (Flask-SQLAlchemy's, with quizapp's hooks)."""
    return current_app.extensions["sqlalchemy"].engine


@contextmanager
def _write() -> Iterator[Connection]:
    """A short write transaction of its own (``BEGIN IMMEDIATE`` on SQLite)."""
    with _engine().connect() as connection:
        connection.execution_options(**{IMMEDIATE: True})
        with connection.begin():
            yield connection


def _upsert(dialect: str, key: str, amount: int, now: float, ends: float) -> Insert:
    """Add ``amount`` to ``key``'s live window, or start a new one ending at ``ends``."""
    if dialect not in INSERTS:
        raise ConfigurationError(f"{SCHEME}:// supports SQLite and PostgreSQL, not {dialect}")
    statement = INSERTS[dialect](COUNTERS).values(key=key, hits=amount, expires_at=ends)
    ended = COUNTERS.c.expires_at <= now
    new = statement.excluded
    return statement.on_conflict_do_update(
        index_elements=[COUNTERS.c.key],
        set_={
            "hits": case((ended, new.hits), else_=COUNTERS.c.hits + new.hits),
            "expires_at": case((ended, new.expires_at), else_=COUNTERS.c.expires_at),
        },
    ).returning(COUNTERS.c.hits)


class DatabaseStorage(Storage):
    """Fixed-window counters in the app's database (see the module docstring)."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(
        self, uri: str | None = None, wrap_exceptions: bool = False, **options: float | str | bool
    ) -> None:
        parts = urllib.parse.urlsplit(uri or f"{SCHEME}://")
        if parts.netloc or parts.path or parts.query:
            raise ConfigurationError(
                f"{SCHEME}:// takes no location: it always uses the app's own database"
                f" (DATABASE_URL), not {uri!r}"
            )
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._next_sweep = 0.0

    @property
    def base_exceptions(self) -> type[Exception]:
        return SQLAlchemyError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        """Count ``amount`` hits on ``key``; a new window lasts ``expiry`` seconds."""
        now = time.time()
        if now >= self._next_sweep:
            self._sweep(now)
        with _write() as connection:
            statement = _upsert(connection.dialect.name, key, amount, now, now + expiry)
            return int(connection.execute(statement).scalar_one())

    def get(self, key: str) -> int:
        """Hits in ``key``'s live window (0 when there is none)."""
        row = self._live(key)
        return row.hits if row else 0

    def get_expiry(self, key: str) -> float:
        """When ``key``'s live window ends (epoch seconds; now when there is none)."""
        row = self._live(key)
        return row.expires_at if row else time.time()

    def check(self) -> bool:
        """Healthy when the table can be written: sweeps ended windows as the probe."""
        try:
            self._sweep(time.time())
        except SQLAlchemyError:
            return False
        return True

    def reset(self) -> int:
        """Forget every counter; returns how many windows were deleted."""
        with _write() as connection:
            return connection.execute(delete(COUNTERS)).rowcount

    def clear(self, key: str) -> None:
        """Forget ``key``'s window."""
        with _write() as connection:
            connection.execute(delete(COUNTERS).where(COUNTERS.c.key == key))

    def _live(self, key: str) -> Row[Any] | None:
        query = select(COUNTERS.c.hits, COUNTERS.c.expires_at).where(
            COUNTERS.c.key == key, COUNTERS.c.expires_at > time.time()
        )
        with _engine().connect() as connection:
            return connection.execute(query).first()

    def _sweep(self, now: float) -> None:
        self._next_sweep = now + SWEEP_INTERVAL_S
        with _write() as connection:
            connection.execute(delete(COUNTERS).where(COUNTERS.c.expires_at <= now))
