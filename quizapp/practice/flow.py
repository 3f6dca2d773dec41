"""What the practice views need besides Flask: the answer form, seeds, the next
question, and the context of the question/verdict templates."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from quizapp.bank.loader import Bank, Question
from quizapp.bank.variants import Variant
from quizapp.grading import networks
from quizapp.practice.assets import lang
from quizapp.practice.hints import MAX_HINTS, hints_for, parse_hint_count
from quizapp.progress.mistake_labels import mistake_label

MAX_SEED = 2**31 - 1
ATTEMPT_ID = re.compile(r"[A-Za-z0-9_.:-]{1,64}\Z")
MAX_ANSWER_CHARS = 2000
FORMATS = ("text", "latex")
MAX_CODE_CHARS = 64

TYPE_LABELS = {
    "choice": _l("Four choices"),
    "expression": _l("Formula"),
    "gradient": _l("Backprop formula (NumPy)"),
    "numeric": _l("Number"),
    "code": _l("Fill in the code"),
    "steps": _l("Derivation steps"),
}


def new_seed() -> int:
    """A fresh variant seed."""
    return secrets.randbelow(MAX_SEED)


def parse_seed(value: str | None) -> int | None:
    """The seed in ``value`` if it is a whole number in range, else None."""
    if value is None or not value.isdigit() or len(value) > 10:
        return None
    seed = int(value)
    return seed if seed <= MAX_SEED else None


@dataclass(frozen=True)
class AnswerForm:
    """The posted answer form, read leniently; ``problem`` says what to fix, if anything."""

    answer: str
    format: str
    seed: int | None
    attempt_id: str
    time_taken_ms: int | None = None
    hints_used: int = 0
    problem: str | None = None

    @classmethod
    def empty(cls) -> AnswerForm:
        return cls(answer="", format="text", seed=None, attempt_id=secrets.token_hex(16))

    @classmethod
    def from_request(cls, form: MultiDict[str, str]) -> AnswerForm:
        answer = (form.get("answer") or "").replace("\r\n", "\n").strip()
        answer_format = form.get("format", "text")
        problem = None
        if not answer:
            problem = str(_l("Type an answer (or pick an option) before submitting."))
        elif len(answer) > MAX_ANSWER_CHARS:
            problem = str(
                _l("Your answer is too long: at most %(n)d characters.", n=MAX_ANSWER_CHARS)
            )
        return cls(
            answer=answer,
            format=answer_format if answer_format in FORMATS else "text",
            seed=parse_seed(form.get("seed")),
            attempt_id=_attempt_id(form.get("attempt_id")),
            time_taken_ms=_milliseconds(form.get("time_taken_ms")),
            hints_used=parse_hint_count(form.get("hints_used"), MAX_HINTS),
            problem=problem,
        )


def _attempt_id(value: str | None) -> str:
    """The form's attempt id if it looks like one of ours, else a fresh one."""
    if value and ATTEMPT_ID.match(value):
        return value
    return secrets.token_hex(16)


def _milliseconds(value: str | None) -> int | None:
    """A non-negative whole number of milliseconds, None otherwise (the field is optional)."""
    if value and value.isdigit() and len(value) <= 9:
        return int(value)
    return None


def topic_rows(bank: Bank, language: str) -> list[dict[str, Any]]:
    """One row per topic with questions: id, name, syllabus area, question count."""
    rows = []
    for topic_id, topic in bank.topics.items():
        count = len(bank.filter(topic=topic_id))
        if count:
            rows.append(
                {
                    "id": topic_id,
                    "name": topic["name"][language],
                    "syllabus": topic.get("syllabus", ""),
                    "count": count,
                }
            )
    return rows


def mistake_drill(bank: Bank, code: str) -> dict[str, Any]:
    """The questions naming mistake ``code`` (context of ``practice/mistake.html``)."""
    code = code.strip()[:MAX_CODE_CHARS]
    language = lang()
    return {
        "code": code,
        "label": mistake_label(code, language),
        "questions": bank.filter(mistake=code) if code else [],
        "topic_names": {tid: topic["name"][language] for tid, topic in bank.topics.items()},
        "type_labels": TYPE_LABELS,
    }


def next_question(bank: Bank, question: Question) -> Question | None:
    """The question after ``question`` in its topic, None after the last one."""
    siblings = bank.filter(topic=question.topic)
    position = next(i for i, q in enumerate(siblings) if q.id == question.id)
    return siblings[position + 1] if position + 1 < len(siblings) else None


def grade_and_record(question: Question, form: AnswerForm) -> dict[str, Any]:
    """Grade through the seam; a signed-in learner's attempt is stored (once per
    ``attempt_id``: a resubmitted form gets the stored verdict back)."""
    from quizapp import attempts, grading

    deadline = current_app.config["GRADING_DEADLINE_S"]
    variant = question.variant(form.seed or 0)
    if not current_user.is_authenticated:
        return grading.grade(
            variant, form.answer, format=form.format, lang=lang(), deadline=deadline
        )
    submission = attempts.Submission(
        answer=form.answer,
        seed=form.seed or 0,
        format=form.format,
        time_taken_ms=form.time_taken_ms,
        hints_used=min(form.hints_used, len(hints_for(variant, lang()))),
        client_attempt_id=form.attempt_id,
    )
    attempt, _created = attempts.submit_attempt(
        current_user.id, question, submission, lang=lang(), deadline=deadline
    )
    return dict(attempt.result)


def page_context(
    bank: Bank,
    question: Question,
    variant: Variant,
    form: AnswerForm,
    result: dict[str, Any] | None,
) -> dict[str, Any]:
    """Everything the question and verdict templates show."""
    language = lang()
    shown = variant.render(language)
    follow = next_question(bank, question)
    return {
        "question": question,
        "shown": shown,
        "topic_name": bank.topics[question.topic]["name"][language],
        "type_label": TYPE_LABELS[question.type],
        "form": form,
        "hints": hints_for(variant, language),
        "fresh_attempt_id": AnswerForm.empty().attempt_id,
        "result": result,
        "revealed": variant.reveal(language)
        if result and result.get("verdict") != "invalid"
        else None,
        "next_question": follow,
        "preview_context": {k: shown[k] for k in ("variables", "definitions") if k in shown},
        "network": networks.describe(
            shown["network"], language, shown.get("target"), shown.get("forbid_names", ())
        )
        if "network" in shown
        else None,
    }
