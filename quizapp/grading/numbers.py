"""Numbers: a learner's number (``0.25``, ``1/4``, full-width digits) and the bank's exact
``{{= expr }}`` values, both read with our own parser (never ``eval``)."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from fractions import Fraction

import sympy

from derivations.errors import LearnerInputError
from derivations.parsing import parse_math
from derivations.vocabulary import Vocabulary
from quizapp.verdicts import format_exact

_NAME = re.compile(r"\b([A-Za-z_]\w*)\b")


def parse_number(text: str | float) -> float | None:
    """A finite number from ``0.25``, ``1/4``, ``2.5e-3``, full-width digits; else ``None``."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text) if math.isfinite(text) else None
    cleaned = unicodedata.normalize("NFKC", str(text)).strip().replace("−", "-")
    try:
        value = float(cleaned)
    except ValueError:
        value = _exact_value(cleaned, {})
        value = float(value) if value is not None else None
    return value if value is not None and math.isfinite(value) else None


def evaluate_exact(expr: str, params: Mapping[str, int | str]) -> str:
    """``{{= expr }}`` of the bank: exact arithmetic over the parameters, as text.

    Terminating results print as decimals (``0.25``), others as fractions (``1/3``),
    irrational ones as a float (``1.4142135623731``).
    """
    value = _exact_value(expr, params)
    if value is None:
        raise ValueError(f"cannot evaluate {{{{= {expr} }}}} with {dict(params)}")
    return format_exact(value)


def _exact_value(expr: str, params: Mapping[str, int | str]) -> Fraction | float | None:
    """Substitute exact parameter values, read with our parser, evaluate; None if not a number."""

    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            return name
        exact = Fraction(str(params[name]))
        return f"({exact.numerator}/{exact.denominator})"

    try:
        parsed = parse_math(_NAME.sub(value_of, expr), vocabulary=Vocabulary(frozenset()))
    except LearnerInputError:
        return None
    number = sympy.nsimplify(parsed.expr) if parsed.expr.is_Float else parsed.expr
    if number.free_symbols or not number.is_number:
        return None
    if number.is_Rational:
        return Fraction(int(number.p), int(number.q))
    result = complex(number.evalf())
    return result.real if result.imag == 0 else None
