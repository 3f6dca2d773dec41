"""The practice pages over HTTP: topics → question → submit → verdict → next."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import TestResponse

from quizapp.bank.loader import Question, get_bank
from quizapp.extensions import db
from quizapp.models import Attempt

SEED = 12345
Submit = Callable[..., TestResponse]


@pytest.fixture
def submit(client: FlaskClient, form_token: Callable[[str], str]) -> Submit:
    """``submit(question, answer, lang="ja", headers=None)``: post the question's form."""

    def post(question: Question, answer: str, lang: str = "ja", **kwargs: object) -> TestResponse:
        path = f"/practice/q/{question.id}?seed={SEED}&lang={lang}"
        data = {"csrf_token": form_token(path), "seed": str(SEED), "answer": answer}
        return client.post(path, data=data, **kwargs)

    return post


def test_topics_page_lists_every_topic_with_questions(app: Flask, client: FlaskClient) -> None:
    html = client.get("/practice/").get_data(as_text=True)
    with app.app_context():
        bank = get_bank()
        expected = {t for t in bank.topics if bank.filter(topic=t)}
    assert set(re.findall(r'href="/practice/topic/([^"]+)"', html)) == expected


def test_topic_page_links_its_questions_in_order(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        bank = get_bank()
        topic = next(t for t in bank.topics if bank.filter(topic=t))
        ids = [q.id for q in bank.filter(topic=topic)]
    html = client.get(f"/practice/topic/{topic}").get_data(as_text=True)
    assert re.findall(r'<li>\s*<a href="/practice/q/([^"]+)"', html) == ids


@pytest.mark.parametrize("path", ["/practice/topic/no-such-topic", "/practice/q/no-such-question"])
def test_unknown_topic_or_question_is_404(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("seed", ["", "?seed=abc", "?seed=-1", "?seed=99999999999"])
def test_question_without_valid_seed_redirects_to_a_fresh_variant(
    client: FlaskClient, question_of: Callable[[str], Question], seed: str
) -> None:
    question = question_of("choice")
    response = client.get(f"/practice/q/{question.id}{seed}")
    assert response.status_code == 302
    assert re.search(rf"/practice/q/{question.id}\?seed=\d+$", response.location)


def test_choice_page_has_four_labelled_radios_and_the_seed(
    client: FlaskClient, question_of: Callable[[str], Question]
) -> None:
    question = question_of("choice")
    html = client.get(f"/practice/q/{question.id}?seed={SEED}").get_data(as_text=True)
    radios = re.findall(
        r'<label class="choice"><input type="radio" name="answer" value="([a-d])"', html
    )
    assert radios == ["a", "b", "c", "d"]
    assert f'name="seed" value="{SEED}"' in html
    assert 'data-async-target="verdict-slot"' in html


def test_same_seed_same_option_order(
    client: FlaskClient, question_of: Callable[[str], Question]
) -> None:
    question = question_of("choice")
    options = re.compile(r'<label class="choice">.*?</label>', re.S)
    pages = [
        client.get(f"/practice/q/{question.id}?seed={SEED}").get_data(as_text=True) for _ in "ab"
    ]
    assert options.findall(pages[0]) == options.findall(pages[1])
    assert len(options.findall(pages[0])) == 4


def test_right_choice_gives_correct_verdict_with_explanation_and_next(
    submit: Submit, question_of: Callable[[str], Question], correct_key: Callable
) -> None:
    question = question_of("choice")
    response = submit(question, correct_key(question, SEED))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'data-verdict="correct"' in html
    assert '<details class="explanation" open>' in html
    assert re.search(r'class="buttons next-actions">\s*<a class="button" href="/practice/', html)


def test_wrong_choice_names_the_mistake_and_keeps_the_choice(
    submit: Submit, question_of: Callable[[str], Question], correct_key: Callable
) -> None:
    question = question_of("choice")
    wrong = next(key for key in "abcd" if key != correct_key(question, SEED))
    html = submit(question, wrong).get_data(as_text=True)
    assert 'data-verdict="incorrect"' in html
    assert 'class="diagnosis"' in html
    assert re.search(rf'value="{wrong}" required\s+checked', html)
    assert '<details class="explanation">' in html  # collapsed after a wrong answer


def test_fragment_request_returns_only_the_verdict(
    submit: Submit, question_of: Callable[[str], Question]
) -> None:
    response = submit(question_of("choice"), "a", headers={"X-Fragment": "1"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.lstrip().startswith('<article class="verdict')
    assert "<html" not in html


@pytest.mark.parametrize(
    ("answer", "message"),
    [("", "before submitting"), ("   ", "before submitting"), ("x" * 2001, "too long")],
)
def test_unusable_answer_is_a_form_problem_not_a_500(
    submit: Submit, question_of: Callable[[str], Question], answer: str, message: str
) -> None:
    response = submit(question_of("gradient"), answer, lang="en")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_post_without_seed_is_400(
    client: FlaskClient, form_token: Callable[[str], str], question_of: Callable[[str], Question]
) -> None:
    question = question_of("choice")
    data = {"csrf_token": form_token(f"/practice/q/{question.id}?seed=1"), "answer": "a"}
    assert client.post(f"/practice/q/{question.id}", data=data).status_code == 400


def test_post_without_csrf_token_is_rejected(
    client: FlaskClient, question_of: Callable[[str], Question]
) -> None:
    question = question_of("choice")
    response = client.post(f"/practice/q/{question.id}", data={"seed": SEED, "answer": "a"})
    assert response.status_code == 400


def test_gradient_question_shows_the_network_names_and_shapes(
    client: FlaskClient, question_of: Callable[[str], Question]
) -> None:
    question = question_of("gradient")
    html = client.get(f"/practice/q/{question.id}?seed={SEED}").get_data(as_text=True)
    assert 'class="network-facts"' in html
    assert re.search(r"<td><code>W1</code></td><td><code>\(\d+, \d+\)</code></td>", html)


@pytest.mark.parametrize(
    "payload",
    ["<script>alert(1)</script>", '"><svg onload=alert(1)>', "<img src=x onerror=alert(1)>"],
)
def test_answer_text_is_escaped_everywhere(
    submit: Submit, question_of: Callable[[str], Question], payload: str
) -> None:
    html = submit(question_of("gradient"), payload).get_data(as_text=True)
    assert "<script>alert" not in html
    assert "<svg onload" not in html
    assert "<img src=x" not in html


def test_question_page_allows_style_attributes_only_for_the_math_editor(
    client: FlaskClient, question_of: Callable[[str], Question]
) -> None:
    question = question_of("choice")
    policy = client.get(f"/practice/q/{question.id}?seed=1").headers["Content-Security-Policy"]
    assert "style-src-attr 'unsafe-inline'" in policy
    assert "script-src 'self';" in policy
    assert "style-src 'self';" in policy
    topics_policy = client.get("/practice/").headers["Content-Security-Policy"]
    assert "unsafe-inline" not in topics_policy


def _attempts(app: Flask) -> list[tuple[str, str, str | None]]:
    with app.app_context():
        rows = db.session.scalars(select(Attempt).order_by(Attempt.id)).all()
        return [(a.question_id, a.verdict, a.client_attempt_id) for a in rows]


def test_signed_in_attempts_are_stored_once_per_attempt_id(
    app: Flask,
    client: FlaskClient,
    auth: object,
    form_token: Callable[[str], str],
    question_of: Callable[[str], Question],
    correct_key: Callable,
) -> None:
    auth.register()
    question = question_of("choice")
    path = f"/practice/q/{question.id}?seed={SEED}"
    data = {"csrf_token": form_token(path), "seed": SEED, "attempt_id": "tab1-0001"}
    wrong = next(key for key in "abcd" if key != correct_key(question, SEED))
    first = client.post(path, data={**data, "answer": wrong})
    replay = client.post(path, data={**data, "answer": correct_key(question, SEED)})
    client.post(
        path, data={**data, "attempt_id": "tab1-0002", "answer": correct_key(question, SEED)}
    )
    assert 'data-verdict="incorrect"' in first.get_data(as_text=True)
    assert 'data-verdict="incorrect"' in replay.get_data(as_text=True)  # the stored verdict
    assert _attempts(app) == [
        (question.id, "incorrect", "tab1-0001"),
        (question.id, "correct", "tab1-0002"),
    ]


def test_anonymous_attempts_are_graded_but_not_stored(
    app: Flask, submit: Submit, question_of: Callable[[str], Question]
) -> None:
    html = submit(question_of("choice"), "a").get_data(as_text=True)
    assert "data-verdict=" in html
    assert _attempts(app) == []
