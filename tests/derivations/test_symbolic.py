"""Targeted proof: what it proves, and that it never proves a wrong equality."""

import pytest
import sympy

from derivations.functions import sigmoid, softplus
from derivations.kinks import kink_pieces
from derivations.numeric import prepare
from derivations.symbolic import compare, exp_monomials_to_symbols, prove_equal

x, y, a, w, b = sympy.symbols("x y alpha w b", real=True)
H, sig = sympy.Heaviside, sigmoid(x)

PROVABLE = [
    (sig * (1 - sig), sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2),
    (sig * (1 - sig), 1 / (4 * sympy.cosh(x / 2) ** 2)),
    (sig * (1 - sig), sympy.exp(-x - 2 * sympy.log(1 + sympy.exp(-x)))),
    (1 - sympy.tanh(x) ** 2, sympy.sech(x) ** 2),
    (softplus(x).diff(x), sig),
    (sympy.erfc(-x), 1 + sympy.erf(x)),
    (sympy.cos(x) ** 2 + sympy.sin(x) ** 2, sympy.Integer(1)),
    (H(x) + a * H(-x), a + (1 - a) * H(x)),
    (H(x) + a * H(-x), (1 + a) / 2 + (1 - a) / 2 * sympy.sign(x)),
    (H(x), sympy.Piecewise((1, x > 0), (0, True))),
    (sympy.Max(0, x), x * H(x)),
    (sympy.Abs(x), x * sympy.sign(x)),
    (H(w * x + b), (1 + sympy.sign(w * x + b)) / 2),
    (prepare(sympy.Float("0.5") * x), x / 2),
    # powers with a symbolic exponent go through exp(t*log(base))
    (b**x * b**y, b ** (x + y)),
    (2**x * 2**x, 4**x),
    ((1 - b**y) ** 2, 1 - 2 * b**y + b ** (2 * y)),
    (sympy.sqrt(x**2 + 1) * sympy.sqrt(x**2 + 1), x**2 + 1),
]

NOT_EQUAL = [
    (sig * (1 - sig), x * (1 - x)),
    (1 - sympy.tanh(x) ** 2, 1 - sympy.tanh(x)),
    (H(x) + a * H(-x), a * H(x) + H(-x)),
    (sympy.Max(0, x), sympy.Abs(x)),
    (x**2 / 3, sympy.Rational(333333333333333, 10**15) * x**2),
    (sympy.exp(x + y), sympy.exp(x) + sympy.exp(y)),
    (b**x * b**y, b ** (x * y)),
    (2**x * 2**x, 2 ** (x**2)),
    (sympy.sqrt(x**2 + 1), x + 1),
]


@pytest.mark.parametrize(("left", "right"), PROVABLE)
def test_proves_equalities(left: sympy.Expr, right: sympy.Expr) -> None:
    assert prove_equal(left, right)


@pytest.mark.parametrize(("left", "right"), NOT_EQUAL)
def test_never_proves_a_wrong_equality(left: sympy.Expr, right: sympy.Expr) -> None:
    assert not prove_equal(left, right)


def test_kinks_split_the_line_at_their_roots() -> None:
    assert kink_pieces(sympy.Abs(x) + H(x - 1)) == [-x, x, x + 1]


def test_too_many_unrelated_kinks_are_not_split() -> None:
    many = sum(H(sympy.Symbol(f"v{i}", real=True) * x + i) for i in range(6))
    assert kink_pieces(many) is None


def test_exp_monomials_share_one_symbol() -> None:
    e = exp_monomials_to_symbols(sympy.exp(x / 2) * sympy.exp(-x) + sympy.exp(x))
    assert len(e.free_symbols) == 1


def test_a_narrow_difference_between_kinks_is_shown_with_witnesses() -> None:
    bump = H(x - sympy.Rational(1, 1000)) * H(sympy.Rational(1, 500) - x)
    status, witnesses = compare(x + bump, x)
    assert status == "different"
    assert any(0.001 < w[x] < 0.002 for w in witnesses)
    assert compare(H(x) + a * H(-x), a + (1 - a) * H(x)) == ("proved", [])
