"""Operations (issue 7): ``GET /health``, JSON request logs, 503 on storage faults, and
``flask --app quizapp ops backup DEST``.

Public names: ``bp``, ``init_app``.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("ops", __name__)

from quizapp.ops import health  # noqa: E402,F401  (routes attach to bp)


def init_app(app: Flask) -> None:
    """Register the health route, the request log, the storage-fault handler and the CLI."""
    from quizapp.ops import faults, logs
    from quizapp.ops.backup import ops_cli

    logs.init_app(app)
    faults.init_app(app)
    app.register_blueprint(bp)
    app.cli.add_command(ops_cli)
