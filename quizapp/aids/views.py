"""Aid pages and their JSON data: read the controls, call the aid's computation."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, jsonify, render_template, request

from quizapp.aids import bp
from quizapp.aids.params import AidParameterError, defaults, parse_params
from quizapp.aids.registry import AIDS, Aid
from quizapp.bank.loader import Question, get_bank


@bp.get("/")
def index() -> str:
    """The list of aids."""
    return render_template("aids/index.html", aids=AIDS.values())


@bp.get("/<name>")
def page(name: str) -> str:
    """An aid's page: controls set from the query (defaults where it is unusable)."""
    aid = _aid_or_404(name)
    problem = None
    try:
        values = parse_params(aid.fields, request.args, ordered=aid.ordered)
    except AidParameterError as error:
        values, problem = defaults(aid.fields), error.message
    return render_template(
        f"aids/{name}.html",
        aid=aid,
        script=f"{name}.js",
        values=values,
        problem=problem,
        related=related_questions(name),
    )


@bp.get("/<name>/data")
def data(name: str) -> tuple[Response, int]:
    """The aid's numbers as JSON for the query's parameters."""
    aid = _aid_or_404(name)
    try:
        values = parse_params(aid.fields, request.args, ordered=aid.ordered)
    except AidParameterError as error:
        body: dict[str, Any] = {
            "code": "invalid_parameter",
            "field": error.field,
            "message": error.message,
        }
        return jsonify(error=body), 400
    return jsonify(aid.compute(values)), 200


def related_questions(name: str) -> list[Question]:
    """The bank's questions that link to aid ``name`` (their ``aid`` key)."""
    return [q for q in get_bank().questions.values() if q.raw.get("aid") == name]


def _aid_or_404(name: str) -> Aid:
    aid = AIDS.get(name)
    if aid is None:
        abort(404)
    return aid
