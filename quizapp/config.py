"""Default settings and where the others come from.

Order of precedence (last wins): ``DEFAULTS`` → ``instance/config.py`` (if present)
→ environment (``SECRET_KEY``, ``DATABASE_URL``, ``QUIZAPP_*``) → ``test_config``.

Keys we define:

- ``SECRET_KEY``: signs sessions and CSRF tokens. Never a built-in default: when no
  value is given, a random one is generated once and kept in ``instance/secret_key``.
- ``SQLALCHEMY_DATABASE_URI`` (env ``DATABASE_URL``): default an SQLite file in the
  instance folder. ``postgres://`` URLs are accepted (rewritten for psycopg 3).
- ``SQLITE_BUSY_TIMEOUT_MS``, ``SQLITE_SYNCHRONOUS``: SQLite connection pragmas.
- ``MAX_CONTENT_LENGTH``: largest request body (bytes); larger requests get 413.
- ``CHECK_RATE_LIMIT``: Flask-Limiter rule for the stateless checker endpoints.
- ``LOGIN_RATE_LIMIT``: rule for failed-login-prone POSTs (login, register).
- ``RATELIMIT_STORAGE_URI`` (env ``QUIZAPP_RATELIMIT_STORAGE_URI``): where Flask-Limiter
  counts; default ``quizapp-db://``, the app's own database, shared by every process and
  kept across restarts (``quizapp.ops.rate_limit_storage``). ``memory://`` counts per
  process; ``redis://...`` works too. While the storage fails, the same limits hold per
  process in memory (``RATELIMIT_IN_MEMORY_FALLBACK_ENABLED``) and errors are logged,
  never raised (``RATELIMIT_SWALLOW_ERRORS``).
- ``GRADING_DEADLINE_S``: wall-clock budget of one grading request (``derivations`` has its
  own 2 s per symbolic task); past it the verdict is ``undetermined``.
- ``QUESTION_BANK_DIR``: folder of TOML question files (default: the package's own).
- ``SESSION_COOKIE_SECURE`` (env ``QUIZAPP_SECURE_COOKIES=1``): send cookies over HTTPS only.
- ``TRUSTED_HOSTS`` (env ``QUIZAPP_TRUSTED_HOSTS``, comma-separated): other ``Host`` headers get 400.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

PACKAGE_DIR = Path(__file__).resolve().parent

DEFAULTS: dict[str, Any] = {
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "SQLITE_BUSY_TIMEOUT_MS": 5000,
    "SQLITE_SYNCHRONOUS": "NORMAL",
    "CHECK_RATE_LIMIT": "120/minute",
    "LOGIN_RATE_LIMIT": "20/minute",
    "RATELIMIT_STORAGE_URI": "quizapp-db://",
    "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
    "RATELIMIT_SWALLOW_ERRORS": True,
    "RATELIMIT_HEADERS_ENABLED": True,
    "GRADING_DEADLINE_S": 4.0,
    "QUESTION_BANK_DIR": str(PACKAGE_DIR / "questions"),
    "VERIFY_SEEDS": 5,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    "BABEL_DEFAULT_LOCALE": "ja",
    "BABEL_DEFAULT_TIMEZONE": "UTC",
}

ENV_KEYS = {
    "SECRET_KEY": "SECRET_KEY",
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "QUIZAPP_BANK_DIR": "QUESTION_BANK_DIR",
    "QUIZAPP_RATELIMIT_STORAGE_URI": "RATELIMIT_STORAGE_URI",
}


def load_settings(app: Flask, test_config: Mapping[str, Any] | None) -> None:
    """Fill ``app.config`` from defaults, instance file, environment and test config."""
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(DEFAULTS)
    app.config["SQLALCHEMY_DATABASE_URI"] = _sqlite_url(Path(app.instance_path) / "quizapp.sqlite")
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = translation_directories()
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        for env_name, key in ENV_KEYS.items():
            if os.environ.get(env_name):
                app.config[key] = os.environ[env_name]
        if os.environ.get("QUIZAPP_TRUSTED_HOSTS"):
            hosts = os.environ["QUIZAPP_TRUSTED_HOSTS"].split(",")
            app.config["TRUSTED_HOSTS"] = [h.strip() for h in hosts if h.strip()]
        if os.environ.get("QUIZAPP_SECURE_COOKIES") == "1":
            app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = True
    else:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = _normalise_db_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path) / "secret_key")


def translation_directories() -> str:
    """Every ``quizapp/**/translations`` folder, joined for Flask-Babel (``;``)."""
    found = sorted(p for p in PACKAGE_DIR.rglob("translations") if p.is_dir())
    return ";".join(str(p) for p in found)


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _normalise_db_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _instance_secret(path: Path) -> str:
    """Read the generated secret key, creating it (mode 0600) on first use.

    Several processes may start at once (gunicorn workers, a CLI command): the key is
    written to a private temporary file and hard-linked into place, which fails if the
    file exists, so every process reads one complete key, never a half-written one.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_hex(32))
            os.link(draft, path)
        except FileExistsError:
            pass  # another process got there first: use its key
        finally:
            draft.unlink()
    return path.read_text(encoding="utf-8").strip()
