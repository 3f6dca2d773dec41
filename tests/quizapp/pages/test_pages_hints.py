"""Hints on the practice page: derived from the question, revealed one at a time without
JavaScript, counted in the answer form, stored as ``hints_used``; a right answer after a
hint is an FSRS *Hard* review (issue 5's rating rule)."""

from __future__ import annotations

import re
from collections.abc import Callable

import fsrs
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from quizapp.bank.loader import Question, get_bank
from quizapp.extensions import db
from quizapp.models import Attempt
from quizapp.models.progress import ReviewLog
from quizapp.practice.hints import explanation_hint, first_sentence, hints_for, parse_hint_count
from quizapp.practice.mathtext import render_inline

SEED = 7
HINTS_USED = re.compile(r'name="hints_used" value="(\d+)"')
HINT_BUTTON = re.compile(r'formaction="/practice/q/[^"]+/hint#hints">([^<]+)</button>')


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("One. Two.", "One."),
        ("Peaks at $x = 0.5$, i.e. at the middle. Then it falls.", None),
        ("Use $a.b$ here! Not there.", "Use $a.b$ here!"),
        ("`x.T @ dz` is the gradient. Shapes agree.", "`x.T @ dz` is the gradient."),
        ("最初の文。二つ目の文。", "最初の文。"),
        ("First line without a stop\nsecond line.", "First line without a stop"),
        ("Value $$\\frac{1}{2}.$$ More.", "Value $$\\frac{1}{2}.$$ More."),
    ],
)
def test_first_sentence(text: str, sentence: str | None) -> None:
    expected = sentence or "Peaks at $x = 0.5$, i.e. at the middle."
    assert first_sentence(text) == expected


@pytest.mark.parametrize(
    ("explanation", "hint"),
    [
        ("Use the chain rule. Then multiply.", "Use the chain rule."),
        (
            "Differentiate with the quotient rule: $1 - \\tanh^2 x$.",
            "Differentiate with the quotient rule",
        ),
        ("`b2` is added before the ReLU, so sum over the batch.", "`b2` is added before the ReLU"),
        ("$w - \\eta g = 1.5$.", None),  # one sentence, no clause: no hint
        ("Short: $y$.", None),  # a clause too short to help
        ("Only one sentence and no clause at all.", None),
    ],
)
def test_explanation_hint_is_never_the_whole_explanation(
    explanation: str, hint: str | None
) -> None:
    assert explanation_hint(explanation) == hint


@pytest.mark.parametrize(
    ("value", "available", "count"),
    [
        (None, 2, 0),
        ("", 2, 0),
        ("abc", 2, 0),
        ("-1", 2, 0),
        ("1", 2, 1),
        ("99", 2, 2),
        ("5000", 9, 0),
    ],
)
def test_parse_hint_count(value: str | None, available: int, count: int) -> None:
    assert parse_hint_count(value, available) == count


def test_every_bank_hint_is_part_of_the_question_and_not_its_full_explanation(app: Flask) -> None:
    with app.app_context():
        questions = list(get_bank().questions.values())
    with_hints = 0
    for question in questions:
        variant = question.variant(SEED)
        for lang in ("ja", "en"):
            explanation = variant.data["explanation"][lang].strip()
            hints = hints_for(variant, lang)
            with_hints += bool(hints)
            for hint in hints:
                assert hint != explanation, question.id
                assert hint in explanation or hint == variant.data["format_hint"][lang]
    assert with_hints > 0.9 * 2 * len(questions)


@pytest.fixture
def hinted(app: Flask) -> Question:
    """A parameter-free choice question with two hints in both languages, or one."""
    with app.app_context():
        choices = [q for q in get_bank().filter(type="choice") if not q.has_params]
        return next(
            q for q in choices if all(hints_for(q.variant(SEED), lang) for lang in ("ja", "en"))
        )


def _page(client: FlaskClient, question: Question, lang: str = "en") -> str:
    return client.get(f"/practice/q/{question.id}?seed={SEED}&lang={lang}").get_data(as_text=True)


