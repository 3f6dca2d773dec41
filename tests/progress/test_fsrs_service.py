"""FSRS reviews from real attempts at real (frozen) dates: ratings, intervals, queue,
forecast, and the same-transaction guarantee."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

import fsrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from quizapp.bank.loader import get_bank
from quizapp.extensions import db
from quizapp.models import Attempt, Card, ReviewLog
from quizapp.progress import fsrs_service, queue
from quizapp.progress.localtime import zone
from tests.progress.conftest import choice_ids, make_learner

T0 = datetime(2026, 3, 2, 0, 30, tzinfo=UTC)  # 09:30 in Tokyo
Rating = fsrs.Rating


@pytest.mark.parametrize(
    ("correct", "hints", "failed_today", "right_before", "seconds", "qtype", "expected"),
    [
        (False, 0, False, True, 3.0, "choice", Rating.Again),
        (False, 2, True, False, None, "numeric", Rating.Again),
        (True, 1, False, True, 3.0, "choice", Rating.Hard),
        (True, 0, True, True, 3.0, "choice", Rating.Hard),
        (True, 0, False, True, 19.9, "choice", Rating.Easy),
        (True, 0, False, True, 20.0, "choice", Rating.Good),
        (True, 0, False, False, 3.0, "choice", Rating.Good),
        (True, 0, False, True, None, "choice", Rating.Good),
        (True, 0, False, True, 50.0, "expression", Rating.Easy),
        (True, 0, False, True, 50.0, "numeric", Rating.Good),
        (True, 0, False, True, 5.0, None, Rating.Good),
    ],
)
def test_rating_mapping(correct, hints, failed_today, right_before, seconds, qtype, expected):
    rating = fsrs_service.rating_for(
        correct=correct,
        hints_used=hints,
        failed_today=failed_today,
        right_before=right_before,
        seconds=seconds,
        question_type=qtype,
    )
    assert rating == expected


def _card(app, user_id: int, question_id: str) -> Card:
    with app.app_context():
        query = select(Card).where(Card.user_id == user_id, Card.question_id == question_id)
        card = db.session.scalars(query).one()
        db.session.expunge(card)
        return card


def _ratings(app, user_id: int, question_id: str) -> list[int]:
    with app.app_context():
        card = _card(app, user_id, question_id)
        query = select(ReviewLog.rating).where(ReviewLog.card_id == card.id).order_by(ReviewLog.id)
        return list(db.session.scalars(query))


def test_wrong_answers_come_back_sooner_than_right_ones(app, learner):
    right_q, wrong_q = choice_ids(app, 2)
    learner.answer(right_q, True, T0)
    learner.answer(wrong_q, False, T0)
    right, wrong = _card(app, learner.user_id, right_q), _card(app, learner.user_id, wrong_q)
    assert wrong.due < right.due
    # a second round when both are due: the right one moves days away, the wrong one minutes
    later = max(right.due, wrong.due) + timedelta(minutes=1)
    learner.answer(right_q, True, later)
    learner.answer(wrong_q, False, later)
    right, wrong = _card(app, learner.user_id, right_q), _card(app, learner.user_id, wrong_q)
    assert right.due - later >= timedelta(days=1)
    assert wrong.due - later <= timedelta(minutes=10)


def test_repeatedly_right_question_leaves_the_queue_for_days(app, learner):
    (qid,) = choice_ids(app, 1)
    moment = T0
    for _ in range(4):
        learner.answer(qid, True, moment, ms=60_000)
        moment = _card(app, learner.user_id, qid).due + timedelta(minutes=1)
    card = _card(app, learner.user_id, qid)
    last = card.last_review
    assert card.due - last >= timedelta(days=5)
    with app.app_context():
        bank = get_bank()
        for days in (1, 2, 4):
            when = last + timedelta(days=days)
            assert queue.due_cards(db.session, learner.user_id, when, bank) == []
            assert queue.due_count(db.session, learner.user_id, when) == 0
        assert queue.due_count(db.session, learner.user_id, card.due) == 1


def test_hard_after_a_wrong_try_the_same_day_and_after_a_hint(app, learner):
    first, second = choice_ids(app, 2)
    learner.answer(first, False, T0)
    learner.answer(first, True, T0 + timedelta(minutes=5))
    learner.answer(second, True, T0, hints=1)
    assert _ratings(app, learner.user_id, first) == [Rating.Again, Rating.Hard]
    assert _ratings(app, learner.user_id, second) == [Rating.Hard]


def test_wrong_the_previous_local_day_does_not_make_today_hard(app, learner):
    (qid,) = choice_ids(app, 1)
    evening = datetime(2026, 3, 1, 14, 50, tzinfo=UTC)  # 23:50 Tokyo, 1 March
    learner.answer(qid, False, evening)
    learner.answer(qid, True, evening + timedelta(minutes=20))  # 00:10 Tokyo, 2 March
    assert _ratings(app, learner.user_id, qid) == [Rating.Again, Rating.Good]


def test_easy_when_fast_and_right_before(app, learner):
    (qid,) = choice_ids(app, 1)
    learner.answer(qid, True, T0, ms=5_000)
    due = _card(app, learner.user_id, qid).due
    learner.answer(qid, True, due + timedelta(minutes=1), ms=5_000)
    assert _ratings(app, learner.user_id, qid) == [Rating.Good, Rating.Easy]


def test_invalid_answers_are_no_review(app, learner):
    (qid,) = choice_ids(app, 1)
    with app.app_context():
        from quizapp import attempts

        question = get_bank().get(qid)
        submission = attempts.Submission(answer="z")
        attempt, _ = attempts.submit_attempt(learner.user_id, question, submission, lang="en")
        assert attempt.verdict == "invalid"
        assert db.session.scalars(select(Card)).all() == []


def test_attempt_and_review_are_one_transaction(app, learner, monkeypatch):
    (qid,) = choice_ids(app, 1)

    def broken(session, attempt):
        session.flush()
        raise RuntimeError("crash while scheduling")

    monkeypatch.setattr(fsrs_service, "review_attempt", broken)
    with pytest.raises(RuntimeError):
        learner.answer(qid, True, T0)
    with app.app_context():
        assert db.session.scalars(select(Attempt)).all() == []
        assert db.session.scalars(select(Card)).all() == []


def _replayed_dues(app, user_id: int) -> dict[str, datetime]:
    """Due dates recomputed by FSRS itself from the stored review log (fuzzing off)."""
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    dues = {}
    with app.app_context():
        for card in db.session.scalars(select(Card).where(Card.user_id == user_id)):
            replay = fsrs.Card(card_id=card.id, due=card.created_at)
            logs = select(ReviewLog).where(ReviewLog.card_id == card.id).order_by(ReviewLog.id)
            for log in db.session.scalars(logs):
                replay, _ = scheduler.review_card(
                    replay, Rating(log.rating), review_datetime=log.reviewed_at
                )
            dues[card.question_id] = replay.due
    return dues


def test_due_count_and_forecast_match_fsrs_due_dates(app, learner):
    questions = choice_ids(app, 8)
    for i, qid in enumerate(questions):
        start = T0 + timedelta(hours=i)
        learner.answer(qid, i % 3 != 0, start, ms=30_000)
        if i % 2 == 0:
            due = _card(app, learner.user_id, qid).due
            learner.answer(qid, True, due + timedelta(minutes=2), ms=30_000)
    dues = _replayed_dues(app, learner.user_id)
    for qid in questions:
        assert _card(app, learner.user_id, qid).due == dues[qid]
    tz = zone("Asia/Tokyo")
    now = T0 + timedelta(days=1)
    today = now.astimezone(tz).date()
    expected = Counter(max(d.astimezone(tz).date(), today) for d in dues.values())
    with app.app_context():
        assert queue.due_count(db.session, learner.user_id, now) == sum(
            d <= now for d in dues.values()
        )
        days = queue.forecast(db.session, learner.user_id, now, tz)
    assert len(days) == 14
    assert [day for day, _ in days] == [today + timedelta(days=i) for i in range(14)]
    assert dict(days) == {day: expected.get(day, 0) for day, _ in days}
    assert sum(n for _, n in days) == sum(
        1 for d in dues.values() if d.astimezone(tz).date() < today + timedelta(days=14)
    )


def test_new_questions_respect_the_daily_limit_and_topic(app, learner):
    with app.app_context():
        bank = get_bank()
        tz = zone("Asia/Tokyo")
        fresh = queue.new_questions(db.session, learner.user_id, T0, tz, bank)
        assert len(fresh) == 5  # the fixture's new_per_day
        topic = fresh[0].topic
        only_topic = queue.new_questions(db.session, learner.user_id, T0, tz, bank, topic)
        assert {q.topic for q in only_topic} == {topic}
    for qid in choice_ids(app, 3):
        learner.answer(qid, True, T0)
    with app.app_context():
        left = queue.new_questions(db.session, learner.user_id, T0, tz, get_bank())
        assert len(left) == 2
        assert not {q.id for q in left} & set(choice_ids(app, 3))
        tomorrow = queue.new_questions(
            db.session, learner.user_id, T0 + timedelta(days=1), tz, get_bank()
        )
        assert len(tomorrow) == 5


def test_fuzzing_on_still_schedules_right_after_wrong(app):
    learner = make_learner(app, "bob", fuzz=True)
    first, second = choice_ids(app, 2)
    learner.answer(first, True, T0)
    learner.answer(second, False, T0)
    assert _card(app, learner.user_id, second).due < _card(app, learner.user_id, first).due


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(st.sampled_from(list(Rating)), st.integers(min_value=1, max_value=60 * 24 * 20)),
        max_size=8,
    ),
    st.booleans(),
    st.booleans(),
)
def test_after_any_history_a_wrong_answer_is_due_no_later_than_a_right_one(history, hinted, fast):
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    card, moment = fsrs.Card(card_id=1, due=T0), T0
    for rating, minutes in history:
        card, _ = scheduler.review_card(card, rating, review_datetime=moment)
        moment += timedelta(minutes=minutes)
    common = {"failed_today": False, "right_before": True, "question_type": "choice"}
    wrong = fsrs_service.rating_for(correct=False, hints_used=0, seconds=3.0, **common)
    right = fsrs_service.rating_for(
        correct=True, hints_used=int(hinted), seconds=3.0 if fast else 60.0, **common
    )
    after_wrong, _ = scheduler.review_card(card, wrong, review_datetime=moment)
    after_right, _ = scheduler.review_card(card, right, review_datetime=moment)
    assert after_wrong.due <= after_right.due
