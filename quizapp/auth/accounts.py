"""Account services: create, authenticate, change password, load from the session."""

from __future__ import annotations

import unicodedata

from flask import Flask, Response, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from werkzeug.security import check_password_hash, generate_password_hash

from quizapp.database import write_transaction
from quizapp.errors import error_response, wants_json
from quizapp.extensions import db, login_manager
from quizapp.models import User

# A valid hash to compare against when the user does not exist, so a missing account
# takes as long to reject as a wrong password.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AccountError(ValueError):
    """A form-level problem with the account data; the message is translated."""


def normalise_name(name: str) -> str:
    """NFKC (full-width → ASCII) and trimmed, as typed with a Japanese IME."""
    return unicodedata.normalize("NFKC", name).strip()


def find_user(login: str) -> User | None:
    """The user whose username or e-mail is ``login`` (case-insensitive)."""
    login = normalise_name(login).casefold()
    query = select(User).where(
        or_(func.lower(User.username) == login, func.lower(User.email) == login)
    )
    return db.session.scalars(query).first()


def create_user(username: str, password: str, email: str | None = None, locale: str = "ja") -> User:
    """Store a new account; raise ``AccountError`` when the name or e-mail is taken."""
    username = normalise_name(username)
    email = normalise_name(email).casefold() if email else None
    with write_transaction() as session:
        if find_user(username) or (email and find_user(email)):
            raise AccountError(_("This user name or e-mail address is already registered."))
        user = User(
            username=username,
            email=email,
            password_hash=generate_password_hash(password),
            locale=locale,
        )
        session.add(user)
    return user


def authenticate(login: str, password: str) -> User | None:
    """The user if ``password`` is right, else ``None`` (same work either way)."""
    user = find_user(login)
    ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, password)
    return user if user and ok else None


def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one; ends other sessions."""
    if not check_password_hash(user.password_hash, current):
        raise AccountError(_("The current password is not correct."))
    with write_transaction():
        user.password_hash = generate_password_hash(new)
        user.session_version += 1


def end_sessions(user: User) -> None:
    """Invalidate every session cookie issued to ``user`` so far."""
    with write_transaction():
        user.session_version += 1


def _load_user(identity: str) -> User | None:
    user_id, _sep, version = identity.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    return user if user and user.session_version == int(version) else None


def _unauthorized() -> Response:
    if wants_json():
        return error_response(401)
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def init_login(app: Flask) -> None:
    """Wire Flask-Login to our user loader and unauthorized handler."""
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(_unauthorized)
