"""engine.functions: stability, layouts and laws."""

import warnings

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from engine.functions import (
    leaky_relu,
    log_softmax,
    one_hot,
    relu,
    sigmoid,
    softmax,
    softplus,
    tanh,
)

FINITE = st.floats(-50, 50, allow_nan=False)
MATRICES = arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 5)), elements=FINITE)


@pytest.mark.parametrize("fn", [sigmoid, softplus, softmax, log_softmax, tanh])
def test_extreme_inputs_raise_no_warning_and_stay_finite(fn):
    x = np.array([[-1e4, -1001.0, 0.0, 1001.0, 1e4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            out = fn(x)
    assert np.all(np.isfinite(out))


@pytest.mark.parametrize(
    ("fn", "x", "expected"),
    [
        (sigmoid, [-2000.0, 0.0, 2000.0, np.log(3.0)], [0.0, 0.5, 1.0, 0.75]),
        (relu, [-1.0, 0.0, 2.5], [0.0, 0.0, 2.5]),
        (lambda x: leaky_relu(x, 0.1), [-2.0, 0.0, 3.0], [-0.2, 0.0, 3.0]),
        (softplus, [-1000.0, 0.0, 1000.0], [0.0, np.log(2.0), 1000.0]),
        (tanh, [0.0, np.log(2.0)], [0.0, 0.6]),
    ],
)
def test_known_values(fn, x, expected):
    np.testing.assert_allclose(fn(np.array(x)), expected, atol=1e-15)


def test_softmax_is_per_row_by_default_and_per_column_with_axis_0():
    x = np.array([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
    rows = softmax(x)
    np.testing.assert_allclose(rows.sum(axis=1), [1.0, 1.0])
    np.testing.assert_allclose(rows[1], [1 / 3] * 3)
    np.testing.assert_allclose(softmax(x.T, axis=0), rows.T)
    # a whole-batch softmax would make the WHOLE array sum to 1; ours does not
    assert not np.isclose(rows.sum(), 1.0)


@given(MATRICES, st.floats(-100, 100))
def test_softmax_is_shift_invariant_and_log_softmax_is_its_log(x, shift):
    np.testing.assert_allclose(softmax(x + shift), softmax(x), atol=1e-12)
    np.testing.assert_allclose(np.exp(log_softmax(x)), softmax(x), atol=1e-12)
    np.testing.assert_allclose(softmax(x).sum(axis=-1), 1.0)


@given(arrays(np.float64, st.integers(1, 20), elements=st.floats(-700, 700)))
def test_sigmoid_symmetry_and_softplus_derivative_law(x):
    np.testing.assert_allclose(sigmoid(-x), 1 - sigmoid(x), atol=1e-15)
    np.testing.assert_allclose(softplus(x) - softplus(-x), x, atol=1e-9, rtol=1e-12)


def test_functions_never_mutate_their_input():
    x = np.array([[-3.0, 0.5, 2.0]])
    before = x.copy()
    for fn in (sigmoid, tanh, relu, leaky_relu, softplus, softmax, log_softmax):
        fn(x)
    np.testing.assert_array_equal(x, before)


def test_one_hot_in_both_layouts_and_bad_labels():
    np.testing.assert_array_equal(one_hot(np.array([2, 0]), 3), [[0, 0, 1], [1, 0, 0]])
    np.testing.assert_array_equal(one_hot(np.array([2, 0]), 3, axis=0), [[0, 1], [0, 0], [1, 0]])
    with pytest.raises(ValueError, match=r"\[0, 3\)"):
        one_hot(np.array([3]), 3)
    with pytest.raises(ValueError, match="integer"):
        one_hot(np.array([0.5]), 3)
