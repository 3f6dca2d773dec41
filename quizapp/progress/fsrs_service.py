"""Spaced repetition with FSRS (``fsrs`` 6.x): every graded attempt becomes a review.

Rating of an attempt (only ``correct`` and ``incorrect`` verdicts are reviews; ``invalid``
and ``undetermined`` answers say nothing about memory and are skipped):

- wrong → **Again** (never Hard: Hard counts as a successful recall in FSRS);
- right, but a hint was used, or an earlier attempt at the same question was wrong on
  the same day (learner's time zone) → **Hard**;
- right, fast and right at least once before → **Easy**; "fast" means under
  ``EASY_SECONDS[type]`` seconds (choice 20 s, numeric 45 s, expression 60 s,
  code 60 s, gradient 90 s, steps 180 s; about the 70–80 s per question of the real exam);
- any other right answer → **Good**.

One card per (user, question); our ``Card.id`` is the FSRS ``card_id``. Times given to
FSRS are tz-aware UTC. The review is written in the caller's transaction, so the attempt
and its review are stored together or not at all.

Public names: ``review_attempt``, ``rating_for``, ``scheduler_for``, ``settings_for``,
``to_fsrs``, ``EASY_SECONDS``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import fsrs
from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.bank.loader import get_bank
from quizapp.models import Attempt, Card, ReviewLog, SchedulerSettings, User
from quizapp.models.progress import SCHEDULER_DEFAULTS
from quizapp.progress.localtime import local_day, zone

EASY_SECONDS = {
    "choice": 20,
    "numeric": 45,
    "expression": 60,
    "code": 60,
    "gradient": 90,
    "steps": 180,
}
GRADED = ("correct", "incorrect")


def rating_for(
    *,
    correct: bool,
    hints_used: int,
    failed_today: bool,
    right_before: bool,
    seconds: float | None,
    question_type: str | None,
) -> fsrs.Rating:
    """The FSRS rating of one graded attempt (mapping in the module docstring)."""
    if not correct:
        return fsrs.Rating.Again
    if hints_used > 0 or failed_today:
        return fsrs.Rating.Hard
    limit = EASY_SECONDS.get(question_type or "")
    if right_before and limit is not None and seconds is not None and seconds < limit:
        return fsrs.Rating.Easy
    return fsrs.Rating.Good


def settings_for(session: Session, user_id: int) -> SchedulerSettings:
    """The learner's settings row (a transient default row if none is stored)."""
    stored = session.get(SchedulerSettings, user_id)
    if stored is not None:
        return stored
    return SchedulerSettings(user_id=user_id, parameters=None, **SCHEDULER_DEFAULTS)


def scheduler_for(session: Session, user_id: int) -> fsrs.Scheduler:
    """An FSRS scheduler with the learner's settings."""
    settings = settings_for(session, user_id)
    options: dict = {
        "desired_retention": settings.desired_retention,
        "maximum_interval": settings.maximum_interval,
        "enable_fuzzing": settings.enable_fuzzing,
    }
    if settings.parameters:
        options["parameters"] = tuple(settings.parameters)
    return fsrs.Scheduler(**options)


def to_fsrs(card: Card) -> fsrs.Card:
    """Our stored card as an ``fsrs.Card`` with the same id."""
    return fsrs.Card(
        card_id=card.id,
        state=fsrs.State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=card.due,
        last_review=card.last_review,
    )


def _store(card: Card, reviewed: fsrs.Card) -> None:
    card.state = int(reviewed.state)
    card.step = reviewed.step
    card.stability = reviewed.stability
    card.difficulty = reviewed.difficulty
    card.due = reviewed.due
    card.last_review = reviewed.last_review


def _card(session: Session, user_id: int, question_id: str, now: datetime) -> Card:
    query = select(Card).where(Card.user_id == user_id, Card.question_id == question_id)
    card = session.scalars(query).first()
    if card is None:
        card = Card(user_id=user_id, question_id=question_id, state=1, step=0, due=now)
        card.created_at = now
        session.add(card)
        session.flush()
    return card


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _earlier_attempts(session: Session, attempt: Attempt) -> list[Attempt]:
    query = select(Attempt).where(
        Attempt.user_id == attempt.user_id,
        Attempt.question_id == attempt.question_id,
        Attempt.id != attempt.id,
        Attempt.verdict.in_(GRADED),
    )
    moment = _aware(attempt.created_at)
    return [a for a in session.scalars(query) if _aware(a.created_at) <= moment]


def review_attempt(session: Session, attempt: Attempt) -> ReviewLog | None:
    """Turn a just-stored attempt into an FSRS review of its card (same transaction).

    Returns the new review-log row, or None when the verdict is not a review.
    """
    if attempt.verdict not in GRADED:
        return None
    session.flush()  # the attempt's id and creation time
    moment = _aware(attempt.created_at)
    user = session.get(User, attempt.user_id)
    tz = zone(user.timezone if user else None)
    earlier = _earlier_attempts(session, attempt)
    question = get_bank().get(attempt.question_id)
    seconds = attempt.time_taken_ms / 1000 if attempt.time_taken_ms is not None else None
    rating = rating_for(
        correct=attempt.verdict == "correct",
        hints_used=attempt.hints_used or 0,
        failed_today=any(
            a.verdict == "incorrect"
            and local_day(_aware(a.created_at), tz) == local_day(moment, tz)
            for a in earlier
        ),
        right_before=any(a.verdict == "correct" for a in earlier),
        seconds=seconds,
        question_type=question.type if question else None,
    )
    card = _card(session, attempt.user_id, attempt.question_id, moment)
    if card.last_review is not None and card.last_review > moment:
        moment = card.last_review  # FSRS needs reviews in time order (late exam scoring)
    reviewed, _log = scheduler_for(session, attempt.user_id).review_card(
        to_fsrs(card), rating, review_datetime=moment, review_duration=attempt.time_taken_ms
    )
    _store(card, reviewed)
    log = ReviewLog(
        card_id=card.id,
        user_id=attempt.user_id,
        attempt_id=attempt.id,
        rating=int(rating),
        reviewed_at=moment,
        review_duration_ms=attempt.time_taken_ms,
    )
    session.add(log)
    return log
