"""Two real server processes (``scripts/serve_production.sh``: gunicorn, migrations in
the master) on one SQLite file share the login limit, and it outlives ``kill -9`` of
both. With ``memory://`` each process would count alone: 21 failed logins alternating
between the servers would all be answered 200."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from loadtest.server import Server
from quizapp.config import DEFAULTS

pytestmark = pytest.mark.slow

LIMIT = int(DEFAULTS["LOGIN_RATE_LIMIT"].split("/")[0])  # "20/minute"
CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


class Browser:
    """One client (one cookie jar, one address) talking to several ports of 127.0.0.1."""

    def __init__(self) -> None:
        jar = http.cookiejar.CookieJar()
        self._opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def _open(self, request: urllib.request.Request) -> tuple[int, str]:
        try:
            with self._opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def failed_login(self, port: int) -> int:
        base = f"http://127.0.0.1:{port}/auth/login"
        status, page = self._open(urllib.request.Request(base))
        assert status == 200, page
        match = CSRF.search(page)
        assert match, "no csrf-token meta tag on the login page"
        form = {"login": "nobody", "password": "wrong password", "csrf_token": match.group(1)}
        data = urllib.parse.urlencode(form).encode()
        return self._open(urllib.request.Request(base, data=data, method="POST"))[0]


@pytest.fixture
def servers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Server]]:
    monkeypatch.delenv("QUIZAPP_RATELIMIT_STORAGE_URI", raising=False)
    url = f"sqlite:///{tmp_path / 'quizapp.sqlite'}"
    started = [
        Server(url, tmp_path / f"server-{name}.log", web_workers=1, checker_workers=1)
        for name in "ab"
    ]
    try:
        for server in started:  # one after the other: each master runs the migrations
            server.start()
        yield started
    finally:
        for server in started:
            server.kill9()


def test_two_server_processes_share_the_login_limit_across_kill9(servers: list[Server]) -> None:
    browser = Browser()
    ports = [server.port for server in servers]
    statuses = [browser.failed_login(ports[i % 2]) for i in range(LIMIT + 1)]
    assert statuses == [200] * LIMIT + [429]
    for server in servers:
        server.kill9()
    servers[1].start()
    assert browser.failed_login(servers[1].port) == 429
