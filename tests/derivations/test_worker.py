"""The killable worker pool: results, deadlines, memory limit, fork safety, workers
killed while idle."""

import os
import signal
import time

import pytest
import sympy

from derivations import worker
from loadtest.procs import checker_workers, wait_until_exited


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


def _kill_idle_workers(every: bool) -> tuple[list[int], int]:
    """SIGKILL every worker of the pool, or one; ``(killed pids, pool size)``."""
    assert worker.run(max, 1, 2).value == 2  # the pool is up
    pids = checker_workers(os.getpid())
    assert pids, "no checker worker processes found below this test process"
    killed = pids if every else pids[:1]
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
        wait_until_exited(pid)  # as if killed some time before the next task
    return killed, len(pids)


@pytest.mark.parametrize("every", [True, False], ids=["every worker", "one worker"])
def test_killed_idle_workers_are_replaced_before_they_cost_a_proof(every: bool) -> None:
    dead, size = _kill_idle_workers(every)
    x = sympy.Symbol("x")
    # one idle worker killed: the queue reaches it within `size` tasks
    for _ in range(1 if every else size):
        # 0.3 s is less than a fresh worker's start-up, which is not charged to the task
        outcome = worker.run(sympy.expand, (x + 1) ** 2, deadline=0.3)
        assert (outcome.status, outcome.value) == ("ok", x**2 + 2 * x + 1), outcome
    alive = checker_workers(os.getpid())
    assert len(alive) == size
    assert set(alive).isdisjoint(dead)


def test_a_worker_that_dies_with_its_task_costs_that_task_and_only_one_worker() -> None:
    assert worker.run(max, 1, 2).value == 2
    before = set(checker_workers(os.getpid()))
    outcome = worker.run(os._exit, 3, deadline=5)
    assert outcome.status == "timeout"
    after = set(checker_workers(os.getpid()))
    assert len(before - after) == 1, "the task was sent to a second worker"
    assert worker.run(max, 4, 5).value == 5


@pytest.fixture(autouse=True, scope="module")
def _stop_pool_afterwards():
    yield
    worker.shutdown()
