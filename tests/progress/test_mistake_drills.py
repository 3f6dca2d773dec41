"""Recurring mistake codes lead to practice: the dashboard links each code that bank
questions name to ``/practice/?mistake=CODE``, which lists exactly those questions
(computed here independently from the bank's raw entries)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.bank.loader import get_bank
from quizapp.database import write_transaction
from quizapp.models import Attempt
from tests.progress.conftest import make_learner
from tests.quizapp.conftest import AuthActions

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
UNLISTED = "zz_not_in_the_bank"


def _naming(app: Flask, code: str) -> list[str]:
    """Ids of the questions whose listed mistakes or options carry ``code``, bank order."""
    with app.app_context():
        questions = get_bank().questions.values()
        return [
            q.id
            for q in questions
            if any(
                entry.get("code") == code
                for entry in q.raw.get("mistakes", []) + q.raw.get("options", [])
            )
        ]


def _coded_wrong_option(app: Flask) -> tuple[str, str, str]:
    """``(question id, wrong option key, its code)`` of a parameter-free choice question."""
    with app.app_context():
        for question in get_bank().filter(type="choice"):
            variant = question.variant(0)
            for key, option in variant.options():
                if not option.get("correct") and option.get("code") and not question.has_params:
                    return question.id, key, option["code"]
    raise AssertionError("the bank has no coded wrong option")


@pytest.mark.parametrize("code", ["sign_flip", "missing_inner_derivative", "M19", "M21"])
def test_practice_filter_lists_exactly_the_questions_naming_the_code(
    app: Flask, client: FlaskClient, code: str
) -> None:
    expected = _naming(app, code)
    assert expected, f"the bank names {code}"
    page = client.get(f"/practice/?mistake={code}&lang=en").get_data(as_text=True)
    assert re.findall(r'<li data-question="([^"]+)">', page) == expected
    assert f"<code>{code}</code>" in page
    assert f'href="/practice/q/{expected[0]}">Start with the first question' in page


@pytest.mark.parametrize(
    ("code", "shown"),
    [("no_such_code", "no_such_code"), ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;")],
)
def test_practice_filter_without_questions_says_so(
    client: FlaskClient, code: str, shown: str
) -> None:
    response = client.get("/practice/", query_string={"mistake": code, "lang": "ja"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "この間違いを扱う問題は、まだ問題集にありません。" in page
    assert 'data-question="' not in page
    assert shown in page
    assert "<script>x" not in page


def test_dashboard_links_recurring_mistakes_to_their_practice_list(app: Flask) -> None:
    learner = make_learner(app, "drill")
    question_id, wrong, code = _coded_wrong_option(app)
    client = app.test_client()
    assert AuthActions(client).login("drill").status_code == 302
    headers = AuthActions(client).json_headers()
    for _ in range(2):
        body = {"question_id": question_id, "answer": wrong, "seed": 0}
        assert client.post("/api/v1/attempts", json=body, headers=headers).status_code == 201
    with app.app_context(), write_transaction() as session:
        for minutes in (1, 2):
            session.add(
                Attempt(
                    user_id=learner.user_id,
                    question_id=question_id,
                    seed=0,
                    answer="?",
                    verdict="incorrect",
                    diagnosis_code=UNLISTED,
                    result={"verdict": "incorrect"},
                    created_at=START + timedelta(minutes=minutes),
                )
            )
    data = client.get("/api/v1/progress", headers={"Accept-Language": "en"}).get_json()
    counts = {m["code"]: (m["count"], m["questions"]) for m in data["mistakes"]}
    assert counts[code] == (2, len(_naming(app, code)))
    assert counts[UNLISTED] == (2, 0)
    page = client.get("/progress/?lang=en").get_data(as_text=True)
    items = dict(re.findall(r'<li data-code="([^"]+)">(.*?)</li>', page, re.DOTALL))
    link = re.search(r'href="([^"]+)">practise it: (\d+) questions?</a>', items[code])
    assert link.group(1) == f"/practice/?mistake={code}"
    assert int(link.group(2)) == len(_naming(app, code))
    assert "href=" not in items[UNLISTED]  # nothing in the bank to practise
    drill = client.get(link.group(1)).get_data(as_text=True)
    assert re.findall(r'<li data-question="([^"]+)">', drill) == _naming(app, code)
    assert question_id in _naming(app, code)
