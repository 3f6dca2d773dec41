"""Blueprint ``exam``: timed mock exams in the E資格 format (server-side timer, answers
saved as given, feedback only at the end)."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("exam", __name__, url_prefix="/exam")

from quizapp.exam import views  # noqa: E402,F401  (routes attach to bp)


def init_app(app: Flask) -> None:
    """Register the blueprint."""
    app.register_blueprint(bp)
