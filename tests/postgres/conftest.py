"""The database-facing tests on a REAL PostgreSQL server: ``TEST_DATABASE_URL`` (for
example the URL printed by ``scripts/postgres.sh``). Without it every test here is
skipped. Each test starts from an empty ``public`` schema, migrated with Alembic."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import flask_migrate
import pytest
from flask import Flask
from werkzeug.serving import make_server

from loadtest.scenarios import fresh_postgres
from quizapp import create_app
from quizapp.extensions import db
from tests.quizapp.conftest import AuthActions, make_config

URL = os.environ.get("TEST_DATABASE_URL", "")

pytestmark = pytest.mark.postgres


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if URL:
        return
    reason = "TEST_DATABASE_URL is not set (start a server with: scripts/postgres.sh)"
    for item in items:
        if "tests/postgres" in str(item.path):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[Flask]:
    fresh_postgres(URL)
    application = create_app(make_config(tmp_path, SQLALCHEMY_DATABASE_URI=URL))
    assert application.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql+psycopg://")
    yield application
    with application.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def app(empty_app: Flask) -> Flask:
    with empty_app.app_context():
        flask_migrate.upgrade()
    return empty_app


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def live_port(app: Flask) -> Iterator[int]:
    """The app over real HTTP (threaded WSGI server); yields the port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join(timeout=5)
