"""Practice views: topics → question → submit → verdict (page, or fragment for scripts).

A question is always shown as one variant: the seed travels in the URL (``?seed=``) and
in a hidden form field, so a reload, a retry and a plain-HTML form post all grade the
same parameters and option order.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from quizapp.bank.loader import Question, get_bank
from quizapp.bank.variants import Variant
from quizapp.practice import bp, flow
from quizapp.practice.assets import lang
from quizapp.practice.hints import hints_for
from quizapp.security import allow_inline_style_attributes


@bp.get("/")
def topics() -> str:
    """Every topic that has questions, in the bank's order; with ``?mistake=CODE`` the
    questions that name that mistake (a drill for a recurring mistake)."""
    code = request.args.get("mistake")
    if code is not None:
        return render_template("practice/mistake.html", **flow.mistake_drill(get_bank(), code))
    return render_template("practice/topics.html", topics=flow.topic_rows(get_bank(), lang()))


@bp.get("/topic/<topic_id>")
def topic(topic_id: str) -> str:
    """The questions of one topic."""
    bank = get_bank()
    questions = bank.filter(topic=topic_id)
    if topic_id not in bank.topics or not questions:
        abort(404)
    name = bank.topics[topic_id]["name"][lang()]
    return render_template(
        "practice/topic.html",
        topic_id=topic_id,
        name=name,
        questions=questions,
        type_labels=flow.TYPE_LABELS,
    )


@bp.get("/q/<question_id>")
def show(question_id: str) -> str | Response:
    """A question with an empty answer box; without ``?seed=`` a fresh variant is drawn."""
    question = _question_or_404(question_id)
    seed = flow.parse_seed(request.args.get("seed"))
    if seed is None:
        return redirect(url_for(".show", question_id=question_id, seed=flow.new_seed()))
    return _render(
        "practice/question.html", question, question.variant(seed), flow.AnswerForm.empty()
    )


@bp.post("/q/<question_id>")
def submit(question_id: str) -> tuple[str, int]:
    """Grade the posted answer; the verdict page, or its fragment for ``X-Fragment: 1``."""
    question = _question_or_404(question_id)
    form = flow.AnswerForm.from_request(request.form)
    if form.seed is None:
        abort(400)
    if form.problem:
        result, status = {"verdict": "invalid", "message": form.problem}, 422
    else:
        result, status = flow.grade_and_record(question, form), 200
    fragment = request.headers.get("X-Fragment") == "1"
    template = "practice/_verdict.html" if fragment else "practice/question.html"
    return _render(template, question, question.variant(form.seed), form, result), status


@bp.post("/q/<question_id>/hint")
def hint(question_id: str) -> str:
    """Reveal the next hint of this variant; the typed answer and format stay in the form."""
    question = _question_or_404(question_id)
    form = flow.AnswerForm.from_request(request.form)
    if form.seed is None:
        abort(400)
    variant = question.variant(form.seed)
    shown = min(form.hints_used + 1, len(hints_for(variant, lang())))
    return _render("practice/question.html", question, variant, replace(form, hints_used=shown))


def _question_or_404(question_id: str) -> Question:
    question = get_bank().get(question_id)
    if question is None:
        abort(404)
    return question


def _render(
    template: str,
    question: Question,
    variant: Variant,
    form: flow.AnswerForm,
    result: dict[str, Any] | None = None,
) -> str:
    """The question page (or the verdict fragment) of one variant."""
    allow_inline_style_attributes()  # the optional MathLive editor needs style attributes
    return render_template(
        template, **flow.page_context(get_bank(), question, variant, form, result)
    )
