"""The Flask app: practice, free checkers, accounts, JSON API, progress."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Application factory: settings, extensions, error handlers, blueprints, CLI."""
    from quizapp import config, database, errors, i18n
    from quizapp.auth import accounts as auth_accounts
    from quizapp.extensions import csrf, db, limiter, login_manager, migrate
    from quizapp.ops import rate_limit_storage  # noqa: F401  (registers quizapp-db://)

    app = Flask(__name__, instance_relative_config=True)
    config.load_settings(app, test_config)

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    auth_accounts.init_login(app)
    i18n.init_app(app)
    errors.init_app(app)
    _register_blueprints(app)
    _register_commands(app)
    return app


def _register_blueprints(app: Flask) -> None:
    """One blueprint per activity. F and H: add one line each here for your blueprints."""
    from quizapp import api, auth

    app.register_blueprint(auth.bp)
    app.register_blueprint(api.bp)
    # --- F (pages) registers its blueprints below this line ---
    from quizapp import checkers, practice, security

    security.init_app(app)
    practice.init_app(app)
    checkers.init_app(app)
    # --- H (progress, review, exam) registers its blueprints below this line ---
    from quizapp import progress

    progress.init_app(app)  # progress, /api/v1/progress, review, exam
    # --- learning aids (issue 6) ---
    from quizapp import aids

    aids.init_app(app)
    # --- issue 7 (ops): /health, JSON request logs, 503 on storage faults, `ops backup` ---
    from quizapp import ops

    ops.init_app(app)


def _register_commands(app: Flask) -> None:
    """``flask --app quizapp bank ...``."""
    from quizapp.bank.cli import bank_cli

    app.cli.add_command(bank_cli)
