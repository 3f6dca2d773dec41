"""Affine (fully connected) layer in either layout."""

from __future__ import annotations

import numpy as np

from engine.functions import Array, as_float
from engine.layers.base import Layer, Layout, check_dout, require_cache


class Affine(Layer):
    """Fully connected layer.

    rows:    x : (N, n_in),  W : (n_in, n_out),  b : (n_out,),   out = x @ W + b
             dx = dout @ Wᵀ,  dW = xᵀ @ dout,  db = Σ_N dout  (axis 0)
    columns: x : (n_in, m),  W : (n_out, n_in),  b : (n_out, 1),  out = W @ x + b
             dx = Wᵀ @ dout,  dW = dout @ xᵀ,  db = Σ_m dout  (axis 1, keepdims)

    No 1/N here: the batch mean lives in the loss (ゼロつく's SoftmaxWithLoss convention).
    ``W`` and ``b`` are held by reference (a network's params dict shares them).
    """

    def __init__(self, W: Array, b: Array, layout: Layout = "rows") -> None:
        super().__init__()
        expected_b = (W.shape[1],) if layout == "rows" else (W.shape[0], 1)
        if W.ndim != 2 or b.shape != expected_b:
            raise ValueError(
                f"Affine ({layout}) expects b of shape {expected_b} for W {W.shape}, got {b.shape}"
            )
        self.layout: Layout = layout
        self.params = {"W": W, "b": b}
        self.grads = {"W": np.zeros_like(W), "b": np.zeros_like(b)}
        self._x: Array | None = None

    def forward(self, x: Array) -> Array:
        """x : (N, n_in) rows or (n_in, m) columns → out : (N, n_out) or (n_out, m)."""
        x = as_float(x)
        W, b = self.params["W"], self.params["b"]
        n_in = W.shape[0] if self.layout == "rows" else W.shape[1]
        feature_axis = 1 if self.layout == "rows" else 0
        if x.ndim != 2 or x.shape[feature_axis] != n_in:
            raise ValueError(
                f"Affine ({self.layout}) expected x with {n_in} features, got shape {x.shape}"
            )
        self._x = x
        return x @ W + b if self.layout == "rows" else W @ x + b

    def backward(self, dout: Array) -> Array:
        """dout : the output's shape → dx : the input's shape; fills grads W and b."""
        x = require_cache(self._x, "Affine")
        W = self.params["W"]
        if self.layout == "rows":
            check_dout(dout, (x.shape[0], W.shape[1]), "Affine")
            self.grads["W"][...] = x.T @ dout
            self.grads["b"][...] = np.sum(dout, axis=0)
            return dout @ W.T
        check_dout(dout, (W.shape[0], x.shape[1]), "Affine")
        self.grads["W"][...] = dout @ x.T
        self.grads["b"][...] = np.sum(dout, axis=1, keepdims=True)
        return W.T @ dout
