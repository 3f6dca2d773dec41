"""Attempts API: login + CSRF, idempotency, isolation between users, stored as data."""

from __future__ import annotations

import sqlite3

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from sqlalchemy import func, select

from quizapp.bank.loader import get_bank
from quizapp.extensions import db
from quizapp.models import Attempt

CHOICE = "basics-tanh-deriv-choice"
NUMERIC = "basics-affine-param-count"


def _rows(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Attempt.id)))


def _correct_key(app: Flask, seed: int) -> str:
    with app.app_context():
        return get_bank().get(CHOICE).variant(seed).reference


def _submit(client: FlaskClient, auth, **body) -> object:
    payload = {"question_id": CHOICE, "answer": "a", "seed": 0} | body
    return client.post("/api/v1/attempts", json=payload, headers=auth.json_headers())


def test_choice_attempt_is_graded_and_stored(app: Flask, client: FlaskClient, auth) -> None:
    auth.register()
    key = _correct_key(app, 4)
    response = _submit(client, auth, answer=key.upper(), seed=4, time_taken_ms=5300, hints_used=1)
    assert response.status_code == 201
    attempt = response.get_json()["attempt"]
    assert attempt["verdict"] == "correct"
    assert attempt["seed"] == 4
    assert attempt["time_taken_ms"] == 5300
    assert attempt["created_at"].endswith("Z")
    wrong = next(k for k in "abcd" if k != key)
    body = _submit(client, auth, answer=wrong, seed=4).get_json()["attempt"]
    assert body["verdict"] == "incorrect"
    assert body["result"]["diagnosis"]["message"]
    assert _rows(app) == 2


@pytest.mark.parametrize(
    ("answer", "verdict", "code"),
    [
        ("{ok}", "correct", None),
        ("{bias}", "incorrect", "missing_bias"),
        ("forty", "invalid", None),
    ],
)
def test_numeric_attempt_names_the_listed_mistake(
    app: Flask, client: FlaskClient, auth, answer: str, verdict: str, code: str | None
) -> None:
    auth.register()
    with app.app_context():
        params = get_bank().get(NUMERIC).variant(2).params
    d, h = params["d"], params["h"]
    text = answer.format(ok=d * h + h, bias=d * h)
    attempt = _submit(client, auth, question_id=NUMERIC, answer=text, seed=2).get_json()["attempt"]
    assert attempt["verdict"] == verdict
    assert attempt["diagnosis_code"] == code


def test_same_client_attempt_id_is_stored_once(app: Flask, client: FlaskClient, auth) -> None:
    auth.register()
    first = _submit(client, auth, client_attempt_id="tab1-0001")
    again = _submit(client, auth, client_attempt_id="tab1-0001", answer="b")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.get_json()["attempt"] == again.get_json()["attempt"]
    assert _rows(app) == 1
    assert _submit(client, auth, client_attempt_id="tab1-0002").status_code == 201
    assert _rows(app) == 2


def test_json_write_without_csrf_header_is_rejected(app: Flask, client: FlaskClient, auth) -> None:
    auth.register()
    response = client.post("/api/v1/attempts", json={"question_id": CHOICE, "answer": "a"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "csrf_failed"
    assert _rows(app) == 0


def test_attempts_need_login(app: Flask, client: FlaskClient, auth) -> None:
    response = _submit(client, auth)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert _rows(app) == 0


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"question_id": "no-such"}, 404, "not_found"),
        ({"seed": -1}, 400, "invalid_field"),
        ({"answer": 3}, 400, "invalid_field"),
        ({"client_attempt_id": "has spaces"}, 400, "invalid_field"),
        ({"client_attempt_id": "x" * 65}, 400, "invalid_field"),
        ({"time_taken_ms": "fast"}, 400, "invalid_field"),
        ({"answer": "x\ud800"}, 400, "invalid_characters"),
        ({"client_attempt_id": "a\x00b"}, 400, "invalid_characters"),
    ],
)
def test_bad_attempts_are_refused(
    app: Flask, client: FlaskClient, auth, body: dict, status: int, code: str
) -> None:
    auth.register()
    response = _submit(client, auth, **body)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert _rows(app) == 0


