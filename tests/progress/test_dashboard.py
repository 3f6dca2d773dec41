"""Every dashboard number checked against the stored attempts (expected values computed
here, independently, from the attempt rows), the API, and export → delete → import."""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from quizapp.bank.loader import get_bank
from quizapp.exam import sessions
from quizapp.extensions import db
from quizapp.models import Attempt, Card, ExamSession, User
from quizapp.progress.syllabus import WEIGHTS
from tests.progress.conftest import PASSWORD, make_learner
from tests.quizapp.conftest import AuthActions, csrf_token

TOKYO = ZoneInfo("Asia/Tokyo")
START = datetime(2026, 5, 1, 0, 0, tzinfo=UTC)
NOW = START + timedelta(days=9, hours=3)


def _plan(app) -> list[tuple[str, bool, datetime, int | None, int]]:
    """A seeded study history over several topics and days (with a gap)."""
    rng = random.Random(2026)
    with app.app_context():
        bank = get_bank()
        pool = [q.id for q in bank.filter(type="choice")]
    rows = []
    for day in (0, 1, 2, 4, 6, 7, 8, 9):
        for _ in range(rng.randint(2, 6)):
            moment = START + timedelta(
                days=day, hours=rng.randint(0, 3), minutes=rng.randint(0, 59)
            )
            rows.append(
                (
                    rng.choice(pool[:12]),
                    rng.random() < 0.6,
                    moment,
                    rng.choice([None, 4_000, 25_000, 70_000]),
                    1 if rng.random() < 0.1 else 0,
                )
            )
    return sorted(rows, key=lambda r: r[2])


@pytest.fixture
def history(app):
    learner = make_learner(app, "alice", fuzz=False)
    for qid, right, moment, ms, hints in _plan(app):
        learner.answer(qid, right, moment, ms=ms, hints=hints)
    with app.app_context(), freeze_time(START + timedelta(days=2)):
        exam = sessions.start(learner.user_id, "mini", START + timedelta(days=2), random.Random(4))
        for slot in sessions.slots(exam)[:4]:
            variant = get_bank().get(slot.question_id).variant(slot.seed)
            moment = START + timedelta(days=2, minutes=1)
            sessions.save_answer(
                exam, slot.position, variant.reference, f"x{slot.position}", moment, lang="ja"
            )
        sessions.finish(exam, START + timedelta(days=2, minutes=6))
    return learner


def _signed_in_client(app, name="alice"):
    client = app.test_client()
    with freeze_time(NOW - timedelta(hours=1)):
        response = AuthActions(client).login(name)
        assert response.status_code == 302
    return client


def _api(client, lang="en"):
    with freeze_time(NOW):
        response = client.get("/api/v1/progress", headers={"Accept-Language": lang})
    assert response.status_code == 200
    return response.get_json()


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
    data = _api(_signed_in_client(app))
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
    client = _signed_in_client(app)
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
    assert data == _api(client, "en")
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


