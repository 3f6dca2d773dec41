"""Fixtures for issue 7: the real app on a migrated SQLite file (``flask db upgrade``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import flask_migrate
import pytest
from flask import Flask

from quizapp import create_app
from quizapp.extensions import db
from tests.quizapp.conftest import AuthActions, make_config


@pytest.fixture
def make_app(tmp_path: Path) -> Iterator[Callable[..., Flask]]:
    """``make_app(migrate=True, **overrides)``: an app over ``tmp_path``'s database."""
    made: list[Flask] = []

    def build(*, migrate: bool = True, **overrides: Any) -> Flask:
        application = create_app(make_config(tmp_path, **overrides))
        if migrate:
            with application.app_context():
                flask_migrate.upgrade()
        made.append(application)
        return application

    yield build
    for application in made:
        with application.app_context():
            db.engine.dispose()


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask):
    return app.test_client()


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)
