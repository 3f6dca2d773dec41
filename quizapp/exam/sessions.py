"""Mock-exam sessions: start, save answers as they come, finish at submit or deadline.

The server's clock rules: an answer that arrives at or after ``deadline_at`` is refused
(:class:`ExamClosed`), and a session found past its deadline is finished on the spot
(every read goes through :func:`load`), so an abandoned exam ends by itself. Each answer
is graded when saved and kept hidden until the end; a retried save with the same
``client_answer_id`` changes nothing. At the end, every right or wrong answer is also
stored as an attempt (client id ``exam-<session>-<position>``, time = when it was given)
and so becomes an FSRS review and counts on the dashboard. Every write is one
``BEGIN IMMEDIATE`` transaction.

Public names: ``start``, ``load``, ``active``, ``history``, ``save_answer``, ``finish``,
``slots``, ``ExamClosed``, ``AnswerProblem``.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import select

from quizapp import grading
from quizapp.bank.loader import get_bank
from quizapp.database import write_transaction
from quizapp.exam.draw import PRESETS, draw
from quizapp.extensions import db
from quizapp.models import Attempt, ExamAnswer, ExamSession
from quizapp.progress import fsrs_service

MAX_ANSWER_CHARS = 2000
CHOICE_KEYS = ("a", "b", "c", "d")


class ExamClosed(Exception):
    """The exam is over (time up or submitted); nothing more can be saved."""


class AnswerProblem(ValueError):
    """The answer cannot be saved as sent; ``code`` names the problem."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def start(user_id: int, preset_key: str, now: datetime, rng: random.Random) -> ExamSession:
    """A new session with its questions drawn, or the learner's running one."""
    running = active(user_id, now)
    if running is not None:
        return running
    preset = PRESETS[preset_key]
    drawn = draw(get_bank(), preset.questions, rng)
    with write_transaction() as session:
        exam = ExamSession(
            user_id=user_id,
            preset=preset.key,
            question_count=len(drawn),
            duration_s=preset.minutes * 60,
            started_at=now,
            deadline_at=now + timedelta(minutes=preset.minutes),
        )
        session.add(exam)
        session.flush()
        for position, (question, seed) in enumerate(drawn, start=1):
            session.add(
                ExamAnswer(
                    session_id=exam.id,
                    position=position,
                    question_id=question.id,
                    seed=seed,
                    syllabus=question.raw["syllabus"],
                )
            )
    return exam


def finish(exam: ExamSession, now: datetime) -> ExamSession:
    """Close the session (at the deadline if that came first), store its score, and
    record its graded answers as attempts (all in one transaction)."""
    with write_transaction() as session:
        if exam.finished_at is None:
            answers = slots(exam)
            exam.finished_at = min(now, exam.deadline_at)
            exam.score = sum(1 for slot in answers if slot.verdict == "correct")
            for slot in answers:
                if slot.verdict in fsrs_service.GRADED and slot.answered_at is not None:
                    attempt = _as_attempt(exam, slot)
                    session.add(attempt)
                    fsrs_service.review_attempt(session, attempt)
    return exam


def _as_attempt(exam: ExamSession, slot: ExamAnswer) -> Attempt:
    return Attempt(
        user_id=exam.user_id,
        question_id=slot.question_id,
        seed=slot.seed,
        answer=slot.answer or "",
        answer_format=slot.answer_format,
        verdict=slot.verdict or "",
        diagnosis_code=slot.diagnosis_code,
        result=slot.result or {},
        time_taken_ms=None,
        hints_used=0,
        client_attempt_id=f"exam-{exam.id}-{slot.position}",
        created_at=slot.answered_at,
    )


def load(user_id: int, exam_id: int, now: datetime) -> ExamSession | None:
    """The learner's session (None for someone else's), finished if its time is up."""
    exam = db.session.get(ExamSession, exam_id)
    if exam is None or exam.user_id != user_id:
        return None
    if exam.finished_at is None and now >= exam.deadline_at:
        finish(exam, now)
    return exam


def active(user_id: int, now: datetime) -> ExamSession | None:
    """The learner's unfinished session, if one is still running."""
    query = select(ExamSession.id).where(
        ExamSession.user_id == user_id, ExamSession.finished_at.is_(None)
    )
    for exam_id in list(db.session.scalars(query)):
        exam = load(user_id, exam_id, now)
        if exam is not None and exam.finished_at is None:
            return exam
    return None


def history(user_id: int, now: datetime) -> list[ExamSession]:
    """Finished sessions, oldest first (expired ones are finished first)."""
    active(user_id, now)
    query = (
        select(ExamSession)
        .where(ExamSession.user_id == user_id, ExamSession.finished_at.is_not(None))
        .order_by(ExamSession.started_at)
    )
    return list(db.session.scalars(query))


def slots(exam: ExamSession) -> list[ExamAnswer]:
    """The session's question slots in order."""
    query = select(ExamAnswer).where(ExamAnswer.session_id == exam.id)
    return list(db.session.scalars(query.order_by(ExamAnswer.position)))


def _slot(exam: ExamSession, position: int) -> ExamAnswer:
    query = select(ExamAnswer).where(
        ExamAnswer.session_id == exam.id, ExamAnswer.position == position
    )
    slot = db.session.scalars(query).first()
    if slot is None:
        raise AnswerProblem("no_such_question")
    return slot


def _check_open(exam: ExamSession, now: datetime) -> None:
    if exam.finished_at is not None or now >= exam.deadline_at:
        raise ExamClosed


def _validated(slot: ExamAnswer, answer: str) -> str:
    answer = answer.strip()
    question = get_bank().get(slot.question_id)
    if not answer:
        raise AnswerProblem("empty")
    if len(answer) > MAX_ANSWER_CHARS:
        raise AnswerProblem("too_long")
    if question is not None and question.type == "choice" and answer not in CHOICE_KEYS:
        raise AnswerProblem("not_an_option")
    return answer


def save_answer(
    exam: ExamSession,
    position: int,
    answer: str,
    client_answer_id: str,
    now: datetime,
    *,
    lang: str,
    deadline_s: float | None = None,
) -> ExamAnswer:
    """Grade and store the answer for one slot (``now`` is when it arrived)."""
    if exam.finished_at is None and now >= exam.deadline_at:
        finish(exam, now)
    _check_open(exam, now)
    slot = _slot(exam, position)
    if client_answer_id and slot.client_answer_id == client_answer_id:
        return slot
    answer = _validated(slot, answer)
    question = get_bank().get(slot.question_id)
    result = (
        grading.grade(question.variant(slot.seed), answer, lang=lang, deadline=deadline_s)
        if question is not None
        else {"verdict": "undetermined", "message": ""}
    )
    with write_transaction():
        db.session.refresh(exam)
        _check_open(exam, now)
        slot.answer = answer
        slot.answer_format = "text"
        slot.verdict = result["verdict"]
        slot.diagnosis_code = (result.get("diagnosis") or {}).get("code")
        slot.result = result
        slot.client_answer_id = client_answer_id or None
        slot.answered_at = now
    return slot
