"""Storage faults (disk full, read-only file, database down, lock wait exhausted) answer
503 with ``Retry-After`` and a "please send again" message, never 500. Nothing is half
stored: the write transaction is rolled back, and the next request tries again, so the
service recovers by itself once the fault is gone.
"""

from __future__ import annotations

from flask import Flask, Response, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import OperationalError

from quizapp.errors import error_response
from quizapp.extensions import db

RETRY_AFTER_S = 5
MESSAGE = _l("Your answer could not be saved just now. Please send it again in a few seconds.")


def _handle_storage_fault(error: OperationalError) -> Response:
    try:
        db.session.rollback()
    except Exception:  # the connection itself may be gone; the pool replaces it later
        db.session.close()
    driver_error = getattr(error, "orig", None) or error
    current_app.logger.warning(  # the driver's message only: no SQL parameters (answer text)
        "storage fault",
        extra={"fields": {"error": type(driver_error).__name__, "detail": str(driver_error)[:200]}},
    )
    response = error_response(503, "storage_unavailable", str(MESSAGE))
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def init_app(app: Flask) -> None:
    """Register the handler (more specific than the app's catch-all, so it wins)."""
    app.register_error_handler(OperationalError, _handle_storage_fault)
