"""Blueprint ``auth``: register, log in, log out, change password."""

from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from quizapp.auth import views  # noqa: E402,F401  (routes attach to bp)
