"""Multi-layer networks built from a small spec, with the ゼロつく protocol.

``params``/``grads`` dicts keyed ``W1 b1 W2 b2 ...`` (plus ``gamma1 beta1 ...`` with batch
normalisation), ``predict(x)``, ``loss(x, t)`` and ``gradient(x, t) -> grads`` by backprop.
``trace(x, t)`` additionally returns every layer's output and the loss gradient with
respect to it (used by the presets to name intermediate values).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from engine.functions import Array, as_float
from engine.layers import Affine, BatchNorm, Dropout, Layer, LeakyReLU, ReLU, Sigmoid, Tanh
from engine.layers.base import Layout, batch_axis
from engine.losses import LOSSES, Loss

ACTIVATIONS: dict[str, type[Layer]] = {
    "sigmoid": Sigmoid,
    "tanh": Tanh,
    "relu": ReLU,
    "leaky_relu": LeakyReLU,
}
WeightInit = float | Literal["he", "xavier"]


@dataclass(frozen=True)
class NetworkSpec:
    """What to build.

    sizes: (n_in, hidden..., n_out); activation: a key of ACTIVATIONS; loss: a key of
    engine.losses.LOSSES; layout: "rows" (x : (N, n_in)) or "columns" (X : (n_in, m));
    weight_init: a standard deviation, "he" (√(2/n_in)) or "xavier" (√(1/n_in));
    batchnorm: BatchNorm after each hidden affine; dropout: ratio after each activation.
    """

    sizes: tuple[int, ...]
    activation: str = "sigmoid"
    loss: str = "softmax_cross_entropy"
    layout: Layout = "rows"
    weight_init: WeightInit = 0.01
    batchnorm: bool = False
    dropout: float = 0.0

    def __post_init__(self) -> None:
        if len(self.sizes) < 2 or any(int(s) < 1 for s in self.sizes):
            raise ValueError(f"sizes needs at least 2 positive sizes, got {self.sizes}")
        batch_axis(self.layout)  # raises on an unknown layout
        if self.activation not in ACTIVATIONS:
            raise ValueError(
                f"unknown activation {self.activation!r}; choose from {sorted(ACTIVATIONS)}"
            )
        if self.loss not in LOSSES:
            raise ValueError(f"unknown loss {self.loss!r}; choose from {sorted(LOSSES)}")


@dataclass(frozen=True)
class Trace:
    """One forward + backward pass: ``outputs[i]`` is layer i's output and
    ``output_grads[i]`` the gradient of the loss with respect to it; ``prediction`` is the
    loss layer's y (after softmax/sigmoid); ``input_grad`` is dL/dx."""

    outputs: tuple[Array, ...]
    output_grads: tuple[Array, ...]
    prediction: Array
    loss: float
    input_grad: Array


def init_std(weight_init: WeightInit, n_in: int) -> float:
    """Standard deviation of the initial weights for a layer with ``n_in`` inputs."""
    if weight_init == "he":
        return float(np.sqrt(2.0 / n_in))
    if weight_init == "xavier":
        return float(np.sqrt(1.0 / n_in))
    return float(weight_init)


class Network:
    """A network built from a ``NetworkSpec``; parameters drawn from ``seed``."""

    def __init__(self, spec: NetworkSpec, seed: int | np.random.Generator | None = 0) -> None:
        rng = np.random.default_rng(seed)
        self.spec = spec
        self.params: dict[str, Array] = {}
        self.layers: list[Layer] = []
        self._bindings: list[tuple[Layer, dict[str, str]]] = []
        n_affine = len(spec.sizes) - 1
        for i in range(1, n_affine + 1):
            n_in, n_out = spec.sizes[i - 1], spec.sizes[i]
            self._add_affine(i, n_in, n_out, init_std(spec.weight_init, n_in), rng)
            if i == n_affine:
                break
            if spec.batchnorm:
                self._add_batchnorm(i, n_out)
            self.layers.append(ACTIVATIONS[spec.activation]())
            if spec.dropout:
                self.layers.append(Dropout(spec.dropout, seed=rng))
        self.last_layer: Loss = LOSSES[spec.loss](spec.layout)
        self.grads: dict[str, Array] = {k: np.zeros_like(v) for k, v in self.params.items()}

    def _bind(self, layer: Layer, names: dict[str, str]) -> None:
        self.layers.append(layer)
        self._bindings.append((layer, names))

    def _add_affine(
        self, i: int, n_in: int, n_out: int, std: float, rng: np.random.Generator
    ) -> None:
        rows = self.spec.layout == "rows"
        self.params[f"W{i}"] = std * rng.standard_normal((n_in, n_out) if rows else (n_out, n_in))
        self.params[f"b{i}"] = np.zeros(n_out if rows else (n_out, 1))
        layer = Affine(self.params[f"W{i}"], self.params[f"b{i}"], self.spec.layout)
        self._bind(layer, {"W": f"W{i}", "b": f"b{i}"})

    def _add_batchnorm(self, i: int, n: int) -> None:
        shape = (n,) if self.spec.layout == "rows" else (n, 1)
        self.params[f"gamma{i}"] = np.ones(shape)
        self.params[f"beta{i}"] = np.zeros(shape)
        layer = BatchNorm(self.params[f"gamma{i}"], self.params[f"beta{i}"], self.spec.layout)
        self._bind(layer, {"gamma": f"gamma{i}", "beta": f"beta{i}"})

    def parameter_names(self, layer: Layer) -> dict[str, str]:
        """The network's names for a layer's parameters ({"W": "W1", "b": "b1"}; {} if none)."""
        return next((names for bound, names in self._bindings if bound is layer), {})

    def train(self, mode: bool = True) -> Network:
        """Training (True) or inference (False) mode for Dropout and BatchNorm."""
        for layer in self.layers:
            layer.train(mode)
        return self

    def predict(self, x: npt.ArrayLike) -> Array:
        """The last affine output (scores before softmax/sigmoid)."""
        out = as_float(x)
        for layer in self.layers:
            out = layer.forward(out)
        return out

    def loss(self, x: npt.ArrayLike, t: npt.ArrayLike) -> float:
        """The batch-mean loss for inputs x and targets t."""
        return self.last_layer.forward(self.predict(x), t)

    def trace(self, x: npt.ArrayLike, t: npt.ArrayLike) -> Trace:
        """Forward then backward, keeping every intermediate value."""
        outputs: list[Array] = []
        out = as_float(x)
        for layer in self.layers:
            out = layer.forward(out)
            outputs.append(out)
        loss = self.last_layer.forward(out, t)
        dout = self.last_layer.backward()
        output_grads: list[Array] = []
        for layer in reversed(self.layers):
            output_grads.append(dout)
            dout = layer.backward(dout)
        for layer, names in self._bindings:
            for key, name in names.items():
                self.grads[name][...] = layer.grads[key]
        prediction = self.last_layer.y
        assert prediction is not None  # set by every Loss.forward
        return Trace(tuple(outputs), tuple(reversed(output_grads)), prediction, loss, dout)

    def gradient(self, x: npt.ArrayLike, t: npt.ArrayLike) -> dict[str, Array]:
        """Gradients of the batch-mean loss for every parameter (copies, keyed like params)."""
        self.trace(x, t)
        return {k: v.copy() for k, v in self.grads.items()}
