"""JSON logs: one access line per request (method, path, status, duration, request id);
answer text, passwords and SQL parameters never appear in any line."""

from __future__ import annotations

import json
import logging
import sys

import pytest
from flask import Flask
from sqlalchemy import insert

from quizapp.extensions import db
from quizapp.models import Attempt
from quizapp.ops.logs import ACCESS_LOGGER, JsonFormatter

SECRET_ANSWER = "SECRET_ANSWER_7f3a*x"
SECRET_PASSWORD = "hunter2-SECRET-PASSWORD"
NUMERIC = "basics-affine-param-count"


def _lines(records: list[logging.LogRecord]) -> list[dict]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(record)) for record in records]


def _access(caplog: pytest.LogCaptureFixture) -> list[dict]:
    return _lines([r for r in caplog.records if r.name == ACCESS_LOGGER])


def test_one_access_line_per_request_with_its_fields(
    client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    client.get("/health")
    client.get("/no/such/page?token=abc")
    client.post("/api/v1/attempts", json={})
    lines = _access(caplog)
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/health", 200),
        ("GET", "/no/such/page", 404),  # no query string
        ("POST", "/api/v1/attempts", 400),  # CSRF header missing
    ]
    for line in lines:
        assert set(line) >= {"ts", "level", "logger", "msg", "duration_ms", "request_id"}
        assert line["duration_ms"] >= 0
        assert len(line["request_id"]) == 32
    assert len({line["request_id"] for line in lines}) == 3


@pytest.mark.parametrize(
    ("given", "kept"),
    [("lb-1234.abc", True), ("has space", False), ("x" * 65, False), ("", False)],
)
def test_request_id_is_taken_from_a_well_formed_header_and_echoed(
    client, caplog: pytest.LogCaptureFixture, given: str, kept: bool
) -> None:
    caplog.set_level(logging.INFO)
    response = client.get("/auth/login", headers={"X-Request-ID": given})
    echoed = response.headers["X-Request-ID"]
    assert (echoed == given) is kept
    assert _access(caplog)[-1]["request_id"] == echoed


def test_no_answer_text_or_password_in_any_log_line(
    client, auth, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    auth.register("erin", SECRET_PASSWORD)
    auth.logout()
    auth.login("erin", "wrong-" + SECRET_PASSWORD)
    auth.login("erin", SECRET_PASSWORD)
    response = client.post(
        "/api/v1/attempts",
        json={"question_id": NUMERIC, "answer": SECRET_ANSWER, "client_attempt_id": "log-1"},
        headers=auth.json_headers(),
    )
    assert response.status_code == 201
    text = "\n".join(JsonFormatter().format(r) for r in caplog.records)
    assert len(_access(caplog)) >= 6
    assert SECRET_ANSWER not in text
    assert "SECRET-PASSWORD" not in text


def test_database_errors_are_logged_without_sql_parameters(app: Flask) -> None:
    with app.app_context():
        row = {"user_id": 999, "question_id": "q", "answer": SECRET_ANSWER}
        row |= {"verdict": "correct", "result": {}, "seed": 0, "answer_format": "text"}
        try:
            db.session.execute(insert(Attempt).values(**row))  # no user 999: FK fails
            db.session.commit()
        except Exception:
            db.session.rollback()
            logger = logging.getLogger("quizapp.test")
            record = logger.makeRecord(
                "quizapp.test", logging.ERROR, __file__, 1, "x", (), sys.exc_info()
            )
            line = json.loads(JsonFormatter().format(record))
        else:
            pytest.fail("the insert should have failed")
    assert "IntegrityError" in line["exc"]
    assert "parameters hidden" in line["exc"]
    assert SECRET_ANSWER not in line["exc"]
