"""Killable worker processes for symbolic work: hard deadline and memory limit.

Public names: ``run``, ``Outcome``, ``configure``, ``deadline``, ``warm_up``,
``shutdown``, ``cpu_seconds``.

The pool is created lazily on the first :func:`run` and holds ``processes`` workers.
A worker is a fresh interpreter running :func:`serve` (``python -c ...``) talking
over a socket pair; unlike ``multiprocessing`` start methods it never re-imports the
caller's main script. Each worker caps its address space with
``resource.setrlimit(RLIMIT_AS)`` (its size at start plus ``memory_mb``). A call that
misses its deadline gets its worker killed (SIGKILL) and replaced; the caller gets
``Outcome("timeout")`` and never waits longer than the deadline for the task itself
(a worker's one-off start-up, about 0.4 s on an idle machine, and the wait for a free
worker are not charged to it; the latter is bounded by the deadline too, in total).

A worker found dead when a task is handed to it (killed while idle, or died during its
start-up: it has exited, or sending the task fails) is replaced, and the task goes to
the next idle worker, at most ``processes + 1`` tries, so even a pool whose every idle
worker was killed serves the task on a fresh one. Each task is sent to at most one
worker: a worker that dies after the task reached it costs that task (``timeout``),
which is never run twice (so does one killed a moment before, while the kernel still
tears it down and its socket is open). If every try finds a dead worker the outcome is
``unavailable``. The pool is thread-safe, is forgotten (not killed) in a child after
``os.fork()`` so a forked web worker builds its own, and is shut down at exit.

Defaults come from the environment when set: ``DERIVATIONS_DEADLINE_S`` (2.0),
``DERIVATIONS_MEMORY_MB`` (1024), ``DERIVATIONS_WORKERS`` (2).
"""

from __future__ import annotations

import atexit
import gc
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

_settings = {
    "deadline": float(os.environ.get("DERIVATIONS_DEADLINE_S", "2.0")),
    "memory_mb": int(os.environ.get("DERIVATIONS_MEMORY_MB", "1024")),
    "processes": int(os.environ.get("DERIVATIONS_WORKERS", "2")),
}


@dataclass(frozen=True)
class Outcome:
    """``status`` is ``ok`` (``value`` is the result), ``timeout``, ``error`` or ``unavailable``."""

    status: str
    value: Any = None
    seconds: float = 0.0


def _limit_memory(extra_mb: int) -> None:
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as status:
            size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
    except (ImportError, OSError, StopIteration):
        return
    limit = (size_kb + extra_mb * 1024) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _serve(conn: Connection, memory_mb: int) -> None:
    """Worker main loop: receive ``(func, args)``, send back ``(status, value)``."""
    import derivations.symbolic  # noqa: F401 - import SymPy before the memory cap

    gc.collect()
    gc.freeze()  # full collections skip the imported modules (~80 ms walks otherwise)
    _limit_memory(memory_mb)
    try:
        conn.send(("ready",))
    except OSError:  # the pool was shut down while this worker started
        return
    while True:
        started = time.process_time()  # waiting costs no CPU; unpickling the task does
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        func, args = task
        try:
            reply = ("ok", func(*args))
        except MemoryError:
            reply = ("error", "memory")
        except Exception as exc:  # noqa: BLE001 - any failure is "no result", never a crash
            reply = ("error", type(exc).__name__)
        reply += (time.process_time() - started,)
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return


#: How long a new worker may take to import SymPy before it counts as broken.
STARTUP_SECONDS = 60.0
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[1])
_WORKER_MAIN = (
    "import sys; from derivations.worker import serve; serve(int(sys.argv[1]), int(sys.argv[2]))"
)


class _Worker:
    def __init__(self, memory_mb: int) -> None:
        ours, theirs = socket.socketpair()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_MAIN, str(theirs.fileno()), str(memory_mb)],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            env=env,
        )
        theirs.close()
        self.conn = Connection(ours.detach())
        self.ready = False

    def _wait_until_ready(self) -> bool:
        """Start-up (imports) is not charged to the first task's deadline."""
        if not self.ready and self.conn.poll(STARTUP_SECONDS):
            self.ready = self.conn.recv() == ("ready",)
        return self.ready

    def deliver(self, func: Callable[..., Any], args: tuple) -> bool:
        """Send the task once the worker is ready; False when the worker is gone (exited,
        or died starting up), in which case the task did not reach it."""
        if self.process.poll() is not None:
            return False
        try:
            if not self._wait_until_ready():
                return False
            self.conn.send((func, args))
        except (EOFError, OSError):
            return False
        return True

    def reply(self, seconds: float) -> tuple | None:
        """The delivered task's reply, or None when the deadline passed or the worker died."""
        try:
            if not self.conn.poll(max(seconds, 0.0)):
                return None
            return self.conn.recv()
        except (EOFError, OSError):
            return None

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        self.conn.close()


