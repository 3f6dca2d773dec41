"""Today's queue page: due reviews (times in the learner's zone), new questions within
the daily limit, topic filter."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from freezegun import freeze_time
from sqlalchemy import select

from quizapp.bank.loader import get_bank
from quizapp.extensions import db
from quizapp.models import Card
from tests.progress.conftest import choice_ids, make_learner
from tests.quizapp.conftest import AuthActions

T0 = datetime(2026, 6, 1, 22, 0, tzinfo=UTC)


def _ids(page: str, list_id: str) -> list[str]:
    block = re.search(rf'<ol id="{list_id}">(.*?)</ol>', page, re.DOTALL)
    return re.findall(r'data-question="([^"]+)"', block.group(1)) if block else []


def test_queue_shows_due_reviews_new_questions_and_filters_by_topic(app):
    learner = make_learner(app, "carol", tz="America/New_York")
    wrong, right = choice_ids(app, 2)
    learner.answer(wrong, False, T0)
    learner.answer(right, True, T0)
    with app.app_context():
        due = db.session.scalars(select(Card.due).where(Card.question_id == right)).one()
    learner.answer(right, True, due + timedelta(minutes=1))  # graduates: days away now
    client = app.test_client()
    now = T0 + timedelta(hours=1)
    with freeze_time(now - timedelta(minutes=5)):
        AuthActions(client).login("carol")
    with freeze_time(now):
        page = client.get("/review/?lang=en").get_data(as_text=True)
    assert _ids(page, "due-list") == [wrong]
    new = _ids(page, "new-list")
    assert len(new) == 5 - 2  # the learner's limit, minus the two cards started today
    assert not {wrong, right} & set(new)
    with app.app_context():
        card_due = db.session.scalars(select(Card.due).where(Card.question_id == wrong)).one()
        topic = get_bank().get(wrong).topic
        other = next(t for t in get_bank().topics if t != topic and get_bank().filter(topic=t))
    local = card_due.astimezone(ZoneInfo("America/New_York")).strftime("%Y-%m-%d %H:%M")
    assert f"due {local}" in page
    with freeze_time(now):
        same_topic = client.get(f"/review/?topic={topic}&lang=en").get_data(as_text=True)
        other_topic = client.get(f"/review/?topic={other}&lang=en").get_data(as_text=True)
        missing = client.get("/review/?topic=no-such-topic")
    assert _ids(same_topic, "due-list") == [wrong]
    assert _ids(other_topic, "due-list") == []
    with app.app_context():
        bank = get_bank()
        assert {bank.get(q).topic for q in _ids(other_topic, "new-list")} == {other}
    assert missing.status_code == 404


def test_queue_needs_a_login(client):
    response = client.get("/review/")
    assert response.status_code == 302
    assert "/auth/login" in response.headers["Location"]


def test_queue_lists_question_titles_not_raw_ids(app):
    make_learner(app, "dora")
    client = app.test_client()
    AuthActions(client).login("dora")
    page = client.get("/review/?lang=en").get_data(as_text=True)
    block = re.search(r'<ol id="new-list">(.*?)</ol>', page, re.DOTALL).group(1)
    ids = _ids(page, "new-list")
    assert ids
    with app.app_context():
        first_prompt = get_bank().get(ids[0]).variant(0).render("en")["prompt"]
    for question_id in ids:
        assert f">{question_id}<" not in block
        assert f"{question_id} ·" not in block
    assert first_prompt.split()[0] in block
