"""Mock exams: a session with a server-side deadline and one row per question slot.

The questions are drawn when the session starts (``ExamAnswer`` rows with question id
and variant seed); each answer is graded and stored when it arrives, and shown to the
learner only after the session is finished.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from quizapp.models.base import Base
from quizapp.models.progress import UtcDateTime


class ExamSession(Base):
    """One sitting of a mock exam. ``finished_at`` is set on submit or at the deadline."""

    __tablename__ = "exam_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    preset: Mapped[str] = mapped_column(String(16))
    question_count: Mapped[int] = mapped_column(Integer)
    duration_s: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deadline_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    score: Mapped[int | None] = mapped_column(Integer)


class ExamAnswer(Base):
    """One question slot of a session and, once given, the learner's graded answer."""

    __tablename__ = "exam_answer"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("exam_session.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    question_id: Mapped[str] = mapped_column(String(100))
    seed: Mapped[int] = mapped_column(Integer)
    syllabus: Mapped[str] = mapped_column(String(32))
    answer: Mapped[str | None] = mapped_column(Text)
    answer_format: Mapped[str] = mapped_column(String(16), default="text")
    verdict: Mapped[str | None] = mapped_column(String(16))
    diagnosis_code: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    client_answer_id: Mapped[str | None] = mapped_column(String(64))
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
