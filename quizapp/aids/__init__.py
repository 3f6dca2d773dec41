"""Blueprint ``aids``: interactive learning aids (activation explorer, sigmoid-neuron loss
surface, finite-difference error), drawn in the browser from numbers that
``quizapp.aid_data`` computes with ``engine``.

Routes: ``GET /aids/`` (list), ``GET /aids/<name>`` (page), ``GET /aids/<name>/data``
(JSON; a bad parameter answers 400 ``{"error": {"code", "field", "message"}}``).
Question pages link to an aid with ``{% include "aids/_link.html" %}``.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("aids", __name__, url_prefix="/aids")

from quizapp.aids import views  # noqa: E402,F401  (routes attach to bp)


def init_app(app: Flask) -> None:
    """Register the blueprint and ``aid_for(name)`` for templates (the ``Aid`` or None)."""
    from quizapp.aids.registry import AIDS

    app.register_blueprint(bp)
    app.jinja_env.globals["aid_for"] = AIDS.get
