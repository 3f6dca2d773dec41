"""Rate limits counted in the app's own database (``quizapp-db://``): one limit for every
app object on the database, kept across restarts, atomic under concurrent hits, windows
that end, and a storage fault that never answers 500. Each case runs on a real SQLite
file and, when ``TEST_DATABASE_URL`` is set, on the real PostgreSQL server too."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import flask_migrate
import pytest
from flask import Flask
from freezegun import freeze_time
from limits.errors import ConfigurationError
from sqlalchemy import select

from loadtest.scenarios import fresh_postgres
from quizapp import create_app
from quizapp.extensions import db, limiter
from quizapp.models import RateLimitCounter
from quizapp.ops.rate_limit_storage import DatabaseStorage
from tests.quizapp.conftest import AuthActions, make_config

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
DATABASES = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not POSTGRES_URL, reason="TEST_DATABASE_URL is not set"),
        ],
    ),
]
LIMITED = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "quizapp-db://"}


@pytest.fixture(autouse=True)
def _limiter_uses_its_storage() -> None:
    """The one ``Limiter`` of the process remembers a storage fault of an earlier test
    (it then counts in memory until a backend check succeeds); start each test without."""
    limiter._storage_dead = False


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return fresh_postgres(POSTGRES_URL)
    return f"sqlite:///{tmp_path / 'quizapp.sqlite'}"


@pytest.fixture
def make_app(tmp_path: Path, database_url: str) -> Iterator[Callable[..., Flask]]:
    """``make_app(**overrides)``: a new app object on the test's database (migrated once)."""
    made: list[Flask] = []

    def build(**overrides: Any) -> Flask:
        settings = {"SQLALCHEMY_DATABASE_URI": database_url} | overrides
        application = create_app(make_config(tmp_path, **settings))
        if not made:
            with application.app_context():
                flask_migrate.upgrade()
        made.append(application)
        return application

    yield build
    for application in made:
        with application.app_context():
            db.session.remove()
            db.engine.dispose()


def _failed_logins(application: Flask, count: int = 1) -> list[int]:
    client = application.test_client()
    token = AuthActions(client).csrf_token()
    form = {"login": "nobody", "password": "wrong password", "csrf_token": token}
    return [client.post("/auth/login", data=form).status_code for _ in range(count)]


def _counters(application: Flask) -> dict[str, int]:
    with application.app_context():
        rows = db.session.execute(select(RateLimitCounter.key, RateLimitCounter.hits)).all()
        db.session.remove()
    return dict(rows)


@pytest.mark.parametrize(
    ("storage", "after_restart"),
    [("quizapp-db://", 429), ("memory://", 200)],  # memory:// shows what the test catches
)
def test_login_limit_is_shared_by_app_objects_and_survives_a_restart(
    make_app: Callable[..., Flask], storage: str, after_restart: int
) -> None:
    settings = LIMITED | {"LOGIN_RATE_LIMIT": "3/hour", "RATELIMIT_STORAGE_URI": storage}
    first, second = make_app(**settings), make_app(**settings)
    statuses = [_failed_logins(app)[0] for app in (first, second, first, second)]
    assert statuses == [200, 200, 200, 429]
    restarted = make_app(**settings)  # a new storage object, as after a process restart
    assert _failed_logins(restarted) == [after_restart]
    assert restarted.test_client().get("/auth/login").status_code == 200, "only POSTs count"


def test_counters_are_rows_of_the_app_database(make_app: Callable[..., Flask]) -> None:
    application = make_app(**LIMITED, LOGIN_RATE_LIMIT="3/hour")
    assert isinstance(limiter.storage, DatabaseStorage)
    assert _failed_logins(application, 4) == [200, 200, 200, 429]
    counters = _counters(application)
    assert list(counters.values()) == [4], counters  # the refused hit is counted too
    assert "auth.login" in next(iter(counters))


