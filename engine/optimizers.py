"""Optimizers: ``update(params, grads)`` over matching dict keys, in place.

State (velocities, squared-gradient sums, moments) is created lazily per key, as in
ゼロつく's ``common/optimizer.py``. θ is a parameter, g its gradient, η the learning rate.
Shapes: each g has the shape of its θ; state slots (v, h, m) have that shape too, and
every rule is element-wise (⊙, √ and / act entry by entry).
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from engine.functions import Array


class Optimizer:
    """Base: validates the dicts, then applies ``_step`` to every key in place."""

    def __init__(self, lr: float) -> None:
        if lr <= 0:
            raise ValueError(f"learning rate must be positive, got {lr}")
        self.lr = lr
        self.state: dict[str, dict[str, Array]] = {}

    def update(self, params: dict[str, Array], grads: dict[str, Array]) -> None:
        """θ ← rule(θ, g) for every key, writing into the params arrays."""
        if set(params) != set(grads):
            raise ValueError(f"params keys {sorted(params)} and grads keys {sorted(grads)} differ")
        self._begin_step()
        for key, theta in params.items():
            g = np.asarray(grads[key], dtype=np.float64)
            if g.shape != theta.shape:
                raise ValueError(f"gradient {key} has shape {g.shape}, parameter has {theta.shape}")
            state = self.state.setdefault(key, {})
            theta[...] = self._step(theta, g, state)

    def _begin_step(self) -> None:
        """Hook for per-step counters (Adam)."""

    def _step(self, theta: Array, g: Array, state: dict[str, Array]) -> Array:  # pragma: no cover
        raise NotImplementedError

    @staticmethod
    def _slot(state: dict[str, Array], name: str, like: Array) -> Array:
        return state.setdefault(name, np.zeros_like(like))


class SGD(Optimizer):
    r"""θ ← θ - η g"""

    def __init__(self, lr: float = 0.01) -> None:
        super().__init__(lr)

    def _step(self, theta: Array, g: Array, state: dict[str, Array]) -> Array:
        return theta - self.lr * g


class Momentum(Optimizer):
    r"""v ← α v - η g;  θ ← θ + v   (v starts at 0)"""

    def __init__(self, lr: float = 0.01, momentum: float = 0.9) -> None:
        super().__init__(lr)
        self.momentum = momentum

    def _step(self, theta: Array, g: Array, state: dict[str, Array]) -> Array:
        v = self.momentum * self._slot(state, "v", theta) - self.lr * g
        state["v"] = v
        return theta + v


class Nesterov(Momentum):
    r"""Nesterov momentum in the book's (fixed, 2021) form, using the *previous* v:
    θ ← θ + α² v - (1 + α) η g;  then v ← α v - η g."""

    def _step(self, theta: Array, g: Array, state: dict[str, Array]) -> Array:
        v = self._slot(state, "v", theta)
        new_theta = theta + self.momentum**2 * v - (1 + self.momentum) * self.lr * g
        state["v"] = self.momentum * v - self.lr * g
        return new_theta


class AdaGrad(Optimizer):
    r"""h ← h + g ⊙ g;  θ ← θ - η g / (√h + ε)"""

    def __init__(self, lr: float = 0.01, eps: float = 1e-7) -> None:
        super().__init__(lr)
        self.eps = eps

    def _step(self, theta: Array, g: Array, state: dict[str, Array]) -> Array:
        h = self._slot(state, "h", theta) + g * g
        state["h"] = h
        return theta - self.lr * g / (np.sqrt(h) + self.eps)


class RMSProp(Optimizer):
    r"""h ← ρ h + (1 - ρ) g ⊙ g;  θ ← θ - η g / (√h + ε)"""

    def __init__(self, lr: float = 0.01, decay_rate: float = 0.99, eps: float = 1e-7) -> None:
        super().__init__(lr)
        self.decay_rate = decay_rate
        self.eps = eps

    def _step(self, theta: Array, g: Array, state: dict[str, Array]) -> Array:
        h = self.decay_rate * self._slot(state, "h", theta) + (1 - self.decay_rate) * g * g
        state["h"] = h
        return theta - self.lr * g / (np.sqrt(h) + self.eps)


class Adam(Optimizer):
    r"""Adam with bias correction; t counts calls to ``update`` (from 1).

    m ← β₁ m + (1 - β₁) g;  v ← β₂ v + (1 - β₂) g ⊙ g
    form="paper":  m̂ = m / (1 - β₁ᵗ),  v̂ = v / (1 - β₂ᵗ),  θ ← θ - η m̂ / (√v̂ + ε)
    form="folded" (ゼロつく): η_t = η √(1 - β₂ᵗ) / (1 - β₁ᵗ),  θ ← θ - η_t m / (√v + ε)
    The two differ only in where ε sits (ε vs ε √(1 - β₂ᵗ)).
    """

    def __init__(
        self,
        lr: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        eps: float = 1e-8,
        form: Literal["paper", "folded"] = "paper",
    ) -> None:
        super().__init__(lr)
        if form not in ("paper", "folded"):
            raise ValueError(f"form must be 'paper' or 'folded', got {form!r}")
        self.beta1, self.beta2, self.eps, self.form = beta1, beta2, eps, form
        self.t = 0

    def _begin_step(self) -> None:
        self.t += 1

    def _step(self, theta: Array, g: Array, state: dict[str, Array]) -> Array:
        m = self.beta1 * self._slot(state, "m", theta) + (1 - self.beta1) * g
        v = self.beta2 * self._slot(state, "v", theta) + (1 - self.beta2) * g * g
        state["m"], state["v"] = m, v
        c1, c2 = 1 - self.beta1**self.t, 1 - self.beta2**self.t
        if self.form == "folded":
            return theta - self.lr * np.sqrt(c2) / c1 * m / (np.sqrt(v) + self.eps)
        return theta - self.lr * (m / c1) / (np.sqrt(v / c2) + self.eps)


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adagrad": AdaGrad,
    "rmsprop": RMSProp,
    "adam": Adam,
}
