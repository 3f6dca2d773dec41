"""Vocabulary: resolution of spellings, constants, suggestions, Symbol creation."""

import pytest
import sympy

from derivations import LearnerInputError, parse_math
from derivations.functions import sigmoid
from derivations.parsing import _read_definitions, expand_definitions
from derivations.vocabulary import DEFAULT_FORBIDDEN, Vocabulary

DECLARED = Vocabulary(frozenset({"x", "y1", "w_ji", "eps", "lr"}), definitions={"y": "sigmoid(x)"})


@pytest.mark.parametrize(
    ("typed", "resolved"),
    [
        ("x", "x"),
        ("y1", "y1"),
        ("y_1", "y1"),
        ("w_ji", "w_ji"),
        ("epsilon", "eps"),
        ("varepsilon", "eps"),
        ("y", "y"),
        ("z", None),
        ("e", None),
        ("pi", None),
        ("w_ij", None),
    ],
)
def test_resolution_with_declared_names(typed, resolved):
    assert DECLARED.resolve(typed) == resolved


def test_any_name_without_declared_names_but_not_constants():
    open_vocabulary = Vocabulary()
    assert open_vocabulary.resolve("anything1") == "anything1"
    assert open_vocabulary.resolve("e") is None
    assert open_vocabulary.resolve("__import__") is None


def test_authoring_accepts_any_well_formed_name():
    assert DECLARED.resolve("z", any_name=True) == "z"
    assert DECLARED.resolve("a b", any_name=True) is None


def test_symbols_are_real_and_checked():
    assert DECLARED.symbol("x") == sympy.Symbol("x", real=True)
    with pytest.raises(ValueError):
        DECLARED.symbol("x.y")


def test_declared_names_must_be_well_formed():
    with pytest.raises(ValueError):
        Vocabulary(frozenset({"x y"}))
    with pytest.raises(ValueError):
        Vocabulary(definitions={"f(x)": "x"})


def test_suggestions_and_products():
    assert DECLARED.suggestion("sigmoidd") == "sigmoid"
    assert DECLARED.suggestion("lrr") == "lr"
    assert DECLARED.suggestion("qqq") is None
    assert Vocabulary(frozenset({"x", "y"})).as_product("xy") == "x*y"
    assert Vocabulary(frozenset({"x"})).as_product("xy") is None
    assert Vocabulary().as_product("xy") is None


def test_default_forbidden_operators():
    assert {"diff", "Derivative", "integrate"} <= DEFAULT_FORBIDDEN
    assert Vocabulary().forbid == DEFAULT_FORBIDDEN


def test_x1_and_x_1_stay_distinct_when_both_are_declared():
    from derivations.parsing import parse_math

    both = Vocabulary(frozenset({"x1", "x_1"}))
    assert parse_math("x1 - x_1", vocabulary=both).names == frozenset({"x1", "x_1"})
    assert parse_math("x_{1}", format="latex", vocabulary=both).names == frozenset({"x_1"})
    assert parse_math("x_1 - x1").expr == 0  # one variable when nothing is declared


X = sympy.Symbol("x", real=True)
Y = sympy.Symbol("y", real=True)
SIGMOID_DEFINED = Vocabulary(frozenset({"x"}), definitions={"y": "sigmoid(x)", "u": "y*x"})


@pytest.mark.parametrize(
    ("reference", "built"),
    [
        ("diff(y, x)", sympy.diff(sigmoid(X), X)),
        ("diff(u, x)", sympy.diff(sigmoid(X) * X, X)),  # definitions that use each other
        ("diff(y*x, x, x)", sympy.diff(sigmoid(X) * X, X, X)),
        ("y + diff(x**2, x)", Y + 2 * X),  # outside diff a defined name stays a name
    ],
)
def test_authoring_diff_differentiates_the_definitions(reference: str, built) -> None:
    assert parse_math(reference, vocabulary=SIGMOID_DEFINED, authoring=True).expr == built


def test_diff_of_a_defined_name_is_not_zero() -> None:
    assert parse_math("diff(y, x)", vocabulary=SIGMOID_DEFINED, authoring=True).expr != 0


def test_learners_still_may_not_differentiate_defined_names() -> None:
    with pytest.raises(LearnerInputError) as raised:
        parse_math("diff(y, x)", vocabulary=SIGMOID_DEFINED)
    assert raised.value.code == "forbidden_operator"


def test_definitions_are_read_once_per_vocabulary() -> None:
    vocabulary = Vocabulary(frozenset({"x"}), definitions={"y": "sigmoid(x)", "u": "y*x"})
    answer = parse_math("u + y", vocabulary=vocabulary).expr
    first = expand_definitions(answer, vocabulary)
    before = _read_definitions.cache_info()
    again = expand_definitions(answer, Vocabulary(frozenset({"x"}), dict(vocabulary.definitions)))
    after = _read_definitions.cache_info()
    assert first == again == sigmoid(X) * X + sigmoid(X)
    assert (after.hits, after.misses) == (before.hits + 1, before.misses)
    other = Vocabulary(frozenset({"x"}), definitions={"y": "tanh(x)", "u": "y*x"})
    assert expand_definitions(answer, other) == sympy.tanh(X) * X + sympy.tanh(X)
