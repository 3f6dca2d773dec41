"""PostgreSQL: the same migrations give the models' schema; attempts are idempotent and
concurrent submissions neither fail nor duplicate; users never see each other's data."""

from __future__ import annotations

import asyncio

import flask_migrate
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask import Flask
from sqlalchemy import func, inspect, select

from loadtest.http import HttpClient, Response
from quizapp.extensions import db
from quizapp.models import Attempt, Card, ReviewLog
from tests.quizapp.conftest import PASSWORD, AuthActions

NUMERIC = "basics-affine-param-count"


def test_upgrade_gives_the_models_schema(empty_app: Flask) -> None:
    with empty_app.app_context():
        assert db.engine.dialect.name == "postgresql"
        flask_migrate.upgrade()
        with db.engine.connect() as connection:
            diffs = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert diffs == []


def test_downgrade_to_base_leaves_only_the_version_table(empty_app: Flask) -> None:
    with empty_app.app_context():
        flask_migrate.upgrade()
        flask_migrate.downgrade(revision="base")
        tables = set(inspect(db.engine).get_table_names())
    assert tables <= {"alembic_version"}


def _count(app: Flask, model: type, **where: object) -> int:
    with app.app_context():
        query = select(func.count()).select_from(model).filter_by(**where)
        return db.session.scalar(query)


def test_retry_with_the_same_client_attempt_id_is_stored_once(app: Flask, client, auth) -> None:
    auth.register()
    body = {"question_id": NUMERIC, "answer": "40", "seed": 1, "client_attempt_id": "pg-1"}
    first = client.post("/api/v1/attempts", json=body, headers=auth.json_headers())
    second = client.post("/api/v1/attempts", json=body, headers=auth.json_headers())
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.get_json()["attempt"]["id"] == second.get_json()["attempt"]["id"]
    assert _count(app, Attempt) == 1


async def _signed_in(port: int, name: str) -> tuple[HttpClient, str]:
    client = HttpClient(port)
    token = await client.csrf_token("/auth/register")
    form = {"username": name, "password": PASSWORD, "confirm": PASSWORD, "csrf_token": token}
    assert (await client.request("POST", "/auth/register", form=form)).status == 302
    return client, await client.csrf_token("/auth/login")


async def _submit_together(port: int, bodies: list[dict]) -> list[Response]:
    client, token = await _signed_in(port, "paula")
    headers = {"X-CSRFToken": token}
    return await asyncio.gather(
        *(client.request("POST", "/api/v1/attempts", json_body=b, headers=headers) for b in bodies)
    )


@pytest.mark.parametrize("copies", [2, 8])
def test_simultaneous_retries_store_one_row(app: Flask, live_port: int, copies: int) -> None:
    body = {"question_id": NUMERIC, "answer": "40", "seed": 1, "client_attempt_id": "same"}
    replies = asyncio.run(_submit_together(live_port, [body] * copies))
    assert sorted(r.status for r in replies) == [200] * (copies - 1) + [201]
    assert len({r.json()["attempt"]["id"] for r in replies}) == 1
    assert _count(app, Attempt) == 1


def test_two_tabs_answering_the_same_question_store_both(app: Flask, live_port: int) -> None:
    bodies = [
        {"question_id": NUMERIC, "answer": answer, "seed": 1, "client_attempt_id": f"tab-{n}"}
        for n, answer in enumerate(["40", "36", "41", "12"])
    ]
    replies = asyncio.run(_submit_together(live_port, bodies))
    assert [r.status for r in replies] == [201] * len(bodies)
    assert _count(app, Attempt) == len(bodies)
    assert _count(app, Card) == 1  # one FSRS card per (user, question)
    assert _count(app, ReviewLog) == len(bodies)  # every attempt reviewed, none lost


def test_users_never_see_each_others_attempts(app: Flask, auth_pair) -> None:
    (alice, alice_auth), (bob, bob_auth) = auth_pair
    body = {"question_id": NUMERIC, "answer": "40", "client_attempt_id": "mine"}
    created = alice.post("/api/v1/attempts", json=body, headers=alice_auth.json_headers())
    attempt_id = created.get_json()["attempt"]["id"]
    assert alice.get(f"/api/v1/attempts/{attempt_id}").status_code == 200
    assert bob.get(f"/api/v1/attempts/{attempt_id}").status_code == 404
    assert bob.get("/api/v1/attempts").get_json()["attempts"] == []
    # bob may use the same client id: it is unique per user, not globally
    again = bob.post("/api/v1/attempts", json=body, headers=bob_auth.json_headers())
    assert again.status_code == 201
    assert again.get_json()["attempt"]["id"] != attempt_id


@pytest.fixture
def auth_pair(app: Flask) -> list[tuple[object, AuthActions]]:
    pair = []
    for name in ("alice", "bob"):
        client = app.test_client()
        actions = AuthActions(client)
        assert actions.register(name).status_code == 302
        pair.append((client, actions))
    return pair
