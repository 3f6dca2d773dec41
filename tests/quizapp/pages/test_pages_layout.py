"""Page layout over HTTP: security headers, language switch, vendored-asset fallback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from quizapp.security import SECURITY_HEADERS


@pytest.mark.parametrize(
    ("path", "status"),
    [("/", 200), ("/practice/", 200), ("/no-such-page", 404), ("/auth/login", 200)],
)
def test_every_response_carries_the_security_headers(
    client: FlaskClient, path: str, status: int
) -> None:
    response = client.get(path)
    assert response.status_code == status
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name


@pytest.mark.parametrize(
    "directive",
    [
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
    ],
)
def test_csp_is_strict(client: FlaskClient, directive: str) -> None:
    policy = client.get("/").headers["Content-Security-Policy"]
    assert directive in policy.split("; ")
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy


def test_pages_have_no_inline_script(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    for chunk in html.split("<script")[1:]:
        tag = chunk.split(">", 1)[0]
        assert "src=" in tag or 'type="application/json"' in tag, tag


@pytest.mark.parametrize(
    ("query", "headers", "expected", "absent"),
    [
        ("", {}, "問題演習", "Practice</a>"),
        ("?lang=en", {}, "Practice</a>", "問題演習"),
        ("", {"Accept-Language": "en-US,en;q=0.9"}, "Practice</a>", "問題演習"),
        ("?lang=ja", {"Accept-Language": "en"}, "問題演習", "Practice</a>"),
    ],
)
def test_language_follows_query_then_header_with_japanese_default(
    client: FlaskClient, query: str, headers: dict[str, str], expected: str, absent: str
) -> None:
    html = client.get("/" + query, headers=headers).get_data(as_text=True)
    assert expected in html
    assert absent not in html


def test_language_links_keep_the_other_query_arguments(client: FlaskClient) -> None:
    html = client.get("/practice/?seed=7&lang=ja").get_data(as_text=True)
    assert 'href="/practice/?seed=7&amp;lang=en"' in html


def test_chosen_language_is_remembered(client: FlaskClient) -> None:
    client.get("/?lang=en")
    assert "Practice</a>" in client.get("/").get_data(as_text=True)


def test_viewport_meta_and_skip_link(client: FlaskClient) -> None:
    html = client.get("/").get_data(as_text=True)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert 'href="#main"' in html
    assert 'id="main"' in html


def test_katex_tags_only_when_the_vendored_files_exist(app: Flask, tmp_path: Path) -> None:
    real_static = Path(app.static_folder)
    assert (real_static / "css" / "app.css").is_file()
    html_with = app.test_client().get("/").get_data(as_text=True)
    app.static_folder = str(tmp_path)  # a static folder without vendor/
    html_without = app.test_client().get("/").get_data(as_text=True)
    vendored = (real_static / "vendor" / "katex" / "katex.min.js").is_file()
    assert ("vendor/katex/katex.min.js" in html_with) == vendored
    assert "vendor/katex" not in html_without
    assert "js/app.js" in html_without


def test_home_page_offers_a_first_question(client: FlaskClient) -> None:
    html = client.get("/?lang=en").get_data(as_text=True)
    link = re.search(r'<a class="button" href="(/practice/q/[\w-]+)">Try a question now</a>', html)
    assert link
    assert client.get(link.group(1)).status_code == 302  # → a fresh variant


def test_error_responses_carry_the_headers_too(client: FlaskClient) -> None:
    too_large = client.post("/checkers/steps", data={"steps": "x" * (70 * 1024)})
    no_token = client.post("/checkers/steps", data={"steps": "x\ny"})
    assert too_large.status_code == 413
    assert no_token.status_code == 400
    for response in (too_large, no_token):
        assert (
            response.headers["Content-Security-Policy"]
            == SECURITY_HEADERS["Content-Security-Policy"]
        )
        assert response.headers["X-Content-Type-Options"] == "nosniff"
