"""Every number of the dashboard and of ``GET /api/v1/progress``, as one JSON-ready dict
computed from the stored attempts, FSRS cards and exam sessions.

Public names: ``dashboard``, ``learner_attempts``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from quizapp.bank.loader import get_bank
from quizapp.exam import sessions
from quizapp.extensions import db
from quizapp.models import Attempt, User
from quizapp.progress import activity, queue
from quizapp.progress.localtime import local_day, zone
from quizapp.progress.mastery import area_mastery, graded, topic_mastery
from quizapp.progress.readiness import readiness

ACTIVITY_DAYS = 30


def learner_attempts(user_id: int) -> list[Attempt]:
    """All of a learner's attempts, oldest first."""
    query = select(Attempt).where(Attempt.user_id == user_id)
    return list(db.session.scalars(query.order_by(Attempt.created_at, Attempt.id)))


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _exams(user_id: int, now: datetime, tz: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": exam.id,
            "started": exam.started_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
            "preset": exam.preset,
            "score": exam.score or 0,
            "total": exam.question_count,
            "percent": _ratio(exam.score or 0, exam.question_count),
        }
        for exam in sessions.history(user_id, now)
    ]


def dashboard(user: User, now: datetime, lang: str) -> dict[str, Any]:
    """The learner's progress at ``now`` (days in the learner's zone, texts in ``lang``)."""
    tz = zone(user.timezone)
    today = local_day(now, tz)
    bank = get_bank()
    attempts = learner_attempts(user.id)
    marks = graded(attempts)
    correct = sum(1 for a in marks if a.verdict == "correct")
    areas = area_mastery(bank, attempts, lang)
    exams = _exams(user.id, now, tz)
    ready = readiness(areas, len(marks), exams[-1]["percent"] if exams else None)
    return {
        "timezone": tz.key,
        "today": today.isoformat(),
        "totals": {
            "attempts": len(attempts),
            "graded": len(marks),
            "correct": correct,
            "accuracy": _ratio(correct, len(marks)),
            "study_time_ms": activity.study_time_ms(attempts),
            "streak": activity.streak(attempts, tz, today),
            "due_now": queue.due_count(db.session, user.id, now),
        },
        "topics": [
            {
                "topic": row.topic,
                "name": row.name,
                "area": row.area,
                "questions": row.questions,
                "attempted": row.attempted,
                "attempts": row.attempts,
                "correct": row.correct,
                "accuracy": row.accuracy,
                "mastery": row.mastery,
            }
            for row in topic_mastery(bank, attempts, lang)
        ],
        "areas": [
            {
                "area": row.area,
                "name": row.name,
                "weight": row.weight,
                "questions": row.questions,
                "attempted": row.attempted,
                "mastery": row.mastery,
            }
            for row in areas
        ],
        "forecast": [
            {"day": day.isoformat(), "due": count}
            for day, count in queue.forecast(db.session, user.id, now, tz)
        ],
        "activity": [
            {"day": row.day.isoformat(), "attempts": row.attempts, "correct": row.correct}
            for row in activity.daily_activity(attempts, tz, today, ACTIVITY_DAYS)
        ],
        "exams": exams,
        "mistakes": [
            {
                "code": m.code,
                "count": m.count,
                "label": m.label,
                "questions": len(bank.filter(mistake=m.code)),
            }
            for m in activity.recurring_mistakes(attempts, lang)
        ],
        "readiness": {
            "estimate": ready.estimate,
            "covered_weight": ready.covered_weight,
            "uncovered_areas": ready.uncovered_areas,
            "coverage": ready.coverage,
            "graded_attempts": ready.graded_attempts,
            "confidence": ready.confidence,
            "latest_exam": ready.latest_exam,
        },
    }
