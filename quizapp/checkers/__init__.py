"""Blueprint ``checkers``: free checkers for a scalar derivative (with definitions), a
chain of derivation steps, and a backprop formula for a preset network. No login."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("checkers", __name__, url_prefix="/checkers")

from quizapp.checkers import views  # noqa: E402,F401  (routes attach to bp)


def init_app(app: Flask) -> None:
    """Register the blueprint."""
    app.register_blueprint(bp)
