"""Faults injected while learners practise: killed checker workers and web workers, the
whole server killed with ``kill -9`` and restarted, a full disk, a long export, bursts."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from loadtest.learners import Learner, Run
from loadtest.procs import checker_workers, children
from loadtest.server import Server


async def bursts(run: Run, every_s: float, count: int) -> dict[str, Any]:
    """Every learner answers at the same instant, ``count`` times."""
    assert run.burst is not None
    for _ in range(count):
        await asyncio.sleep(every_s)
        async with run.burst:
            run.burst.notify_all()
    await asyncio.sleep(every_s)
    return {"bursts": count}


async def kill_workers(
    server: Server, run: Run, duration: float, rng: random.Random
) -> dict[str, Any]:
    """SIGKILL a checker worker every 5 s and a gunicorn worker every 20 s (and at the
    last tick if none was killed yet, so even a short run kills one)."""
    killed = {"checker_workers_killed": 0, "web_workers_killed": 0}
    elapsed = 0.0
    while elapsed < duration:
        await asyncio.sleep(5)
        elapsed += 5
        targets = checker_workers(server.pid)
        if targets:
            os.kill(rng.choice(targets), signal.SIGKILL)
            killed["checker_workers_killed"] += 1
        due = elapsed % 20 == 0 or (elapsed >= duration and not killed["web_workers_killed"])
        if due and (web := children(server.pid)):
            os.kill(rng.choice(web), signal.SIGKILL)
            killed["web_workers_killed"] += 1
    return killed


async def crash_restarts(
    server: Server, run: Run, rounds: int, rng: random.Random
) -> dict[str, Any]:
    """``kill -9`` the whole server ``rounds`` times during writes, restart each time."""
    serving, healthy = [], []
    for _ in range(rounds):
        await asyncio.sleep(rng.uniform(2.0, 4.0))
        server.kill9()
        s, h = await asyncio.to_thread(server.start)
        serving.append(round(s, 2))
        healthy.append(round(h, 2))
    await asyncio.sleep(2)
    return {"restarts": rounds, "restart_serving_s": serving, "restart_healthy_s": healthy}


def can_mount() -> bool:
    return os.geteuid() == 0 and Path("/proc/filesystems").read_text().find("tmpfs") >= 0


@contextlib.contextmanager
def small_filesystem(path: Path, size_mb: int) -> Iterator[Path]:
    """A size-limited tmpfs mounted at ``path`` (root only)."""
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_mb}m", "tmpfs", str(path)], check=True
    )
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def _fill(folder: Path) -> Path:
    filler = folder / "filler.bin"
    chunk = b"\0" * (1 << 20)
    with open(filler, "wb") as handle:
        try:
            while True:
                handle.write(chunk)
                handle.flush()
        except OSError as error:
            if error.errno != errno.ENOSPC:
                raise
    return filler


async def disk_full(folder: Path, run: Run, start_s: float, hold_s: float) -> dict[str, Any]:
    """Fill the database's file system for ``hold_s`` seconds, then free it."""
    await asyncio.sleep(start_s)
    began = time.monotonic() - run.started
    filler = await asyncio.to_thread(_fill, folder)
    await asyncio.sleep(hold_s)
    filler.unlink()
    ended = time.monotonic() - run.started
    return {"fault": "disk full (tmpfs filled to ENOSPC)", "fault_from_s": round(began, 1),
            "fault_to_s": round(ended, 1)}  # fmt: skip


async def long_exports(learner: Learner, run: Run, duration: float) -> dict[str, Any]:
    """One learner downloads the full export again and again beside the writers."""
    durations: list[float] = []
    statuses: list[int] = []
    began = time.monotonic()
    while time.monotonic() - began < duration:
        reply = await learner.client.request("GET", "/progress/export.zip")
        durations.append(round(reply.ms, 1))
        statuses.append(reply.status)
        await asyncio.sleep(0.5)
    return {"exports": len(durations), "export_statuses": sorted(set(statuses)),
            "export_ms_max": max(durations, default=0)}  # fmt: skip
