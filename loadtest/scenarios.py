"""Scenarios: a fresh database, the real server, 50 learners, one fault each; then the
reconciler and the figures (statuses, latency percentiles, restart times)."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import random
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from loadtest import faults
from loadtest.learners import Learner, Run, sign_up_all
from loadtest.reconcile import reconcile
from loadtest.server import ROOT, Server

BENIGN = ("text", "latex", "matrix")
NAMES = (
    "steady", "burst", "hostile", "worker-kill", "crash-restart", "disk-full", "long-export", "mixed",
)  # fmt: skip


@dataclass
class Settings:
    full: bool
    database: str  # sqlite | postgres
    out: Path
    seed: int = 7
    learners: int = 50
    duration_s: float | None = None
    restarts: int | None = None

    def duration(self) -> float:
        return self.duration_s or (90.0 if self.full else 20.0)


def postgres_url() -> str:
    script = ROOT / "scripts" / "postgres.sh"
    return subprocess.run([str(script)], check=True, capture_output=True, text=True).stdout.strip()


def fresh_postgres(url: str) -> str:
    """Empty the ``public`` schema of the database at ``url`` (returns ``url``)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)


def pooled(folders: list[Path]) -> dict[str, Any]:
    """Benign latency over the ``samples.jsonl`` of several runs of one scenario."""
    benign = []
    for folder in folders:
        with (folder / "samples.jsonl").open(encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines]
        benign += [r["ms"] for r in rows if r["kind"] in BENIGN and 200 <= r["status"] < 300]
    return {
        "runs": len(folders),
        "benign_answers": len(benign),
        "benign_p50_ms": percentile(benign, 0.50),
        "benign_p99_ms": percentile(benign, 0.99),
    }


def figures(run: Run) -> dict[str, Any]:
    statuses = Counter(s.status for s in run.samples)
    benign = [s.ms for s in run.samples if s.kind in BENIGN and 200 <= s.status < 300]
    hostile = [s.ms for s in run.samples if s.kind == "hostile" and s.status]
    return {
        "requests": len(run.samples),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "status_500": statuses.get(500, 0),
        "no_response": statuses.get(0, 0),
        "benign_p50_ms": percentile(benign, 0.50),
        "benign_p99_ms": percentile(benign, 0.99),
        "hostile_p99_ms": percentile(hostile, 0.99),
        "p99_ms_by_kind": {
            kind: percentile([s.ms for s in run.samples if s.kind == kind and s.status], 0.99)
            for kind in (*BENIGN, "hostile")
        },
    }


async def _drive(
    name: str, settings: Settings, server: Server, url: str, folder: Path
) -> dict[str, Any]:
    rng = random.Random(settings.seed)
    run = Run(server.port, folder / "ledger.jsonl", settings.seed)
    run.hostile_share = 0.05 if name in ("hostile", "mixed") else 0.0
    if name == "burst":
        run.burst = asyncio.Condition()
    learners = [Learner(run, i, f"{name.replace('-', '')}{i}") for i in range(settings.learners)]
    await sign_up_all(learners)
    run.started = time.monotonic()
    practice = [asyncio.create_task(learner.practice()) for learner in learners]
    duration = settings.duration()
    if name == "burst":
        extra = await faults.bursts(run, 10.0, max(2, int(duration // 10)))
    elif name == "worker-kill":
        extra = await faults.kill_workers(server, run, duration, rng)
    elif name == "crash-restart":
        rounds = settings.restarts or (25 if settings.full else 3)
        extra = await faults.crash_restarts(server, run, rounds, rng)
    elif name == "mixed":  # the CI short form: hostile answers, worker kills, kill -9
        extra = await faults.kill_workers(server, run, duration / 2, rng)
        rounds = settings.restarts or 2
        extra |= await faults.crash_restarts(server, run, rounds, rng)
    elif name == "disk-full":
        extra = await faults.disk_full(folder / "db", run, duration / 4, duration / 3)
        await asyncio.sleep(max(0.0, duration - (time.monotonic() - run.started)))
    elif name == "long-export":
        exporter = Learner(run, settings.learners, "exporter")
        await exporter.sign_up()
        _seed_attempts(url, "exporter", 20_000)
        extra = await faults.long_exports(exporter, run, duration)
    else:
        await asyncio.sleep(duration)
        extra = {}
    run.finish()
    if run.burst is not None:
        async with run.burst:
            run.burst.notify_all()
    await asyncio.gather(*practice)
    run.close()
    with (folder / "samples.jsonl").open("w", encoding="utf-8") as samples:
        samples.writelines(json.dumps(dataclasses.asdict(s)) + "\n" for s in run.samples)
    if "fault_to_s" in extra:  # disk full: when did answers get stored again?
        stored = [s.t for s in run.samples if 200 <= s.status < 300 and s.t > extra["fault_to_s"]]
        extra["recovered_after_s"] = round(min(stored) - extra["fault_to_s"], 2) if stored else None
    return {**figures(run), **extra}


def _seed_attempts(url: str, username: str, count: int) -> None:
    """Give the exporting learner a long history (plain inserts, before the export)."""
    engine = create_engine(url)
    with engine.begin() as connection:
        user_id = connection.execute(
            text('SELECT id FROM "user" WHERE username = :u'), {"u": username}
        ).scalar_one()
        connection.execute(
            text(
                "INSERT INTO attempt (user_id, question_id, seed, answer, answer_format, verdict,"
                " result, hints_used, created_at) VALUES (:u, 'basics-affine-param-count', 0, '40',"
                " 'text', 'correct', '{}', 0, CURRENT_TIMESTAMP)"
            ),
            [{"u": user_id}] * count,
        )
    engine.dispose()


def run_scenario(name: str, settings: Settings) -> dict[str, Any]:
    folder = settings.out / f"{settings.database}-{name}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ledger.jsonl").unlink(missing_ok=True)
    mount = None
    if name == "disk-full":
        if settings.database != "sqlite" or not faults.can_mount():
            return {"scenario": name, "skipped": "needs SQLite and root to mount a tmpfs"}
        mount = faults.small_filesystem(folder / "db", 64)
        mount.__enter__()
    if settings.database == "postgres":
        url = fresh_postgres(postgres_url())
    else:
        (folder / "db").mkdir(exist_ok=True)
        for old in (folder / "db").glob("quizapp.sqlite*"):
            old.unlink()
        url = f"sqlite:///{folder / 'db' / 'quizapp.sqlite'}"
    server = Server(url, folder / "server.log")
    try:
        serving, healthy = server.start()
        result = asyncio.run(_drive(name, settings, server, url, folder))
    finally:
        server.stop()
    check = reconcile(url, folder / "ledger.jsonl")
    if mount is not None:
        mount.__exit__(None, None, None)
    return {
        "scenario": name,
        "database": settings.database,
        "learners": settings.learners,
        "duration_s": settings.duration(),
        "first_start_serving_s": round(serving, 2),
        "first_start_healthy_s": round(healthy, 2),
        **result,
        "reconciliation": check.summary(),
    }
