"""Blueprint ``api``: the JSON API v1 under ``/api/v1`` (see ``openapi.json``).

The stateless checkers and the preview use no cookie authentication, so they are
exempt from CSRF and rate limited instead; attempts need a login and a CSRF header.
"""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from quizapp.api import attempts, checks, openapi, questions  # noqa: E402,F401  (routes attach to bp)