def test_export_delete_import_gives_the_same_dashboard(app, history):
    client = _signed_in_client(app)
    before = _api(client)
    with freeze_time(NOW):
        exported = client.get("/progress/export.json")
        archive = client.get("/progress/export.zip")
    assert exported.status_code == 200
    document = exported.get_json()
    assert len(document["attempts"]) == before["totals"]["attempts"]
    with zipfile.ZipFile(io.BytesIO(archive.data)) as files:
        attempts_csv = files.read("attempts.csv").decode("utf-8-sig").strip().splitlines()
        assert set(files.namelist()) >= {
            "attempts.csv",
            "cards.csv",
            "review_logs.csv",
            "exam_sessions.csv",
            "exam_answers.csv",
        }
    assert len(attempts_csv) == 1 + before["totals"]["attempts"]
    with freeze_time(NOW):
        refused = client.post(
            "/progress/delete",
            data={"password": "wrong", "csrf_token": csrf_token(client, "/progress/")},
        )
        assert refused.status_code == 403
        deleted = client.post(
            "/progress/delete",
            data={"password": PASSWORD, "csrf_token": csrf_token(client, "/progress/")},
        )
        assert deleted.status_code == 302
    with app.app_context():
        assert db.session.get(User, history.user_id) is None
        for model in (Attempt, Card, ExamSession):
            assert db.session.scalars(select(model)).all() == []
    fresh = app.test_client()
    with freeze_time(NOW - timedelta(minutes=30)):
        AuthActions(fresh).register("alice")
        AuthActions(fresh).login("alice")
    for _ in range(2):  # the second import adds nothing
        with freeze_time(NOW - timedelta(minutes=20)):
            token = csrf_token(fresh, "/progress/")
            response = fresh.post(
                "/progress/import",
                data={"csrf_token": token, "file": (io.BytesIO(exported.data), "export.json")},
                headers={"Accept": "application/json"},
            )
        assert response.status_code == 200, response.get_data(as_text=True)
        assert _api(fresh) == before
    assert response.get_json()["imported"] == {
        "attempts": 0,
        "cards": 0,
        "review_logs": 0,
        "exams": 0,
    }


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        (b"not json", "cannot be imported"),
        (b'{"format": "other"}', "format"),
        (b'{"format": "bibun-dojo-export", "version": 9}', "version"),
        (
            b'{"format": "bibun-dojo-export", "version": 1, "attempts": [{"question_id": 1}], "cards": [], "review_logs": [], "exams": []}',
            "could not be read",
        ),
        (
            b'{"format": "bibun-dojo-export", "version": 1, "attempts": [{"question_id": "q", "created_at": "2026-01-01T00:00:00Z", "verdict": null}], "cards": [], "review_logs": [], "exams": []}',
            "could not be read",
        ),
        (
            b'{"format": "bibun-dojo-export", "version": 1, "attempts": [], "cards": [{"question_id": "q", "due": "tomorrow"}], "review_logs": [], "exams": []}',
            "could not be read",
        ),
        (
            b'{"format": "bibun-dojo-export", "version": 1, "attempts": [7], "cards": [], "review_logs": [], "exams": []}',
            "could not be read",
        ),
        (b"[1, 2]", "format"),
    ],
)
def test_bad_import_files_get_a_clear_message(app, client, auth, body, needle):
    auth.register()
    auth.login()
    response = client.post(
        "/progress/import",
        data={"csrf_token": csrf_token(client, "/progress/"), "file": (io.BytesIO(body), "x.json")},
        headers={"Accept": "application/json", "Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert needle in response.get_json()["error"]["message"]
    with app.app_context():  # all or nothing: no row of a refused file is kept
        assert db.session.scalars(select(Attempt)).all() == []
        assert db.session.scalars(select(Card)).all() == []


@pytest.mark.parametrize(
    ("per_day", "retention", "tz", "status"),
    [
        ("-1", "0.9", "Asia/Tokyo", 422),
        ("201", "0.9", "Asia/Tokyo", 422),
        ("three", "0.9", "Asia/Tokyo", 422),
        ("3", "0.99", "Asia/Tokyo", 422),
        ("3", "0.9", "Mars/Base", 422),
        ("3", "0.85", "Europe/Berlin", 302),
    ],
)
def test_settings_are_checked_and_change_the_daily_limit(
    app, client, auth, per_day, retention, tz, status
):
    auth.register()
    auth.login()
    data = {"new_per_day": per_day, "desired_retention": retention, "timezone": tz}
    data["csrf_token"] = csrf_token(client, "/progress/")
    response = client.post("/progress/settings", data=data, headers={"Accept-Language": "en"})
    assert response.status_code == status
    page = client.get("/review/").get_data(as_text=True)
    new_list = re.search(r'<ol id="new-list">(.*?)</ol>', page, re.DOTALL).group(1)
    assert new_list.count("<li") == (3 if status == 302 else 10)
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        assert user.timezone == (tz if status == 302 else "Asia/Tokyo")
