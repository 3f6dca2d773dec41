"""Free checker pages: read the form, call the grading seam, render the result.

Each page works as a plain HTML form (POST → the same page with the result); the page
script adds the live preview and the optional visual editor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import current_app, render_template, request
from werkzeug.datastructures import MultiDict

from quizapp import grading
from quizapp.checkers import bp, forms
from quizapp.grading import networks
from quizapp.practice.assets import lang
from quizapp.security import allow_inline_style_attributes

Payload = dict[str, Any]


@bp.get("/")
def index() -> str:
    """The three checkers."""
    return render_template("checkers/index.html")


@bp.route("/expression", methods=["GET", "POST"])
def expression() -> tuple[str, int]:
    """A scalar formula against a reference, with optional definitions."""
    allow_inline_style_attributes()  # the optional MathLive editor
    return _page("checkers/expression.html", forms.expression_payload, _grading("expression"))


@bp.route("/steps", methods=["GET", "POST"])
def steps() -> tuple[str, int]:
    """A derivation chain; the first broken step is highlighted."""
    return _page("checkers/steps.html", forms.steps_payload, _grading("steps"))


@bp.route("/gradient", methods=["GET", "POST"])
def gradient() -> tuple[str, int]:
    """A NumPy backprop formula for a preset network."""
    targets = networks.target_names()
    network = request.values.get("network", "")
    if network not in targets:
        network = next(iter(targets))
    target = request.values.get("target", "")
    if target not in targets[network]:
        target = targets[network][0]
    return _page(
        "checkers/gradient.html",
        lambda form: forms.gradient_payload(form, targets),
        _grading("gradient"),
        networks=networks.all_networks(lang()),
        network=networks.describe(network, lang(), target),
    )


def _grading(kind: str) -> Callable[[Payload], dict[str, Any]]:
    """The seam's checker for ``kind``: ``check_<kind>_payload(**payload, lang=, deadline=)``."""
    checker = getattr(grading, f"check_{kind}_payload")
    deadline = current_app.config["GRADING_DEADLINE_S"]
    return lambda payload: checker(**payload, lang=lang(), deadline=deadline)


def _page(
    template: str,
    read: Callable[[MultiDict[str, str]], tuple[Payload, list[str]]],
    check: Callable[[Payload], dict[str, Any]],
    **context: Any,
) -> tuple[str, int]:
    """GET: the empty form. POST: the form refilled, plus problems or the result."""
    values: MultiDict[str, str] = request.form if request.method == "POST" else MultiDict()
    problems: list[str] = []
    result = None
    if request.method == "POST":
        payload, problems = read(request.form)
        if not problems:
            try:
                result = check(payload)
            except grading.RequestProblem as problem:
                problems.append(problem.messages.get(lang()) or str(problem))
    status = 422 if problems else 200
    page = render_template(
        template,
        values=values,
        problems=problems,
        result=result,
        **context,
    )
    return page, status
