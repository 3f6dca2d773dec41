"""Spaced-repetition state: one FSRS card per (user, question), its review log, and the
learner's scheduler settings. Times are stored in UTC and always read back tz-aware.

``Card.id`` is also the ``card_id`` given to ``fsrs.Card`` (we pass our own ids).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from quizapp.models.base import Base
from quizapp.models.user import utcnow


class UtcDateTime(TypeDecorator[datetime]):
    """``DateTime(timezone=True)`` that refuses naive values and reads back aware UTC
    (SQLite keeps no offset, so values come back naive without this)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware UTC times only")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Card(Base):
    """FSRS memory state of one question for one learner (fields of ``fsrs.Card``)."""

    __tablename__ = "card"
    __table_args__ = (
        UniqueConstraint("user_id", "question_id"),
        Index("ix_card_user_id_due", "user_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(100))
    state: Mapped[int] = mapped_column(Integer, default=1)
    step: Mapped[int | None] = mapped_column(Integer)
    stability: Mapped[float | None] = mapped_column(Float)
    difficulty: Mapped[float | None] = mapped_column(Float)
    due: Mapped[datetime] = mapped_column(UtcDateTime)
    last_review: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ReviewLog(Base):
    """One FSRS review: the rating an attempt earned and when it happened."""

    __tablename__ = "review_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("attempt.id", ondelete="SET NULL"), unique=True
    )
    rating: Mapped[int] = mapped_column(Integer)
    reviewed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    review_duration_ms: Mapped[int | None] = mapped_column(Integer)


SCHEDULER_DEFAULTS: dict[str, Any] = {
    "desired_retention": 0.9,
    "new_per_day": 10,
    "maximum_interval": 36500,
    "enable_fuzzing": True,
}


class SchedulerSettings(Base):
    """A learner's scheduler options; a learner without a row gets the defaults."""

    __tablename__ = "scheduler_settings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("user.id", ondelete="CASCADE"), primary_key=True
    )
    desired_retention: Mapped[float] = mapped_column(
        Float, default=SCHEDULER_DEFAULTS["desired_retention"]
    )
    new_per_day: Mapped[int] = mapped_column(Integer, default=SCHEDULER_DEFAULTS["new_per_day"])
    maximum_interval: Mapped[int] = mapped_column(
        Integer, default=SCHEDULER_DEFAULTS["maximum_interval"]
    )
    enable_fuzzing: Mapped[bool] = mapped_column(
        Boolean, default=SCHEDULER_DEFAULTS["enable_fuzzing"]
    )
    parameters: Mapped[list[float] | None] = mapped_column(JSON)
