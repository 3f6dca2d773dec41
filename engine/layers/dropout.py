"""Inverted dropout with its own seeded generator."""

from __future__ import annotations

import numpy as np

from engine.functions import Array, as_float
from engine.layers.base import Layer, check_dout, require_cache


class Dropout(Layer):
    """Inverted dropout: keep each unit with probability 1 - ratio and rescale.

    training:  mask ~ Bernoulli(1 - ratio),  out = x ⊙ mask / (1 - ratio),
               dx = dout ⊙ mask / (1 - ratio)
    eval:      out = x,  dx = dout   (no rescaling needed at test time)
    Shapes: x, out, dout, dx alike. ``freeze_mask = True`` reuses the last mask while the
    input shape is unchanged (for gradient checks, which evaluate forward many times).
    """

    def __init__(self, ratio: float = 0.5, seed: int | np.random.Generator | None = None) -> None:
        super().__init__()
        if not 0.0 <= ratio < 1.0:
            raise ValueError(f"Dropout ratio must lie in [0, 1), got {ratio}")
        self.ratio = ratio
        self.freeze_mask = False
        self._rng = np.random.default_rng(seed)
        self._scaled_mask: Array | None = None

    def forward(self, x: Array) -> Array:
        x = as_float(x)
        if not self.training:
            self._scaled_mask = np.ones_like(x)
            return x.copy()
        reuse = (
            self.freeze_mask
            and self._scaled_mask is not None
            and self._scaled_mask.shape == x.shape
        )
        if not reuse:
            keep = self._rng.random(x.shape) >= self.ratio
            self._scaled_mask = keep / (1.0 - self.ratio)
        return x * self._scaled_mask

    def backward(self, dout: Array) -> Array:
        mask = require_cache(self._scaled_mask, "Dropout")
        check_dout(dout, mask.shape, "Dropout")
        return dout * mask
