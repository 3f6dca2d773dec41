"""JSON API v1: error shapes, stateless checkers, questions without leaked answers."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.bank.loader import get_bank
from quizapp.extensions import db
from quizapp.models import RateLimitCounter

BASICS = [
    "basics-tanh-deriv-choice",
    "basics-sigmoid-scaled-deriv",
    "basics-two-layer-dw1",
    "basics-affine-param-count",
    "basics-affine-db-code",
    "basics-logistic-steps",
]
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
GRADIENT = {"network": "zerotsuku-two-layer", "target": "dW1", "answer": "x.T @ da1"}

ERROR_CASES = [
    # (method, path, body (bytes or JSON-able), status, code)
    ("POST", "/api/v1/check/expression", b"{not json", 400, "malformed_json"),
    ("POST", "/api/v1/check/expression", b"\xff\xfe\x00garbage", 400, "malformed_json"),
    ("POST", "/api/v1/check/expression", [1, 2], 400, "malformed_json"),
    ("POST", "/api/v1/check/expression", {"answer": 1, "reference": "x"}, 400, "invalid_field"),
    ("POST", "/api/v1/check/expression", {"answer": "x"}, 400, "missing_field"),
    (
        "POST",
        "/api/v1/check/expression",
        {"answer": "x", "reference": "x", "format": "html"},
        400,
        "invalid_field",
    ),
    (
        "POST",
        "/api/v1/check/expression",
        {"answer": "x", "reference": "x", "variables": "x"},
        400,
        "invalid_field",
    ),
    (
        "POST",
        "/api/v1/check/expression",
        {"answer": "x", "reference": "x", "definitions": {"y": 1}},
        400,
        "invalid_field",
    ),
    ("POST", "/api/v1/check/steps", {"steps": "x = x"}, 400, "invalid_field"),
    ("POST", "/api/v1/check/gradient", GRADIENT | {"seed": "1"}, 400, "invalid_field"),
    ("POST", "/api/v1/check/gradient", GRADIENT | {"seed": True}, 400, "invalid_field"),
    (
        "POST",
        "/api/v1/check/gradient",
        GRADIENT | {"network": "no-such-net"},
        400,
        "invalid_request",
    ),
    ("POST", "/api/v1/check/gradient", GRADIENT | {"target": "dW9"}, 400, "invalid_request"),
    ("POST", "/api/v1/preview", {"text": None}, 400, "missing_field"),
    ("POST", "/api/v1/preview", {"text": "x", "variables": ["1x"]}, 400, "invalid_request"),
    (
        "POST",
        "/api/v1/check/steps",
        {"steps": ["x"], "definitions": {"a b": "x"}},
        400,
        "invalid_request",
    ),
    ("POST", "/api/v1/preview", b'{"text": "x\\u0000+1"}', 400, "invalid_characters"),
    (
        "POST",
        "/api/v1/check/expression",
        b'{"answer": "\\ud800", "reference": "x"}',
        400,
        "invalid_characters",
    ),
    ("POST", "/api/v1/check/steps", b'{"steps": ["x", "\\udfff"]}', 400, "invalid_characters"),
    (
        "POST",
        "/api/v1/check/expression",
        {"answer": "x" * 70_000, "reference": "x"},
        413,
        "payload_too_large",
    ),
    ("GET", "/api/v1/questions/no-such-question", None, 404, "not_found"),
    ("GET", "/api/v1/questions/basics-two-layer-dw1?seed=abc", None, 400, "invalid_field"),
    ("GET", "/api/v1/questions/basics-two-layer-dw1?seed=-1", None, 400, "invalid_field"),
    ("GET", "/api/v1/no-such-route", None, 404, "not_found"),
    ("DELETE", "/api/v1/questions", None, 405, "method_not_allowed"),
    ("GET", "/api/v1/attempts", None, 401, "unauthorized"),
    ("GET", "/api/v1/attempts/1", None, 401, "unauthorized"),
]


def _send(client: FlaskClient, method: str, path: str, body: Any, **headers: str) -> Any:
    if body is None:
        return client.open(path, method=method, headers=headers)
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.open(
        path, method=method, data=data, content_type="application/json", headers=headers
    )


@pytest.mark.parametrize(("method", "path", "body", "status", "code"), ERROR_CASES)
def test_error_shapes(
    client: FlaskClient, method: str, path: str, body: Any, status: int, code: str
) -> None:
    response = _send(client, method, path, body)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == code
    assert isinstance(error["message"], str)
    assert error["message"]


def test_error_messages_follow_accept_language(client: FlaskClient) -> None:
    ja = _send(client, "POST", "/api/v1/check/expression", {"answer": "x"}).get_json()
    en = _send(
        client, "POST", "/api/v1/check/expression", {"answer": "x"}, **{"Accept-Language": "en"}
    ).get_json()
    assert "reference" in en["error"]["message"]
    assert "required" in en["error"]["message"]
    assert ja["error"]["message"] != en["error"]["message"]


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        ("x.T @ da1", "correct"),
        ("x.T @ dz1", "incorrect"),
        ("da1 @ x.T", "invalid"),
        ("__import__('os')", "invalid"),
    ],
)
def test_check_gradient(client: FlaskClient, answer: str, verdict: str) -> None:
    response = client.post("/api/v1/check/gradient", json=GRADIENT | {"answer": answer})
    assert response.status_code == 200
    body = response.get_json()
    assert body["verdict"] == verdict
    assert body["message"]
    assert "messages" not in body, "one language only"


def test_check_gradient_language(client: FlaskClient) -> None:
    wrong = GRADIENT | {"answer": "x.T @ dz1"}
    en = client.post(
        "/api/v1/check/gradient", json=wrong, headers={"Accept-Language": "en"}
    ).get_json()
    ja = client.post(
        "/api/v1/check/gradient", json=wrong, headers={"Accept-Language": "ja"}
    ).get_json()
    assert en["verdict"] == ja["verdict"] == "incorrect"
    assert en["message"] != ja["message"]


@pytest.mark.parametrize(
    ("text", "has_latex"),
    [
        ("x^2 + 1", True),
        ("１／（１＋ｅｘｐ（−ｘ））", True),
        ("1/(1+exp(-x", False),
        ("__import__('os')", False),
    ],
)
def test_preview(client: FlaskClient, text: str, has_latex: bool) -> None:
    body = client.post("/api/v1/preview", json={"text": text, "variables": ["x"]}).get_json()
    assert (body["latex"] is not None) is has_latex
    if not has_latex:
        assert body["error"]["message"]
        start, end = body["error"]["span"]
        assert 0 <= start < end <= len(text)


def test_question_list_filters(client: FlaskClient) -> None:
    everything = client.get("/api/v1/questions").get_json()["questions"]
    assert set(BASICS) <= {q["id"] for q in everything}
    steps = client.get("/api/v1/questions?type=steps").get_json()["questions"]
    assert steps
    assert all(q["type"] == "steps" for q in steps)
    backprop = client.get("/api/v1/questions?topic=backprop&type=code").get_json()["questions"]
    assert "basics-affine-db-code" in {q["id"] for q in backprop}
    assert all(q["topic"] == "backprop" and q["type"] == "code" for q in backprop)
    assert client.get("/api/v1/questions?topic=astrology").get_json()["questions"] == []


SECRET_KEYS = {"answer", "explanation", "mistakes", "steps", "check", "oracle", "tolerance"}


@pytest.mark.parametrize("question_id", BASICS)
@pytest.mark.parametrize("seed", [0, 7])
def test_question_detail_leaks_no_answer(
    app: Flask, client: FlaskClient, question_id: str, seed: int
) -> None:
    response = client.get(f"/api/v1/questions/{question_id}?seed={seed}")
    assert response.status_code == 200
    shown = response.get_json()["question"]
    assert shown["id"] == question_id
    assert shown["seed"] == seed
    assert not SECRET_KEYS & shown.keys()
    for option in shown.get("options", []):
        assert set(option) == {"key", "text"}
    with app.app_context():
        variant = get_bank().get(question_id).variant(seed)
    text = response.get_data(as_text=True)
    if variant.type in ("expression", "gradient", "code", "steps"):
        assert json.dumps(variant.reference)[1:-1] not in text
    assert json.dumps(variant.data["explanation"]["ja"], ensure_ascii=False)[1:20] not in text


def test_rate_limit_answers_429_json(make_app) -> None:
    app = make_app(RATELIMIT_ENABLED=True, CHECK_RATE_LIMIT="2/minute")
    with app.app_context():
        db.create_all()  # the counters live in the app's database (quizapp-db://)
    client = app.test_client()
    statuses = [client.post("/api/v1/check/gradient", json=GRADIENT).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    limited = client.post("/api/v1/check/gradient", json=GRADIENT)
    assert limited.get_json()["error"]["code"] == "rate_limited"
    assert int(limited.headers["Retry-After"]) > 0
    with app.app_context():  # counted in the database, not in a per-process fallback
        assert db.session.scalars(select(RateLimitCounter.hits)).all() == [4]


def test_openapi_document(client: FlaskClient) -> None:
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    for path in (
        "/check/expression",
        "/check/steps",
        "/check/gradient",
        "/questions",
        "/questions/{question_id}",
        "/attempts",
        "/preview",
    ):
        assert path in document["paths"], path


def _boom() -> str:
    raise RuntimeError("secret internals")


@pytest.mark.parametrize(("path", "json_expected"), [("/api/v1/boom", True), ("/boom", False)])
def test_unexpected_errors_are_500_without_traceback(
    make_app, path: str, json_expected: bool
) -> None:
    app = make_app()
    app.add_url_rule(path, "boom", _boom)
    response = app.test_client().get(path)
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "secret internals" not in body
    assert "Traceback" not in body
    if json_expected:
        assert response.get_json()["error"]["code"] == "internal_error"
    else:
        assert response.mimetype == "text/html"


def test_api_language_header_beats_the_page_cookie(client: FlaskClient) -> None:
    client.get("/auth/login?lang=ja")  # the pages remember Japanese in a cookie
    wrong = GRADIENT | {"answer": "x.T @ dz1"}
    english = client.post("/api/v1/check/gradient", json=wrong, headers={"Accept-Language": "en"})
    japanese = client.post("/api/v1/check/gradient", json=wrong)
    assert not JAPANESE.search(english.get_json()["message"])
    assert JAPANESE.search(japanese.get_json()["message"])
    assert "<h1>ログイン</h1>" in client.get(
        "/auth/login", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
