"""Batch normalisation over the batch axis, in either layout."""

from __future__ import annotations

import numpy as np

from engine.functions import Array, as_float
from engine.layers.base import Layer, Layout, batch_axis, check_dout, require_cache


class BatchNorm(Layer):
    """Batch normalisation with learnable scale γ and shift β.

    Shapes: x, out : (N, D) rows or (D, m) columns; γ, β, running stats : (D,) or (D, 1).
    training:  μ = mean_N x,  σ² = var_N x,  x̂ = (x - μ) / √(σ² + ε),  out = γ x̂ + β;
               running ← momentum · running + (1 - momentum) · batch statistic
    inference: x̂ uses the running mean and variance instead.
    backward (training, full formula through μ and σ²):
        dβ = Σ_N dout,  dγ = Σ_N dout ⊙ x̂,  dx̂ = dout ⊙ γ,
        dx = (1 / (N √(σ² + ε))) (N dx̂ - Σ_N dx̂ - x̂ ⊙ Σ_N (dx̂ ⊙ x̂))
    backward (inference): dx = dout ⊙ γ / √(running σ² + ε).
    """

    def __init__(
        self,
        gamma: Array,
        beta: Array,
        layout: Layout = "rows",
        momentum: float = 0.9,
        eps: float = 1e-5,
    ) -> None:
        super().__init__()
        if gamma.shape != beta.shape:
            raise ValueError(f"gamma {gamma.shape} and beta {beta.shape} must have the same shape")
        self.layout: Layout = layout
        self.momentum = momentum
        self.eps = eps
        self.params = {"gamma": gamma, "beta": beta}
        self.grads = {"gamma": np.zeros_like(gamma), "beta": np.zeros_like(beta)}
        self.running_mean = np.zeros_like(gamma)
        self.running_var = np.ones_like(gamma)
        self._xhat: Array | None = None
        self._inv_std: Array | None = None

    def _stat(self, values: Array) -> Array:
        return np.mean(values, axis=batch_axis(self.layout), keepdims=self.layout == "columns")

    def _sum(self, values: Array) -> Array:
        return np.sum(values, axis=batch_axis(self.layout), keepdims=self.layout == "columns")

    def forward(self, x: Array) -> Array:
        x = as_float(x)
        if self.training:
            mean = self._stat(x)
            var = self._stat((x - mean) ** 2)
            self.running_mean = self.momentum * self.running_mean + (1 - self.momentum) * mean
            self.running_var = self.momentum * self.running_var + (1 - self.momentum) * var
        else:
            mean, var = self.running_mean, self.running_var
        self._inv_std = 1.0 / np.sqrt(var + self.eps)
        self._xhat = (x - mean) * self._inv_std
        return self.params["gamma"] * self._xhat + self.params["beta"]

    def backward(self, dout: Array) -> Array:
        xhat = require_cache(self._xhat, "BatchNorm")
        inv_std = require_cache(self._inv_std, "BatchNorm")
        check_dout(dout, xhat.shape, "BatchNorm")
        self.grads["beta"][...] = self._sum(dout)
        self.grads["gamma"][...] = self._sum(dout * xhat)
        dxhat = dout * self.params["gamma"]
        if not self.training:
            return dxhat * inv_std
        n = xhat.shape[batch_axis(self.layout)]
        return inv_std / n * (n * dxhat - self._sum(dxhat) - xhat * self._sum(dxhat * xhat))
