"""The Flask app: practice, free checkers, accounts, JSON API, progress."""

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Application factory (placeholder until the web app lands)."""
    app = Flask(__name__, instance_relative_config=True)
    if test_config:
        app.config.update(test_config)

    @app.get("/")
    def index() -> str:
        return "微分道場 Bibun Dojo"

    return app
