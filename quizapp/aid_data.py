"""The numeric-data seam: the numbers the learning aids draw, computed with ``engine``.

Like ``quizapp.grading`` for answers, this is the one module through which the aid pages
reach ``engine`` (never ``derivations``). Views receive plain dicts of floats and lists
(JSON-ready; ``None`` where a value is undefined), never NumPy arrays. Parameters arrive
already validated (see ``quizapp.aids.params``); out-of-range values raise ValueError.

- ``activation_curves``: f(x) and f'(x) of an activation on a grid. The derivative comes
  from the engine layer's ``backward`` where the engine has the layer (sigmoid, tanh,
  ReLU, leaky ReLU), else from its closed form (softplus' = σ from the engine).
- ``loss_surface``: the loss of one sigmoid neuron y = σ(w x + b) over a (w, b) grid on a
  fixed dataset, and a gradient-descent path whose gradients come from the engine's loss
  and layer ``backward`` (exact, no differences).
- ``finite_difference_errors``: |forward / central difference − exact derivative| against
  the step h on a log grid, the fitted log-log slopes and the leading-term guides.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from engine.functions import Array, as_float, leaky_relu, relu, sigmoid, softplus, tanh
from engine.layers.activations import LeakyReLU, ReLU, Sigmoid, Tanh
from engine.layers.base import Layer
from engine.losses import BinaryCrossEntropyWithLogits, MeanSquaredError

Curve = Callable[[Array, dict[str, float]], Array]


def _layer_derivative(layer: Callable[[dict[str, float]], Layer]) -> Curve:
    """f'(x) as the layer's ``backward`` of an upstream gradient of ones."""

    def derivative(x: Array, p: dict[str, float]) -> Array:
        unit = layer(p)
        unit.forward(x)
        return unit.backward(np.ones_like(x))

    return derivative


def _gelu(x: Array, _p: dict[str, float]) -> Array:
    return x * _normal_cdf(x)


def _gelu_derivative(x: Array, _p: dict[str, float]) -> Array:
    density = np.exp(-0.5 * x**2) / math.sqrt(2.0 * math.pi)
    return _normal_cdf(x) + x * density


def _normal_cdf(x: Array) -> Array:
    """Φ(x) = (1 + erf(x / √2)) / 2, element-wise (math.erf: exact to double precision)."""
    erf = np.frompyfunc(math.erf, 1, 1)
    return 0.5 * (1.0 + erf(x / math.sqrt(2.0)).astype(np.float64))


def _swish(x: Array, p: dict[str, float]) -> Array:
    return x * sigmoid(p["beta"] * x)


def _swish_derivative(x: Array, p: dict[str, float]) -> Array:
    s = sigmoid(p["beta"] * x)
    return s + p["beta"] * x * s * (1.0 - s)


def _elu(x: Array, p: dict[str, float]) -> Array:
    return np.where(x > 0, x, p["alpha"] * np.expm1(np.minimum(x, 0.0)))


def _elu_derivative(x: Array, p: dict[str, float]) -> Array:
    return np.where(x > 0, 1.0, p["alpha"] * np.exp(np.minimum(x, 0.0)))


# name → (f, f', parameters it takes, x where f' jumps)
ACTIVATIONS: dict[str, tuple[Curve, Curve, tuple[str, ...], tuple[float, ...]]] = {
    "step": (
        lambda x, p: (x > 0).astype(np.float64),
        lambda x, p: np.zeros_like(x),
        (),
        (0.0,),
    ),
    "sigmoid": (lambda x, p: sigmoid(x), _layer_derivative(lambda p: Sigmoid()), (), ()),
    "tanh": (lambda x, p: tanh(x), _layer_derivative(lambda p: Tanh()), (), ()),
    "relu": (lambda x, p: relu(x), _layer_derivative(lambda p: ReLU()), (), (0.0,)),
    "leaky_relu": (
        lambda x, p: leaky_relu(x, p["alpha"]),
        _layer_derivative(lambda p: LeakyReLU(p["alpha"])),
        ("alpha",),
        (0.0,),
    ),
    "elu": (_elu, _elu_derivative, ("alpha",), (0.0,)),
    "softplus": (lambda x, p: softplus(x), lambda x, p: sigmoid(x), (), ()),
    "swish": (_swish, _swish_derivative, ("beta",), ()),
    "gelu": (_gelu, _gelu_derivative, (), ()),
    "identity": (lambda x, p: x.copy(), lambda x, p: np.ones_like(x), (), ()),
}


def _floats(values: Array, digits: int = 12) -> list[float | None]:
    """JSON-ready floats (``None`` for NaN/inf), rounded to ``digits`` significant digits."""
    return [float(f"{v:.{digits}g}") if math.isfinite(v) else None for v in values.tolist()]


def activation_curves(
    name: str, params: dict[str, float], x_min: float, x_max: float, points: int = 401
) -> dict[str, Any]:
    """f and f' of activation ``name`` on ``points`` equally spaced x in [x_min, x_max].

    Returns ``{"name", "params", "x", "f", "df", "kinks", "max_abs_df"}``; ``df`` is None
    exactly at a kink (where f' jumps), ``kinks`` lists those x.
    """
    if name not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}")
    if not x_min < x_max:
        raise ValueError("x_min must be below x_max")
    f, df, takes, kinks = ACTIVATIONS[name]
    used = {key: float(params[key]) for key in takes}
    x = np.linspace(x_min, x_max, points)
    slope = df(x, used)
    slope[np.isin(x, kinks)] = np.nan
    return {
        "name": name,
        "params": used,
        "x": _floats(x),
        "f": _floats(f(x, used)),
        "df": _floats(slope),
        "kinks": [k for k in kinks if x_min <= k <= x_max],
        "max_abs_df": float(np.nanmax(np.abs(slope))),
    }


# A small fixed dataset for the single neuron: not separable, so both losses have a
# finite minimum inside the plotted window.
NEURON_X = (-2.0, -1.0, -0.5, 0.5, 1.0, 1.5, 2.5)
NEURON_T = (0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0)
SURFACE_LIMIT = 6.0  # w and b in [-6, 6]
LOSS_NAMES = ("bce", "mse")


def neuron_loss_and_gradient(loss: str, w: float, b: float) -> tuple[float, float, float]:
    """(L, ∂L/∂w, ∂L/∂b) of y = σ(w x + b) on the dataset, through the engine's layers.

    bce: L = (1/N) Σ [softplus(z) − t z] (sigmoid fused with cross-entropy), dz = (σ(z) − t)/N.
    mse: L = (1/N) Σ ½ (σ(z) − t)², dz = dy · σ(z)(1 − σ(z)).
    Then ∂L/∂w = Σ dz · x and ∂L/∂b = Σ dz (z = w x + b).
    """
    x, t = as_float(NEURON_X)[:, None], as_float(NEURON_T)[:, None]  # (N, 1): rows layout
    z = w * x + b
    if loss == "bce":
        criterion = BinaryCrossEntropyWithLogits()
        value = criterion.forward(z, t)
        dz = criterion.backward()
    elif loss == "mse":
        unit, criterion = Sigmoid(), MeanSquaredError()
        value = criterion.forward(unit.forward(z), t)
        dz = unit.backward(criterion.backward())
    else:
        raise ValueError(f"unknown loss {loss!r}")
    return value, float(np.sum(dz * x)), float(np.sum(dz))


def _loss_grid(loss: str, w: Array, b: Array) -> Array:
    """The same losses, vectorised over a grid of (w, b) (engine's sigmoid and softplus)."""
    z = w[..., None] * as_float(NEURON_X) + b[..., None]
    t = as_float(NEURON_T)
    if loss == "bce":
        return np.mean(softplus(z) - t * z, axis=-1)
    return np.mean(0.5 * (sigmoid(z) - t) ** 2, axis=-1)


def loss_surface(
    loss: str, w0: float, b0: float, lr: float, steps: int, grid: int = 81
) -> dict[str, Any]:
    """The loss over w, b ∈ [−6, 6] on a ``grid`` × ``grid`` mesh and the GD path.

    ``loss[i][j]`` is L(w = ws[j], b = bs[i]) (rows go along b). ``path`` holds
    ``steps + 1`` points ``{"w", "b", "loss", "dw", "db"}`` (fewer if |w| + |b| passes
    1e6): start, then
    θ ← θ − lr · ∇L(θ) with the engine's exact gradient. ``levels`` are contour values
    spaced evenly in log(L) between the grid's minimum and maximum.
    """
    if loss not in LOSS_NAMES:
        raise ValueError(f"unknown loss {loss!r}")
    axis = np.linspace(-SURFACE_LIMIT, SURFACE_LIMIT, grid)
    ws, bs = np.meshgrid(axis, axis)
    values = _loss_grid(loss, ws, bs)
    path = []
    w, b = float(w0), float(b0)
    for _ in range(steps + 1):
        value, dw, db = neuron_loss_and_gradient(loss, w, b)
        path.append({"w": w, "b": b, "loss": value, "dw": dw, "db": db})
        if not (math.isfinite(w) and math.isfinite(b) and abs(w) + abs(b) < 1e6):
            break  # diverged: stop before the numbers overflow
        w, b = w - lr * dw, b - lr * db
    low, high = float(values.min()), float(values.max())
    levels = np.exp(np.linspace(math.log(low), math.log(high), 14)[1:-1])
    return {
        "loss_name": loss,
        "data": {"x": list(NEURON_X), "t": list(NEURON_T)},
        "ws": _floats(axis),
        "bs": _floats(axis),
        "loss": [_floats(row, 8) for row in values],
        "min": low,
        "max": high,
        "levels": _floats(levels, 8),
        "path": path,
        "lr": lr,
    }


def _sigmoid_derivatives(x: Array) -> tuple[Array, Array, Array, Array]:
    """σ, σ' (the engine layer's backward), σ'' = σ'(1 − 2σ), σ''' = σ'(1 − 6σ + 6σ²)."""
    unit = Sigmoid()
    s = unit.forward(x)
    d1 = unit.backward(np.ones_like(s))
    return s, d1, d1 * (1 - 2 * s), d1 * (1 - 6 * s + 6 * s * s)


# name → x ↦ (f, f', f'', f''') element-wise
SMOOTH_FUNCTIONS: dict[str, Callable[[Array], tuple[Array, Array, Array, Array]]] = {
    "sin": lambda x: (np.sin(x), np.cos(x), -np.sin(x), -np.cos(x)),
    "exp": lambda x: (np.exp(x),) * 4,
    "sigmoid": _sigmoid_derivatives,
}
EPS = float(np.finfo(np.float64).eps)
GUIDE_FLOOR = 1e-18  # guides below this are dropped (no error of a double gets there)
# Where each error is fitted with a line in log-log (truncation and rounding regimes).
FORWARD_TRUNCATION = (1e-6, 1e-2)
CENTRAL_TRUNCATION = (1e-3, 1e-1)
ROUNDING = (1e-15, 1e-11)


def _slope(h: Array, error: Array, window: tuple[float, float]) -> float | None:
    """Least-squares slope of log10(error) against log10(h) for h in ``window``."""
    keep = (h >= window[0]) & (h <= window[1]) & (error > 0)
    if keep.sum() < 3:
        return None
    return float(np.polyfit(np.log10(h[keep]), np.log10(error[keep]), 1)[0])


def finite_difference_errors(function: str, x0: float, per_decade: int = 10) -> dict[str, Any]:
    """Errors of the difference quotients of ``function`` at ``x0`` for h = 1e-16 … 1.

    forward = (f(x0+h) − f(x0)) / h, central = (f(x0+h) − f(x0−h)) / 2h, each compared with
    the exact f'(x0). ``guides`` are the leading truncation terms |f''| h / 2 and
    |f'''| h² / 6 and the rounding term ε |f(x0)| / h (None where a coefficient is 0;
    values below 1e-18 are None).
    ``slopes`` are fitted in the truncation windows and, for rounding, on h ≤ 1e-11.
    Errors that are exactly 0 are None (a log axis cannot show them).
    """
    if function not in SMOOTH_FUNCTIONS:
        raise ValueError(f"unknown function {function!r}")
    derivatives = SMOOTH_FUNCTIONS[function]
    h = np.logspace(-16, 0, 16 * per_decade + 1)
    f0, d1, d2, d3 = (float(v[0]) for v in derivatives(as_float([x0])))
    forward = np.abs((derivatives(x0 + h)[0] - f0) / h - d1)
    central = np.abs((derivatives(x0 + h)[0] - derivatives(x0 - h)[0]) / (2 * h) - d1)

    def guide(coefficient: float, power: int) -> list[float | None] | None:
        values = coefficient * h**power
        return _floats(np.where(values >= GUIDE_FLOOR, values, np.nan)) if coefficient else None

    return {
        "function": function,
        "x0": x0,
        "derivative": d1,
        "h": _floats(h),
        "forward": _floats(np.where(forward > 0, forward, np.nan)),
        "central": _floats(np.where(central > 0, central, np.nan)),
        "guides": {
            "order1": guide(abs(d2) / 2, 1),
            "order2": guide(abs(d3) / 6, 2),
            "rounding": guide(EPS * abs(f0), -1),
        },
        "slopes": {
            "forward": _slope(h, forward, FORWARD_TRUNCATION),
            "central": _slope(h, central, CENTRAL_TRUNCATION),
            "forward_rounding": _slope(h, forward, ROUNDING),
            "central_rounding": _slope(h, central, ROUNDING),
        },
        "best": {
            name: {"h": float(h[np.argmin(err)]), "error": float(err.min())}
            for name, err in (("forward", forward), ("central", central))
        },
    }
