"""Study progress (issue 5): FSRS reviews, mastery, readiness, dashboard, export.

Blueprints: ``progress`` (pages under ``/progress``) and ``progress_api``
(``GET /api/v1/progress``). ``init_app`` registers them with the ``review`` and ``exam``
blueprints and the template helpers they share.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("progress", __name__, url_prefix="/progress")
api_bp = Blueprint("progress_api", __name__, url_prefix="/api/v1/progress")


def init_app(app: Flask) -> None:
    """Register progress, its API, the review queue and the mock exam."""
    from quizapp import exam, review
    from quizapp.progress import api, template_helpers, views  # noqa: F401  (routes attach)

    app.register_blueprint(bp)
    app.register_blueprint(api_bp)
    review.init_app(app)
    exam.init_app(app)
    template_helpers.init_app(app)
