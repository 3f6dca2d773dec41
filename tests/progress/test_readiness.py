"""Readiness estimate and streak rules on hand-made inputs (laws and boundaries)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizapp.progress.activity import streak
from quizapp.progress.mastery import AreaMastery
from quizapp.progress.readiness import readiness
from quizapp.progress.syllabus import AREAS, WEIGHTS


def _areas(masteries: list[float | None], attempted: int = 10, questions: int = 20):
    return [
        AreaMastery(
            a, a, WEIGHTS[a], 0 if m is None else questions, 0 if m is None else attempted, m
        )
        for a, m in zip(AREAS, masteries, strict=True)
    ]


@given(st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=5, max_size=5))
def test_estimate_lies_between_the_area_masteries(masteries):
    result = readiness(_areas(masteries), 100, None)
    known = [m for m in masteries if m is not None]
    if known:
        assert min(known) - 1e-12 <= result.estimate <= max(known) + 1e-12
        assert result.covered_weight == pytest.approx(
            sum(WEIGHTS[a] for a, m in zip(AREAS, masteries, strict=True) if m is not None)
        )
    else:
        assert result.estimate == 0.0
    assert len(result.uncovered_areas) == masteries.count(None)


def test_estimate_is_the_weighted_mean():
    result = readiness(_areas([1.0, None, 0.5, 0.0, 1.0]), 100, 0.7)
    assert result.estimate == pytest.approx((0.15 + 0.40 * 0.5 + 0.10) / 0.85)
    assert result.latest_exam == 0.7  # shown beside, never blended


@pytest.mark.parametrize(
    ("graded", "attempted", "expected"),
    [
        (49, 20, "low"),
        (50, 4, "low"),  # 4 of 20 tried: 20 % coverage
        (50, 5, "medium"),
        (199, 20, "medium"),
        (200, 11, "medium"),
        (200, 12, "high"),
    ],
)
def test_confidence_boundaries(graded, attempted, expected):
    areas = _areas([0.5] * 5, attempted=attempted, questions=20)
    assert readiness(areas, graded, None).confidence == expected


TOKYO = ZoneInfo("Asia/Tokyo")


def _at(day: date, hour: int) -> SimpleNamespace:
    local = datetime(day.year, day.month, day.day, hour, tzinfo=TOKYO)
    return SimpleNamespace(created_at=local.astimezone(UTC))


@pytest.mark.parametrize(
    ("offsets", "expected"),
    [
        ([0, 1, 2], 3),
        ([1, 2], 2),  # nothing yet today: yesterday's streak still stands
        ([2, 3], 0),  # a day was missed
        ([0, 2, 3], 1),
        ([], 0),
    ],
)
def test_streak_counts_local_days(offsets, expected):
    today = date(2026, 4, 10)
    attempts = [_at(today - timedelta(days=k), 23) for k in offsets]
    assert streak(attempts, TOKYO, today) == expected


def test_streak_uses_the_learners_zone_not_utc():
    today = date(2026, 4, 10)
    # 23:30 Tokyo on the 9th is 14:30 UTC on the 9th; 00:30 Tokyo on the 10th is the 9th in UTC
    attempts = [_at(today - timedelta(days=1), 23), _at(today, 0)]
    assert streak(attempts, TOKYO, today) == 2
    assert streak(attempts, ZoneInfo("UTC"), today) == 1
