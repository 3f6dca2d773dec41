"""Simulated learners: each registers through the real form (own loopback address, own
cookies), then answers questions through ``POST /api/v1/attempts``. Every answer has a
client attempt id; a failed request (no response, 429, 502, 503) is retried with the
SAME id until it is acknowledged or the run's grace period ends. Every response goes to
the ledger (``user``, ``cid``, ``status``, ``attempt_id`` when acknowledged)."""

from __future__ import annotations

import asyncio
import json
import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loadtest.answers import Answer, pick
from loadtest.http import HttpClient, RequestFailed

PASSWORD = "load-test-password-42"
RETRYABLE = {429, 502, 503, 504}


@dataclass
class Sample:
    """One HTTP exchange: ``status`` 0 means no response."""

    t: float
    kind: str
    status: int
    ms: float


@dataclass
class Run:
    """Shared state of one scenario run."""

    port: int
    ledger_path: Path
    seed: int
    hostile_share: float = 0.0
    think: tuple[float, float] = (2.0, 6.0)
    max_requests: int = 100_000
    samples: list[Sample] = field(default_factory=list)
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    grace_s: float = 30.0
    started: float = field(default_factory=time.monotonic)
    stop_time: float = float("inf")
    sent: int = 0
    burst: asyncio.Condition | None = None

    def __post_init__(self) -> None:
        self._ledger = open(self.ledger_path, "a", encoding="utf-8")  # noqa: SIM115

    def log(self, entry: dict[str, Any]) -> None:
        self._ledger.write(json.dumps(entry) + "\n")
        self._ledger.flush()

    def sample(self, kind: str, status: int, ms: float) -> None:
        self.samples.append(Sample(time.monotonic() - self.started, kind, status, ms))

    def finish(self) -> None:
        """No new answers from now on; retries go on for ``grace_s``."""
        self.stop_time = time.monotonic()
        self.stop.set()

    def close(self) -> None:
        self._ledger.close()


class Learner:
    def __init__(self, run: Run, index: int, name: str) -> None:
        self.run, self.index, self.name = run, index, name
        self.rng = random.Random(run.seed * 1000 + index)
        source = f"127.0.{1 + index // 250}.{2 + index % 250}"
        self.client = HttpClient(run.port, source=source, timeout=30)
        self.token = ""
        self.counter = 0

    async def sign_up(self) -> None:
        """Register (or log in, when the account exists) and fetch the CSRF token."""
        for _ in range(60):
            try:
                token = await self.client.csrf_token("/auth/register")
                form = {"username": self.name, "password": PASSWORD, "confirm": PASSWORD}
                reply = await self.client.request(
                    "POST", "/auth/register", form=form | {"csrf_token": token}
                )
                if reply.status != 302:
                    token = await self.client.csrf_token("/auth/login")
                    login = {"login": self.name, "password": PASSWORD, "csrf_token": token}
                    reply = await self.client.request("POST", "/auth/login", form=login)
                if reply.status == 302:
                    self.token = await self.client.csrf_token("/auth/login")
                    return
            except RequestFailed:
                pass
            await asyncio.sleep(1)
        raise RuntimeError(f"{self.name} could not sign up")

    async def answer(self, item: Answer) -> None:
        """Send one answer until acknowledged (or the grace period is over)."""
        run = self.run
        self.counter += 1
        cid = f"{self.name}-{self.counter}"
        body = {"question_id": item.question_id, "answer": item.answer, "seed": item.seed,
                "format": item.format, "client_attempt_id": cid, "time_taken_ms": 1000}  # fmt: skip
        headers = {"X-CSRFToken": self.token}
        delay = 0.2
        while True:
            run.sent += 1
            try:
                reply = await self.client.request(
                    "POST", "/api/v1/attempts", json_body=body, headers=headers
                )
            except RequestFailed:
                run.sample(item.kind, 0, 0.0)
                run.log({"user": self.name, "cid": cid, "status": 0})
            else:
                run.sample(item.kind, reply.status, reply.ms)
                entry: dict[str, Any] = {"user": self.name, "cid": cid, "status": reply.status}
                if reply.status in (200, 201):
                    entry["attempt_id"] = reply.json()["attempt"]["id"]
                run.log(entry)
                if reply.status not in RETRYABLE:
                    return
                delay = max(delay, float(reply.headers.get("retry-after", 0) or 0) / 5)
            if run.stop.is_set() and time.monotonic() > run.stop_time + run.grace_s:
                return
            await asyncio.sleep(delay * (0.5 + self.rng.random()))
            delay = min(delay * 2, 2.0)

    async def practice(self) -> None:
        run = self.run
        await asyncio.sleep(self.rng.uniform(0, run.think[1]))
        while not run.stop.is_set() and run.sent < run.max_requests:
            if run.burst is not None:
                async with run.burst:
                    await run.burst.wait()
                if run.stop.is_set():
                    return
            await self.answer(pick(self.rng, run.hostile_share))
            if run.burst is None:
                await asyncio.sleep(self.rng.uniform(*run.think))


async def sign_up_all(learners: list[Learner], parallel: int = 10) -> None:
    gate = asyncio.Semaphore(parallel)

    async def one(learner: Learner) -> None:
        async with gate:
            await learner.sign_up()

    await asyncio.gather(*(one(learner) for learner in learners))
