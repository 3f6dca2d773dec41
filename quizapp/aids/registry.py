"""The three learning aids: name, title, summary, controls and the seam call that
computes their numbers (``quizapp.aid_data``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from quizapp import aid_data
from quizapp.aids.params import Field, Value


@dataclass(frozen=True)
class Aid:
    """One aid page: its controls (``fields``; ``ordered`` = a (low, high) pair that must
    be increasing) and ``compute(values) -> JSON-ready dict``."""

    name: str
    title: LazyString
    summary: LazyString
    fields: tuple[Field, ...]
    compute: Callable[[dict[str, Value]], dict[str, Any]]
    ordered: tuple[str, str] | None = None


ACTIVATION_CHOICES = (
    ("step", _l("step function")),
    ("sigmoid", _l("sigmoid")),
    ("tanh", _l("tanh")),
    ("relu", _l("ReLU")),
    ("leaky_relu", _l("leaky ReLU (slope α)")),
    ("elu", _l("ELU (α)")),
    ("softplus", _l("softplus")),
    ("swish", _l("swish (β)")),
    ("gelu", _l("GELU")),
    ("identity", _l("identity")),
)
LOSS_CHOICES = (
    ("bce", _l("binary cross-entropy")),
    ("mse", _l("squared error ½(y − t)²")),
)
SMOOTH_CHOICES = (
    ("sin", _l("sin x")),
    ("sigmoid", _l("sigmoid σ(x)")),
    ("exp", _l("exp x")),
)


def _activation(v: dict[str, Value]) -> dict[str, Any]:
    params = {"alpha": float(v["alpha"]), "beta": float(v["beta"])}
    x_min, x_max = float(v["x_min"]), float(v["x_max"])
    return aid_data.activation_curves(str(v["function"]), params, x_min, x_max)


def _surface(v: dict[str, Value]) -> dict[str, Any]:
    start = float(v["w0"]), float(v["b0"])
    return aid_data.loss_surface(str(v["loss"]), *start, float(v["lr"]), int(v["steps"]))


def _finite_difference(v: dict[str, Value]) -> dict[str, Any]:
    return aid_data.finite_difference_errors(str(v["function"]), float(v["x0"]))


AIDS: dict[str, Aid] = {
    aid.name: aid
    for aid in (
        Aid(
            "activation-explorer",
            _l("Activation function explorer"),
            _l(
                "Plot an activation function and its derivative side by side. Watch where the "
                "slope vanishes (sigmoid, tanh far from 0) and where it jumps (ReLU at 0)."
            ),
            (
                Field("function", _l("Function"), "sigmoid", choices=ACTIVATION_CHOICES),
                Field("alpha", _l("α (leaky ReLU, ELU)"), 0.1, 0.0, 2.0, 0.01),
                Field("beta", _l("β (swish)"), 1.0, 0.1, 5.0, 0.1),
                Field("x_min", _l("smallest x"), -6.0, -20.0, 20.0, 0.5),
                Field("x_max", _l("largest x"), 6.0, -20.0, 20.0, 0.5),
            ),
            _activation,
            ordered=("x_min", "x_max"),
        ),
        Aid(
            "sigmoid-loss-surface",
            _l("Loss surface of a sigmoid neuron"),
            _l(
                "One neuron y = σ(w x + b) on seven fixed points. The colours show the loss "
                "over (w, b); the white path is gradient descent from your start point with "
                "exact gradients."
            ),
            (
                Field("loss", _l("Loss"), "bce", choices=LOSS_CHOICES),
                Field("w0", _l("start w"), -4.0, -6.0, 6.0, 0.1),
                Field("b0", _l("start b"), 5.0, -6.0, 6.0, 0.1),
                Field("lr", _l("learning rate η"), 0.5, 0.001, 20.0, 0.001, slider=False),
                Field("steps", _l("steps"), 60, 1, 300, 1, integer=True),
            ),
            _surface,
        ),
        Aid(
            "finite-difference-error",
            _l("Error of numerical differentiation"),
            _l(
                "How far the forward and central differences are from the exact derivative, "
                "for step sizes h from 10⁻¹⁶ to 1 (both axes logarithmic). Large h: the "
                "truncation error (slope 1 or 2). Small h: rounding error grows like 1/h."
            ),
            (
                Field("function", _l("Function"), "sin", choices=SMOOTH_CHOICES),
                Field("x0", _l("at x ="), 1.0, -5.0, 5.0, 0.1),
            ),
            _finite_difference,
        ),
    )
}
