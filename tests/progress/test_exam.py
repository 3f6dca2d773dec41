"""Mock exams over real HTTP: server-side timer, answers saved as given and kept across a
reload, submissions after time refused with 409, auto-finish, result by area."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from quizapp.bank.loader import get_bank, load_bank
from quizapp.exam import views as exam_views
from quizapp.exam.draw import EXAM_TYPES, PRESETS, draw
from quizapp.extensions import db
from quizapp.models import Attempt, Card, ExamAnswer, ExamSession
from quizapp.progress.syllabus import AREAS, WEIGHTS, allocate

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
QUESTIONS_DIR = "quizapp/questions"


@pytest.mark.parametrize(
    ("count", "capacity"),
    [
        (10, {a: 50 for a in AREAS}),
        (
            100,
            {
                "数学的基礎": 36,
                "機械学習": 0,
                "深層学習の基礎": 96,
                "深層学習の応用": 33,
                "開発・運用環境": 0,
            },
        ),
        (
            25,
            {
                "数学的基礎": 2,
                "機械学習": 0,
                "深層学習の基礎": 96,
                "深層学習の応用": 1,
                "開発・運用環境": 0,
            },
        ),
        (
            500,
            {
                "数学的基礎": 3,
                "機械学習": 4,
                "深層学習の基礎": 5,
                "深層学習の応用": 0,
                "開発・運用環境": 1,
            },
        ),
    ],
)
def test_allocation_is_proportional_within_capacity(count, capacity):
    given = allocate(count, capacity)
    assert sum(given.values()) == min(count, sum(capacity.values()))
    assert all(given[a] <= capacity[a] for a in capacity)
    free = [a for a in capacity if given[a] < capacity[a]]
    weight = sum(WEIGHTS[a] for a in free)
    left = sum(given[a] for a in free)
    for area in free:  # areas not held back by their capacity get their share, ±1
        assert abs(given[area] - left * WEIGHTS[area] / weight) <= 1


def test_full_exam_draw_matches_the_weights():
    bank = load_bank(QUESTIONS_DIR)
    drawn = draw(bank, 100, random.Random(3))
    assert len(drawn) == 100
    assert len({q.id for q, _ in drawn}) == 100
    assert {q.type for q, _ in drawn} <= set(EXAM_TYPES)
    per_area = Counter(q.raw["syllabus"] for q, _ in drawn)
    pools = Counter(q.raw["syllabus"] for q in bank.questions.values() if q.type in EXAM_TYPES)
    assert dict(per_area) == {
        k: v for k, v in allocate(100, {a: pools[a] for a in AREAS}).items() if v
    }


@pytest.fixture
def signed_in(client, auth, monkeypatch):
    monkeypatch.setattr(exam_views, "draw_rng", lambda: random.Random(11))
    with freeze_time(
        T0 - timedelta(minutes=5)
    ):  # session cookies are signed in the frozen timeline
        auth.register()
        auth.login()
    return client


def _start(client, preset="mini"):
    with freeze_time(T0):
        token = _token(client)
        response = client.post("/exam/start", data={"preset": preset, "csrf_token": token})
    assert response.status_code == 302
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def _token(client):
    from tests.quizapp.conftest import csrf_token

    return csrf_token(client, "/exam/")


def _slots(app, exam_id):
    with app.app_context():
        query = select(ExamAnswer).where(ExamAnswer.session_id == exam_id)
        rows = list(db.session.scalars(query.order_by(ExamAnswer.position)))
        db.session.expunge_all()
        return rows


def _reference(app, slot):
    with app.app_context():
        return get_bank().get(slot.question_id).variant(slot.seed).reference


def _wrong(app, slot):
    with app.app_context():
        variant = get_bank().get(slot.question_id).variant(slot.seed)
        if variant.type == "choice":
            return next(k for k, _ in variant.options() if k != variant.reference)
        return "12345.678" if variant.type == "numeric" else "x + 12345"


def _save(client, exam_id, position, answer, client_id, at):
    with freeze_time(at):
        headers = {"X-CSRFToken": _token(client), "Accept": "application/json"}
        return client.post(
            f"/exam/{exam_id}/answer",
            json={"position": position, "answer": answer, "client_answer_id": client_id},
            headers=headers,
        )


def test_exam_saves_answers_survives_reload_refuses_late_and_scores(app, signed_in):
    client = signed_in
    exam_id = _start(client)
    slots = _slots(app, exam_id)
    assert len(slots) == PRESETS["mini"].questions
    plan = {slot.position: (i % 3 != 2) for i, slot in enumerate(slots[:7])}  # 3 left blank
    for i, slot in enumerate(slots[:7]):
        answer = _reference(app, slot) if plan[slot.position] else _wrong(app, slot)
        response = _save(client, exam_id, slot.position, answer, f"c{i}", T0 + timedelta(minutes=i))
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["saved"] is True
        assert "verdict" not in response.get_json()  # no feedback before the end
    # a retry of the same save (same client id) changes nothing, even with another text
    first = slots[0]
    again = _save(client, exam_id, first.position, "zzz", "c0", T0 + timedelta(minutes=8))
    assert again.status_code == 200
    stored = {s.position: s for s in _slots(app, exam_id)}
    assert plan[first.position]
    assert stored[first.position].answer == _reference(app, first)
    # reload: the page still shows every saved answer and the server's remaining time
    with freeze_time(T0 + timedelta(minutes=9)):
        page = client.get(f"/exam/{exam_id}").get_data(as_text=True)
    assert 'data-remaining="180"' in page
    for slot in slots[:7]:
        text = stored[slot.position].answer
        assert f'value="{text}" checked' in page or f'value="{text}"' in page
    # after the deadline: refused clearly, and the exam has finished by itself
    late = _save(
        client,
        exam_id,
        slots[8].position,
        _reference(app, slots[8]),
        "late",
        T0 + timedelta(minutes=12),
    )
    assert late.status_code == 409
    assert late.get_json()["error"]["code"] == "time_over"
    with freeze_time(T0 + timedelta(minutes=13)):
        assert client.get(f"/exam/{exam_id}").status_code == 302
        result = client.get(f"/exam/{exam_id}/result").get_data(as_text=True)
    rows = _slots(app, exam_id)
    assert rows[8].answer is None
    right = sum(1 for s in rows if s.verdict == "correct")
    assert right == sum(plan.values())
    with app.app_context():
        exam = db.session.get(ExamSession, exam_id)
        assert exam.score == right
        assert exam.finished_at == exam.deadline_at
    assert f"{right} / 10" in result
    with app.app_context():  # the graded answers became attempts, hence FSRS reviews
        stored_attempts = db.session.scalars(select(Attempt).order_by(Attempt.id)).all()
        cards = db.session.scalars(select(Card)).all()
    answered = [s for s in rows if s.verdict in ("correct", "incorrect")]
    assert [(a.question_id, a.verdict, a.client_attempt_id) for a in stored_attempts] == [
        (s.question_id, s.verdict, f"exam-{exam_id}-{s.position}") for s in answered
    ]
    assert {c.question_id for c in cards} == {s.question_id for s in answered}
    wrong_positions = [s.position for s in rows if s.verdict != "correct"]
    for position in wrong_positions:
        assert f'id="wrong-{position}"' in result
    for slot in rows:
        if slot.verdict == "correct":
            assert f'id="wrong-{slot.position}"' not in result
    per_area = Counter(s.syllabus for s in rows)
    for area, total in per_area.items():
        got = sum(1 for s in rows if s.syllabus == area and s.verdict == "correct")
        assert f"<td>{got}</td><td>{total}</td>" in result


@pytest.mark.parametrize(
    ("payload", "status", "code"),
    [
        ({"position": 1, "answer": "", "client_answer_id": "e1"}, 422, "empty"),
        ({"position": 99, "answer": "a", "client_answer_id": "e2"}, 422, "no_such_question"),
        ({"position": "one", "answer": "a", "client_answer_id": "e3"}, 422, "bad_request"),
        ({"answer": "a"}, 422, "bad_request"),
    ],
)
def test_bad_answers_get_a_clear_message(app, signed_in, payload, status, code):
    exam_id = _start(signed_in)
    with freeze_time(T0 + timedelta(minutes=1)):
        headers = {"X-CSRFToken": _token(signed_in), "Accept": "application/json"}
        response = signed_in.post(f"/exam/{exam_id}/answer", json=payload, headers=headers)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert response.get_json()["error"]["message"]


def test_a_choice_slot_refuses_other_than_a_to_d(app, signed_in):
    exam_id = _start(signed_in)
    with app.app_context():
        slots = _slots(app, exam_id)
        choice = next(s for s in slots if get_bank().get(s.question_id).type == "choice")
    response = _save(signed_in, exam_id, choice.position, "e", "x1", T0 + timedelta(minutes=1))
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "not_an_option"


def test_form_post_without_javascript_saves_and_redirects(app, signed_in):
    exam_id = _start(signed_in)
    slot = _slots(app, exam_id)[0]
    with freeze_time(T0 + timedelta(minutes=2)):
        data = {
            "csrf_token": _token(signed_in),
            "position": str(slot.position),
            "answer": _reference(app, slot),
            "client_answer_id": "form-1",
        }
        response = signed_in.post(f"/exam/{exam_id}/answer", data=data)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/exam/{exam_id}#q{slot.position}")
    assert _slots(app, exam_id)[0].answer == _reference(app, slot)


def test_someone_elses_exam_is_not_found(app, client, auth, auth_for, monkeypatch):
    monkeypatch.setattr(exam_views, "draw_rng", lambda: random.Random(5))
    other = app.test_client()
    with freeze_time(T0 - timedelta(minutes=5)):
        auth.register("alice")
        auth.login("alice")
        auth_for(other).register("bob")
        auth_for(other).login("bob")
    exam_id = _start(client)
    with freeze_time(T0 + timedelta(minutes=1)):
        assert other.get(f"/exam/{exam_id}").status_code == 404
        assert other.get(f"/exam/{exam_id}/result").status_code == 404


def test_hand_in_early_and_start_resumes_a_running_exam(app, signed_in):
    exam_id = _start(signed_in)
    assert _start(signed_in) == exam_id  # a second start goes back to the running exam
    with freeze_time(T0 + timedelta(minutes=3)):
        response = signed_in.post(f"/exam/{exam_id}/finish", data={"csrf_token": _token(signed_in)})
        assert response.status_code == 302
    with app.app_context():
        exam = db.session.get(ExamSession, exam_id)
        assert exam.finished_at == T0 + timedelta(minutes=3)
        assert exam.score == 0
    late = _save(signed_in, exam_id, 1, "a", "after", T0 + timedelta(minutes=4))
    assert late.status_code == 409
    assert _start(signed_in) != exam_id


def test_unknown_preset_is_refused(signed_in):
    with freeze_time(T0):
        response = signed_in.post(
            "/exam/start", data={"preset": "huge", "csrf_token": _token(signed_in)}
        )
    assert response.status_code == 422