def test_windows_end_and_restart_at_one(make_app: Callable[..., Flask]) -> None:
    application = make_app(**LIMITED, LOGIN_RATE_LIMIT="2/minute")
    start = datetime.now(UTC)
    with freeze_time(start) as clock:
        assert _failed_logins(application, 3) == [200, 200, 429]
        clock.tick(timedelta(seconds=59))
        assert _failed_logins(application) == [429]
        clock.tick(timedelta(seconds=2))
        assert _failed_logins(application, 3) == [200, 200, 429]
        assert list(_counters(application).values()) == [3]  # restarted, not 4 + 3
        with application.app_context():
            key = next(iter(_counters(application)))
            assert limiter.storage.get_expiry(key) == pytest.approx(start.timestamp() + 121)


def test_ended_windows_are_swept_and_live_ones_kept(make_app: Callable[..., Flask]) -> None:
    application = make_app(**LIMITED)
    storage = limiter.storage
    with application.app_context(), freeze_time(datetime.now(UTC)) as clock:
        assert [storage.incr("short", 10), storage.incr("short", 10)] == [1, 2]
        assert storage.incr("long", 3600, amount=5) == 5
        clock.tick(timedelta(seconds=11))
        assert (storage.get("short"), storage.get("long")) == (0, 5)
        assert set(_counters(application)) == {"short", "long"}  # ended, not yet swept
        assert storage.check() is True
        assert _counters(application) == {"long": 5}
        storage.clear("long")
        assert _counters(application) == {}


def test_reset_forgets_every_counter(make_app: Callable[..., Flask]) -> None:
    application = make_app(**LIMITED)
    with application.app_context():
        for key in ("a", "b", "c"):
            limiter.storage.incr(key, 60)
        assert limiter.storage.reset() == 3
        assert limiter.storage.get("a") == 0


def test_concurrent_hits_from_threads_are_all_counted(make_app: Callable[..., Flask]) -> None:
    application = make_app(**LIMITED)
    storage = limiter.storage
    threads, hits_each = 6, 20
    seen: list[int] = []
    lock = threading.Lock()

    def hit() -> None:
        with application.app_context():
            for _ in range(hits_each):
                value = storage.incr("shared", 60)
                with lock:
                    seen.append(value)

    workers = [threading.Thread(target=hit) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    total = threads * hits_each
    assert sorted(seen) == list(range(1, total + 1))  # every increment saw its own count
    with application.app_context():
        assert storage.get("shared") == total


def test_a_storage_fault_keeps_the_limit_in_memory_and_never_answers_500(
    make_app: Callable[..., Flask], database_url: str, tmp_path: Path
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("a read-only view of the same database is an SQLite file URL")
    settings = LIMITED | {"LOGIN_RATE_LIMIT": "3/hour"}
    writable = make_app(**settings)
    read_only_url = f"sqlite:///file:{tmp_path / 'quizapp.sqlite'}?mode=ro&uri=true"
    read_only = make_app(**settings, SQLALCHEMY_DATABASE_URI=read_only_url)
    with freeze_time(datetime.now(UTC)) as clock:
        assert _failed_logins(read_only, 4) == [200, 200, 200, 429]  # per process, in memory
        assert _counters(writable) == {}
        clock.tick(timedelta(seconds=65))  # past Flask-Limiter's longest back-off
        assert _failed_logins(writable) == [200]  # check() wrote: back on the database
        assert list(_counters(writable).values()) == [1]


@pytest.mark.parametrize("uri", ["quizapp-db://elsewhere:5432", "quizapp-db:///tmp/x.sqlite"])
def test_the_scheme_takes_no_location(make_app: Callable[..., Flask], uri: str) -> None:
    with pytest.raises(ConfigurationError, match="app's own database"):
        make_app(**LIMITED | {"RATELIMIT_STORAGE_URI": uri})


def test_environment_override_and_default(
    monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", "environment-secret")
    monkeypatch.delenv("QUIZAPP_RATELIMIT_STORAGE_URI", raising=False)
    assert create_app().config["RATELIMIT_STORAGE_URI"] == "quizapp-db://"
    monkeypatch.setenv("QUIZAPP_RATELIMIT_STORAGE_URI", "memory://")
    assert create_app().config["RATELIMIT_STORAGE_URI"] == "memory://"
