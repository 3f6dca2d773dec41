"""Fixtures over the real app: a real SQLite file per test, the test client, the CLI
runner, and ``AuthActions`` (register/login/logout through the real forms with CSRF)."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from werkzeug.serving import make_server

from quizapp import create_app
from quizapp.extensions import db

CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')
PASSWORD = "correct horse battery"


def make_config(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    """Test settings: a real SQLite file under ``tmp_path``, CSRF on, limits off."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'quizapp.sqlite'}",
        "RATELIMIT_ENABLED": False,
    }
    config.update(overrides)
    return config


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., Flask]:
    """``make_app(**overrides)``: a new app over ``tmp_path``'s database, schema not created."""
    return lambda **overrides: create_app(make_config(tmp_path, **overrides))


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Iterator[Flask]:
    application = make_app()
    with application.app_context():
        db.create_all()
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


def csrf_token(client: FlaskClient, path: str = "/auth/login") -> str:
    """The CSRF token of the client's session, read from a page's meta tag."""
    page = client.get(path).get_data(as_text=True)
    match = CSRF_META.search(page)
    assert match, f"no csrf-token meta tag on {path}"
    return match.group(1)


class AuthActions:
    """Drive the account forms as a browser would."""

    PASSWORD = PASSWORD

    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def csrf_token(self, path: str = "/auth/login") -> str:
        return csrf_token(self._client, path)

    def register(self, username: str = "alice", password: str = PASSWORD, **extra: str) -> Any:
        data = {"username": username, "password": password, "confirm": password, **extra}
        data["csrf_token"] = csrf_token(self._client, "/auth/register")
        return self._client.post("/auth/register", data=data)

    def login(self, login: str = "alice", password: str = PASSWORD, next_url: str = "") -> Any:
        data = {"login": login, "password": password, "csrf_token": csrf_token(self._client)}
        path = "/auth/login" + (f"?next={next_url}" if next_url else "")
        return self._client.post(path, data=data)

    def logout(self) -> Any:
        return self._client.post("/auth/logout", data={"csrf_token": csrf_token(self._client)})

    def json_headers(self) -> dict[str, str]:
        """Headers for a cookie-authenticated JSON write."""
        return {"X-CSRFToken": csrf_token(self._client)}


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


@pytest.fixture
def auth_for() -> type[AuthActions]:
    """``auth_for(other_client)``: account actions for a second browser."""
    return AuthActions


@pytest.fixture
def bank_dir(tmp_path: Path) -> Path:
    """A private bank folder with the real ``topics.toml`` and ``basics.toml``."""
    source = Path(__file__).resolve().parents[2] / "quizapp" / "questions"
    folder = tmp_path / "bank"
    folder.mkdir()
    for name in ("topics.toml", "basics.toml"):
        shutil.copy(source / name, folder / name)
    return folder


@contextmanager
def serving(application: Flask) -> Iterator[str]:
    """Serve ``application`` over real HTTP (threaded WSGI server); yield its base URL."""
    server = make_server("127.0.0.1", 0, application, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The ``app`` fixture served over real HTTP; yields its base URL."""
    with serving(app) as base:
        yield base


@pytest.fixture
def serve() -> Callable[[Flask], AbstractContextManager[str]]:
    """``with serve(app) as base_url:`` for tests that need their own settings."""
    return serving
