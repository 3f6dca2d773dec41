"""Blueprint ``practice``: topics → question → answer → verdict → next question.

``init_app`` also installs what every page template needs: the home page (endpoint
``index``), the template globals of ``assets`` and the ``mathtext`` filter.
"""

from __future__ import annotations

from flask import Blueprint, Flask, render_template

from quizapp.practice.assets import TEMPLATE_GLOBALS
from quizapp.practice.labels import TEMPLATE_HELPERS
from quizapp.practice.mathtext import render_inline, render_mathtext

bp = Blueprint("practice", __name__, url_prefix="/practice")

from quizapp.practice import views  # noqa: E402,F401  (routes attach to bp)


def home() -> str:
    """The start page: what the app does, and a one-click first question."""
    from quizapp.bank.loader import get_bank

    first = next(iter(get_bank().questions.values()), None)
    return render_template("practice/home.html", first_question=first)


def init_app(app: Flask) -> None:
    """Register the blueprint, the home page and the page-wide template helpers."""
    app.register_blueprint(bp)
    app.add_url_rule("/", "index", home)
    app.jinja_env.globals.update(TEMPLATE_GLOBALS)
    app.jinja_env.globals.update(TEMPLATE_HELPERS)
    app.jinja_env.filters["mathtext"] = render_mathtext
    app.jinja_env.filters["mathinline"] = render_inline
