"""Element-wise activation layers (no parameters); any input shape."""

from __future__ import annotations

from engine.functions import Array, as_float, leaky_relu, relu, sigmoid, tanh
from engine.layers.base import Layer, check_dout, require_cache


class Sigmoid(Layer):
    """out = σ(x);  dx = dout · out · (1 - out).  Shapes: dx, out like x."""

    def __init__(self) -> None:
        super().__init__()
        self._out: Array | None = None

    def forward(self, x: Array) -> Array:
        self._out = sigmoid(x)
        return self._out

    def backward(self, dout: Array) -> Array:
        out = require_cache(self._out, "Sigmoid")
        check_dout(dout, out.shape, "Sigmoid")
        return dout * out * (1.0 - out)


class Tanh(Layer):
    """out = tanh(x);  dx = dout · (1 - out²).  Shapes: dx, out like x."""

    def __init__(self) -> None:
        super().__init__()
        self._out: Array | None = None

    def forward(self, x: Array) -> Array:
        self._out = tanh(x)
        return self._out

    def backward(self, dout: Array) -> Array:
        out = require_cache(self._out, "Tanh")
        check_dout(dout, out.shape, "Tanh")
        return dout * (1.0 - out**2)


class ReLU(Layer):
    """out = max(0, x);  dx = dout · [x > 0] (0 at the kink x = 0).  Shapes like x.

    Unlike ゼロつく's Relu, backward returns a new array and leaves ``dout`` untouched.
    """

    def __init__(self) -> None:
        super().__init__()
        self._positive: Array | None = None

    def forward(self, x: Array) -> Array:
        x = as_float(x)
        self._positive = x > 0
        return relu(x)

    def backward(self, dout: Array) -> Array:
        positive = require_cache(self._positive, "ReLU")
        check_dout(dout, positive.shape, "ReLU")
        return dout * positive


class LeakyReLU(Layer):
    """out = x for x > 0 else α·x;  dx = dout · (1 if x > 0 else α).  Shapes like x."""

    def __init__(self, alpha: float = 0.01) -> None:
        super().__init__()
        self.alpha = alpha
        self._positive: Array | None = None

    def forward(self, x: Array) -> Array:
        x = as_float(x)
        self._positive = x > 0
        return leaky_relu(x, self.alpha)

    def backward(self, dout: Array) -> Array:
        positive = require_cache(self._positive, "LeakyReLU")
        check_dout(dout, positive.shape, "LeakyReLU")
        return dout * (positive + self.alpha * ~positive)
