"""Layers: backward against numerical gradients (one line per layer), no input mutation,
modes of Dropout and BatchNorm, clear errors, and a check that the checker can fail."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from engine.gradcheck import check_layer
from engine.layers import (
    Affine,
    BatchNorm,
    Dropout,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Softmax,
    Tanh,
)


def _kink_free(x):
    """Move entries away from 0 so ReLU-type layers are probed off their kink."""
    return np.where(np.abs(x) < 0.1, x + np.sign(x + 1e-12) * 0.2, x)


def _frozen_dropout():
    layer = Dropout(0.4, seed=3)
    layer.freeze_mask = True
    return layer


def _eval_batchnorm():
    layer = BatchNorm(np.array([1.5, 0.5, 2.0]), np.array([0.1, -0.2, 0.3]))
    layer.running_mean = np.array([0.2, -0.1, 0.0])
    layer.running_var = np.array([1.5, 0.7, 2.0])
    return layer.train(False)


LAYERS = {
    "affine_rows": (lambda r: Affine(r.standard_normal((3, 2)), r.standard_normal(2)), (4, 3)),
    "affine_columns": (
        lambda r: Affine(r.standard_normal((2, 3)), r.standard_normal((2, 1)), "columns"),
        (3, 4),
    ),
    "sigmoid": (lambda r: Sigmoid(), (4, 3)),
    "tanh": (lambda r: Tanh(), (4, 3)),
    "relu": (lambda r: ReLU(), (4, 3)),
    "leaky_relu": (lambda r: LeakyReLU(0.1), (4, 3)),
    "softmax_rows": (lambda r: Softmax(), (4, 3)),
    "softmax_columns": (lambda r: Softmax(axis=0), (3, 4)),
    "dropout": (lambda r: _frozen_dropout(), (4, 3)),
    "batchnorm_train": (
        lambda r: BatchNorm(r.uniform(0.5, 2, 3), r.standard_normal(3)),
        (5, 3),
    ),
    "batchnorm_columns": (
        lambda r: BatchNorm(r.uniform(0.5, 2, (3, 1)), r.standard_normal((3, 1)), "columns"),
        (3, 5),
    ),
    "batchnorm_eval": (lambda r: _eval_batchnorm(), (5, 3)),
}


def assert_backward_matches_numeric(factory, shape, rng):
    layer = factory(rng)
    report = check_layer(layer, _kink_free(rng.standard_normal(shape)), seed=1)
    assert report.passed, report
    assert all(e.band == "ok" for e in report.entries), report
    assert {e.name for e in report.entries} == {"x", *layer.params}


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_backward_matches_numerical_gradient(name, rng):
    assert_backward_matches_numeric(*LAYERS[name], rng)


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_forward_and_backward_never_mutate_inputs_and_dx_has_x_shape(name, rng):
    factory, shape = LAYERS[name]
    layer = factory(rng)
    x = rng.standard_normal(shape)
    x_before = x.copy()
    out = layer.forward(x)
    dout = rng.standard_normal(out.shape)
    dout_before = dout.copy()
    dx = layer.backward(dout)
    np.testing.assert_array_equal(x, x_before)
    np.testing.assert_array_equal(dout, dout_before)
    assert dx.shape == x.shape
    assert set(layer.grads) == set(layer.params)


def test_relu_backward_leaves_dout_alone_unlike_the_book():
    layer = ReLU()
    layer.forward(np.array([[-1.0, 2.0]]))
    dout = np.array([[5.0, 7.0]])
    np.testing.assert_array_equal(layer.backward(dout), [[0.0, 7.0]])
    np.testing.assert_array_equal(dout, [[5.0, 7.0]])


def test_affine_writes_gradients_in_place_for_optimizers(rng):
    W, b = rng.standard_normal((3, 2)), np.zeros(2)
    layer = Affine(W, b)
    held = layer.grads["W"]
    layer.forward(rng.standard_normal((4, 3)))
    layer.backward(np.ones((4, 2)))
    assert layer.grads["W"] is held
    assert layer.params["W"] is W
    np.testing.assert_allclose(layer.grads["b"], [4.0, 4.0])


def test_dropout_is_inverted_and_identity_in_eval_mode():
    layer = Dropout(0.5, seed=0)
    x = np.ones((200, 50))
    out = layer.forward(x)
    assert set(np.unique(out)) == {0.0, 2.0}
    assert abs(out.mean() - 1.0) < 0.05
    np.testing.assert_array_equal(layer.backward(np.ones_like(x)), out)
    layer.train(False)
    np.testing.assert_array_equal(layer.forward(x), x)


def test_dropout_same_seed_same_mask_and_bad_ratio():
    a, b = Dropout(0.3, seed=9), Dropout(0.3, seed=9)
    x = np.ones((4, 5))
    np.testing.assert_array_equal(a.forward(x), b.forward(x))
    with pytest.raises(ValueError, match="ratio"):
        Dropout(1.0)


def test_batchnorm_train_normalises_and_updates_running_stats(rng):
    layer = BatchNorm(np.ones(3), np.zeros(3), momentum=0.5)
    x = rng.standard_normal((50, 3)) * 4 + 7
    out = layer.forward(x)
    np.testing.assert_allclose(out.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(out.std(axis=0), 1.0, rtol=1e-5)
    np.testing.assert_allclose(layer.running_mean, 0.5 * x.mean(axis=0))
    np.testing.assert_allclose(layer.running_var, 0.5 + 0.5 * x.var(axis=0))
    layer.train(False)
    expected = (x - layer.running_mean) / np.sqrt(layer.running_var + layer.eps)
    np.testing.assert_allclose(layer.forward(x), expected)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Affine(np.zeros((3, 2)), np.zeros(3)), "expects b of shape"),
        (lambda: Affine(np.zeros((3, 2)), np.zeros(2)).forward(np.zeros((4, 5))), "3 features"),
        (lambda: Sigmoid().backward(np.zeros(2)), "before forward"),
        (lambda: BatchNorm(np.ones(2), np.ones(3)), "same shape"),
    ],
)
def test_bad_use_raises_a_specific_error(make, message):
    with pytest.raises((ValueError, RuntimeError), match=message):
        make()


def test_dout_of_the_wrong_shape_is_rejected():
    layer = Tanh()
    layer.forward(np.zeros((2, 3)))
    with pytest.raises(ValueError, match=r"\(2, 3\)"):
        layer.backward(np.zeros((3, 2)))


class _SigmoidWithWrongBackward(Sigmoid):
    """Planted bug: σ'(x) written as σ(x)² (a catalogued mistake)."""

    def backward(self, dout):
        return dout * self._out**2


class _AffineMissingTranspose(Affine):
    """Planted bug: db summed over the wrong axis, then broadcast back."""

    def backward(self, dout):
        dx = super().backward(dout)
        self.grads["b"][...] = np.sum(dout) / dout.shape[1]
        return dx


@pytest.mark.parametrize(
    ("factory", "wrong"),
    [
        (lambda r: _SigmoidWithWrongBackward(), "x"),
        (lambda r: _AffineMissingTranspose(r.standard_normal((3, 2)), np.zeros(2)), "b"),
    ],
)
def test_check_fails_on_a_deliberately_wrong_backward(factory, wrong, rng):
    report = check_layer(factory(rng), rng.standard_normal((4, 3)), seed=2)
    assert not report.passed
    assert report[wrong].band == "wrong"
    assert report[wrong].rel_error > 1e-2


@settings(max_examples=25)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(2, 5)), elements=st.floats(-4, 4)),
    st.sampled_from(["sigmoid", "tanh", "softmax_rows", "softmax_columns"]),
)
def test_smooth_layers_pass_for_any_shape_and_values(x, name):
    layer = LAYERS[name][0](np.random.default_rng(0))
    report = check_layer(layer, x, seed=3)
    assert report.passed, report
