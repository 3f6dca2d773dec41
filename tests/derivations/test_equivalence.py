"""The three-valued decision on SymPy expressions built directly (no parser)."""

import pytest
import sympy

from derivations.equivalence import Equivalence, decide
from derivations.functions import sigmoid

x, y, a, b = sympy.symbols("x y a b", real=True)
E, N, U = Equivalence.EQUIVALENT, Equivalence.NOT_EQUIVALENT, Equivalence.UNDECIDED
SIG = sigmoid(x) * (1 - sigmoid(x))

CASES = [
    (sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2, SIG, E),
    (x * (1 - x), SIG, N),
    (sympy.sech(x) ** 2, 1 - sympy.tanh(x) ** 2, E),
    (1 - sympy.tanh(x), 1 - sympy.tanh(x) ** 2, N),
    (sympy.Heaviside(x), sympy.Piecewise((1, x >= 0), (0, True)), E),
    (sympy.Max(0, x), sympy.Abs(x), N),
    (sympy.erfc(-x) / 2, (1 + sympy.erf(x)) / 2, E),
    (sympy.sqrt(a) / sympy.sqrt(b), sympy.sqrt(a / b), E),
    (x**2 / 3, sympy.Rational(333333333333333, 10**15) * x**2, N),
    (x - 1, (x**2 - 1) / (x + 1), E),
    (sympy.sqrt(x - 100), sympy.sqrt(-x - 100), U),
    (sympy.sqrt(2) * sympy.sqrt(3), sympy.sqrt(6), E),
    (sympy.sqrt(11 + 6 * sympy.sqrt(2)), 3 + sympy.sqrt(2), E),
    (sympy.sqrt(-1 - sympy.sqrt(2)), sympy.Integer(1), N),
    (sympy.log(x**2) / 2, sympy.log(sympy.Abs(x)), E),
    (sympy.log(x**2), 2 * sympy.log(x), E),
]


@pytest.mark.parametrize(("answer", "reference", "expected"), CASES)
def test_decision(answer, reference, expected) -> None:
    assert decide(answer, reference).equivalence is expected


def test_structural_identity_needs_no_sampling() -> None:
    decision = decide(SIG, SIG)
    assert (decision.equivalence, decision.method, decision.sample) == (E, "symbolic", None)


def test_proof_is_preferred_over_sampling(patient_worker) -> None:
    decision = decide(sympy.exp(x) / (1 + sympy.exp(x)), sigmoid(x))
    assert decision.method == "symbolic"
    assert decision.points >= 16


def test_numeric_policy_needs_many_points() -> None:
    decision = decide(sympy.sqrt(a) / sympy.sqrt(b), sympy.sqrt(a / b))
    assert decision.method == "numeric"
    assert decision.points >= 16


def test_undecided_explains_why() -> None:
    assert decide(sympy.sqrt(x - 100), sympy.sqrt(-x - 100)).reason == "few_points"
    f = sympy.Function("f")
    assert decide(f(x) + 1, f(x) + 2).reason == "not_evaluable"


def test_counterexample_is_reproducible() -> None:
    first = decide(x * (1 - x), SIG).counterexample
    assert decide(x * (1 - x), SIG).counterexample == first
    assert decide(x * (1 - x), SIG, seed=1).counterexample is not None
