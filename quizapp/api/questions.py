"""Questions of the bank: list with filters, one variant by seed (never the answers)."""

from __future__ import annotations

from flask import Response, jsonify, request
from flask_babel import gettext as _

from quizapp.api import bp
from quizapp.bank.loader import Question, get_bank
from quizapp.errors import ApiError
from quizapp.i18n import answer_language

MAX_SEED = 2**31 - 1


def question_or_404(question_id: str) -> Question:
    """The bank question ``question_id``.

    :raise ApiError 404: when no such question exists.
    """
    question = get_bank().get(question_id)
    if question is None:
        raise ApiError(404, "not_found", _("No question “%(id)s” exists.", id=question_id))
    return question


@bp.get("/questions")
def index_questions() -> Response:
    topic, kind = request.args.get("topic"), request.args.get("type")
    rows = [q.summary() for q in get_bank().filter(topic=topic, type=kind)]
    return jsonify(questions=rows)


@bp.get("/questions/<question_id>")
def show_question(question_id: str) -> Response:
    question = question_or_404(question_id)
    raw_seed = request.args.get("seed", "0")
    seed = int(raw_seed) if raw_seed.isascii() and raw_seed.isdigit() else -1
    if not 0 <= seed <= MAX_SEED:
        raise ApiError(
            400, "invalid_field", _("“seed” must be an integer from 0 to %(max)d.", max=MAX_SEED)
        )
    return jsonify(question=question.variant(seed).render(answer_language()))
