"""Gunicorn hooks for ``scripts/serve_production.sh``.

``on_starting`` (master, before any worker exists) runs the Alembic migrations, then
disposes the engine, so no database connection is inherited by a worker. The app object
itself is not preloaded (no ``--preload``): every worker calls ``create_app()`` after
the fork. The modules imported here (Flask, SQLAlchemy, SymPy, NumPy) are inherited
copy-on-write, which makes a worker ready in a fraction of a second after a restart.
"""

from __future__ import annotations

import logging
from typing import Any


def on_starting(server: Any) -> None:
    import flask_migrate

    from quizapp import create_app
    from quizapp.extensions import db

    app = create_app()
    with app.app_context():
        flask_migrate.upgrade()
        db.engine.dispose()
    # alembic.ini's logging config adds root handlers; workers log JSON through quizapp's own
    for handler in list(logging.getLogger().handlers):
        logging.getLogger().removeHandler(handler)
    server.log.info("migrations at head; starting workers")
