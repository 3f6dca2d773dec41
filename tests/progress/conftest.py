"""Fixtures for issue 5: the real app on a real SQLite file, a learner, a helper that
answers bank questions through the real attempt write path at frozen instants, and a
seeded study history (``history``) with the clients that read its dashboard."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from flask import Flask
from flask.testing import FlaskClient
from freezegun import freeze_time

from quizapp import attempts
from quizapp.auth.accounts import create_user
from quizapp.bank.loader import get_bank
from quizapp.database import write_transaction
from quizapp.exam import sessions
from quizapp.extensions import db
from quizapp.models import Attempt, SchedulerSettings
from tests.quizapp.conftest import (  # noqa: F401  (fixtures shared with E's tests)
    AuthActions,
    app,
    auth,
    auth_for,
    client,
    make_app,
)

PASSWORD = AuthActions.PASSWORD


def choice_ids(application: Flask, count: int) -> list[str]:
    """The first ``count`` four-option questions of the real bank."""
    with application.app_context():
        return [q.id for q in get_bank().filter(type="choice")][:count]


@dataclass
class Learner:
    """Answers choice questions as one user at chosen UTC instants."""

    app: Flask
    user_id: int

    def answer(
        self,
        question_id: str,
        correct: bool,
        at: datetime,
        *,
        ms: int | None = None,
        hints: int = 0,
    ) -> Attempt:
        with self.app.app_context(), freeze_time(at):
            question = get_bank().get(question_id)
            variant = question.variant(0)
            right = variant.reference
            key = right if correct else next(k for k, _ in variant.options() if k != right)
            submission = attempts.Submission(answer=key, time_taken_ms=ms, hints_used=hints)
            attempt, _ = attempts.submit_attempt(self.user_id, question, submission, lang="ja")
            db.session.expunge_all()
            return attempt


def make_learner(
    application: Flask, name: str = "alice", *, fuzz: bool = False, tz: str = "Asia/Tokyo"
) -> Learner:
    """A new user answering through ``application`` (fuzzing off unless asked)."""
    with application.app_context():
        user = create_user(name, PASSWORD)
        with write_transaction() as session:
            user.timezone = tz
            session.add(SchedulerSettings(user_id=user.id, enable_fuzzing=fuzz, new_per_day=5))
        return Learner(application, user.id)


@pytest.fixture
def learner(app: Flask) -> Learner:  # noqa: F811  (the imported fixture)
    """A learner in Asia/Tokyo with fuzzing off (due dates exactly reproducible)."""
    return make_learner(app)


TOKYO = ZoneInfo("Asia/Tokyo")
START = datetime(2026, 5, 1, 0, 0, tzinfo=UTC)
NOW = START + timedelta(days=9, hours=3)


def study_plan(application: Flask) -> list[tuple[str, bool, datetime, int | None, int]]:
    """A seeded study history over several topics and days (with a gap)."""
    rng = random.Random(2026)
    with application.app_context():
        bank = get_bank()
        pool = [q.id for q in bank.filter(type="choice")]
    rows = []
    for day in (0, 1, 2, 4, 6, 7, 8, 9):
        for _ in range(rng.randint(2, 6)):
            moment = START + timedelta(
                days=day, hours=rng.randint(0, 3), minutes=rng.randint(0, 59)
            )
            rows.append(
                (
                    rng.choice(pool[:12]),
                    rng.random() < 0.6,
                    moment,
                    rng.choice([None, 4_000, 25_000, 70_000]),
                    1 if rng.random() < 0.1 else 0,
                )
            )
    return sorted(rows, key=lambda r: r[2])


@pytest.fixture
def history(app: Flask) -> Learner:  # noqa: F811  (the imported fixture)
    """Alice's seeded history (``study_plan``) and one finished mini mock exam."""
    learner = make_learner(app, "alice", fuzz=False)
    for qid, right, moment, ms, hints in study_plan(app):
        learner.answer(qid, right, moment, ms=ms, hints=hints)
    with app.app_context(), freeze_time(START + timedelta(days=2)):
        exam = sessions.start(learner.user_id, "mini", START + timedelta(days=2), random.Random(4))
        for slot in sessions.slots(exam)[:4]:
            variant = get_bank().get(slot.question_id).variant(slot.seed)
            moment = START + timedelta(days=2, minutes=1)
            sessions.save_answer(
                exam, slot.position, variant.reference, f"x{slot.position}", moment, lang="ja"
            )
        sessions.finish(exam, START + timedelta(days=2, minutes=6))
    return learner


def signed_in_client(application: Flask, name: str = "alice") -> FlaskClient:
    """A test client logged in as ``name`` an hour before ``NOW``."""
    browser = application.test_client()
    with freeze_time(NOW - timedelta(hours=1)):
        response = AuthActions(browser).login(name)
        assert response.status_code == 302
    return browser


def progress_json(browser: FlaskClient, lang: str = "en") -> dict[str, Any]:
    """``GET /api/v1/progress`` at ``NOW``."""
    with freeze_time(NOW):
        response = browser.get("/api/v1/progress", headers={"Accept-Language": lang})
    assert response.status_code == 200
    return response.get_json()
