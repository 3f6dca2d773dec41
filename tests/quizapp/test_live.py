"""Over real HTTP (a threaded WSGI server on a real port): concurrent submissions from one
account are all stored; a hostile answer never blocks other requests."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select, text

from quizapp.extensions import db
from quizapp.grading.runner import run
from quizapp.models import Attempt

CSRF_META = re.compile(r'name="csrf-token" content="([^"]+)"')
ROOT = Path(__file__).resolve().parents[2]


class Browser:
    """A cookie-keeping HTTP client for one learner."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def request(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes]:
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def csrf(self) -> str:
        _status, page = self.request("/auth/login")
        return CSRF_META.search(page.decode()).group(1)

    def register(self, name: str) -> None:
        token = self.csrf()
        form = {
            "username": name,
            "password": "a long passphrase",
            "confirm": "a long passphrase",
            "csrf_token": token,
        }
        status, _body = self.request("/auth/register", urllib.parse.urlencode(form).encode())
        assert status == 200  # urllib followed the redirect to the start page

    def post_json(
        self, path: str, body: dict[str, Any], token: str | None = None
    ) -> tuple[int, dict[str, Any]]:
        headers = {"Content-Type": "application/json"} | ({"X-CSRFToken": token} if token else {})
        status, raw = self.request(path, json.dumps(body).encode(), headers)
        return status, json.loads(raw)


def _submit_together(learner: Browser, client_ids: list[str]) -> list[tuple[int, dict[str, Any]]]:
    """POST one attempt per client id, all threads released at the same instant."""
    token = learner.csrf()
    results: list[tuple[int, dict[str, Any]]] = []
    barrier = threading.Barrier(len(client_ids))

    def submit(client_id: str) -> None:
        barrier.wait()
        body = {
            "question_id": "basics-two-layer-dw1",
            "answer": "x.T @ da1",
            "client_attempt_id": client_id,
        }
        results.append(learner.post_json("/api/v1/attempts", body, token))

    threads = [threading.Thread(target=submit, args=(c,)) for c in client_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _stored(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Attempt.id)))


def test_concurrent_submissions_are_all_stored(app: Flask, live_server: str) -> None:
    learner = Browser(live_server)
    learner.register("tabs")
    results = _submit_together(learner, [f"tab-{i}" for i in range(4)])
    assert sorted(status for status, _ in results) == [201] * 4
    assert {body["attempt"]["verdict"] for _, body in results} == {"correct"}
    assert _stored(app) == 4


def test_double_click_is_stored_once(app: Flask, live_server: str) -> None:
    learner = Browser(live_server)
    learner.register("double")
    results = _submit_together(learner, ["click", "click", "click"])
    assert sorted(status for status, _ in results) == [200, 200, 201]
    assert len({body["attempt"]["id"] for _, body in results}) == 1
    assert _stored(app) == 1


def test_retry_over_http_is_idempotent(app: Flask, live_server: str) -> None:
    learner = Browser(live_server)
    learner.register("retry")
    token = learner.csrf()
    body = {
        "question_id": "basics-affine-db-code",
        "answer": "np.sum(dout, axis=0)",
        "client_attempt_id": "net-retry",
    }
    first = learner.post_json("/api/v1/attempts", body, token)
    second = learner.post_json("/api/v1/attempts", body, token)
    assert (first[0], second[0]) == (201, 200)
    assert first[1] == second[1]
    with app.app_context():
        assert db.session.scalar(select(func.count(Attempt.id))) == 1


HOSTILE = ["9**9**9**9", "(((9**64)**64)**64)**64", "(" * 3000 + "x" + ")" * 3000, "x" * 50_000]


def _while_checking(
    base: str, body: dict[str, Any], other: str, pause: float
) -> tuple[tuple[int, Any], float, int, float]:
    """POST ``body`` to the expression checker in a thread; ``pause`` s later GET ``other``.

    Returns the check's ``(status, body)`` and seconds, the other request's status and seconds.
    """
    outcome: dict[str, Any] = {}

    def check() -> None:
        started = time.monotonic()
        outcome["result"] = Browser(base).post_json("/api/v1/check/expression", body)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=check)
    thread.start()
    time.sleep(pause)
    started = time.monotonic()
    status, _body = Browser(base).request(other)
    other_seconds = time.monotonic() - started
    thread.join(timeout=60)
    return outcome["result"], outcome["seconds"], status, other_seconds


@pytest.mark.parametrize("answer", HOSTILE, ids=["tower", "nested-power", "deep-parens", "long"])
def test_hostile_answer_never_blocks_other_requests(live_server: str, answer: str) -> None:
    (code, verdict), seconds, status, other_seconds = _while_checking(
        live_server, {"answer": answer, "reference": "x"}, "/api/v1/questions?type=gradient", 0.05
    )
    assert status == 200
    assert other_seconds < 2.0
    assert code in (200, 413)
    if code == 200:
        assert verdict["verdict"] in ("invalid", "undetermined")
        assert verdict["message"]
    assert seconds < 15


SLOW = "((x+1)**50*(x-1)**50 - (x**2-1)**50)/(x-2)"  # equals 0; took ~7 s to prove here


def test_slow_proof_is_cut_at_the_deadline_while_others_are_served(make_app, serve) -> None:
    app = make_app(GRADING_DEADLINE_S=1.0)
    body = {"answer": SLOW, "reference": "0", "variables": ["x"]}
    with serve(app) as base:
        (code, verdict), seconds, status, other_seconds = _while_checking(
            base, body, "/api/v1/questions", 0.1
        )
    assert status == 200
    assert other_seconds < 1.0
    assert code == 200
    assert verdict["verdict"] in ("correct", "undetermined"), "never incorrect because of time"
    assert seconds < 2.5


def test_deadline_guard_turns_a_hung_checker_into_undetermined() -> None:
    release = threading.Event()

    def hung() -> dict[str, Any]:
        release.wait(10)
        return {"verdict": "correct", "message": "too late"}

    started = time.monotonic()
    result = run(hung, "en", deadline=0.3)
    release.set()
    assert time.monotonic() - started < 1.0
    assert result["verdict"] == "undetermined"
    assert result["reason"] == "timeout"


SERVE = (
    "import sys; from waitress import serve; from quizapp import create_app; "
    "serve(create_app(), host='127.0.0.1', port=int(sys.argv[1]), threads=4, _quiet=True)"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(database: Path) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = os.environ | {"DATABASE_URL": f"sqlite:///{database}", "SECRET_KEY": "kill-test"}
    process = subprocess.Popen([sys.executable, "-c", SERVE, str(port)], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/auth/login", timeout=1).close()
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server did not start")


@pytest.mark.slow
def test_acknowledged_attempts_survive_kill_9(make_app, tmp_path: Path) -> None:
    database = tmp_path / "quizapp.sqlite"
    app = make_app()
    with app.app_context():
        db.create_all()
    process, base = _start_server(database)
    acknowledged: list[str] = []
    try:
        learner = Browser(base)
        learner.register("durable")
        token = learner.csrf()
        for index in range(12):
            body = {
                "question_id": "basics-affine-param-count",
                "answer": "1",
                "client_attempt_id": f"k-{index}",
            }
            status, _reply = learner.post_json("/api/v1/attempts", body, token)
            if status == 201:
                acknowledged.append(body["client_attempt_id"])
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(10)
    assert len(acknowledged) == 12
    with app.app_context():
        stored = set(db.session.scalars(select(Attempt.client_attempt_id)))
        integrity = db.session.execute(text("PRAGMA integrity_check")).scalar()
    assert set(acknowledged) <= stored
    assert integrity == "ok"
