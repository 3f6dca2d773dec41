"""Accuracy and mastery per topic and per syllabus area, from the stored attempts.

Only graded attempts count (verdict ``correct`` or ``incorrect``; ``invalid`` and
``undetermined`` say nothing about what the learner knows).

- *accuracy* of a topic: right graded attempts / graded attempts (None without any);
- *question score*: the share of right answers among a question's last ``RECENT`` (3)
  graded attempts, 0 for a question never answered;
- *mastery* of a topic or area: the mean question score over **every** bank question
  of it, so it grows only with both coverage and recent success (0–1).

Public names: ``RECENT``, ``graded``, ``question_scores``, ``TopicMastery``, ``AreaMastery``,
``topic_mastery``, ``area_mastery``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from quizapp.bank.loader import Bank
from quizapp.models import Attempt
from quizapp.progress.syllabus import AREAS, WEIGHTS, area_name

RECENT = 3
GRADED = ("correct", "incorrect")


def graded(attempts: Iterable[Attempt]) -> list[Attempt]:
    """The attempts that carry a right/wrong verdict, in the given order."""
    return [a for a in attempts if a.verdict in GRADED]


def question_scores(attempts: Iterable[Attempt]) -> dict[str, float]:
    """Per question: share right among its last ``RECENT`` graded attempts (oldest first
    input order is assumed)."""
    history: dict[str, list[bool]] = defaultdict(list)
    for attempt in graded(attempts):
        history[attempt.question_id].append(attempt.verdict == "correct")
    return {qid: sum(marks[-RECENT:]) / len(marks[-RECENT:]) for qid, marks in history.items()}


@dataclass(frozen=True)
class TopicMastery:
    """One topic's numbers."""

    topic: str
    name: str
    area: str
    questions: int
    attempted: int
    attempts: int
    correct: int
    mastery: float

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


@dataclass(frozen=True)
class AreaMastery:
    """One syllabus area's numbers (``mastery`` None when the bank has no question)."""

    area: str
    name: str
    weight: float
    questions: int
    attempted: int
    mastery: float | None


def topic_mastery(bank: Bank, attempts: list[Attempt], lang: str) -> list[TopicMastery]:
    """Rows for every topic with questions, in bank order."""
    scores = question_scores(attempts)
    marks = graded(attempts)
    rows = []
    for topic_id, topic in bank.topics.items():
        ids = {q.id for q in bank.filter(topic=topic_id)}
        if not ids:
            continue
        mine = [a for a in marks if a.question_id in ids]
        rows.append(
            TopicMastery(
                topic=topic_id,
                name=topic["name"][lang],
                area=topic.get("syllabus", ""),
                questions=len(ids),
                attempted=len(ids & scores.keys()),
                attempts=len(mine),
                correct=sum(1 for a in mine if a.verdict == "correct"),
                mastery=sum(scores.get(qid, 0.0) for qid in ids) / len(ids),
            )
        )
    return rows


def area_mastery(bank: Bank, attempts: list[Attempt], lang: str) -> list[AreaMastery]:
    """Rows for the five syllabus areas, in syllabus order."""
    scores = question_scores(attempts)
    rows = []
    for area in AREAS:
        ids = {q.id for q in bank.questions.values() if q.raw.get("syllabus") == area}
        rows.append(
            AreaMastery(
                area=area,
                name=area_name(area, lang),
                weight=WEIGHTS[area],
                questions=len(ids),
                attempted=len(ids & scores.keys()),
                mastery=sum(scores.get(q, 0.0) for q in ids) / len(ids) if ids else None,
            )
        )
    return rows
