"""The only seam between the web app and the math packages ``derivations`` and ``engine``
(no other ``quizapp`` code imports them).

Every call into a checker runs in a small thread pool under a wall-clock deadline
(``GRADING_DEADLINE_S``); ``derivations`` also runs its symbolic work in its own killable
worker. Whatever happens, the caller gets a verdict dict, never an exception: learner input
errors become ``invalid``, timeouts and checker faults ``undetermined``. The one exception
is :class:`RequestProblem`: the *request* (not the answer) is wrong, e.g. an unknown
network; the API answers it with 400.

Modules: ``runner`` (deadline and error policy), ``checks`` (stateless checks and preview),
``questions`` (bank variants and their listed mistakes), ``numbers`` (numeric answers and
exact ``{{= }}`` values).
"""

from quizapp.grading.checks import (
    check_expression_payload,
    check_gradient_payload,
    check_steps_payload,
    preview,
    reference_problem,
)
from quizapp.grading.numbers import evaluate_exact, parse_number
from quizapp.grading.questions import grade, judge_against
from quizapp.verdicts import RequestProblem, numbers_agree

__all__ = [
    "RequestProblem",
    "check_expression_payload",
    "check_gradient_payload",
    "check_steps_payload",
    "evaluate_exact",
    "grade",
    "judge_against",
    "numbers_agree",
    "parse_number",
    "preview",
    "reference_problem",
]
