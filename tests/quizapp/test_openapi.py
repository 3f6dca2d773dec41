"""The OpenAPI document matches the app: every ``/api/v1`` route of the URL map is
documented (path and method) and every documented operation exists; the documented
``Progress`` schema describes what ``GET /api/v1/progress`` really answers."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.bank.loader import get_bank

PREFIX = "/api/v1"
CHOICE = "basics-tanh-deriv-choice"
JSON_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "null": type(None),
}


def _document(client: FlaskClient) -> dict[str, Any]:
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _served(app: Flask) -> set[tuple[str, str]]:
    """``(documented path, method)`` of every ``/api/v1`` route, ``<int:id>`` → ``{id}``."""
    operations = set()
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(PREFIX):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule[len(PREFIX) :]) or "/"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operations.add((path, method.lower()))
    return operations


def _documented(document: dict[str, Any]) -> set[tuple[str, str]]:
    return {(path, method) for path, item in document["paths"].items() for method in item}


def test_every_api_route_is_documented_and_every_documented_operation_exists(
    app: Flask, client: FlaskClient
) -> None:
    served, documented = _served(app), _documented(_document(client))
    assert ("/progress", "get") in served
    assert served - documented == set(), "routes missing from openapi.json"
    assert documented - served == set(), "openapi.json documents routes the app lacks"


def test_documented_path_parameters_are_declared(client: FlaskClient) -> None:
    for path, item in _document(client)["paths"].items():
        for operation in item.values():
            declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert declared == set(re.findall(r"{(\w+)}", path)), path


def _resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _problems(value: Any, schema: dict[str, Any], document: dict[str, Any], at: str) -> list[str]:
    """Where ``value`` breaks ``schema`` (the subset of JSON Schema this document uses)."""
    schema = _resolve(schema, document)
    kinds = schema.get("type")
    kinds = [kinds] if isinstance(kinds, str) else kinds or []
    if kinds and not any(
        isinstance(value, JSON_TYPES[k]) and not (k in ("integer", "number") and value is True)
        for k in kinds
    ):
        return [f"{at}: {value!r} is not {kinds}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{at}: {value!r} not in {schema['enum']}"]
    found: list[str] = []
    if isinstance(value, dict):
        found += [f"{at}.{key}: missing" for key in schema.get("required", []) if key not in value]
        properties = schema.get("properties", {})
        if schema.get("additionalProperties") is not True and properties:
            found += [f"{at}.{key}: not documented" for key in value if key not in properties]
        for key, sub in properties.items():
            if key in value:
                found += _problems(value[key], sub, document, f"{at}.{key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += _problems(item, schema["items"], document, f"{at}[{index}]")
    return found


@pytest.mark.parametrize(
    ("value", "broken"),
    [
        ({"timezone": "UTC"}, True),
        ({}, True),
        ([], True),
    ],
)
def test_the_schema_check_itself_rejects_wrong_shapes(
    client: FlaskClient, value: Any, broken: bool
) -> None:
    document = _document(client)
    assert (
        bool(_problems(value, {"$ref": "#/components/schemas/Progress"}, document, "$")) is broken
    )


def test_progress_needs_a_login(client: FlaskClient) -> None:
    response = client.get(f"{PREFIX}/progress")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_progress_answer_matches_its_documented_schema(
    app: Flask, client: FlaskClient, auth, lang: str
) -> None:
    auth.register()
    with app.app_context():
        right = get_bank().get(CHOICE).variant(0).reference
    wrong = next(key for key in "abcd" if key != right)
    for answer in (right, wrong, wrong):
        body = {"question_id": CHOICE, "answer": answer, "seed": 0}
        assert client.post(
            f"{PREFIX}/attempts", json=body, headers=auth.json_headers()
        ).status_code in (200, 201)
    response = client.get(f"{PREFIX}/progress", headers={"Accept-Language": lang})
    assert response.status_code == 200
    progress = response.get_json()
    assert progress["totals"]["attempts"] == 3
    assert progress["topics"]
    assert progress["areas"]
    assert progress["forecast"]
    assert progress["mistakes"], "two wrong answers with the same code recur"
    document = _document(client)
    assert _problems(progress, {"$ref": "#/components/schemas/Progress"}, document, "$") == []
