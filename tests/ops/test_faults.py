"""A database that cannot be written answers 503 with a retry message, never 500, and
stores nothing; the same app serves again once the fault is gone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import Attempt
from tests.quizapp.conftest import AuthActions

NUMERIC = "basics-affine-param-count"


def _read_only_url(path: Path) -> str:
    return f"sqlite:///file:{path}?mode=ro&uri=true"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "send it again"), ("ja", "もう一度送信してください")],
)
def test_read_only_database_answers_503_and_stores_nothing(
    make_app: Callable[..., Flask], tmp_path: Path, language: str, expected: str
) -> None:
    writable = make_app()
    AuthActions(writable.test_client()).register("carol")
    read_only = make_app(
        migrate=False, SQLALCHEMY_DATABASE_URI=_read_only_url(tmp_path / "quizapp.sqlite")
    )
    client = read_only.test_client()
    auth = AuthActions(client)
    assert auth.login("carol").status_code == 302
    response = client.post(
        "/api/v1/attempts",
        json={"question_id": NUMERIC, "answer": "12", "client_attempt_id": "ro-1"},
        headers=auth.json_headers() | {"Accept-Language": language},
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    error = response.get_json()["error"]
    assert error["code"] == "storage_unavailable"
    assert expected in error["message"]
    with writable.app_context():
        assert db.session.scalar(select(func.count(Attempt.id))) == 0
    # the same client retries against the writable app: stored once, under its id
    retry = writable.test_client()
    retry_auth = AuthActions(retry)
    retry_auth.login("carol")
    again = retry.post(
        "/api/v1/attempts",
        json={"question_id": NUMERIC, "answer": "12", "client_attempt_id": "ro-1"},
        headers=retry_auth.json_headers(),
    )
    assert again.status_code == 201


def test_html_pages_also_get_503_not_a_traceback(
    make_app: Callable[..., Flask], tmp_path: Path
) -> None:
    make_app()  # creates the schema
    read_only = make_app(
        migrate=False, SQLALCHEMY_DATABASE_URI=_read_only_url(tmp_path / "quizapp.sqlite")
    )
    client = read_only.test_client()
    token = AuthActions(client).csrf_token("/auth/register")
    data = {"username": "dave", "password": "x" * 16, "confirm": "x" * 16, "csrf_token": token}
    response = client.post("/auth/register", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "send it again" in page
    assert "Traceback" not in page
