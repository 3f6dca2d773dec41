"""WSGI entry point for servers: ``waitress-serve quizapp.wsgi:app``, ``gunicorn quizapp.wsgi:app``.

Builds the app from the environment and warms the checkers up in the background, so the
first learner's answer does not pay for starting them.
"""

from quizapp import create_app
from quizapp.grading.warmup import warm_up_in_background

app = create_app()
warm_up_in_background()
