"""``GET /health``: 200 when the database answers a real query at the expected schema
revision and the symbolic checker pool proves a small identity; 503 otherwise.

``?check=database`` runs only the named check (a cheap readiness probe for restarts).
Body: ``{"status": "ok"|"unavailable", "checks": {"database": {...}, "checker": {...}}}``,
each check with ``ok``, ``ms`` and, when failing, ``error``. Never cached.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from typing import Any

from alembic.script import ScriptDirectory
from flask import Response, current_app, jsonify, request
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from quizapp import grading
from quizapp.extensions import db, migrate
from quizapp.ops import bp

# |x| = x*sign(x) agrees numerically, and only the worker proves it (kinks are outside the
# in-process modular test), so "symbolic" shows that the worker answered.
PROBE = ("abs(x)", "x*sign(x)")


@cache
def _expected_heads(directory: str) -> frozenset[str]:
    return frozenset(ScriptDirectory.from_config(migrate.get_config(directory)).get_heads())


def _database() -> str | None:
    try:
        rows = db.session.execute(text("SELECT version_num FROM alembic_version")).scalars()
        found = frozenset(rows)
    except SQLAlchemyError as error:
        db.session.rollback()
        return f"{type(error).__name__}: {getattr(error, 'orig', error)}"
    finally:
        db.session.close()
    expected = _expected_heads(current_app.extensions["migrate"].directory)
    if found != expected:
        return f"schema at {sorted(found)}, code expects {sorted(expected)}"
    return None


def _checker() -> str | None:
    answer, reference = PROBE  # same deadline as grading: a first call starts the pool
    result = grading.check_expression_payload(
        answer,
        reference,
        variables=["x"],
        lang="en",
        deadline=current_app.config["GRADING_DEADLINE_S"],
    )
    if result.get("verdict") == "correct" and result.get("method") == "symbolic":
        return None
    return f"checker answered {result.get('verdict')!r} by {result.get('method')!r}"


def _timed(check: Callable[[], str | None]) -> dict[str, Any]:
    started = time.perf_counter()
    problem = check()
    outcome: dict[str, Any] = {
        "ok": problem is None,
        "ms": round((time.perf_counter() - started) * 1000, 1),
    }
    if problem is not None:
        outcome["error"] = problem
    return outcome


CHECKS: dict[str, Callable[[], str | None]] = {"database": _database, "checker": _checker}


@bp.get("/health")
def health() -> tuple[Response, int]:
    """All checks, or only those named by ``?check=database`` (repeatable)."""
    wanted = request.args.getlist("check") or list(CHECKS)
    unknown = sorted(set(wanted) - set(CHECKS))
    if unknown:
        return jsonify(error={"code": "unknown_check", "message": f"unknown check {unknown}"}), 400
    checks = {name: _timed(CHECKS[name]) for name in wanted}
    healthy = all(c["ok"] for c in checks.values())
    if not healthy:
        current_app.logger.warning("health check failed", extra={"fields": {"checks": checks}})
    response = jsonify(status="ok" if healthy else "unavailable", checks=checks)
    response.headers["Cache-Control"] = "no-store"
    return response, 200 if healthy else 503
