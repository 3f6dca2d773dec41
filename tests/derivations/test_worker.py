"""The killable worker pool: results, deadlines, memory limit, fork safety."""

import os
import time

import pytest
import sympy

from derivations import worker


def test_runs_a_function_in_another_process() -> None:
    outcome = worker.run(os.getpid)
    assert outcome.status == "ok"
    assert outcome.value != os.getpid()


X, Y = sympy.symbols("x y", real=True)


@pytest.mark.parametrize(
    "expr",
    [
        1 / (1 + sympy.exp(-X)),
        sympy.Piecewise((X, X > 0), (0, True)),
        sympy.Max(0, X) * sympy.Rational(3, 7) - sympy.sqrt(X),
        X**2 - X * Y,
    ],
    ids=str,
)
def test_expressions_arrive_unchanged_and_are_evaluated_there(expr: sympy.Expr) -> None:
    """The worker sees the very same tree, and its own work evaluates (2*expr)."""
    assert worker.run(sympy.srepr, expr).value == sympy.srepr(expr)
    assert worker.run(sympy.Add, expr, expr).value == 2 * expr


def test_deadline_kills_and_replaces_the_worker() -> None:
    x = sympy.Symbol("x")
    start = time.monotonic()
    outcome = worker.run(sympy.expand, (x + 1) ** 300000, deadline=0.3)
    assert outcome.status == "timeout"
    assert time.monotonic() - start < 5
    assert worker.run(max, 2, 3).value == 3  # a fresh worker took over


def test_memory_limit_turns_into_an_error() -> None:
    outcome = worker.run(bytearray, 64 * 1024**3, deadline=20)
    assert (outcome.status, outcome.value) == ("error", "memory")
    assert worker.run(max, 1, 5).value == 5


def test_exceptions_are_reported_not_raised() -> None:
    outcome = worker.run(int, "not a number")
    assert (outcome.status, outcome.value) == ("error", "ValueError")


def test_shutdown_then_lazy_restart() -> None:
    worker.run(max, 1, 2)
    worker.shutdown()
    assert worker.run(max, 1, 2).value == 2


def test_forked_child_builds_its_own_pool() -> None:
    worker.run(max, 1, 2)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        ok = False
        try:
            ok = worker.run(max, 4, 9, deadline=30).value == 9
        finally:
            os.write(write, b"1" if ok else b"0")
            os._exit(0)
    os.close(write)
    assert os.read(read, 1) == b"1"
    os.waitpid(pid, 0)
    assert worker.run(max, 7, 8).value == 8


@pytest.fixture(autouse=True, scope="module")
def _stop_pool_afterwards():
    yield
    worker.shutdown()