def _ask_hint(
    client: FlaskClient, question: Question, token: str, used: int, lang: str = "en", **extra: str
) -> str:
    data = {"csrf_token": token, "seed": str(SEED), "hints_used": str(used), "answer": "", **extra}
    response = client.post(f"/practice/q/{question.id}/hint?lang={lang}", data=data)
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(("lang", "label"), [("en", "Hint"), ("ja", "ヒント")])
def test_question_page_offers_a_hint_but_shows_none_yet(
    client: FlaskClient, hinted: Question, lang: str, label: str
) -> None:
    html = _page(client, hinted, lang)
    total = len(hints_for(hinted.variant(SEED), lang))
    assert HINT_BUTTON.findall(html) == [f"{label} (1/{total})"]
    assert HINTS_USED.findall(html) == ["0"]
    assert 'id="hints"' not in html


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_hint_button_reveals_the_next_hint_and_keeps_the_answer(
    client: FlaskClient, form_token: Callable[[str], str], hinted: Question, lang: str
) -> None:
    hints = hints_for(hinted.variant(SEED), lang)
    token = form_token(f"/practice/q/{hinted.id}?seed={SEED}")
    html = _ask_hint(client, hinted, token, 0, lang, answer="c")
    assert 'id="hints"' in html
    assert str(render_inline(hints[0])) in html
    assert HINTS_USED.findall(html) == ["1"]
    assert re.search(r'value="c" required\s+checked', html)
    assert explanation_hint(hinted.variant(SEED).data["explanation"][lang]) in hints
    full = hinted.variant(SEED).data["explanation"][lang].strip()
    assert str(render_inline(full)) not in html
    last = _ask_hint(client, hinted, token, len(hints), lang)
    assert HINTS_USED.findall(last) == [str(len(hints))]
    assert HINT_BUTTON.findall(last) == []  # nothing more to reveal


def test_question_without_hints_has_no_hint_button(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        question = next(
            q for q in get_bank().questions.values() if not hints_for(q.variant(SEED), "en")
        )
    assert HINT_BUTTON.findall(_page(client, question)) == []


@pytest.mark.parametrize(("data", "status"), [({"hints_used": "0"}, 400), ({"seed": "7"}, 400)])
def test_hint_post_needs_a_csrf_token_and_a_seed(
    client: FlaskClient, form_token: Callable[[str], str], hinted: Question, data: dict, status: int
) -> None:
    if "seed" not in data:  # with a token, but without the seed
        data = {**data, "csrf_token": form_token(f"/practice/q/{hinted.id}?seed={SEED}")}
    assert client.post(f"/practice/q/{hinted.id}/hint", data=data).status_code == status


def _answer_after_hints(
    app: Flask, client: FlaskClient, auth, hinted: Question, hints_used: str, right: bool
) -> tuple[Attempt, ReviewLog]:
    auth.register()
    with app.app_context():
        key = hinted.variant(SEED).reference
    answer = key if right else next(k for k in "abcd" if k != key)
    page = _page(client, hinted)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    if hints_used != "0":
        page = _ask_hint(client, hinted, token, 0, answer=answer)
    used = HINTS_USED.search(page).group(1) if hints_used in ("0", "page") else hints_used
    data = {"csrf_token": token, "seed": str(SEED), "answer": answer, "hints_used": used}
    assert client.post(f"/practice/q/{hinted.id}?lang=en", data=data).status_code == 200
    with app.app_context():
        attempt = db.session.scalars(select(Attempt)).one()
        log = db.session.scalars(select(ReviewLog)).one()
        db.session.expunge_all()
    return attempt, log


@pytest.mark.parametrize(
    ("hints_used", "right", "stored", "rating"),
    [
        ("page", True, 1, fsrs.Rating.Hard),  # the count the hint page put in the form
        ("0", True, 0, fsrs.Rating.Good),
        ("page", False, 1, fsrs.Rating.Again),
        ("99", True, None, fsrs.Rating.Hard),  # a forged count is cut to the hints there are
        ("x", True, 0, fsrs.Rating.Good),
    ],
)
def test_hints_used_is_stored_and_a_right_answer_after_a_hint_is_hard(
    app: Flask,
    client: FlaskClient,
    auth,
    hinted: Question,
    hints_used: str,
    right: bool,
    stored: int | None,
    rating: fsrs.Rating,
) -> None:
    attempt, log = _answer_after_hints(app, client, auth, hinted, hints_used, right)
    expected = stored if stored is not None else len(hints_for(hinted.variant(SEED), "en"))
    assert attempt.hints_used == expected
    assert attempt.verdict == ("correct" if right else "incorrect")
    assert log.attempt_id == attempt.id
    assert log.rating == int(rating)
