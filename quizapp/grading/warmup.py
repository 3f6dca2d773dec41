"""Start the checkers before the first learner arrives.

The first check in a fresh process pays for SymPy's first-call caches and for starting
``derivations``' worker processes (about 2 s on this machine, more under load); paid
inside a request, it could push a learner's first answer past ``GRADING_DEADLINE_S``.
Serving entry points (``quizapp.wsgi``) call :func:`warm_up_in_background` once.
"""

from __future__ import annotations

import logging
import threading

import derivations
from derivations import worker

log = logging.getLogger(__name__)


def warm_up() -> None:
    """Start the symbolic worker pool and run one small check through every stage."""
    worker.warm_up()
    derivations.check_expression("x*(1 - x)", "diff(x**2/2 - x**3/3, x)")


def warm_up_in_background() -> threading.Thread:
    """Run :func:`warm_up` in a daemon thread; failures are logged, never raised."""

    def run() -> None:
        try:
            warm_up()
        except Exception:  # a failed warm-up only means the first check pays the cost
            log.exception("checker warm-up failed")

    thread = threading.Thread(target=run, name="checker-warm-up", daemon=True)
    thread.start()
    return thread
