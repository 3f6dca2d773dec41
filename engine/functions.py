"""Pure NumPy functions shared by layers, losses and presets.

Every function returns a new array and never mutates its argument. Inputs are converted
to float64 (gradient checks need double precision).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]


def as_float(x: npt.ArrayLike) -> Array:
    """``x`` as a float64 array (a copy only when a conversion is needed)."""
    return np.asarray(x, dtype=np.float64)


def sigmoid(x: npt.ArrayLike) -> Array:
    """σ(x) = 1 / (1 + exp(-x)), computed without overflow for any |x|.

    exp is only ever taken of -|x| ≤ 0, so it lies in (0, 1]: for x ≥ 0 we use
    1 / (1 + e^{-x}), for x < 0 the equal form e^{x} / (1 + e^{x}).
    """
    x = as_float(x)
    e = np.exp(-np.abs(x))
    r = 1.0 / (1.0 + e)
    return np.where(x >= 0, r, e * r)


def tanh(x: npt.ArrayLike) -> Array:
    """tanh(x); its derivative is 1 - tanh(x)²."""
    return np.tanh(as_float(x))


def relu(x: npt.ArrayLike) -> Array:
    """max(0, x) element-wise."""
    return np.maximum(as_float(x), 0.0)


def leaky_relu(x: npt.ArrayLike, alpha: float = 0.01) -> Array:
    """x for x > 0, alpha·x otherwise."""
    x = as_float(x)
    return np.where(x > 0, x, alpha * x)


def softplus(x: npt.ArrayLike) -> Array:
    """log(1 + exp(x)) without overflow (log-add-exp of 0 and x); derivative σ(x)."""
    return np.logaddexp(0.0, as_float(x))


def softmax(x: npt.ArrayLike, axis: int = -1) -> Array:
    """exp(x_k) / Σ_j exp(x_j) along ``axis`` (per row by default; ``axis=0`` for columns).

    The maximum along the axis is subtracted first: softmax is unchanged by a shift, and
    after it every exponent is ≤ 0, so exp cannot overflow.
    """
    x = as_float(x)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(x: npt.ArrayLike, axis: int = -1) -> Array:
    """log softmax(x) = (x - max) - log Σ exp(x - max) along ``axis``, without overflow."""
    x = as_float(x)
    shifted = x - np.max(x, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def one_hot(labels: npt.ArrayLike, num_classes: int, axis: int = -1) -> Array:
    """One-hot float64 encoding of integer ``labels`` of shape (N,).

    Returns shape (N, num_classes) for ``axis=-1`` (rows) or (num_classes, N) for
    ``axis=0`` (columns).
    """
    labels = np.asarray(labels)
    if labels.ndim != 1 or not np.issubdtype(labels.dtype, np.integer):
        raise ValueError(
            f"one_hot expects a 1-D integer array of labels, got {labels.dtype} {labels.shape}"
        )
    if labels.size and (labels.min() < 0 or labels.max() >= num_classes):
        raise ValueError(
            f"labels must lie in [0, {num_classes}), got {labels.min()}..{labels.max()}"
        )
    encoded = np.eye(num_classes)[labels]
    return encoded.T.copy() if axis == 0 else encoded
