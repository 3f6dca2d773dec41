"""Alembic revisions in migrations/ produce exactly the models' schema."""

from __future__ import annotations

from collections.abc import Callable

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import inspect, text

from quizapp.extensions import db


@pytest.fixture
def empty_app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


def test_upgrade_gives_the_models_schema(empty_app: Flask) -> None:
    with empty_app.app_context():
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            diffs = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diffs == []


def test_upgrade_then_downgrade_leaves_only_the_version_table(empty_app: Flask) -> None:
    with empty_app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
        tables = set(inspect(db.engine).get_table_names())
    assert tables <= {"alembic_version"}


def test_sqlite_pragmas_are_set(app: Flask) -> None:
    with app.app_context(), db.engine.connect() as connection:
        pragmas = {
            name: connection.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "foreign_keys", "busy_timeout")
        }
    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}
