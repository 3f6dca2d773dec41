"""App-wide error handlers: JSON ``{"error": {"code", "message"}}`` under ``/api/``,
an HTML page elsewhere. Nothing reaches the learner as a traceback."""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from werkzeug.exceptions import HTTPException, InternalServerError

from quizapp.extensions import db

ERROR_CODES = {
    400: ("bad_request", _l("The request could not be understood. Check its format.")),
    401: ("unauthorized", _l("Please log in first.")),
    403: ("forbidden", _l("You may not do this.")),
    404: ("not_found", _l("Nothing was found at this address.")),
    405: ("method_not_allowed", _l("This method is not allowed here.")),
    413: ("payload_too_large", _l("The request is too large.")),
    415: ("unsupported_media_type", _l("Send the request body as JSON.")),
    429: ("rate_limited", _l("Too many requests. Please wait a moment and try again.")),
    500: ("internal_error", _l("Something went wrong on our side. Please try again.")),
    503: ("unavailable", _l("The service is busy. Please try again shortly.")),
}


class ApiError(Exception):
    """An error answered as JSON with a specific code and a translated message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def wants_json() -> bool:
    """JSON for the API and for clients that ask only for JSON."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and not request.accept_mimetypes.accept_html


def error_response(status: int, code: str | None = None, message: str | None = None) -> Response:
    """Build the JSON or HTML error answer for ``status``."""
    default_code, default_message = ERROR_CODES.get(status, ERROR_CODES[500])
    code, message = code or default_code, message or str(default_message)
    if wants_json():
        response = jsonify(error={"code": code, "message": message})
    else:
        response = Response(_render_page(status, message))
    response.status_code = status
    return response


def _render_page(status: int, message: str) -> str:
    try:
        return render_template("error.html", status=status, message=message)
    except Exception:  # a broken template must not turn an error page into a 500 loop
        current_app.logger.exception("error page failed to render")
        return f"{status}: {escape(message)}"


def _handle_http(error: HTTPException) -> Response:
    return error_response(error.code or 500)


def _handle_csrf(error: CSRFError) -> Response:
    return error_response(
        400,
        "csrf_failed",
        _("The form expired or lacks its security token. Reload the page and try again."),
    )


def _handle_api(error: ApiError) -> Response:
    return error_response(error.status, error.code, error.message)


def _handle_unexpected(error: Exception) -> Response:
    db.session.rollback()
    if isinstance(error, HTTPException):
        return _handle_http(error)
    original = getattr(error, "original_exception", None) or error
    current_app.logger.error("Unhandled error", exc_info=original)
    return error_response(500)


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, _handle_csrf)
    app.register_error_handler(ApiError, _handle_api)
    app.register_error_handler(HTTPException, _handle_http)
    app.register_error_handler(InternalServerError, _handle_unexpected)
    app.register_error_handler(Exception, _handle_unexpected)
