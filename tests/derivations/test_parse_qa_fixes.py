"""Inputs QA found a learner would reasonably type: each reading, and a neighbour that
must stay invalid with its error code."""

import pytest
import sympy

from derivations import LearnerInputError, Vocabulary, check_expression, parse_math
from derivations.check import ReferenceProblem, definitions_of
from derivations.functions import sigmoid

x, sigma = sympy.Symbol("x", real=True), sympy.Symbol("sigma", real=True)
X_ONLY = Vocabulary(frozenset({"x"}))
WITH_SIGMA = Vocabulary(frozenset({"x", "sigma"}))

READINGS = [
    # a power written right after a function name is the power of the call
    ("text", "1−tanh²(x)", X_ONLY, 1 - sympy.tanh(x) ** 2),
    ("text", "1-tanh²x", X_ONLY, 1 - sympy.tanh(x) ** 2),
    ("text", "sech²x", X_ONLY, sympy.sech(x) ** 2),
    ("text", "σ²(x)", X_ONLY, sigmoid(x) ** 2),
    ("text", "tanh^2(x)", X_ONLY, sympy.tanh(x) ** 2),
    ("text", "tanh^2 x", X_ONLY, sympy.tanh(x) ** 2),
    ("text", "cos³(2x)", X_ONLY, sympy.cos(2 * x) ** 3),
    ("latex", r"\tanh^2(x)", X_ONLY, sympy.tanh(x) ** 2),
    ("text", "σ²x", WITH_SIGMA, sigma**2 * x),
    ("text", "σ²(x)", WITH_SIGMA, sigmoid(x) ** 2),
    ("latex", r"\sigma^2(x)", X_ONLY, sigmoid(x) ** 2),
    ("latex", r"\sigma^{2}(x)", WITH_SIGMA, sigmoid(x) ** 2),
    ("latex", r"\sigma^2 x", WITH_SIGMA, sigma**2 * x),
    ("latex", r"1-\tanh^{2}x", X_ONLY, 1 - sympy.tanh(x) ** 2),
    # the radical sign
    ("latex", "√x", X_ONLY, sympy.sqrt(x)),
    ("latex", "√{x+1}", X_ONLY, sympy.sqrt(x + 1)),
    ("latex", r"\frac{1}{2√x}", X_ONLY, 1 / (2 * sympy.sqrt(x))),
    ("text", "√x", X_ONLY, sympy.sqrt(x)),
    ("text", "√(x+1)", X_ONLY, sympy.sqrt(x + 1)),
    ("text", "1/(2√x)", X_ONLY, 1 / (2 * sympy.sqrt(x))),
    ("text", "√x+1", X_ONLY, sympy.sqrt(x) + 1),
    ("text", "√2x", X_ONLY, sympy.sqrt(2) * x),
    ("text", "√x/√(x+1)", X_ONLY, sympy.sqrt(x) / sympy.sqrt(x + 1)),
]

STILL_INVALID = [
    ("text", "tanh x", X_ONLY, "function_needs_argument"),
    ("text", "tanh² 2", X_ONLY, "function_needs_argument"),
    ("text", "tanh²", X_ONLY, "function_needs_argument"),
    ("text", "σ²x", X_ONLY, "unknown_name"),
    ("text", "tanh²(y)", X_ONLY, "unknown_name"),
    ("text", "√", X_ONLY, "unexpected_token"),
    ("latex", "√", X_ONLY, "unexpected_token"),
    ("latex", r"\sigma^2 x", X_ONLY, "unknown_name"),
    ("text", "√-x", X_ONLY, "unexpected_token"),
    ("text", "x√", X_ONLY, "unexpected_token"),
    ("text", "√(x", X_ONLY, "unbalanced_bracket"),
    ("text", "√(y)", X_ONLY, "unknown_name"),
]


@pytest.mark.parametrize(("fmt", "text", "vocabulary", "expected"), READINGS)
def test_reading(fmt, text, vocabulary, expected):
    assert parse_math(text, format=fmt, vocabulary=vocabulary).expr == expected


