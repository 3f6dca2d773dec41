"""Read and judge learner math: safe parsing, three-valued equivalence, mistake diagnosis.

Public API::

    check_expression(answer, reference, *, format="text", definitions=None,
                     variables=None, forbid=None) -> Verdict
    check_steps(steps, *, format="text", definitions=None, variables=None,
                reference=None, start=None) -> StepReport
    parse_math(text, *, format="text", vocabulary=None, authoring=False) -> ParsedMath

Never imports ``quizapp``, Flask, SQLAlchemy or ``engine``.
"""

from derivations.check import check_expression
from derivations.errors import LearnerInputError
from derivations.parsing import parse_math
from derivations.steps import check_steps
from derivations.verdict import StepReport, Verdict
from derivations.vocabulary import Vocabulary

__all__ = [
    "LearnerInputError",
    "StepReport",
    "Verdict",
    "Vocabulary",
    "check_expression",
    "check_steps",
    "parse_math",
]
