"""Export of all of a learner's data: one JSON document, or a zip of CSV files (one per
table). Times are ISO 8601 UTC; rows refer to each other by question id and time, never
by database id, so an export can be imported into another account (see ``importer.py``).

Public names: ``FORMAT``, ``VERSION``, ``export_data``, ``export_csv_zip``, ``iso``.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Card, ExamAnswer, ExamSession, ReviewLog, User
from quizapp.progress.dashboard import learner_attempts
from quizapp.progress.fsrs_service import settings_for

FORMAT = "bibun-dojo-export"
VERSION = 1

ATTEMPT_FIELDS = (
    "question_id", "seed", "answer", "answer_format", "verdict", "diagnosis_code",
    "result", "time_taken_ms", "hints_used", "client_attempt_id", "created_at",
)  # fmt: skip
CARD_FIELDS = (
    "question_id", "state", "step", "stability", "difficulty", "due", "last_review", "created_at",
)  # fmt: skip
LOG_FIELDS = ("question_id", "attempt_created_at", "rating", "reviewed_at", "review_duration_ms")
EXAM_FIELDS = (
    "preset", "question_count", "duration_s", "started_at", "deadline_at", "finished_at", "score",
)  # fmt: skip
ANSWER_FIELDS = (
    "position", "question_id", "seed", "syllabus", "answer", "answer_format", "verdict",
    "diagnosis_code", "result", "client_answer_id", "answered_at",
)  # fmt: skip
SETTINGS_FIELDS = ("desired_retention", "new_per_day", "maximum_interval", "enable_fuzzing")


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 in UTC with a ``Z``; None stays None."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _row(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    row = {}
    for name in fields:
        value = getattr(obj, name)
        row[name] = iso(value) if isinstance(value, datetime) else value
    return row


def export_data(user: User, now: datetime) -> dict[str, Any]:
    """Everything stored about ``user`` as one JSON-ready document."""
    attempts = learner_attempts(user.id)
    created = {a.id: iso(a.created_at) for a in attempts}
    cards = list(db.session.scalars(select(Card).where(Card.user_id == user.id)))
    question_of = {c.id: c.question_id for c in cards}
    logs = db.session.scalars(
        select(ReviewLog).where(ReviewLog.user_id == user.id).order_by(ReviewLog.id)
    )
    exams = db.session.scalars(
        select(ExamSession).where(ExamSession.user_id == user.id).order_by(ExamSession.id)
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(now),
        "user": {
            "username": user.username,
            "email": user.email,
            "locale": user.locale,
            "timezone": user.timezone,
            "created_at": iso(user.created_at),
        },
        "settings": _row(settings_for(db.session, user.id), SETTINGS_FIELDS),
        "attempts": [_row(a, ATTEMPT_FIELDS) for a in attempts],
        "cards": [_row(c, CARD_FIELDS) for c in cards],
        "review_logs": [
            {
                "question_id": question_of[log.card_id],
                "attempt_created_at": created.get(log.attempt_id),
                "rating": log.rating,
                "reviewed_at": iso(log.reviewed_at),
                "review_duration_ms": log.review_duration_ms,
            }
            for log in logs
        ],
        "exams": [
            {
                **_row(exam, EXAM_FIELDS),
                "answers": [
                    _row(answer, ANSWER_FIELDS)
                    for answer in db.session.scalars(
                        select(ExamAnswer)
                        .where(ExamAnswer.session_id == exam.id)
                        .order_by(ExamAnswer.position)
                    )
                ],
            }
            for exam in exams
        ],
    }


def _csv(rows: list[dict[str, Any]], fields: tuple[str, ...]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(fields), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v
                for k, v in row.items()
            }
        )
    return out.getvalue()


def export_csv_zip(data: dict[str, Any]) -> bytes:
    """The export document as a zip of CSV files, one per table (UTF-8 with BOM, so
    spreadsheet programs read Japanese text correctly)."""
    answers = [
        {**answer, "exam_started_at": exam["started_at"]}
        for exam in data["exams"]
        for answer in exam["answers"]
    ]
    tables = {
        "attempts.csv": (data["attempts"], ATTEMPT_FIELDS),
        "cards.csv": (data["cards"], CARD_FIELDS),
        "review_logs.csv": (data["review_logs"], LOG_FIELDS),
        "exam_sessions.csv": (data["exams"], EXAM_FIELDS),
        "exam_answers.csv": (answers, ("exam_started_at", *ANSWER_FIELDS)),
        "settings.csv": ([data["settings"]], SETTINGS_FIELDS),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (rows, fields) in tables.items():
            archive.writestr(name, "\ufeff" + _csv(rows, fields))
    return buffer.getvalue()
