"""Export (JSON and CSV) → delete the account → import gives the same dashboard; a bad
import file gets a clear message and changes nothing."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import Attempt, Card, ExamSession, User
from tests.progress.conftest import NOW, PASSWORD, progress_json, signed_in_client
from tests.quizapp.conftest import AuthActions, csrf_token


def test_export_delete_import_gives_the_same_dashboard(app, history):
    client = signed_in_client(app)
    before = progress_json(client)
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
        assert progress_json(fresh) == before
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
