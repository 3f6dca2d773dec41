"""The one durable write path for attempts: grade first (no lock held), then store in a
``BEGIN IMMEDIATE`` transaction. A ``client_attempt_id`` makes a retry return the stored
attempt instead of writing a second row.

Public names: ``submit_attempt``, ``find_attempt``, ``list_attempts``, ``attempt_to_dict``,
``Submission``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import select

from quizapp import grading
from quizapp.bank.loader import Question
from quizapp.database import write_transaction
from quizapp.extensions import db
from quizapp.models import Attempt
from quizapp.progress import fsrs_service


@dataclass(frozen=True)
class Submission:
    """What the learner sent with an answer."""

    answer: str
    seed: int = 0
    format: str = "text"
    time_taken_ms: int | None = None
    hints_used: int = 0
    client_attempt_id: str | None = None


def submit_attempt(
    user_id: int,
    question: Question,
    submission: Submission,
    *,
    lang: str,
    deadline: float | None = None,
) -> tuple[Attempt, bool]:
    """Grade and store one attempt; ``(attempt, created)``. ``created`` is False when the
    same ``client_attempt_id`` was stored before (that attempt is returned unchanged)."""
    if submission.client_attempt_id:
        earlier = _by_client_id(user_id, submission.client_attempt_id)
        if earlier is not None:
            return earlier, False
    variant = question.variant(submission.seed)
    result = grading.grade(
        variant, submission.answer, format=submission.format, lang=lang, deadline=deadline
    )
    with write_transaction() as session:
        if submission.client_attempt_id:
            earlier = _by_client_id(user_id, submission.client_attempt_id)
            if earlier is not None:
                return earlier, False
        attempt = Attempt(
            user_id=user_id,
            question_id=question.id,
            seed=submission.seed,
            answer=submission.answer,
            answer_format=submission.format,
            verdict=result["verdict"],
            diagnosis_code=(result.get("diagnosis") or {}).get("code"),
            result=result,
            time_taken_ms=submission.time_taken_ms,
            hints_used=submission.hints_used,
            client_attempt_id=submission.client_attempt_id,
        )
        session.add(attempt)
        fsrs_service.review_attempt(session, attempt)  # issue 5 (H): FSRS review, same transaction
    return attempt, True


def _by_client_id(user_id: int, client_attempt_id: str) -> Attempt | None:
    query = select(Attempt).where(
        Attempt.user_id == user_id, Attempt.client_attempt_id == client_attempt_id
    )
    return db.session.scalars(query).first()


def find_attempt(user_id: int, attempt_id: int) -> Attempt | None:
    """The attempt if it belongs to ``user_id`` (someone else's looks like a missing one)."""
    attempt = db.session.get(Attempt, attempt_id)
    return attempt if attempt is not None and attempt.user_id == user_id else None


def list_attempts(
    user_id: int, *, question_id: str | None = None, limit: int = 50, before_id: int | None = None
) -> list[Attempt]:
    """The user's attempts, newest first."""
    query = select(Attempt).where(Attempt.user_id == user_id)
    if question_id:
        query = query.where(Attempt.question_id == question_id)
    if before_id:
        query = query.where(Attempt.id < before_id)
    return list(db.session.scalars(query.order_by(Attempt.id.desc()).limit(limit)))


def attempt_to_dict(attempt: Attempt) -> dict[str, Any]:
    """JSON form of an attempt (``created_at`` in ISO 8601 UTC)."""
    created = attempt.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return {
        "id": attempt.id,
        "question_id": attempt.question_id,
        "seed": attempt.seed,
        "answer": attempt.answer,
        "format": attempt.answer_format,
        "verdict": attempt.verdict,
        "diagnosis_code": attempt.diagnosis_code,
        "result": attempt.result,
        "time_taken_ms": attempt.time_taken_ms,
        "hints_used": attempt.hints_used,
        "client_attempt_id": attempt.client_attempt_id,
        "created_at": created.isoformat().replace("+00:00", "Z"),
    }
