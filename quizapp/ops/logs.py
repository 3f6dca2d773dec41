"""Structured logs: every record of the ``quizapp`` loggers as one JSON line on stderr,
and one access line per request: method, path, status, duration (ms), request id.

The access line never holds the query string, the body, form fields or headers, so no
answer text and no password is written. A request id comes from a well-formed
``X-Request-ID`` header or is generated, and is echoed in the response header.
SQL parameters (which may hold answer text) are hidden in logged database errors.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime
from typing import Any

from flask import Flask, Response, g, request
from flask.logging import default_handler
from sqlalchemy.exc import StatementError

ACCESS_LOGGER = "quizapp.access"
REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_STANDARD_FIELDS = ("ts", "level", "logger", "msg")


def _hide_sql_parameters(error: BaseException | None) -> None:
    """Mark every SQLAlchemy statement error in the chain to print without parameters."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, StatementError):
            error.hide_parameters = True
        error = error.__cause__ or error.__context__


class JsonFormatter(logging.Formatter):
    """``{"ts", "level", "logger", "msg", ...fields, "exc"?}`` on one line."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update({k: v for k, v in fields.items() if k not in _STANDARD_FIELDS})
        if record.exc_info:
            _hide_sql_parameters(record.exc_info[1])
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging() -> logging.Logger:
    """Give the ``quizapp`` logger one JSON handler on stderr (idempotent)."""
    logger = logging.getLogger("quizapp")
    logger.removeHandler(default_handler)
    if not any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.INFO)
    return logger


def _start() -> None:
    given = request.headers.get(REQUEST_ID_HEADER, "")
    g.request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _log_request(response: Response) -> Response:
    started = g.get("request_started")
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers[REQUEST_ID_HEADER] = request_id
    duration = (time.perf_counter() - started) * 1000 if started else None
    fields = {
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": round(duration, 1) if duration is not None else None,
        "request_id": request_id,
    }
    logging.getLogger(ACCESS_LOGGER).info("request", extra={"fields": fields})
    return response


def init_app(app: Flask) -> None:
    """JSON logging plus the per-request access line (timed from the first hook)."""
    configure_logging()
    app.before_request_funcs.setdefault(None, []).insert(0, _start)
    app.after_request(_log_request)
