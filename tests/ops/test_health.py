"""``GET /health``: a real database query at the expected schema revision and a real
symbolic proof through the checker worker pool; 200 or 503, JSON either way."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable

import flask_migrate
import pytest
from flask import Flask

from loadtest.procs import checker_workers, wait_until_exited
from quizapp.extensions import db


def _health(app: Flask) -> tuple[int, dict]:
    response = app.test_client().get("/health")
    assert response.headers["Cache-Control"] == "no-store"
    return response.status_code, response.get_json()


def test_healthy_app_answers_200_with_both_checks(app: Flask) -> None:
    status, body = _health(app)
    assert status == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "checker"}
    assert all(check["ok"] and check["ms"] >= 0 for check in body["checks"].values())
    assert all("error" not in check for check in body["checks"].values())


def _create_all_without_migrations(app: Flask) -> None:
    with app.app_context():
        db.create_all()


def _upgrade_to_first_revision(app: Flask) -> None:
    with app.app_context():
        flask_migrate.upgrade(revision="2eda0d6da1ae")


@pytest.mark.parametrize(
    ("prepare", "expected_error"),
    [
        (lambda app: None, "alembic_version"),  # empty file: no tables at all
        (_create_all_without_migrations, "alembic_version"),
        (_upgrade_to_first_revision, "code expects"),
    ],
    ids=["empty-database", "tables-without-migrations", "old-revision"],
)
def test_database_not_at_head_answers_503(
    make_app: Callable[..., Flask], prepare: Callable[[Flask], None], expected_error: str
) -> None:
    app = make_app(migrate=False)
    prepare(app)
    status, body = _health(app)
    assert status == 503
    assert body["status"] == "unavailable"
    assert body["checks"]["database"]["ok"] is False
    assert expected_error in body["checks"]["database"]["error"]


def test_unreachable_database_answers_503(make_app: Callable[..., Flask], tmp_path) -> None:
    missing = tmp_path / "no-such-folder" / "quizapp.sqlite"
    app = make_app(migrate=False, SQLALCHEMY_DATABASE_URI=f"sqlite:///{missing}")
    status, body = _health(app)
    assert status == 503
    assert "OperationalError" in body["checks"]["database"]["error"]
    assert body["checks"]["checker"]["ok"] is True  # one failing part, named precisely


def test_killed_checker_workers_are_replaced_without_turning_health_red(app: Flask) -> None:
    assert _health(app)[0] == 200  # starts the pool
    workers = checker_workers(os.getpid())
    assert workers, "no checker worker processes found below this test process"
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
        wait_until_exited(pid)
    status, body = _health(app)  # the proof goes to a fresh worker, not to a dead one
    assert status == 200, body
    assert body["checks"]["checker"]["ok"] is True
    assert set(checker_workers(os.getpid())).isdisjoint(workers)  # replaced, not revived


@pytest.mark.parametrize(
    ("query", "status", "names"),
    [
        ("?check=database", 200, {"database"}),
        ("?check=checker&check=database", 200, {"database", "checker"}),
        ("?check=disk", 400, None),
    ],
)
def test_named_checks_only(app: Flask, query: str, status: int, names: set | None) -> None:
    response = app.test_client().get("/health" + query)
    assert response.status_code == status
    body = response.get_json()
    if names is None:
        assert body["error"]["code"] == "unknown_check"
    else:
        assert set(body["checks"]) == names
