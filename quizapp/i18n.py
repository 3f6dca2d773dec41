"""Locale selection: ``?lang=`` (remembered in a cookie), then the cookie, then
``Accept-Language``; Japanese by default."""

from __future__ import annotations

from flask import Flask, Response, request
from flask_babel import get_locale

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"
COOKIE_NAME = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600


def select_locale() -> str:
    """The language of this request (``ja`` or ``en``).

    Pages: ``?lang=``, the cookie, ``Accept-Language``. The JSON API answers in the
    language of ``Accept-Language`` first (DESIGN.md), so ``?lang=`` > header > cookie.
    """
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    header = request.accept_languages.best_match(LANGUAGES)
    if header and request.path.startswith("/api/"):
        return header
    cookie = request.cookies.get(COOKIE_NAME, "")
    if cookie in LANGUAGES:
        return cookie
    return header or DEFAULT_LANGUAGE


def answer_language() -> str:
    """Language of checker verdicts and API messages (same rule as :func:`select_locale`)."""
    return select_locale()


def _remember_choice(response: Response) -> Response:
    chosen = request.args.get("lang", "")
    if chosen in LANGUAGES and request.cookies.get(COOKIE_NAME) != chosen:
        response.set_cookie(
            COOKIE_NAME, chosen, max_age=COOKIE_MAX_AGE, samesite="Lax", httponly=True
        )
    return response


def init_app(app: Flask) -> None:
    """Bind Flask-Babel to our selector and remember ``?lang=`` choices."""
    from quizapp.extensions import babel

    babel.init_app(app, locale_selector=select_locale)
    app.after_request(_remember_choice)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, get_locale=get_locale)
