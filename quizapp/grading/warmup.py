"""Start the checkers before the first learner arrives.

The first check in a fresh process pays for SymPy's first-call caches and for starting
``derivations``' worker processes (about 2 s on this machine, more under load); paid
inside a request, it could push a learner's first answer past ``GRADING_DEADLINE_S``.
Serving entry points (``quizapp.wsgi``) call :func:`warm_up_in_background` once.

After the warm-up the heap is frozen (:func:`gc.freeze`): the ~150,000 objects of a
started worker (Flask, SQLAlchemy, SymPy, NumPy, the question bank) move to the
permanent generation, which the cyclic garbage collector never walks again. Unfrozen, a
full collection walked them all (~85 ms on this machine, holding the GIL, so every
request in that process stalled at once), and SymPy's allocations trigger one every few
hundred answers: the slowest 1 % of answers was made of these pauses.
"""

from __future__ import annotations

import gc
import logging
import threading

import derivations
from derivations import worker

log = logging.getLogger(__name__)


def warm_up() -> None:
    """Start the symbolic worker pool and run one small check through every stage."""
    worker.warm_up()
    derivations.check_expression("x*(1 - x)", "diff(x**2/2 - x**3/3, x)")


def freeze_heap() -> int:
    """Collect once, then exempt every object alive now from later collections.

    Returns how many objects are frozen. Garbage made of these objects later is only
    reclaimed by reference counting, which is how a long-lived server's start-up state
    ends anyway.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def warm_up_in_background() -> threading.Thread:
    """Run :func:`warm_up`, then :func:`freeze_heap`, in a daemon thread; failures are
    logged, never raised."""

    def run() -> None:
        try:
            warm_up()
        except Exception:  # a failed warm-up only means the first check pays the cost
            log.exception("checker warm-up failed")
        log.info("heap frozen after warm-up: %d objects", freeze_heap())

    thread = threading.Thread(target=run, name="checker-warm-up", daemon=True)
    thread.start()
    return thread
