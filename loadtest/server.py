"""The app under test as a real server process: ``scripts/serve_production.sh``
(migrations, then gunicorn) in its own process group, on a free loopback port.

``start()`` returns the seconds from spawn until ``GET /health`` answers 200;
``kill9()`` sends SIGKILL to the whole group (master, web workers, checker workers).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVE = ROOT / "scripts" / "serve_production.sh"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def health_status(port: int, query: str = "", timeout: float = 10.0) -> int | None:
    """The status of ``GET /health{query}``, or None when nothing answers."""
    url = f"http://127.0.0.1:{port}/health{query}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status
    except urllib.error.HTTPError as error:
        return error.code
    except (OSError, TimeoutError):
        return None


@dataclass
class Server:
    database_url: str
    log_path: Path
    port: int = field(default_factory=free_port)
    web_workers: int = 2
    threads: int = 4
    checker_workers: int = 1
    secret_key: str = "loadtest-secret-key-0123456789abcdef0123456789abcdef"
    process: subprocess.Popen[bytes] | None = None

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.database_url,
            SECRET_KEY=self.secret_key,
            QUIZAPP_PORT=str(self.port),
            QUIZAPP_WEB_WORKERS=str(self.web_workers),
            QUIZAPP_WEB_THREADS=str(self.threads),
            DERIVATIONS_WORKERS=str(self.checker_workers),
        )
        return env

    @property
    def pid(self) -> int:
        assert self.process is not None, "server not started"
        return self.process.pid

    def start(self, timeout: float = 60.0) -> tuple[float, float]:
        """Spawn; ``(serving_s, healthy_s)``: seconds until ``/health?check=database``
        answers 200 (app loaded, database reachable: answers can be stored) and until the
        full ``/health`` does (checker pool started too)."""
        started = time.monotonic()
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [str(SERVE)], cwd=ROOT, env=self.env(), stdout=log, stderr=log,
                start_new_session=True,
            )  # fmt: skip
        serving = self._wait_for("?check=database", started, timeout)
        return serving, self._wait_for("", started, timeout)

    def _wait_for(self, query: str, started: float, timeout: float) -> float:
        assert self.process is not None
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"server exited ({self.process.returncode}); see {self.log_path}"
                )
            if health_status(self.port, query, timeout=5) == 200:
                return time.monotonic() - started
            time.sleep(0.02)
        raise RuntimeError(f"/health{query} not 200 after {timeout:.0f} s; see {self.log_path}")

    def kill9(self) -> None:
        """SIGKILL every process of the server's group and reap the leader."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """Graceful stop (SIGTERM to the group), SIGKILL after 15 s."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill9()
