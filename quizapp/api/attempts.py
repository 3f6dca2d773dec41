"""Attempts of the signed-in user: submit (idempotent by ``client_attempt_id``) and list."""

from __future__ import annotations

import re

from flask import Response, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from quizapp.api import bp
from quizapp.api.payload import fields, json_object
from quizapp.api.questions import question_or_404
from quizapp.attempts import (
    Submission,
    attempt_to_dict,
    find_attempt,
    list_attempts,
    submit_attempt,
)
from quizapp.errors import ApiError
from quizapp.i18n import answer_language

CLIENT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
SPEC = {
    "question_id": ("str", True),
    "answer": ("str", True),
    "seed": ("int", False),
    "format": ("str", False),
    "time_taken_ms": ("int", False),
    "hints_used": ("int", False),
    "client_attempt_id": ("str", False),
}


@bp.post("/attempts")
@login_required
def create_attempt() -> tuple[Response, int]:
    body = fields(json_object(), SPEC)
    question = question_or_404(body.pop("question_id"))
    client_id = body.get("client_attempt_id")
    if client_id is not None and not CLIENT_ID.match(client_id):
        raise ApiError(
            400, "invalid_field", _("“client_attempt_id” must be 1–64 letters, digits or - _ . :")
        )
    for name in ("seed", "time_taken_ms", "hints_used"):
        if body.get(name, 0) < 0:
            raise ApiError(
                400, "invalid_field", _("The field “%(name)s” must not be negative.", name=name)
            )
    attempt, created = submit_attempt(
        current_user.id,
        question,
        Submission(**body),
        lang=answer_language(),
        deadline=current_app.config["GRADING_DEADLINE_S"],
    )
    return jsonify(attempt=attempt_to_dict(attempt)), 201 if created else 200


@bp.get("/attempts")
@login_required
def index_attempts() -> Response:
    limit = request.args.get("limit", 50, type=int)
    before = request.args.get("before", type=int)
    attempts = list_attempts(
        current_user.id,
        question_id=request.args.get("question_id"),
        limit=max(1, min(limit, 200)),
        before_id=before,
    )
    return jsonify(attempts=[attempt_to_dict(a) for a in attempts])


@bp.get("/attempts/<int:attempt_id>")
@login_required
def show_attempt(attempt_id: int) -> Response:
    attempt = find_attempt(current_user.id, attempt_id)
    if attempt is None:
        raise ApiError(404, "not_found", _("No attempt %(id)d of yours exists.", id=attempt_id))
    return jsonify(attempt=attempt_to_dict(attempt))
