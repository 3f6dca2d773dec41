"""Blueprint ``api``: the JSON API v1 under ``/api/v1`` (see ``openapi.json``)."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")
