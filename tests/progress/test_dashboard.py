"""Every dashboard number checked against the stored attempts (expected values computed
here, independently, from the attempt rows), on the page and through the API."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from datetime import UTC, date, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from quizapp.bank.loader import get_bank
from quizapp.extensions import db
from quizapp.models import Attempt, Card, ExamSession
from quizapp.progress.syllabus import WEIGHTS
from tests.progress.conftest import NOW, TOKYO, progress_json, signed_in_client


def _rows(app, user_id) -> list[Attempt]:
    with app.app_context():
        query = (
            select(Attempt)
            .where(Attempt.user_id == user_id)
            .order_by(Attempt.created_at, Attempt.id)
        )
        rows = list(db.session.scalars(query))
        db.session.expunge_all()
        return rows


def _day(attempt: Attempt) -> date:
    return attempt.created_at.replace(tzinfo=UTC).astimezone(TOKYO).date()


def _expected(app, rows: list[Attempt]) -> dict:
    graded = [a for a in rows if a.verdict in ("correct", "incorrect")]
    days = {_day(a) for a in rows}
    today = NOW.astimezone(TOKYO).date()
    streak, day = 0, today if today in days else today - timedelta(days=1)
    while day in days:
        streak, day = streak + 1, day - timedelta(days=1)
    marks = defaultdict(list)
    for a in graded:
        marks[a.question_id].append(a.verdict == "correct")
    score = {q: sum(m[-3:]) / len(m[-3:]) for q, m in marks.items()}
    with app.app_context():
        bank = get_bank()
        topics = {}
        for tid in bank.topics:
            ids = [q.id for q in bank.filter(topic=tid)]
            if ids:
                mine = [a for a in graded if a.question_id in ids]
                topics[tid] = {
                    "attempts": len(mine),
                    "correct": sum(a.verdict == "correct" for a in mine),
                    "mastery": sum(score.get(q, 0) for q in ids) / len(ids),
                    "attempted": len(set(ids) & score.keys()),
                }
        coverage = len(score.keys() & bank.questions.keys()) / len(bank.questions)
        areas = {}
        for area in WEIGHTS:
            ids = [q.id for q in bank.questions.values() if q.raw["syllabus"] == area]
            areas[area] = sum(score.get(q, 0) for q in ids) / len(ids) if ids else None
    covered = {a: m for a, m in areas.items() if m is not None}
    estimate = sum(WEIGHTS[a] * m for a, m in covered.items()) / sum(WEIGHTS[a] for a in covered)
    wrong_codes = Counter(
        a.diagnosis_code for a in graded if a.verdict == "incorrect" and a.diagnosis_code
    )
    per_day = Counter(_day(a) for a in rows)
    right_day = Counter(_day(a) for a in rows if a.verdict == "correct")
    return {
        "attempts": len(rows),
        "graded": len(graded),
        "correct": sum(a.verdict == "correct" for a in graded),
        "study_time_ms": sum(a.time_taken_ms or 0 for a in rows),
        "streak": streak,
        "topics": topics,
        "estimate": estimate,
        "areas": areas,
        "coverage": coverage,
        "mistakes": {c: n for c, n in wrong_codes.items() if n >= 2},
        "per_day": per_day,
        "right_day": right_day,
    }


def test_every_dashboard_number_matches_the_attempts(app, history):
    rows = _rows(app, history.user_id)
    expected = _expected(app, rows)
    data = progress_json(signed_in_client(app))
    totals = data["totals"]
    assert totals["attempts"] == expected["attempts"]
    assert totals["graded"] == expected["graded"]
    assert totals["correct"] == expected["correct"]
    assert totals["accuracy"] == pytest.approx(expected["correct"] / expected["graded"])
    assert totals["study_time_ms"] == expected["study_time_ms"]
    assert totals["streak"] == expected["streak"] == 4  # days 6, 7, 8, 9 (day 5 is a gap)
    by_topic = {row["topic"]: row for row in data["topics"]}
    assert by_topic.keys() == expected["topics"].keys()
    for tid, want in expected["topics"].items():
        got = by_topic[tid]
        assert (got["attempts"], got["correct"], got["attempted"]) == (
            want["attempts"],
            want["correct"],
            want["attempted"],
        )
        assert got["mastery"] == pytest.approx(want["mastery"])
        if want["attempts"]:
            assert got["accuracy"] == pytest.approx(want["correct"] / want["attempts"])
    for row in data["areas"]:
        want = expected["areas"][row["area"]]
        assert row["mastery"] == (None if want is None else pytest.approx(want))
    assert data["readiness"]["estimate"] == pytest.approx(expected["estimate"])
    assert data["readiness"]["graded_attempts"] == expected["graded"]
    assert data["readiness"]["coverage"] == pytest.approx(expected["coverage"])
    assert data["readiness"]["confidence"] == "low"  # under 50 graded answers
    assert {m["code"]: m["count"] for m in data["mistakes"]} == expected["mistakes"]
    for row in data["activity"]:
        day = date.fromisoformat(row["day"])
        assert row["attempts"] == expected["per_day"].get(day, 0)
        assert row["correct"] == expected["right_day"].get(day, 0)
    assert sum(r["attempts"] for r in data["activity"]) == expected["attempts"]
    with app.app_context():
        dues = list(db.session.scalars(select(Card.due).where(Card.user_id == history.user_id)))
        exam = db.session.scalars(select(ExamSession)).one()
    assert totals["due_now"] == sum(d <= NOW for d in dues)
    today = NOW.astimezone(TOKYO).date()
    forecast = Counter(max(d.astimezone(TOKYO).date(), today) for d in dues)
    assert [r["due"] for r in data["forecast"]] == [
        forecast.get(today + timedelta(days=i), 0) for i in range(14)
    ]
    assert [(e["score"], e["total"]) for e in data["exams"]] == [(exam.score, 10)]
    assert exam.score == 4


def _cells(page: str, table_id: str) -> list[list[str]]:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.DOTALL).group(0)
    body = table.split("<tbody>")[1]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.DOTALL)
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.DOTALL)
        ]
        for r in rows
    ]


def test_dashboard_page_tables_show_the_same_numbers(app, history):
    rows = _rows(app, history.user_id)
    expected = _expected(app, rows)
    client = signed_in_client(app)
    with freeze_time(NOW):
        page = client.get("/progress/?lang=en").get_data(as_text=True)
    assert f'id="stat-attempts">{expected["attempts"]}<' in page
    assert f'id="stat-streak">{expected["streak"]} days<' in page
    pct = round(100 * expected["correct"] / expected["graded"])
    assert f'id="stat-accuracy">{pct}%<' in page
    minutes = expected["study_time_ms"] // 60000
    assert f'id="stat-study-time">{minutes // 60} h {minutes % 60} min<' in page
    with app.app_context():
        names = {tid: t["name"]["en"] for tid, t in get_bank().topics.items()}
    table = {r[0]: r for r in _cells(page, "topic-table")}
    for tid, want in expected["topics"].items():
        row = table[names[tid]]
        assert row[2] == str(want["attempts"])
        assert row[5] == f"{100 * want['mastery']:.0f}%"
    data = json.loads(re.search(r'id="dashboard-data">(.*?)</script>', page, re.DOTALL).group(1))
    assert data == progress_json(client, "en")
    activity = {r[0]: (int(r[1]), int(r[2]), r[3]) for r in _cells(page, "activity-table")}
    assert activity == {
        d.isoformat(): (
            n,
            expected["right_day"].get(d, 0),
            f"{100 * expected['right_day'].get(d, 0) / n:.0f}%",
        )
        for d, n in expected["per_day"].items()
    }


def test_api_needs_a_login(client):
    response = client.get("/api/v1/progress")
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
