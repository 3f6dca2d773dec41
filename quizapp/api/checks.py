"""Stateless checkers and the preview: no login, no CSRF, rate limited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response, current_app, jsonify

from quizapp import grading
from quizapp.api import bp
from quizapp.api.payload import fields, json_object
from quizapp.errors import ApiError
from quizapp.extensions import csrf, limiter
from quizapp.i18n import answer_language

View = Callable[[], Response]
CONTEXT = {
    "format": ("str", False),
    "definitions": ("str_map", False),
    "variables": ("str_list", False),
}


def _check_limit() -> str:
    return current_app.config["CHECK_RATE_LIMIT"]


def stateless(rule: str) -> Callable[[View], View]:
    """Route a POST that uses no cookie authentication: CSRF-exempt, rate limited."""

    def register(view: View) -> View:
        return bp.post(rule)(csrf.exempt(limiter.limit(_check_limit)(view)))

    return register


def _answer(call: Callable[..., dict[str, Any]], **kwargs: Any) -> Response:
    """Run a grading payload function in the request's answer language."""
    lang = answer_language()
    try:
        return jsonify(call(**kwargs, lang=lang, deadline=current_app.config["GRADING_DEADLINE_S"]))
    except grading.RequestProblem as problem:
        raise ApiError(400, problem.code, problem.messages[lang]) from None


@stateless("/check/expression")
def check_expression() -> Response:
    spec = {"answer": ("str", True), "reference": ("str", True), "forbid": ("str_list", False)}
    return _answer(grading.check_expression_payload, **fields(json_object(), spec | CONTEXT))


@stateless("/check/steps")
def check_steps() -> Response:
    spec = {"steps": ("str_list", True), "reference": ("str", False), "start": ("str", False)}
    return _answer(grading.check_steps_payload, **fields(json_object(), spec | CONTEXT))


@stateless("/check/gradient")
def check_gradient() -> Response:
    spec = {
        "network": ("str", True),
        "target": ("str", True),
        "answer": ("str", True),
        "seed": ("int", False),
    }
    return _answer(grading.check_gradient_payload, **fields(json_object(), spec))


@stateless("/preview")
def preview() -> Response:
    return _answer(grading.preview, **fields(json_object(), {"text": ("str", True)} | CONTEXT))
