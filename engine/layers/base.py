"""The layer protocol shared by every layer.

``forward(x) -> out`` caches what ``backward`` needs; ``backward(dout) -> dx`` returns the
gradient with respect to the input and writes parameter gradients *in place* into
``grads`` (same keys as ``params``), so optimizers may hold references.

Invariants: ``dx`` always has the shape of ``x``; no method mutates its arguments
(neither ``x`` nor ``dout``).
"""

from __future__ import annotations

from typing import Literal

from engine.functions import Array

Layout = Literal["rows", "columns"]


def batch_axis(layout: Layout) -> int:
    """Axis holding the examples: 0 for rows (N, D), 1 for columns (D, m)."""
    if layout not in ("rows", "columns"):
        raise ValueError(f"layout must be 'rows' or 'columns', got {layout!r}")
    return 0 if layout == "rows" else 1


class Layer:
    """Base class: no parameters, training mode on."""

    def __init__(self) -> None:
        self.params: dict[str, Array] = {}
        self.grads: dict[str, Array] = {}
        self.training: bool = True

    def forward(self, x: Array) -> Array:  # pragma: no cover - abstract
        """out = layer(x), caching what backward needs; x is never modified."""
        raise NotImplementedError

    def backward(self, dout: Array) -> Array:  # pragma: no cover - abstract
        """dx (shape of x) from dout (shape of out); parameter gradients go into ``grads``."""
        raise NotImplementedError

    def train(self, mode: bool = True) -> Layer:
        """Switch training mode (Dropout, BatchNorm behave differently); returns self."""
        self.training = mode
        return self


def require_cache(value: Array | None, layer: str) -> Array:
    """The cached forward value, or a clear error when backward runs before forward."""
    if value is None:
        raise RuntimeError(f"{layer}.backward called before forward")
    return value


def check_dout(dout: Array, expected: tuple[int, ...], layer: str) -> None:
    """Raise ValueError when the upstream gradient does not have the output's shape."""
    if dout.shape != expected:
        raise ValueError(f"{layer}.backward expected dout of shape {expected}, got {dout.shape}")
