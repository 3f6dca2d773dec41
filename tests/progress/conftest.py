"""Fixtures for issue 5: the real app on a real SQLite file, a learner, and a helper that
answers bank questions through the real attempt write path at frozen instants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest
from flask import Flask
from freezegun import freeze_time

from quizapp import attempts
from quizapp.auth.accounts import create_user
from quizapp.bank.loader import get_bank
from quizapp.database import write_transaction
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
