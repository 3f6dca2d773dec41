"""Accounts: register, log in, log out, change password, CSRF, cookies, redirects."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from quizapp.extensions import db
from quizapp.models import User

PASSWORD = "correct horse battery"


def _user_count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


def _logged_in(client: FlaskClient) -> bool:
    return "/auth/logout" in client.get("/").get_data(as_text=True)


def test_register_logs_in_and_hashes_password(app: Flask, client: FlaskClient, auth) -> None:
    response = auth.register()
    assert response.status_code == 302
    assert _logged_in(client)
    with app.app_context():
        user = db.session.scalars(select(User)).one()
        assert user.username == "alice"
        assert user.password_hash.startswith("scrypt:")
        assert PASSWORD not in user.password_hash


@pytest.mark.parametrize(
    ("username", "password", "confirm", "message"),
    [
        ("al", PASSWORD, PASSWORD, "Field must be between 3 and 40 characters"),
        ("bad name!", PASSWORD, PASSWORD, "Use letters, digits"),
        ("bob", "short", "short", "Use between 8 and 128 characters"),
        ("bob", PASSWORD, PASSWORD + "x", "The passwords do not match"),
        ("bob", "x" * 129, "x" * 129, "Use between 8 and 128 characters"),
    ],
)
def test_register_rejects_bad_fields(
    app: Flask, client: FlaskClient, auth, username: str, password: str, confirm: str, message: str
) -> None:
    data = {"username": username, "password": password, "confirm": confirm}
    data["csrf_token"] = auth.csrf_token("/auth/register")
    response = client.post("/auth/register?lang=en", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert _user_count(app) == 0


@pytest.mark.parametrize("duplicate", ["alice", "ALICE", "ａｌｉｃｅ"])
def test_duplicate_user_is_refused(app: Flask, client: FlaskClient, auth, duplicate: str) -> None:
    auth.register()
    auth.logout()
    response = auth.register(duplicate)
    assert response.status_code == 200
    assert "既に登録" in response.get_data(as_text=True)
    assert _user_count(app) == 1


def test_login_logout_cycle(client: FlaskClient, auth) -> None:
    auth.register()
    auth.logout()
    assert not _logged_in(client)
    assert auth.login().status_code == 302
    assert _logged_in(client)
    auth.logout()
    assert not _logged_in(client)


@pytest.mark.parametrize(
    ("login", "password"), [("alice", "wrong password!"), ("nobody", PASSWORD)]
)
def test_wrong_credentials_are_refused(
    client: FlaskClient, auth, login: str, password: str
) -> None:
    auth.register()
    auth.logout()
    response = auth.login(login, password)
    assert response.status_code == 200
    assert "ユーザー名またはパスワードが正しくありません" in response.get_data(as_text=True)
    assert not _logged_in(client)


def test_login_by_email(client: FlaskClient, auth) -> None:
    auth.register(email="Alice@Example.org")
    auth.logout()
    assert auth.login("alice@example.org").status_code == 302


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/auth/password", "/auth/password"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_redirect_is_local_only(
    client: FlaskClient, auth, next_url: str, expected: str
) -> None:
    auth.register()
    auth.logout()
    response = auth.login(next_url=next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_change_password(client: FlaskClient, auth) -> None:
    auth.register()
    new = "another long passphrase"
    data = {"current": PASSWORD, "password": new, "confirm": new, "csrf_token": auth.csrf_token()}
    assert client.post("/auth/password", data=data).status_code == 302
    assert _logged_in(client), "the changing session stays logged in"
    auth.logout()
    assert auth.login(password=PASSWORD).status_code == 200
    assert auth.login(password=new).status_code == 302


def test_change_password_needs_current(client: FlaskClient, auth) -> None:
    auth.register()
    data = {"current": "not it at all", "password": "x" * 12, "confirm": "x" * 12}
    data["csrf_token"] = auth.csrf_token()
    response = client.post("/auth/password", data=data)
    assert response.status_code == 200
    assert "現在のパスワードが正しくありません" in response.get_data(as_text=True)


def test_change_password_requires_login(client: FlaskClient) -> None:
    response = client.get("/auth/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login?next=")


def test_old_cookie_is_dead_after_logout(app: Flask, auth) -> None:
    auth.register()
    stolen = app.test_client()
    cookie = auth._client.get_cookie("session")
    stolen.set_cookie("session", cookie.value)
    assert _logged_in(stolen)
    auth.logout()
    assert not _logged_in(stolen)


def test_form_without_csrf_token_is_rejected(app: Flask, client: FlaskClient) -> None:
    data = {"username": "mallory", "password": PASSWORD, "confirm": PASSWORD}
    response = client.post("/auth/register", data=data)
    assert response.status_code == 400
    assert _user_count(app) == 0


def test_csrf_token_from_another_session_is_rejected(
    app: Flask, client: FlaskClient, auth, auth_for
) -> None:
    data = {"username": "mallory", "password": PASSWORD, "confirm": PASSWORD}
    data["csrf_token"] = auth_for(app.test_client()).csrf_token("/auth/register")
    auth.csrf_token("/auth/register")
    assert client.post("/auth/register", data=data).status_code == 400
    assert _user_count(app) == 0


def test_session_cookie_flags(client: FlaskClient, auth) -> None:
    response = auth.register()
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        ("", "", "ログイン"),
        ("?lang=en", "", "Log in"),
        ("", "en-US,en;q=0.9", "Log in"),
        ("?lang=ja", "en", "ログイン"),
    ],
)
def test_locale_selection(client: FlaskClient, query: str, header: str, expected: str) -> None:
    headers = {"Accept-Language": header} if header else {}
    page = client.get("/auth/login" + query, headers=headers).get_data(as_text=True)
    assert f"<h1>{expected}</h1>" in page


def test_lang_choice_is_remembered(client: FlaskClient) -> None:
    client.get("/auth/login?lang=en")
    assert "<h1>Log in</h1>" in client.get("/auth/login").get_data(as_text=True)


def test_login_attempts_are_rate_limited(make_app) -> None:
    app = make_app(RATELIMIT_ENABLED=True, LOGIN_RATE_LIMIT="3/minute")
    with app.app_context():
        db.create_all()
    client = app.test_client()
    page = client.get("/auth/login").get_data(as_text=True)
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    data = {"login": "nobody", "password": "wrong password", "csrf_token": token}
    statuses = [client.post("/auth/login", data=data).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/auth/login").status_code == 200, "only POSTs count"
