"""Losses: gradients vs numerical ones, the explicit batch mean, target formats, stability."""

import warnings

import numpy as np
import pytest

from engine.functions import sigmoid, softmax
from engine.gradcheck import check_gradients
from engine.losses import (
    BinaryCrossEntropy,
    BinaryCrossEntropyWithLogits,
    CrossEntropy,
    MeanSquaredError,
    SoftmaxCrossEntropy,
)


def _soft_labels(r, shape, axis=1):
    return softmax(r.standard_normal(shape), axis=axis)


def _probabilities(r, shape):
    return softmax(r.standard_normal(shape), axis=1)


LOSSES = {
    "mse": (MeanSquaredError, lambda r: r.standard_normal((4, 3)), lambda r: r.standard_normal((4, 3))),
    "ce_onehot": (CrossEntropy, lambda r: _probabilities(r, (4, 3)), lambda r: np.eye(3)[[0, 2, 1, 1]]),
    "ce_indices": (CrossEntropy, lambda r: _probabilities(r, (4, 3)), lambda r: np.array([0, 2, 1, 1])),
    "ce_soft": (CrossEntropy, lambda r: _probabilities(r, (4, 3)), lambda r: _soft_labels(r, (4, 3))),
    "softmax_ce_onehot": (SoftmaxCrossEntropy, lambda r: r.standard_normal((4, 3)), lambda r: np.eye(3)[[0, 2, 1, 1]]),
    "softmax_ce_indices": (SoftmaxCrossEntropy, lambda r: r.standard_normal((4, 3)), lambda r: np.array([2, 2, 0, 1])),
    "softmax_ce_soft": (SoftmaxCrossEntropy, lambda r: r.standard_normal((4, 3)), lambda r: _soft_labels(r, (4, 3))),
    "bce": (BinaryCrossEntropy, lambda r: r.uniform(0.1, 0.9, (4, 1)), lambda r: r.integers(0, 2, (4, 1)).astype(float)),
    "bce_logits": (BinaryCrossEntropyWithLogits, lambda r: r.standard_normal((4, 1)), lambda r: r.uniform(0, 1, (4, 1))),
}  # fmt: skip


# the columns layout (Coursera: X (n_x, m)), examples along axis 1
COLUMN_LOSSES = {
    "mse": (MeanSquaredError, lambda r: r.standard_normal((3, 5)), lambda r: r.standard_normal((3, 5))),
    "ce_indices": (CrossEntropy, lambda r: softmax(r.standard_normal((3, 5)), axis=0), lambda r: np.array([0, 2, 1, 1, 0])),
    "softmax_ce_soft": (SoftmaxCrossEntropy, lambda r: r.standard_normal((3, 5)), lambda r: _soft_labels(r, (3, 5), axis=0)),
    "bce": (BinaryCrossEntropy, lambda r: r.uniform(0.1, 0.9, (1, 5)), lambda r: r.integers(0, 2, (1, 5)).astype(float)),
    "bce_logits": (BinaryCrossEntropyWithLogits, lambda r: r.standard_normal((1, 5)), lambda r: r.uniform(0, 1, (1, 5))),
}  # fmt: skip
TABLES = {"rows": LOSSES, "columns": COLUMN_LOSSES}


@pytest.mark.parametrize(
    ("layout", "name"),
    [(layout, name) for layout, table in TABLES.items() for name in sorted(table)],
)
def test_backward_matches_numerical_gradient(layout, name, rng):
    cls, make_y, make_t = TABLES[layout][name]
    loss, y, t = cls(layout), make_y(rng), make_t(rng)
    loss.forward(y, t)
    report = check_gradients(lambda: loss.forward(y, t), {"y": y}, {"y": loss.backward()})
    assert report["y"].band == "ok", report


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_loss_is_a_batch_mean(name, rng):
    """Repeating the batch twice leaves the loss unchanged and halves each gradient entry."""
    cls, make_y, make_t = LOSSES[name]
    y, t = make_y(rng), make_t(rng)
    single, double = cls(), cls()
    value = single.forward(y, t)
    t2 = np.concatenate([t, t])
    assert double.forward(np.concatenate([y, y]), t2) == pytest.approx(value, rel=1e-12)
    np.testing.assert_allclose(double.backward()[: len(y)], single.backward() / 2, rtol=1e-12)


def test_softmax_cross_entropy_backward_is_y_minus_t_over_n(rng):
    a, t = rng.standard_normal((5, 3)), np.eye(3)[[0, 1, 2, 0, 1]]
    loss = SoftmaxCrossEntropy()
    loss.forward(a, t)
    np.testing.assert_allclose(loss.backward(), (softmax(a) - t) / 5)
    np.testing.assert_allclose(loss.y, softmax(a))


def test_columns_layout_divides_by_m_and_normalises_per_column(rng):
    a, labels = rng.standard_normal((3, 5)), np.array([0, 1, 2, 0, 1])
    rows, cols = SoftmaxCrossEntropy("rows"), SoftmaxCrossEntropy("columns")
    assert cols.forward(a, labels) == pytest.approx(rows.forward(a.T, labels))
    np.testing.assert_allclose(cols.backward(), rows.backward().T)


def test_soft_labels_are_not_turned_into_hard_labels(rng):
    a = rng.standard_normal((2, 3))
    soft = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8]])
    hard = np.eye(3)[[0, 2]]
    assert SoftmaxCrossEntropy().forward(a, soft) != pytest.approx(
        SoftmaxCrossEntropy().forward(a, hard)
    )


def test_indices_and_one_hot_agree(rng):
    p = _probabilities(rng, (4, 3))
    assert CrossEntropy().forward(p, np.array([1, 0, 2, 2])) == pytest.approx(
        CrossEntropy().forward(p, np.eye(3)[[1, 0, 2, 2]])
    )


def test_bce_with_logits_is_stable_and_matches_the_probability_form(rng):
    z = np.array([[-1000.0], [-3.0], [0.5], [1000.0]])
    t = np.array([[0.0], [1.0], [1.0], [1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        value = BinaryCrossEntropyWithLogits().forward(z, t)
    assert np.isfinite(value)
    z_mid = z[1:3]
    assert BinaryCrossEntropyWithLogits().forward(z_mid, t[1:3]) == pytest.approx(
        BinaryCrossEntropy().forward(sigmoid(z_mid), t[1:3])
    )


@pytest.mark.parametrize(
    ("y", "t", "message"),
    [
        (np.zeros((2, 3)), np.zeros((3, 2)), "shape"),
        (np.zeros((2, 3)), np.array([0, 1, 2]), "2 class indices"),
    ],
)
def test_mismatched_targets_are_rejected(y, t, message):
    with pytest.raises(ValueError, match=message):
        CrossEntropy().forward(y, t)


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_losses_never_mutate_predictions_or_targets(name, rng):
    cls, make_y, make_t = LOSSES[name]
    y, t = make_y(rng), make_t(rng)
    y0, t0 = y.copy(), t.copy()
    loss = cls()
    loss.forward(y, t)
    loss.backward()
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(t, t0)
