"""``GET /api/v1/progress`` (signed in): the dashboard's numbers as JSON — per-topic
attempts, accuracy and mastery, due count, streak, readiness, forecast, activity."""

from __future__ import annotations

from flask import Response, jsonify
from flask_login import current_user, login_required

from quizapp.i18n import answer_language
from quizapp.models.user import utcnow
from quizapp.progress import api_bp
from quizapp.progress.dashboard import dashboard


@api_bp.get("")
@login_required
def progress() -> Response:
    """The signed-in learner's progress (texts in the ``Accept-Language`` language)."""
    return jsonify(dashboard(current_user, utcnow(), answer_language()))
