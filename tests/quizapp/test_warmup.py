"""The serving entry point warms the checkers up without blocking start-up."""

import gc
import logging
import time
import weakref

import pytest

from quizapp.grading import warmup


def test_warm_up_runs_in_the_background_and_succeeds(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger=warmup.__name__)
    started = time.monotonic()
    thread = warmup.warm_up_in_background()
    assert time.monotonic() - started < 0.5  # returns at once; the work is in the thread
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert [r.getMessage() for r in caplog.records] == []
    assert gc.get_freeze_count() > 10_000  # the warmed-up heap is out of the collector's way
    gc.unfreeze()


def test_cycles_made_after_the_freeze_are_still_collected() -> None:
    class Node:
        pass

    frozen = warmup.freeze_heap()
    try:
        assert frozen > 0
        node = Node()
        node.itself = node  # a reference cycle: only the cyclic collector frees it
        alive = weakref.ref(node)
        del node
        gc.collect()
        assert alive() is None
    finally:
        gc.unfreeze()


def test_a_failing_warm_up_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> None:
        raise RuntimeError("no worker")

    monkeypatch.setattr(warmup, "warm_up", broken)
    caplog.set_level(logging.ERROR, logger=warmup.__name__)
    warmup.warm_up_in_background().join(timeout=10)
    assert [r.getMessage() for r in caplog.records] == ["checker warm-up failed"]
