"""Preset networks for backprop-formula questions (DESIGN.md "Preset networks").

Every preset names its inputs, parameters and forward values as its source does, uses
pairwise distinct dimensions (so a transpose slip is a shape error), and keeps its source's
convention for what a gradient is of. ``Preset.sample(rng, batch)`` draws one
well-conditioned, kink-free instance and returns every named value plus the *true* gradient
of every target, computed by the engine's layers and backprop (never from the formula
strings). ``batch`` defaults to the preset's batch size; ``other_batch`` is a second size,
distinct from every layer width too, so a judge can catch a batch size typed as a number.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from engine.functions import Array
from engine.layers import LeakyReLU, ReLU, batch_axis
from engine.network import Network, NetworkSpec, Trace

Values = dict[str, np.ndarray | float]
KINK_MARGIN = 0.05  # |ReLU input| must exceed this in every draw
MAX_DRAWS = 200


@dataclass(frozen=True)
class Preset:
    """A named network with its formula vocabulary; see the module docstring."""

    name: str
    layout: Literal["rows", "columns"]
    title: dict[str, str]
    shapes: dict[str, tuple[int, ...]]
    targets: tuple[str, ...]
    target_shapes: dict[str, tuple[int, ...]]
    upstream: dict[str, tuple[str, ...]]
    reference_formulas: dict[str, str]
    latex: dict[str, str]
    batch: int
    other_batch: int
    sampler: Callable[[np.random.Generator, int], Values] = field(repr=False, compare=False)

    def sample(self, rng: np.random.Generator, batch: int | None = None) -> Values:
        """One random draw with ``batch`` examples (default ``self.batch``): inputs,
        parameters, forward values, scalars (as float) and the true gradient of every
        target. Shapes are ``self.shapes`` with the batch axis resized."""
        if batch is not None and batch not in (self.batch, self.other_batch):
            raise ValueError(f"batch must be {self.batch} or {self.other_batch}, not {batch}")
        return self.sampler(rng, self.batch if batch is None else batch)


@dataclass(frozen=True)
class Recipe:
    """How a preset maps a ``Network`` onto its source's names.

    outputs: the name of each layer's output, in forward order (``a1 z1 a2``);
    prediction: the loss layer's y; batch_names: scalars holding the batch size;
    summed_activation_grads: True when gradients of layer outputs are of the *summed*
    loss (Coursera: dZ2 = A2 - Y) while parameter gradients stay of the mean cost.
    """

    spec: NetworkSpec
    batch: int
    inputs: tuple[str, str]
    outputs: tuple[str, ...]
    prediction: str
    batch_names: tuple[str, ...]
    weight_std: tuple[float, ...]
    summed_activation_grads: bool = False
    extras: Callable[[Network, Trace], Values] | None = None

    def targets(self, net: Network) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
        """Targets in backward order and, for each, the targets upstream of it."""
        order: list[str] = []
        upstream: dict[str, tuple[str, ...]] = {}
        seen: list[str] = []
        for index in reversed(range(len(net.layers))):
            grad = "d" + self.outputs[index]
            upstream[grad] = tuple(seen)
            seen.insert(0, grad)
            order.append(grad)
            for param in net.parameter_names(net.layers[index]).values():
                upstream["d" + param] = tuple(seen)
                order.append("d" + param)
        return tuple(order), upstream


def _draw_inputs(recipe: Recipe, rng: np.random.Generator, batch: int) -> tuple[Array, Array]:
    n_in, n_out = recipe.spec.sizes[0], recipe.spec.sizes[-1]
    rows = recipe.spec.layout == "rows"
    x = rng.uniform(-1.0, 1.0, (batch, n_in) if rows else (n_in, batch))
    if n_out == 1:
        t = rng.integers(0, 2, (batch, 1) if rows else (1, batch)).astype(float)
    else:
        t = np.eye(n_out)[rng.integers(0, n_out, batch)]
        t = t if rows else t.T.copy()
    return x, t


def _draw_params(net: Network, recipe: Recipe, rng: np.random.Generator) -> None:
    for i, std in enumerate(recipe.weight_std, start=1):
        net.params[f"W{i}"][...] = std * rng.standard_normal(net.params[f"W{i}"].shape)
        net.params[f"b{i}"][...] = rng.uniform(-0.5, 0.5, net.params[f"b{i}"].shape)
    for name, p in net.params.items():
        if name.startswith("gamma"):
            p[...] = rng.uniform(0.5, 1.5, p.shape)
        elif name.startswith("beta"):
            p[...] = rng.uniform(-0.5, 0.5, p.shape)


def _examples_at_kinks(net: Network, outputs: tuple[Array, ...]) -> Array:
    """Boolean per example: does any of its ReLU inputs lie within KINK_MARGIN of 0?"""
    axis = 1 - batch_axis(net.spec.layout)  # the feature axis
    near = np.zeros(outputs[0].shape[1 - axis], dtype=bool)
    for i, layer in enumerate(net.layers):
        if i > 0 and isinstance(layer, ReLU | LeakyReLU):
            near |= np.any(np.abs(outputs[i - 1]) <= KINK_MARGIN, axis=axis)
    return near


def _kink_free_trace(
    net: Network, recipe: Recipe, rng: np.random.Generator, batch: int
) -> tuple[Array, Array, Trace]:
    """Draw parameters and data, then redraw only the examples that sit near a ReLU kink
    (each example's pre-activations depend on its own inputs alone, except through batch
    norm, where the redraw still converges quickly)."""
    for _ in range(MAX_DRAWS):
        _draw_params(net, recipe, rng)
        x, t = _draw_inputs(recipe, rng, batch)
        for _ in range(MAX_DRAWS):
            trace = net.trace(x, t)
            near = _examples_at_kinks(net, trace.outputs)
            if not near.any():
                return x, t, trace
            fresh, _ = _draw_inputs(recipe, rng, batch)
            if recipe.spec.layout == "rows":
                x[near] = fresh[near]
            else:
                x[:, near] = fresh[:, near]
    raise RuntimeError(f"no kink-free draw for {recipe.spec}")  # pragma: no cover


def sample_recipe(recipe: Recipe, rng: np.random.Generator, batch: int) -> Values:
    """Draw a kink-free instance of ``batch`` examples, then name every value and gradient."""
    net = Network(recipe.spec, seed=rng)
    x, t, trace = _kink_free_trace(net, recipe, rng, batch)
    values: Values = {recipe.inputs[0]: x, recipe.inputs[1]: t}
    values.update({k: v.copy() for k, v in net.params.items()})
    values.update(zip(recipe.outputs, trace.outputs, strict=True))
    values[recipe.prediction] = trace.prediction
    values.update(dict.fromkeys(recipe.batch_names, float(batch)))
    values.update(recipe.extras(net, trace) if recipe.extras else {})
    scale = batch if recipe.summed_activation_grads else 1.0
    values.update(
        {"d" + k: g * scale for k, g in zip(recipe.outputs, trace.output_grads, strict=True)}
    )
    values.update({"d" + k: g.copy() for k, g in net.grads.items()})
    return values


def build_preset(
    name: str,
    recipe: Recipe,
    title: dict[str, str],
    formulas: dict[str, tuple[str, str]],
) -> Preset:
    """A Preset whose shapes, targets and upstream sets are read off the recipe's network.

    formulas: target -> (NumPy-dialect reference formula, LaTeX).
    """
    net = Network(recipe.spec, seed=0)
    targets, upstream = recipe.targets(net)
    if set(formulas) != set(targets):
        raise ValueError(f"{name}: formulas for {sorted(formulas)} but targets are {targets}")
    values = sample_recipe(recipe, np.random.default_rng(0), recipe.batch)
    shapes = {k: np.shape(v) for k, v in values.items() if k not in targets}
    return Preset(
        name=name,
        layout=recipe.spec.layout,
        title=title,
        shapes=shapes,
        targets=targets,
        target_shapes={k: np.shape(values[k]) for k in targets},
        upstream=upstream,
        reference_formulas={k: formulas[k][0] for k in targets},
        latex={k: formulas[k][1] for k in targets},
        batch=recipe.batch,
        other_batch=next(
            n for n in itertools.count(recipe.batch + 1) if n not in recipe.spec.sizes
        ),
        sampler=lambda rng, batch: sample_recipe(recipe, rng, batch),
    )
