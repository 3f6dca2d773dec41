"""Element-wise activation layers (no parameters); any input shape.

Two families share their caching and checks: Sigmoid and Tanh write their derivative with
their output (``dx = dout · f'(out)``), ReLU and LeakyReLU with the sign of their input
(``dx = dout · slope([x > 0])``).
"""

from __future__ import annotations

from engine.functions import Array, as_float, leaky_relu, relu, sigmoid, tanh
from engine.layers.base import Layer, check_dout, require_cache


class _DerivativeFromOutput(Layer):
    """out = f(x);  dx = dout · f'(out), f' written with the cached output.  Shapes like x."""

    def __init__(self) -> None:
        super().__init__()
        self._out: Array | None = None

    def _function(self, x: Array) -> Array:  # pragma: no cover - abstract
        raise NotImplementedError

    def _derivative(self, out: Array) -> Array:  # pragma: no cover - abstract
        raise NotImplementedError

    def forward(self, x: Array) -> Array:
        self._out = self._function(x)
        return self._out

    def backward(self, dout: Array) -> Array:
        out = require_cache(self._out, type(self).__name__)
        check_dout(dout, out.shape, type(self).__name__)
        return dout * self._derivative(out)


class Sigmoid(_DerivativeFromOutput):
    """out = σ(x);  dx = dout · out · (1 - out).  Shapes: dx, out like x."""

    def _function(self, x: Array) -> Array:
        return sigmoid(x)

    def _derivative(self, out: Array) -> Array:
        return out * (1.0 - out)


class Tanh(_DerivativeFromOutput):
    """out = tanh(x);  dx = dout · (1 - out²).  Shapes: dx, out like x."""

    def _function(self, x: Array) -> Array:
        return tanh(x)

    def _derivative(self, out: Array) -> Array:
        return 1.0 - out**2


class _PiecewiseLinear(Layer):
    """out = f(x), linear on each side of 0;  dx = dout · slope([x > 0]).  Shapes like x."""

    def __init__(self) -> None:
        super().__init__()
        self._positive: Array | None = None

    def _function(self, x: Array) -> Array:  # pragma: no cover - abstract
        raise NotImplementedError

    def _slope(self, positive: Array) -> Array:  # pragma: no cover - abstract
        raise NotImplementedError

    def forward(self, x: Array) -> Array:
        x = as_float(x)
        self._positive = x > 0
        return self._function(x)

    def backward(self, dout: Array) -> Array:
        positive = require_cache(self._positive, type(self).__name__)
        check_dout(dout, positive.shape, type(self).__name__)
        return dout * self._slope(positive)


class ReLU(_PiecewiseLinear):
    """out = max(0, x);  dx = dout · [x > 0] (0 at the kink x = 0).  Shapes like x.

    Unlike ゼロつく's Relu, backward returns a new array and leaves ``dout`` untouched.
    """

    def _function(self, x: Array) -> Array:
        return relu(x)

    def _slope(self, positive: Array) -> Array:
        return positive


class LeakyReLU(_PiecewiseLinear):
    """out = x for x > 0 else α·x;  dx = dout · (1 if x > 0 else α).  Shapes like x."""

    def __init__(self, alpha: float = 0.01) -> None:
        super().__init__()
        self.alpha = alpha

    def _function(self, x: Array) -> Array:
        return leaky_relu(x, self.alpha)

    def _slope(self, positive: Array) -> Array:
        return positive + self.alpha * ~positive