@pytest.mark.parametrize(("fmt", "text", "vocabulary", "code"), STILL_INVALID)
def test_neighbour_stays_invalid(fmt, text, vocabulary, code):
    with pytest.raises(LearnerInputError) as caught:
        parse_math(text, format=fmt, vocabulary=vocabulary)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("definitions", "expected"),
    [
        (["ｙ＝ｓｉｇｍｏｉｄ（ｘ）"], (("y", "ｓｉｇｍｏｉｄ（ｘ）"),)),
        (["ｙ = sigmoid(x)"], (("y", "sigmoid(x)"),)),
        ({"ｙ": "sigmoid(x)"}, (("y", "sigmoid(x)"),)),
    ],
)
def test_full_width_definitions_are_split(definitions, expected):
    assert definitions_of(definitions) == expected


@pytest.mark.parametrize("typed", ["ｙ：ｓｉｇｍｏｉｄ（ｘ）", "＝ｓｉｇｍｏｉｄ（ｘ）", "ｙ＝"])
def test_definition_without_both_sides_is_refused(typed):
    with pytest.raises(ReferenceProblem):
        definitions_of([typed])


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [("ｙ（１－ｙ）", "correct"), ("y(1-y)", "correct"), ("1-y", "incorrect")],
)
def test_full_width_definition_is_used_for_judging(answer, verdict):
    result = check_expression(answer, "diff(y, x)", definitions=["ｙ＝ｓｉｇｍｏｉｄ（ｘ）"])
    assert result.to_dict("en")["verdict"] == verdict


STEP = sympy.Piecewise((1, x > 0), (0, True))
CASES_READINGS = [
    r"\begin{cases} 1 & x > 0 \\ 0 & (\text{otherwise}) \end{cases}",
    r"\begin{cases} 1 & x > 0 \\ 0 & \text{(otherwise)} \end{cases}",
    r"\begin{cases} 1 & x > 0 \\ 0 & (\mathrm{otherwise}) \end{cases}",
    r"\begin{cases} 1 & x > 0 \\ 0 & (\text{それ以外}) \end{cases}",
    r"\begin{cases} 1 & x > 0 \\ 0 & \text{else} \end{cases}",
    r"\begin{cases} 1, & x > 0, \\ 0, & \text{otherwise}. \end{cases}",
    r"\begin{cases} 1. & x > 0. \\ 0 & \text{otherwise.} \end{cases}.",
    r"\begin{cases} 1 \quad (x > 0) \\ 0 \quad (x \le 0) \end{cases}",
    r"\begin{cases} 1 \qquad x > 0 \\ 0 \qquad \text{otherwise} \end{cases}",
    r"\begin{cases} 1 \quad \text{if } x > 0 \\ 0 \quad \text{otherwise} \end{cases}",
    r"\begin{cases} 1 \text{ if } x > 0 \\ 0 \text{ otherwise} \end{cases}",
    r"\left\{\begin{array}{ll} 1 \quad (x > 0) \\ 0 \quad (\text{otherwise}) \end{array}\right.",
    r"\begin{cases} 1 & \quad x > 0 \\ 0 & \quad \text{otherwise} \end{cases}",
]

CASES_STILL_INVALID = [
    (r"\begin{cases} 1 \\ 0 \end{cases}", "unexpected_token"),
    (r"\begin{cases} 1 \quad \end{cases}", "unexpected_token"),
    (r"\begin{cases} 1 & x > 0 .. \end{cases}", "unexpected_token"),
    (r"\begin{cases} 1 & (\text{banana}) \end{cases}", "bad_condition"),
    (r"\begin{cases} 1 & x>0 \\ 0 & (\text{otherwise} \end{cases}", "unbalanced_bracket"),
    (r"1 . 2", "unexpected_token"),
    (r"x.", "unexpected_token"),
]


@pytest.mark.parametrize("text", CASES_READINGS)
def test_cases_reading(text):
    assert parse_math(text, format="latex", vocabulary=X_ONLY).expr == STEP


def test_quad_outside_cases_is_only_space():
    assert parse_math(r"x \quad + 1", format="latex", vocabulary=X_ONLY).expr == x + 1


@pytest.mark.parametrize(("text", "code"), CASES_STILL_INVALID)
def test_cases_neighbour_stays_invalid(text, code):
    with pytest.raises(LearnerInputError) as caught:
        parse_math(text, format="latex", vocabulary=X_ONLY)
    assert caught.value.code == code
