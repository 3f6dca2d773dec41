"""Softmax as a stand-alone layer (when the loss is not fused with it)."""

from __future__ import annotations

import numpy as np

from engine.functions import Array, softmax
from engine.layers.base import Layer, check_dout, require_cache


class Softmax(Layer):
    """y = softmax(x) along ``axis`` (-1: per row; 0: per column).

    Backward is the exact Jacobian-vector product, ∂y_i/∂x_j = y_i(δ_ij - y_j):
        dx = y ⊙ (dout - Σ_axis(dout ⊙ y))
    Shapes: x, y, dout, dx all alike.
    """

    def __init__(self, axis: int = -1) -> None:
        super().__init__()
        self.axis = axis
        self._out: Array | None = None

    def forward(self, x: Array) -> Array:
        self._out = softmax(x, axis=self.axis)
        return self._out

    def backward(self, dout: Array) -> Array:
        y = require_cache(self._out, "Softmax")
        check_dout(dout, y.shape, "Softmax")
        return y * (dout - np.sum(dout * y, axis=self.axis, keepdims=True))
