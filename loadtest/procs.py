"""Finding processes through ``/proc`` (Linux): children of a process, checker workers;
waiting for a killed child to be gone."""

from __future__ import annotations

import os
import time
from pathlib import Path

CHECKER_MARK = "derivations.worker import serve"


def _ppid(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])  # field 4, after the command name


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def children(pid: int) -> list[int]:
    """Direct children of ``pid``."""
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and _ppid(int(p)) == pid]


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children first)."""
    found: list[int] = []
    frontier = [pid]
    while frontier:
        kids = [c for parent in frontier for c in children(parent)]
        found.extend(kids)
        frontier = kids
    return found


def checker_workers(pid: int) -> list[int]:
    """The derivations checker workers anywhere below ``pid``."""
    return [p for p in descendants(pid) if CHECKER_MARK in _cmdline(p)]


def wait_until_exited(pid: int, timeout: float = 10.0) -> None:
    """Block until ``pid``, a child of this process, has exited with all its threads.

    ``WNOWAIT`` leaves it unreaped, for its ``Popen`` to collect. A zombie leader in
    ``/proc`` is not enough: other threads (BLAS) may still hold its sockets a moment.
    """
    deadline = time.monotonic() + timeout
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"process {pid} still running after {timeout:.0f} s")
        time.sleep(0.01)