class _Pool:
    def __init__(self, processes: int, memory_mb: int) -> None:
        self.pid = os.getpid()
        self.size = max(1, processes)
        self.memory_mb = memory_mb
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.workers: set[_Worker] = set()
        self.lock = threading.Lock()
        self.cpu = 0.0
        for _ in range(self.size):
            self._add()

    def _add(self) -> None:
        worker = _Worker(self.memory_mb)
        with self.lock:
            self.workers.add(worker)
        self.idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        with self.lock:
            self.workers.discard(worker)
        worker.kill()
        self._add()

    def run(self, func: Callable[..., Any], args: tuple, deadline: float) -> Outcome:
        start = time.monotonic()
        waited = 0.0
        for _ in range(self.size + 1):  # enough to pass every dead idle worker
            taken = time.monotonic()
            try:
                worker = self.idle.get(timeout=max(deadline - waited, 0.0))
            except queue.Empty:
                break
            waited += time.monotonic() - taken
            if worker.deliver(func, args):
                return self._collect(worker, deadline, start)
            self._replace(worker)  # dead before the task reached it: try the next one
        return Outcome("unavailable", seconds=time.monotonic() - start)

    def _collect(self, worker: _Worker, deadline: float, start: float) -> Outcome:
        reply = worker.reply(deadline)
        elapsed = time.monotonic() - start
        if reply is None:
            self._replace(worker)
            return Outcome("timeout", seconds=elapsed)
        self.idle.put(worker)
        with self.lock:
            self.cpu += reply[2]
        return Outcome(reply[0], reply[1], elapsed)

    def close(self) -> None:
        with self.lock:
            workers, self.workers = list(self.workers), set()
        for worker in workers:
            worker.kill()


_pool: _Pool | None = None
_pool_lock = threading.Lock()


def _get_pool() -> _Pool:
    global _pool
    with _pool_lock:
        if _pool is None or _pool.pid != os.getpid():
            _pool = _Pool(_settings["processes"], _settings["memory_mb"])
        return _pool


def run(func: Callable[..., Any], *args: Any, deadline: float | None = None) -> Outcome:
    """Call module-level ``func(*args)`` in a worker; give up after ``deadline`` seconds.

    >>> run(max, 2, 3).value
    3
    """
    seconds = _settings["deadline"] if deadline is None else deadline
    return _get_pool().run(func, args, seconds)


def configure(
    *, deadline: float | None = None, memory_mb: int | None = None, processes: int | None = None
) -> None:
    """Change the defaults; a changed pool size or memory limit restarts the pool."""
    if deadline is not None:
        _settings["deadline"] = float(deadline)
    restart = (memory_mb, processes) != (None, None)
    if memory_mb is not None:
        _settings["memory_mb"] = int(memory_mb)
    if processes is not None:
        _settings["processes"] = int(processes)
    if restart:
        shutdown()


def deadline() -> float:
    """The current default deadline in seconds."""
    return _settings["deadline"]


def cpu_seconds() -> float:
    """CPU time the current pool's workers spent on completed calls (for benchmarks)."""
    pool = _pool
    return pool.cpu if pool is not None else 0.0


def warm_up() -> None:
    """Start the pool now (e.g. when the web app starts) instead of on the first check."""
    _get_pool()


def shutdown() -> None:
    """Kill every worker of this process's pool; the next :func:`run` starts a new one."""
    global _pool
    with _pool_lock:
        pool, _pool = _pool, None
    if pool is not None and pool.pid == os.getpid():
        pool.close()


def _forget_after_fork() -> None:
    global _pool, _pool_lock
    _pool = None
    _pool_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)
atexit.register(shutdown)


def serve(fd: int, memory_mb: int) -> None:
    """Entry point of a worker process (``fd``: its end of the socket pair)."""
    _serve(Connection(fd), memory_mb)
