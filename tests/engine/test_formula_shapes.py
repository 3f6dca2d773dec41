"""Shape inference before computing: agrees with NumPy on valid formulas, refuses the rest."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.formula.errors import FormulaError
from engine.formula.evaluate import evaluate
from engine.formula.parse import parse_formula
from engine.formula.shapes import MAX_ELEMENTS, infer_shape

ENV = {"A": (2, 3), "B": (3, 4), "v": (3,), "w": (4,), "s": (), "C": (2, 3, 4), "D": (1, 3)}

VALID = [
    ("A @ B", (2, 4)),
    ("A @ v", (2,)),
    ("v @ B", (4,)),
    ("v @ v", ()),
    ("np.dot(A, B)", (2, 4)),
    ("np.dot(s, A)", (2, 3)),
    ("np.matmul(A, B)", (2, 4)),
    ("A.T", (3, 2)),
    ("v.T", (3,)),
    ("C.T", (4, 3, 2)),
    ("A + D", (2, 3)),
    ("A * v", (2, 3)),
    ("s * A - 1", (2, 3)),
    ("A.sum()", ()),
    ("np.sum(A, axis=0)", (3,)),
    ("np.sum(A, axis=-1, keepdims=True)", (2, 1)),
    ("A.max(axis=1, keepdims=True)", (2, 1)),
    ("np.mean(C, axis=(0, 2))", (3,)),
    ("np.sum(C, (0, 2), keepdims=True)", (1, 3, 1)),
    ("np.where(A > 0, A, 0)", (2, 3)),
    ("np.maximum(A, 0)", (2, 3)),
    ("softmax(A)", (2, 3)),
    ("softmax(A, axis=0)", (2, 3)),
    ("np.ones_like(A) - np.zeros_like(D)", (2, 3)),
    ("np.exp(A - A.max(axis=1, keepdims=True))", (2, 3)),
    ("(A > 0) * A", (2, 3)),
    ("-A ** 2", (2, 3)),
]

INVALID = [
    ("A @ A", "matmul"),
    ("B @ A", "matmul"),
    ("A @ s", "matmul_scalar"),
    ("np.matmul(s, A)", "matmul_scalar"),
    ("np.dot(C, B)", "dot_high_dim"),
    ("A + B", "broadcast"),
    ("np.where(A > 0, B, 0)", "broadcast"),
    ("np.sum(A, axis=2)", "axis_range"),
    ("np.sum(s, axis=0)", "axis_range"),
    ("np.sum(A, axis=(1, -1))", "bad_axis"),
    ("softmax(A, axis=3)", "axis_range"),
]


@pytest.mark.parametrize(("formula", "shape"), VALID)
def test_inferred_shape_matches_numpy(formula: str, shape: tuple[int, ...]) -> None:
    tree = parse_formula(formula, names=ENV)
    assert infer_shape(tree, ENV) == shape
    rng = np.random.default_rng(0)
    values = {k: rng.standard_normal(v) for k, v in ENV.items()}
    assert evaluate(tree, values).shape == shape


@pytest.mark.parametrize(("formula", "code"), INVALID)
def test_impossible_shapes_are_refused(formula: str, code: str) -> None:
    tree = parse_formula(formula, names=ENV)
    with pytest.raises(FormulaError) as caught:
        infer_shape(tree, ENV)
    assert caught.value.code == code


def test_element_cap_applies_to_intermediates() -> None:
    env = {"col": (MAX_ELEMENTS, 1), "row": (1, 2)}
    tree = parse_formula("np.sum(col * row)", names=env)
    with pytest.raises(FormulaError) as caught:
        infer_shape(tree, env)
    assert caught.value.code == "too_big"
    assert caught.value.params["shape"] == (MAX_ELEMENTS, 2)


dims = st.integers(1, 4)


@settings(max_examples=40)
@given(n=dims, k=dims, p=dims, transpose_left=st.booleans(), transpose_right=st.booleans())
def test_matmul_shape_law(
    n: int, k: int, p: int, transpose_left: bool, transpose_right: bool
) -> None:
    """infer_shape(L @ R) equals NumPy's result shape, or is refused exactly when NumPy
    raises."""
    env = {"L": (n, k), "R": (k, p)}
    formula = f"L{'.T' if transpose_left else ''} @ R{'.T' if transpose_right else ''}"
    rng = np.random.default_rng(0)
    left = rng.standard_normal((n, k)).T if transpose_left else rng.standard_normal((n, k))
    right = rng.standard_normal((k, p)).T if transpose_right else rng.standard_normal((k, p))
    tree = parse_formula(formula, names=env)
    try:
        expected = (left @ right).shape
    except ValueError:
        with pytest.raises(FormulaError):
            infer_shape(tree, env)
    else:
        assert infer_shape(tree, env) == expected
