"""Import of a JSON export into the signed-in account, in one transaction.

Idempotent: a row that is already stored is skipped, so importing the same file twice
changes nothing. Rows are matched by natural keys, not database ids, counted as a
multiset (two identical rows in the file stay two rows): attempts by their client id or
else (question, time), cards by question (the imported state wins only if it was
reviewed later), review-log entries by (question, time, rating), exams by start time. The
learner's scheduler settings and time zone are taken from the file.

Public names: ``import_data``, ``ImportProblem``, ``ImportReport``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from quizapp.database import write_transaction
from quizapp.extensions import db
from quizapp.models import (
    Attempt,
    Card,
    ExamAnswer,
    ExamSession,
    ReviewLog,
    SchedulerSettings,
    User,
)
from quizapp.progress import export


class ImportProblem(ValueError):
    """The file is not an export we can read; the message says what is wrong."""


@dataclass
class ImportReport:
    """How many rows of each table were added."""

    added: dict[str, int] = field(default_factory=dict)


def _time(value: Any) -> datetime | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _fields(row: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    return {
        name: _time(row.get(name))
        if name.endswith(("_at", "due", "last_review"))
        else row.get(name)
        for name in names
    }


def _unseen(
    rows: list[dict], key: Callable[[dict], Hashable], stored: Counter
) -> Iterator[tuple[Hashable, dict]]:
    """The file rows not yet stored: per key, those beyond the stored count."""
    seen: Counter = Counter()
    for row in rows:
        k = key(row)
        seen[k] += 1
        if seen[k] > stored[k]:
            yield k, row


def _attempt_key(values: dict[str, Any]) -> Hashable:
    if values.get("client_attempt_id"):
        return ("client", values["client_attempt_id"])
    return (values["question_id"], export.iso(_time(values["created_at"])))


def _check(data: Any) -> None:
    if not isinstance(data, dict) or data.get("format") != export.FORMAT:
        raise ImportProblem("not a Bibun Dojo export (the 'format' field is missing or wrong)")
    if data.get("version") != export.VERSION:
        raise ImportProblem(f"unsupported export version {data.get('version')!r}")
    for key in ("attempts", "cards", "review_logs", "exams"):
        if not isinstance(data.get(key), list):
            raise ImportProblem(f"the '{key}' list is missing")


def import_data(user: User, data: Any) -> ImportReport:
    """Restore an export into ``user``'s account (all or nothing)."""
    _check(data)
    report = ImportReport()
    try:
        with write_transaction():
            _settings(user, data)
            attempts = _attempts(user, data["attempts"], report)
            cards = _cards(user, data["cards"], report)
            _logs(user, data["review_logs"], attempts, cards, report)
            _exams(user, data["exams"], report)
    except (KeyError, TypeError, ValueError, AttributeError, SQLAlchemyError) as error:
        raise ImportProblem(f"a row could not be read: {error}") from error
    return report


def _settings(user: User, data: dict[str, Any]) -> None:
    timezone = (data.get("user") or {}).get("timezone")
    if isinstance(timezone, str) and timezone:
        user.timezone = timezone[:64]
    values = data.get("settings")
    if not isinstance(values, dict):
        return
    row = db.session.get(SchedulerSettings, user.id)
    if row is None:
        row = SchedulerSettings(user_id=user.id)
        db.session.add(row)
    for name in export.SETTINGS_FIELDS:
        if name in values:
            setattr(row, name, values[name])


def _attempts(user: User, rows: list[dict], report: ImportReport) -> dict[tuple, list[Attempt]]:
    """Add the new attempts; return every attempt by (question, time) for the log rows."""
    existing = list(db.session.scalars(select(Attempt).where(Attempt.user_id == user.id)))
    stored = Counter(_attempt_key(_row_of(a)) for a in existing)
    added = 0
    for _key, row in _unseen(rows, _attempt_key, stored):
        attempt = Attempt(user_id=user.id, **_fields(row, export.ATTEMPT_FIELDS))
        db.session.add(attempt)
        existing.append(attempt)
        added += 1
    db.session.flush()
    report.added["attempts"] = added
    by_moment: dict[tuple, list[Attempt]] = {}
    for attempt in existing:
        by_moment.setdefault((attempt.question_id, export.iso(attempt.created_at)), []).append(
            attempt
        )
    return by_moment


def _row_of(attempt: Attempt) -> dict[str, Any]:
    return {
        "client_attempt_id": attempt.client_attempt_id,
        "question_id": attempt.question_id,
        "created_at": export.iso(attempt.created_at),
    }


def _cards(user: User, rows: list[dict], report: ImportReport) -> dict[str, Card]:
    stored = {
        c.question_id: c for c in db.session.scalars(select(Card).where(Card.user_id == user.id))
    }
    added = 0
    for row in rows:
        values = _fields(row, export.CARD_FIELDS)
        card = stored.get(values["question_id"])
        if card is None:
            card = Card(user_id=user.id, **values)
            db.session.add(card)
            stored[card.question_id] = card
            added += 1
        elif (values["last_review"] or datetime.min.replace(tzinfo=UTC)) > (
            card.last_review or datetime.min.replace(tzinfo=UTC)
        ):
            for name, value in values.items():
                setattr(card, name, value)
    db.session.flush()
    report.added["cards"] = added
    return stored


def _logs(
    user: User,
    rows: list[dict],
    attempts: dict[tuple, list[Attempt]],
    cards: dict[str, Card],
    report: ImportReport,
) -> None:
    question_of = {card.id: qid for qid, card in cards.items()}
    logs = list(db.session.scalars(select(ReviewLog).where(ReviewLog.user_id == user.id)))
    stored = Counter(
        (question_of.get(log.card_id), export.iso(log.reviewed_at), log.rating) for log in logs
    )
    linked = {log.attempt_id for log in logs}

    def key(row: dict) -> Hashable:
        return (row["question_id"], export.iso(_time(row["reviewed_at"])), int(row["rating"]))

    added = 0
    for _key, row in _unseen(rows, key, stored):
        if row["question_id"] not in cards:
            continue
        reviewed_at = _time(row["reviewed_at"])
        candidates = attempts.get((row["question_id"], row.get("attempt_created_at")), [])
        attempt = next((a for a in candidates if a.id not in linked), None)
        if attempt is not None:
            linked.add(attempt.id)
        db.session.add(
            ReviewLog(
                card_id=cards[row["question_id"]].id,
                user_id=user.id,
                attempt_id=attempt.id if attempt is not None else None,
                rating=int(row["rating"]),
                reviewed_at=reviewed_at,
                review_duration_ms=row.get("review_duration_ms"),
            )
        )
        added += 1
    report.added["review_logs"] = added


def _exams(user: User, rows: list[dict], report: ImportReport) -> None:
    stored = {
        export.iso(e.started_at)
        for e in db.session.scalars(select(ExamSession).where(ExamSession.user_id == user.id))
    }
    added = 0
    for row in rows:
        values = _fields(row, export.EXAM_FIELDS)
        if export.iso(values["started_at"]) in stored:
            continue
        exam = ExamSession(user_id=user.id, **values)
        db.session.add(exam)
        db.session.flush()
        for answer in row["answers"]:
            db.session.add(ExamAnswer(session_id=exam.id, **_fields(answer, export.ANSWER_FIELDS)))
        stored.add(export.iso(values["started_at"]))
        added += 1
    report.added["exams"] = added
