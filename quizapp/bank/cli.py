"""``flask --app quizapp bank verify`` and ``bank list --json``."""

from flask.cli import AppGroup

bank_cli = AppGroup("bank", help="Inspect and verify the question bank.")
