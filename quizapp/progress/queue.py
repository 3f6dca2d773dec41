"""Today's review queue and the due forecast, from the stored FSRS due dates.

- *Due* cards: ``due <= now``. The forecast puts overdue cards on today.
- *New* questions: bank questions the learner has no card for yet, in bank order, at
  most ``new_per_day`` minus the cards created today (learner's day) so far.
- Both can be narrowed to one topic.

Public names: ``due_cards``, ``due_count``, ``forecast``, ``new_questions``, ``TodayQueue``,
``today_queue``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from quizapp.bank.loader import Bank, Question
from quizapp.models import Card
from quizapp.progress.fsrs_service import settings_for
from quizapp.progress.localtime import day_end_utc, day_start_utc, local_day

FORECAST_DAYS = 14


def _topic_ids(bank: Bank, topic: str | None) -> set[str] | None:
    return None if topic is None else {q.id for q in bank.filter(topic=topic)}


def due_cards(
    session: Session, user_id: int, now: datetime, bank: Bank, topic: str | None = None
) -> list[Card]:
    """Cards due at ``now``, most overdue first."""
    query = select(Card).where(Card.user_id == user_id, Card.due <= now).order_by(Card.due)
    wanted = _topic_ids(bank, topic)
    return [c for c in session.scalars(query) if wanted is None or c.question_id in wanted]


def due_count(session: Session, user_id: int, now: datetime) -> int:
    """How many cards are due at ``now``."""
    query = select(func.count()).select_from(Card).where(Card.user_id == user_id, Card.due <= now)
    return int(session.scalar(query) or 0)


def forecast(
    session: Session, user_id: int, now: datetime, tz: ZoneInfo, days: int = FORECAST_DAYS
) -> list[tuple[date, int]]:
    """``(day, cards due that day)`` for today and the next ``days - 1`` days."""
    today = local_day(now, tz)
    counts = {today + timedelta(days=i): 0 for i in range(days)}
    for due in session.scalars(select(Card.due).where(Card.user_id == user_id)):
        day = max(local_day(due, tz), today)
        if day in counts:
            counts[day] += 1
    return sorted(counts.items())


def new_questions(
    session: Session,
    user_id: int,
    now: datetime,
    tz: ZoneInfo,
    bank: Bank,
    topic: str | None = None,
) -> list[Question]:
    """Questions never reviewed, within today's allowance of new cards."""
    today = local_day(now, tz)
    started_today = session.scalar(
        select(func.count())
        .select_from(Card)
        .where(
            Card.user_id == user_id,
            Card.created_at >= day_start_utc(today, tz),
            Card.created_at < day_end_utc(today, tz),
        )
    )
    allowance = max(0, settings_for(session, user_id).new_per_day - int(started_today or 0))
    known = set(session.scalars(select(Card.question_id).where(Card.user_id == user_id)))
    pool = bank.filter(topic=topic) if topic else list(bank.questions.values())
    return [q for q in pool if q.id not in known][:allowance]


@dataclass(frozen=True)
class TodayQueue:
    """What to study today: due reviews first, then new questions."""

    due: list[Card]
    new: list[Question]


def today_queue(
    session: Session,
    user_id: int,
    now: datetime,
    tz: ZoneInfo,
    bank: Bank,
    topic: str | None = None,
) -> TodayQueue:
    """Due cards and today's new questions, optionally for one topic."""
    return TodayQueue(
        due=due_cards(session, user_id, now, bank, topic),
        new=new_questions(session, user_id, now, tz, bank, topic),
    )
