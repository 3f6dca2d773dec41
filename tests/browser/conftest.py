"""Browser tests: the real app in a subprocess on a free loopback port (temp SQLite file,
migrated with ``flask db upgrade``), driven by Debian's Chromium through Playwright.

- ``browser_type_launch_args`` points Playwright at /usr/bin/chromium (never
  ``playwright install``; see shared/reference/ecosystem.md §2).
- An autouse guard aborts and records every request that leaves the app's origin, and
  records Content-Security-Policy violations and page errors; any of them fails the test.
- ``shot(name)`` saves a screenshot under test-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, Route, expect

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Grading on a busy two-core machine (first SymPy call of a worker) can take seconds.
expect.set_options(timeout=15_000)

# Reports CSP violations of every document the page loads to the guard fixture.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  window.reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout_s: float = 30.0) -> None:
    """Return once ``url`` answers; raise with the server's log if it never does."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    state = f"exited with code {process.returncode}" if process.poll() is not None else "timed out"
    raise RuntimeError(f"the app on {url} {state}; its log:\n{log.read_text()}")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the real app (``flask run``) on a temporary SQLite database."""
    folder = tmp_path_factory.mktemp("live")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'quizapp.sqlite'}",
        "SECRET_KEY": "browser-tests-" + "x" * 40,
        "QUIZAPP_RATELIMIT_STORAGE_URI": "memory://",
        "FLASK_APP": "quizapp",
    }
    flask = [sys.executable, "-m", "flask", "--app", "quizapp"]
    upgrade = subprocess.run(
        [*flask, "db", "upgrade"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if upgrade.returncode != 0:
        raise RuntimeError(f"flask db upgrade failed:\n{upgrade.stderr}")
    port = _free_port()
    log_path = folder / "server.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [*flask, "run", "--host", "127.0.0.1", "--port", str(port), "--no-reload"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url + "/", process, log_path)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """pytest-base-url's fixture, pointed at the live server."""
    return live_server


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium instead of a Playwright download."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict, live_server: str) -> dict:
    """Japanese locale (the app's default) and a laptop-sized window."""
    return {
        **browser_context_args,
        "base_url": live_server,
        "locale": "ja-JP",
        "viewport": {"width": 1100, "height": 900},
    }


@pytest.fixture(autouse=True)
def same_origin_guard(page: Page, live_server: str) -> Iterator[list[str]]:
    """Fail the test if the page requests anything off the app's origin, violates the
    CSP or throws an uncaught error."""
    offsite: list[str] = []
    errors: list[str] = []

    def route(route: Route, request: Request) -> None:
        url = request.url
        if url.startswith(live_server + "/") or url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            offsite.append(url)
            route.abort()

    violations: list[str] = []
    page.context.route("**/*", route)
    page.expose_function("reportCspViolation", lambda text: violations.append(text))
    page.add_init_script(CSP_LISTENER)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield offsite
    assert offsite == [], f"requests left the app's origin: {offsite}"
    assert violations == [], f"Content-Security-Policy violations: {violations}"
    assert errors == [], f"uncaught errors in the page: {errors}"


@pytest.fixture
def shot(page: Page, request: pytest.FixtureRequest) -> Callable[[str], Path]:
    """Save a full-page screenshot as test-artifacts/screenshots/<test>-<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = SCREENSHOTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