def test_users_never_see_each_others_attempts(app: Flask, auth, auth_for) -> None:
    alice_client, bob_client = app.test_client(), app.test_client()
    alice, bob = auth_for(alice_client), auth_for(bob_client)
    alice.register("alice")
    bob.register("bob")
    mine = _submit(alice_client, alice, client_attempt_id="shared-id").get_json()["attempt"]
    # Bob reusing Alice's client id gets his own new attempt, not hers.
    theirs = _submit(bob_client, bob, client_attempt_id="shared-id", user_id=1)
    assert theirs.status_code == 201
    assert theirs.get_json()["attempt"]["id"] != mine["id"]
    assert bob_client.get(f"/api/v1/attempts/{mine['id']}").status_code == 404
    assert bob_client.head(f"/api/v1/attempts/{mine['id']}").status_code == 404
    listed = bob_client.get(f"/api/v1/attempts?user_id=1&question_id={CHOICE}").get_json()[
        "attempts"
    ]
    assert [a["id"] for a in listed] == [theirs.get_json()["attempt"]["id"]]
    assert alice_client.get(f"/api/v1/attempts/{mine['id']}").get_json()["attempt"] == mine
    with app.app_context():
        owners = dict(db.session.execute(select(Attempt.id, Attempt.user_id)).all())
    assert owners[mine["id"]] != owners[theirs.get_json()["attempt"]["id"]]


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><svg onload=alert(1)>',
]


@pytest.mark.parametrize("answer", HOSTILE)
def test_stored_xss_stays_data(app: Flask, client: FlaskClient, auth, answer: str) -> None:
    auth.register()
    created = _submit(client, auth, answer=answer)
    assert created.status_code == 201
    assert created.get_json()["attempt"]["verdict"] == "invalid"
    listed = client.get("/api/v1/attempts")
    assert listed.mimetype == "application/json"
    assert listed.headers["X-Content-Type-Options"] == "nosniff"
    assert listed.get_json()["attempts"][0]["answer"] == answer
    for page in ("/", "/auth/password"):
        assert answer not in client.get(page).get_data(as_text=True)


def test_attempt_list_pages(app: Flask, client: FlaskClient, auth) -> None:
    auth.register()
    ids = [
        _submit(client, auth, client_attempt_id=f"c{i}").get_json()["attempt"]["id"]
        for i in range(5)
    ]
    first = client.get("/api/v1/attempts?limit=2").get_json()["attempts"]
    assert [a["id"] for a in first] == ids[::-1][:2]
    rest = client.get(f"/api/v1/attempts?before={first[-1]['id']}").get_json()["attempts"]
    assert [a["id"] for a in rest] == ids[::-1][2:]


@pytest.mark.parametrize("answer", HOSTILE)
def test_stored_xss_is_escaped_on_the_practice_page(
    app: Flask, client: FlaskClient, auth, answer: str
) -> None:
    auth.register()
    form = {"answer": answer, "seed": "0", "format": "text", "csrf_token": auth.csrf_token()}
    page = client.post("/practice/q/basics-sigmoid-scaled-deriv", data=form).get_data(as_text=True)
    assert answer not in page
    assert str(escape(answer)) in page
    with app.app_context():
        stored = db.session.scalars(select(Attempt.answer)).all()
    assert stored == [answer]


def test_locked_database_answers_503_and_saves_nothing(make_app, auth_for) -> None:
    app = make_app(SQLITE_BUSY_TIMEOUT_MS=100)
    with app.app_context():
        db.create_all()
    client = app.test_client()
    learner = auth_for(client)
    learner.register("locked")
    with app.app_context():
        path = db.engine.url.database
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        response = client.post(
            "/api/v1/attempts",
            json={"question_id": CHOICE, "answer": "a"},
            headers=learner.json_headers(),
        )
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert response.get_json()["error"]["message"]
    assert _rows(app) == 0
    retry = client.post(
        "/api/v1/attempts",
        json={"question_id": CHOICE, "answer": "a"},
        headers=learner.json_headers(),
    )
    assert retry.status_code == 201
