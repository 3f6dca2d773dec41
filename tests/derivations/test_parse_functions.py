"""Custom SymPy functions (sigmoid, softplus) and the function table: calculus,
exp rewriting, numbers through evalf and lambdify, LaTeX."""

import math

import mpmath
import numpy as np
import pytest
import sympy

from derivations import Vocabulary, parse_math
from derivations.function_table import FUNCTIONS, exp
from derivations.functions import sigmoid, softplus

x = sympy.Symbol("x", real=True)


def test_sigmoid_calculus_and_exp_form():
    assert sigmoid(x).diff(x) == sigmoid(x) * (1 - sigmoid(x))
    assert sigmoid(x).rewrite(sympy.exp) == 1 / (1 + sympy.exp(-x))
    assert sigmoid(0) == sympy.S.Half
    assert sigmoid(x).is_positive
    assert sigmoid(x).is_real


def test_softplus_calculus_and_exp_form():
    assert softplus(x).diff(x) == sigmoid(x)
    assert softplus(x).rewrite(sympy.exp) == sympy.log(1 + sympy.exp(x))
    assert softplus(x).is_positive


def test_rewrite_removes_every_custom_function():
    expr = sigmoid(2 * x) * softplus(x) + sigmoid(softplus(x))
    assert not expr.rewrite(sympy.exp).atoms(sigmoid, softplus)


@pytest.mark.parametrize("value", [-800.0, -3.0, 0.0, 0.5, 40.0, 800.0])
def test_numpy_lambdify_is_overflow_free(value):
    f = sympy.lambdify([x], sigmoid(x) + softplus(x), modules=["numpy"])
    with np.errstate(over="raise", invalid="raise"):
        got = f(np.array([value]))[0]
    expected = 1 / (1 + math.exp(-value)) if value > -700 else 0.0
    expected += max(value, 0.0) + math.log1p(math.exp(-abs(value)))
    assert got == pytest.approx(expected, rel=1e-12)


def test_mpmath_and_evalf_agree_at_high_precision():
    f = sympy.lambdify([x], sigmoid(x) * softplus(x), modules=["mpmath"])
    with mpmath.workdps(40):
        point = mpmath.mpf(3) / 10
        exact = mpmath.log(1 + mpmath.exp(point)) / (1 + mpmath.exp(-point))
        assert abs(f(point) - exact) < mpmath.mpf(10) ** -35
        exact_text = mpmath.nstr(exact, 40)
    value = (sigmoid(x) * softplus(x)).subs(x, sympy.Rational(3, 10)).evalf(40)
    assert abs(value - sympy.Float(exact_text, 40)) < sympy.Float("1e-35")


@pytest.mark.parametrize("name", sorted(n for n, spec in FUNCTIONS.items() if spec.min_args == 1))
@pytest.mark.parametrize("module", ["numpy", "mpmath", "math"])
def test_every_table_function_lambdifies(name, module):
    point = 1.7 if FUNCTIONS[name].build is sympy.acosh else 0.7  # inside every domain
    f = sympy.lambdify([x], FUNCTIONS[name].build(x), modules=[module])
    assert math.isfinite(float(f(point)))


def test_latex_of_custom_functions():  # SymPy's own printer (explanations, oracles)
    assert sympy.latex(sigmoid(x)) == r"\sigma\left(x\right)"
    assert sympy.latex(softplus(x)) == r"\operatorname{softplus}\left(x\right)"
    assert sympy.latex(sigmoid(x) ** 2) == r"\left(\sigma\left(x\right)\right)^{2}"


_x, _y = x, sympy.Symbol("y", real=True)


@pytest.mark.parametrize(
    "arg",
    [
        -_x,
        2 * _x,
        -_x / 2,
        _x * _y,
        -3 * _x**2 * _y,
        _x / _y,
        _x,
        _x + 1,
        sympy.Integer(0),
        sympy.Integer(1),
        2 * sympy.log(_x),
        -sympy.log(_x) * 3,
        _x + sympy.log(2),
        sympy.I * sympy.pi,
        2 * sympy.I * sympy.pi * _x,
        sympy.pi * _x,
    ],
    ids=str,
)
def test_fast_exp_builds_exactly_what_sympy_exp_builds(arg) -> None:
    assert sympy.srepr(exp(arg)) == sympy.srepr(sympy.exp(arg))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("e^(-x)", "exp(-x)"),
        ("e^(2*log(x))", "x**2"),
        ("exp(0)", "1"),
        ("e^(x+log(2))", "2*exp(x)"),
    ],
)
def test_exponentials_read_as_sympy_evaluates_them(text: str, expected: str) -> None:
    assert str(parse_math(text, vocabulary=Vocabulary(frozenset({"x"}))).expr) == expected


_p = sympy.Symbol("p", positive=True)
_n = sympy.Symbol("n", nonpositive=True)
_z = sympy.Symbol("z", zero=True)


@pytest.mark.parametrize("arg", [x, -x, 2 * x, _p, _n, -_p, x + 1, sympy.Integer(3)], ids=str)
def test_relu_builds_exactly_what_sympy_max_builds(arg) -> None:
    assert sympy.srepr(FUNCTIONS["relu"].build(arg)) == sympy.srepr(sympy.Max(0, arg))


@pytest.mark.parametrize(
    ("arg", "value"),
    [
        (-x, None),
        (-2 * x * _p, None),
        (2 * x**2, None),
        (x, None),
        (_z, sympy.S.Half),
        (-_z * x, sympy.S.Half),
        (3 * _z**3, sympy.S.Half),
        (x - x, sympy.S.Half),
    ],
    ids=str,
)
def test_sigmoid_is_one_half_exactly_at_zero(arg, value) -> None:
    assert sigmoid.eval(arg) == value
    assert (sigmoid(arg) == sympy.S.Half) == (value is not None)
