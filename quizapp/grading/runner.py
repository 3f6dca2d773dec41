"""Run one checker call under a wall-clock deadline in a small thread pool; every
failure becomes a verdict dict (learner input → ``invalid``, timeout or fault →
``undetermined``); request problems (unknown network, bad reference) are raised."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import engine
from derivations.errors import AuthoringError, LearnerInputError
from quizapp.verdicts import RequestProblem, verdict

log = logging.getLogger("quizapp.grading")
DEFAULT_DEADLINE_S = 8.0
_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="grading")


def run(job: Callable[[], dict[str, Any]], lang: str, deadline: float | None) -> dict[str, Any]:
    """Run ``job`` under the deadline; every failure becomes a verdict."""
    future = _POOL.submit(job)
    try:
        return future.result(timeout=deadline or DEFAULT_DEADLINE_S)
    except FutureTimeout:
        future.cancel()
        return verdict("undetermined", "timeout", lang, reason="timeout")
    except LearnerInputError as error:
        return verdict("invalid", {lang: error.message(lang)}, lang, span=list(error.span))
    except (RequestProblem, engine.FormulaRequestError, AuthoringError) as error:
        raise _as_request_problem(error) from error
    except Exception:
        log.exception("checker failed")
        return verdict("undetermined", "internal", lang, reason="internal")


def _as_request_problem(error: Exception) -> RequestProblem:
    if isinstance(error, RequestProblem):
        return error
    if isinstance(error, engine.FormulaRequestError):
        return RequestProblem("invalid_request", error.messages)
    return RequestProblem(
        "invalid_reference",
        {"ja": f"模範解答を読めません: {error}", "en": f"The reference cannot be read: {error}"},
    )


def one_language(result: dict[str, Any]) -> dict[str, Any]:
    """Drop the both-language copies some checkers add; keep ``message`` in one language."""
    result.pop("messages", None)
    if isinstance(result.get("diagnosis"), dict):
        result["diagnosis"].pop("messages", None)
    return result
