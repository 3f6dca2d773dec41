"""Mock-exam pages and the answer endpoint (form posts without JavaScript, JSON with it).

- ``GET  /exam/``: presets, the running exam, past results.
- ``POST /exam/start``: start (or resume) an exam.
- ``GET  /exam/<id>``: every question with the learner's saved answers and the time left.
- ``POST /exam/<id>/answer``: save one answer; JSON ``{"position", "answer",
  "client_answer_id"}`` → ``{"saved": true, ...}``; after time: 409 ``time_over``.
- ``POST /exam/<id>/finish`` and ``GET /exam/<id>/result``.
"""

from __future__ import annotations

import random
import secrets
from typing import Any

from flask import abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from quizapp.bank.loader import get_bank
from quizapp.errors import error_response
from quizapp.exam import bp, sessions
from quizapp.exam.draw import PRESETS
from quizapp.exam.results import summary
from quizapp.models import ExamSession
from quizapp.models.user import utcnow
from quizapp.practice.assets import lang

PROBLEMS = {
    "empty": _l("Type an answer (or pick an option) before saving."),
    "too_long": _l("This answer is too long: at most 2000 characters."),
    "not_an_option": _l("Pick one of the options a, b, c or d."),
    "no_such_question": _l("This exam has no question with that number."),
    "bad_request": _l("Send position, answer and client_answer_id."),
}


def draw_rng() -> random.Random:
    """The random source of a new exam's draw (tests replace it with a seeded one)."""
    return random.Random(secrets.randbits(64))


def _exam_or_404(exam_id: int) -> ExamSession:
    exam = sessions.load(current_user.id, exam_id, utcnow())
    if exam is None:
        abort(404)
    return exam


@bp.get("/")
@login_required
def index() -> str:
    """Choose a length; resume a running exam; see past results."""
    now = utcnow()
    return render_template(
        "exam/index.html",
        presets=PRESETS.values(),
        running=sessions.active(current_user.id, now),
        past=list(reversed(sessions.history(current_user.id, now))),
    )


@bp.post("/start")
@login_required
def start() -> Response:
    """Start the chosen preset (or go back to the exam already running)."""
    preset = request.form.get("preset", "")
    if preset not in PRESETS:
        return error_response(422, "unknown_preset", _("Choose one of the offered exam lengths."))
    exam = sessions.start(current_user.id, preset, utcnow(), draw_rng())
    return redirect(url_for(".take", exam_id=exam.id))


@bp.get("/<int:exam_id>")
@login_required
def take(exam_id: int) -> str | Response:
    """The exam paper, with saved answers filled in (a reload loses nothing)."""
    exam = _exam_or_404(exam_id)
    if exam.finished_at is not None:
        return redirect(url_for(".result", exam_id=exam.id))
    bank = get_bank()
    language = lang()
    items = []
    for slot in sessions.slots(exam):
        question = bank.get(slot.question_id)
        if question is not None:
            shown = question.variant(slot.seed).render(language)
            items.append({"slot": slot, "type": question.type, "shown": shown})
    remaining = max(0, int((exam.deadline_at - utcnow()).total_seconds()))
    return render_template(
        "exam/take.html",
        exam=exam,
        items=items,
        remaining=remaining,
        answered=sum(1 for item in items if item["slot"].answer is not None),
        fresh_id=secrets.token_hex(12),
    )


def _answer_fields() -> tuple[int, str, str] | None:
    data: Any = request.get_json(silent=True) if request.is_json else request.form
    if not isinstance(data, dict) and not hasattr(data, "get"):
        return None
    position, answer, client_id = (
        data.get("position"),
        data.get("answer"),
        data.get("client_answer_id") or "",
    )
    if isinstance(position, str) and position.isdigit():
        position = int(position)
    if not isinstance(position, int) or not isinstance(answer, str):
        return None
    if not isinstance(client_id, str) or len(client_id) > 64:
        return None
    return position, answer, client_id


@bp.post("/<int:exam_id>/answer")
@login_required
def answer(exam_id: int) -> Response | tuple[str, int]:
    """Save one answer; refused with 409 once the time is up."""
    arrived = utcnow()
    exam = _exam_or_404(exam_id)
    fields = _answer_fields()
    if fields is None:
        return error_response(422, "bad_request", str(PROBLEMS["bad_request"]))
    position, text, client_id = fields
    try:
        slot = sessions.save_answer(
            exam,
            position,
            text,
            client_id,
            arrived,
            lang=lang(),
            deadline_s=current_app.config["GRADING_DEADLINE_S"],
        )
    except sessions.ExamClosed:
        return error_response(
            409,
            "time_over",
            _("The exam is over: answers sent after the time limit are not accepted."),
        )
    except sessions.AnswerProblem as problem:
        return error_response(422, problem.code, str(PROBLEMS[problem.code]))
    if request.is_json:
        remaining = max(0, int((exam.deadline_at - utcnow()).total_seconds()))
        return jsonify(
            saved=True,
            position=slot.position,
            client_answer_id=slot.client_answer_id,
            remaining_s=remaining,
        )
    return redirect(url_for(".take", exam_id=exam.id, _anchor=f"q{slot.position}"))


@bp.post("/<int:exam_id>/finish")
@login_required
def finish(exam_id: int) -> Response:
    """Hand in the exam now."""
    exam = _exam_or_404(exam_id)
    sessions.finish(exam, utcnow())
    return redirect(url_for(".result", exam_id=exam.id))


@bp.get("/<int:exam_id>/result")
@login_required
def result(exam_id: int) -> str | Response:
    """Score by syllabus area and a review of every answer that was not right."""
    exam = _exam_or_404(exam_id)
    if exam.finished_at is None:
        return redirect(url_for(".take", exam_id=exam.id))
    return render_template(
        "exam/result.html", exam=exam, result=summary(exam, sessions.slots(exam), lang())
    )
