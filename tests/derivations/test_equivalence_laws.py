"""Laws of the checker on random expression trees (hypothesis, derandomized in conftest)."""

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from derivations import check_expression
from derivations.equivalence import Equivalence, decide
from derivations.functions import sigmoid

x, y = sympy.symbols("x y", real=True)

leaves = st.sampled_from([x, y, sympy.Integer(2), sympy.Rational(1, 3), sympy.Integer(-1)])


def _combine(children):
    unary = st.sampled_from([sympy.exp, sympy.tanh, sigmoid, lambda e: e**2])
    return st.one_of(
        st.tuples(children, children).map(lambda p: p[0] + p[1]),
        st.tuples(children, children).map(lambda p: p[0] * p[1]),
        st.tuples(children, children).map(lambda p: p[0] - p[1]),
        st.tuples(unary, children).map(lambda p: p[0](p[1])),
    )


expressions = st.recursive(leaves, _combine, max_leaves=6).filter(lambda e: e.free_symbols)
offsets = st.fractions(min_value=-5, max_value=5, max_denominator=7).filter(lambda q: q != 0)


@settings(max_examples=25)
@given(expressions)
def test_expression_equals_its_expansion(e) -> None:
    assert decide(sympy.expand(e), e).equivalence is not Equivalence.NOT_EQUIVALENT


@settings(max_examples=25)
@given(expressions, offsets)
def test_adding_a_nonzero_constant_is_never_equivalent(e, q) -> None:
    shifted = e + sympy.Rational(q.numerator, q.denominator)
    assert decide(shifted, e).equivalence is not Equivalence.EQUIVALENT
    assert decide(e + 1, e).equivalence is not Equivalence.EQUIVALENT


@settings(max_examples=20)
@given(expressions)
def test_an_answer_equals_itself(e) -> None:
    text = str(e)
    assert check_expression(text, text).verdict == "correct"
