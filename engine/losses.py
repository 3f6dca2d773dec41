"""Loss layers: ``forward(prediction, t) -> float`` and ``backward() -> d prediction``.

Every loss is a *batch mean*: L = (1/N) Σ_n ℓ_n, and ``backward`` divides by N
explicitly (ゼロつく's SoftmaxWithLoss convention), so no later layer divides again.
N is the size of the batch axis: axis 0 for ``layout="rows"`` (N, C), axis 1 for
``layout="columns"`` (C, m). Inputs are never mutated.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from engine.functions import Array, as_float, log_softmax, one_hot, sigmoid, softmax, softplus
from engine.layers.base import Layout, batch_axis, require_cache


def target_distribution(t: npt.ArrayLike, shape: tuple[int, ...], layout: Layout) -> Array:
    """Targets as a float distribution of ``shape``: one-hot/soft labels pass through,
    a 1-D integer array of class indices (length N) is one-hot encoded."""
    t = np.asarray(t)
    class_axis = 1 - batch_axis(layout)
    if t.ndim == 1 and len(shape) == 2 and np.issubdtype(t.dtype, np.integer):
        if t.shape[0] != shape[batch_axis(layout)]:
            raise ValueError(
                f"expected {shape[batch_axis(layout)]} class indices, got {t.shape[0]}"
            )
        return one_hot(t, shape[class_axis], axis=-1 if layout == "rows" else 0)
    if t.shape != shape:
        raise ValueError(f"targets must have shape {shape} (or be class indices), got {t.shape}")
    return as_float(t)


class Loss:
    """Common state: the layout, the cached prediction and targets, the batch size."""

    def __init__(self, layout: Layout = "rows") -> None:
        self.layout: Layout = layout
        #: the prediction after the loss's own nonlinearity (softmax/sigmoid for fused losses)
        self.y: Array | None = None
        self._y: Array | None = None
        self._t: Array | None = None

    def batch_size(self, y: Array) -> int:
        """N (rows) or m (columns): the number of examples the mean is taken over."""
        return y.shape[batch_axis(self.layout)] if y.ndim == 2 else 1

    def _cache(self, y: npt.ArrayLike, t: npt.ArrayLike) -> tuple[Array, Array, int]:
        y = as_float(y)
        t = target_distribution(t, y.shape, self.layout)
        self._y, self._t, self.y = y, t, y
        return y, t, self.batch_size(y)

    def _cached(self) -> tuple[Array, Array, int]:
        y = require_cache(self._y, type(self).__name__)
        return y, require_cache(self._t, type(self).__name__), self.batch_size(y)


class MeanSquaredError(Loss):
    """L = (1/N) Σ_n ½ Σ_k (y_nk - t_nk)²;  dy = (y - t) / N.  Shapes: y, t, dy alike."""

    def forward(self, y: npt.ArrayLike, t: npt.ArrayLike) -> float:
        y, t, n = self._cache(y, t)
        return float(0.5 * np.sum((y - t) ** 2) / n)

    def backward(self) -> Array:
        y, t, n = self._cached()
        return (y - t) / n


class CrossEntropy(Loss):
    """Cross-entropy of probabilities y against one-hot, index or soft targets t.

    L = -(1/N) Σ_n Σ_k t_nk log y_nk;  dy = -t / (N · y).  (y is clipped at 1e-300 inside
    the log only, so log 0 cannot appear.)
    Shapes: y, dy : (N, C) rows or (C, m) columns; t alike, or (N,)/(m,) class indices.
    """

    def forward(self, y: npt.ArrayLike, t: npt.ArrayLike) -> float:
        y, t, n = self._cache(y, t)
        return float(-np.sum(t * np.log(np.maximum(y, 1e-300))) / n)

    def backward(self) -> Array:
        y, t, n = self._cached()
        return -t / (n * y)


class SoftmaxCrossEntropy(Loss):
    """Softmax over classes fused with cross-entropy (ゼロつく's SoftmaxWithLoss).

    forward(a, t): y = softmax(a) per row (rows) or column (columns),
    L = -(1/N) Σ t ⊙ log_softmax(a);  backward: da = (y - t) / N.
    Soft labels are used as given (never turned into hard labels).
    Shapes: a, y, da : (N, C) rows or (C, m) columns; t alike, or (N,)/(m,) class indices.
    """

    def forward(self, a: npt.ArrayLike, t: npt.ArrayLike) -> float:
        a, t, n = self._cache(a, t)
        log_y = log_softmax(a, axis=1 - batch_axis(self.layout))
        self.y = np.exp(log_y)
        return float(-np.sum(t * log_y) / n)

    def backward(self) -> Array:
        a, t, n = self._cached()
        return (softmax(a, axis=1 - batch_axis(self.layout)) - t) / n


class BinaryCrossEntropy(Loss):
    """Binary cross-entropy of probabilities y ∈ (0, 1) against t ∈ [0, 1].

    L = -(1/N) Σ [t log y + (1 - t) log(1 - y)];  dy = (y - t) / (N · y · (1 - y)).
    Shapes: y, t, dy alike, e.g. (N, 1) rows or (1, m) columns.
    """

    def forward(self, y: npt.ArrayLike, t: npt.ArrayLike) -> float:
        y, t, n = self._cache(y, t)
        y = np.clip(y, 1e-300, 1.0 - 1e-16)
        return float(-np.sum(t * np.log(y) + (1.0 - t) * np.log1p(-y)) / n)

    def backward(self) -> Array:
        y, t, n = self._cached()
        return (y - t) / (n * y * (1.0 - y))


class BinaryCrossEntropyWithLogits(Loss):
    """Sigmoid fused with binary cross-entropy, stable for any logit z.

    y = σ(z);  L = (1/N) Σ [softplus(z) - t z]  (= -(1/N) Σ [t log y + (1-t) log(1-y)]);
    dz = (σ(z) - t) / N.  Shapes: z, t, dz alike, e.g. (N, 1) rows or (1, m) columns.
    """

    def forward(self, z: npt.ArrayLike, t: npt.ArrayLike) -> float:
        z, t, n = self._cache(z, t)
        self.y = sigmoid(z)
        return float(np.sum(softplus(z) - t * z) / n)

    def backward(self) -> Array:
        z, t, n = self._cached()
        return (sigmoid(z) - t) / n


LOSSES: dict[str, type[Loss]] = {
    "mse": MeanSquaredError,
    "cross_entropy": CrossEntropy,
    "softmax_cross_entropy": SoftmaxCrossEntropy,
    "binary_cross_entropy": BinaryCrossEntropy,
    "sigmoid_binary_cross_entropy": BinaryCrossEntropyWithLogits,
}
