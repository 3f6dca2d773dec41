"""An honest exam-readiness estimate, with its working shown on the dashboard.

    estimate = Σ_a w_a · mastery_a / Σ_a w_a      over the areas a our bank covers

``w_a`` are the syllabus weights (``syllabus.WEIGHTS``, our estimate: JDLA publishes no
per-area counts), ``mastery_a`` the area mastery of ``mastery.py`` (recent success over
*every* question of the area, so unseen questions count as 0). Areas with no question in
our bank cannot be estimated; their weight is reported as not covered.

Confidence: *low* with fewer than 50 graded attempts or under 25 % of the bank tried,
*medium* below 200 attempts or 60 % of the bank, *high* otherwise. The latest mock exam
is shown beside the estimate, never blended into it.

Public names: ``Readiness``, ``readiness``, ``LOW_ATTEMPTS``, ``HIGH_ATTEMPTS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizapp.progress.mastery import AreaMastery

LOW_ATTEMPTS, HIGH_ATTEMPTS = 50, 200
LOW_COVERAGE, HIGH_COVERAGE = 0.25, 0.60


@dataclass(frozen=True)
class Readiness:
    """The estimate (0–1), what it rests on, and how far to trust it."""

    estimate: float
    covered_weight: float
    uncovered_areas: list[str]
    coverage: float
    graded_attempts: int
    confidence: str
    latest_exam: float | None


def _confidence(graded_attempts: int, coverage: float) -> str:
    if graded_attempts < LOW_ATTEMPTS or coverage < LOW_COVERAGE:
        return "low"
    if graded_attempts < HIGH_ATTEMPTS or coverage < HIGH_COVERAGE:
        return "medium"
    return "high"


def readiness(
    areas: list[AreaMastery], graded_attempts: int, latest_exam: float | None
) -> Readiness:
    """Combine the area masteries into the estimate (formula in the module docstring)."""
    covered = [a for a in areas if a.mastery is not None]
    weight = sum(a.weight for a in covered)
    estimate = sum(a.weight * (a.mastery or 0.0) for a in covered) / weight if weight else 0.0
    questions = sum(a.questions for a in areas)
    coverage = sum(a.attempted for a in areas) / questions if questions else 0.0
    return Readiness(
        estimate=estimate,
        covered_weight=weight,
        uncovered_areas=[a.name for a in areas if a.mastery is None],
        coverage=coverage,
        graded_attempts=graded_attempts,
        confidence=_confidence(graded_attempts, coverage),
        latest_exam=latest_exam,
    )
