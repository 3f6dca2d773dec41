"""Activity over time from the stored attempts, by the learner's local day.

- *daily activity*: attempts and right answers per day for the last ``days`` days;
- *streak*: consecutive local days with at least one attempt, ending today — or
  yesterday when there is none yet today (the streak is not lost until the day ends);
- *study time*: the sum of the attempts' ``time_taken_ms`` (attempts without it add 0);
- *recurring mistakes*: diagnosis codes of wrong answers seen at least twice.

Public names: ``DayActivity``, ``daily_activity``, ``streak``, ``study_time_ms``,
``Mistake``, ``recurring_mistakes``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from quizapp.models import Attempt
from quizapp.progress.mistake_labels import mistake_label

MIN_REPEATS = 2


def _created(attempt: Attempt) -> datetime:
    moment = attempt.created_at
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _days(attempts: list[Attempt], tz: ZoneInfo) -> list[date]:
    return [_created(a).astimezone(tz).date() for a in attempts]


@dataclass(frozen=True)
class DayActivity:
    """One local day."""

    day: date
    attempts: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


def daily_activity(
    attempts: list[Attempt], tz: ZoneInfo, today: date, days: int = 30
) -> list[DayActivity]:
    """Attempts and right answers per day, oldest first, ending ``today``."""
    total: Counter[date] = Counter()
    right: Counter[date] = Counter()
    for attempt, day in zip(attempts, _days(attempts, tz), strict=True):
        total[day] += 1
        right[day] += attempt.verdict == "correct"
    first = today - timedelta(days=days - 1)
    span = (first + timedelta(days=i) for i in range(days))
    return [DayActivity(day, total[day], right[day]) for day in span]


def streak(attempts: list[Attempt], tz: ZoneInfo, today: date) -> int:
    """Consecutive active days ending today (or yesterday)."""
    active = set(_days(attempts, tz))
    day = today if today in active else today - timedelta(days=1)
    count = 0
    while day in active:
        count += 1
        day -= timedelta(days=1)
    return count


def study_time_ms(attempts: list[Attempt]) -> int:
    """Total time taken over all attempts, in milliseconds."""
    return sum(a.time_taken_ms or 0 for a in attempts)


@dataclass(frozen=True)
class Mistake:
    """A diagnosis code and how often it came up."""

    code: str
    count: int
    label: str


def recurring_mistakes(attempts: list[Attempt], lang: str) -> list[Mistake]:
    """Codes of wrong answers seen ``MIN_REPEATS`` times or more, most frequent first."""
    wrong = [a for a in attempts if a.verdict == "incorrect" and a.diagnosis_code]
    counts = Counter(a.diagnosis_code for a in wrong)
    latest = {a.diagnosis_code: (a.result or {}).get("diagnosis", {}).get("message") for a in wrong}
    return [
        Mistake(code, count, mistake_label(code, lang, latest.get(code)))
        for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        if count >= MIN_REPEATS
    ]
