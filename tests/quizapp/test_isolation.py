"""User B can never read or change user A's data, on every route that takes an id
(HTML and JSON, found automatically from the URL map, so new blueprints are covered)."""

from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import text

from quizapp.extensions import db

OWNED_IDS = range(1, 4)
PUBLIC_ENDPOINTS = {"static"}


def _id_routes(app: Flask) -> list[tuple[str, str, str]]:
    """(rule, method, int argument) for every route with an integer id."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        ints = [
            name
            for name, conv in rule._converters.items()
            if type(conv).__name__ == "IntegerConverter"
        ]
        if len(ints) != 1 or len(rule.arguments) != 1:
            continue
        for method in sorted(rule.methods - {"OPTIONS"}):
            found.append((rule.rule, method, ints[0]))
    return found


def _snapshot(app: Flask) -> dict[str, list[Any]]:
    with app.app_context():
        tables = db.metadata.sorted_tables
        return {t.name: [tuple(r) for r in db.session.execute(t.select()).all()] for t in tables}


def test_other_users_ids_are_not_found(app: Flask, auth_for) -> None:
    alice_client, bob_client = app.test_client(), app.test_client()
    alice, bob = auth_for(alice_client), auth_for(bob_client)
    alice.register("alice")
    for index in OWNED_IDS:
        body = {"question_id": "basics-affine-param-count", "answer": "12", "seed": index}
        response = alice_client.post("/api/v1/attempts", json=body, headers=alice.json_headers())
        assert response.status_code == 201
    bob.register("bob")
    routes = _id_routes(app)
    assert ("/api/v1/attempts/<int:attempt_id>", "GET", "attempt_id") in routes
    before = _snapshot(app)
    leaks = []
    for rule, method, name in routes:
        for owned in OWNED_IDS:
            path = rule.replace(f"<int:{name}>", str(owned))
            kwargs = {"headers": bob.json_headers()} if method not in ("GET", "HEAD") else {}
            for accept in ("application/json", "text/html"):
                headers = kwargs.get("headers", {}) | {"Accept": accept}
                status = bob_client.open(path, method=method, headers=headers).status_code
                if status < 400 or status == 500:
                    leaks.append(f"{method} {path} ({accept}) → {status}")
    assert leaks == []
    assert _snapshot(app) == before, "B's requests changed stored data"
    with app.app_context():
        owners = db.session.execute(text("SELECT DISTINCT user_id FROM attempt")).scalars().all()
    assert owners == [1]
