"""Scheduler settings: out-of-range values are refused; saved ones change the daily
limit of new questions and the learner's time zone."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from quizapp.extensions import db
from quizapp.models import User
from tests.quizapp.conftest import csrf_token


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
