"""Named mistakes: a registry of small rules, tried in order, first match wins.

Each rule either transforms the answer's values (transpose, reshape, sum over an axis,
undo a sign or a batch factor) or rewrites the answer itself (other axis, output instead
of input, gradient instead of forward value, ``1 - A**2`` for ``1 - A``) and asks
whether the result then agrees with the truth on every draw (``compare.agrees``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine.formula.compare import agrees
from engine.formula.errors import FormulaError
from engine.formula.evaluate import Values, evaluate
from engine.formula.functions import FUNCTIONS, sigmoid, softmax
from engine.formula.nodes import Axis, Binary, Call, Name, Node, Number, names_in, rewrite, walk
from engine.formula.shapes import Shape, infer_shape

ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sigmoid": sigmoid,
    "tanh": np.tanh,
    "softmax": softmax,
    "ReLU": lambda a: np.maximum(a, 0.0),
}


@dataclass(frozen=True)
class Evidence:
    """Everything a rule may look at: the answer tree and its values on each draw."""

    tree: Node
    env: Mapping[str, Shape]
    draws: Sequence[Values]
    answers: Sequence[np.ndarray]
    truths: Sequence[np.ndarray]
    target: str
    batch_name: str | None = None
    pairs: list[tuple[str, str, str]] = field(default_factory=list)

    def agrees_after(self, transform: Callable[[np.ndarray], np.ndarray]) -> bool:
        """Does the transformed answer equal the truth on every draw?"""
        return agrees([transform(a) for a in self.answers], self.truths)

    def agrees_scaled(self, transform: Callable[[np.ndarray], np.ndarray], power: int) -> bool:
        """Does ``transform(answer) · batch**power`` equal the truth on every draw (each
        draw with its own batch size)?"""
        scales = [self.batch(d) ** power for d in self.draws]
        return agrees(
            [transform(a) * s for a, s in zip(self.answers, scales, strict=True)], self.truths
        )

    def batch(self, values: Values) -> float:
        """The batch size of one draw (1.0 when the task has none)."""
        return float(values[self.batch_name]) if self.batch_name else 1.0

    def factor_after(self, transform: Callable[[np.ndarray], np.ndarray]) -> float | None:
        """The c with transform(answer) = c · truth on every draw, if there is one; c may
        carry a power of the batch size (``t - y`` for ``(y - t) / N`` is -N), and is then
        given at the first draw's batch size."""
        for power in (0, -1, 1) if self.batch_name else (0,):
            factor = self._scaled_factor(transform, power)
            if factor is not None:
                return factor * self.batch(self.draws[0]) ** -power
        return None

    def _scaled_factor(
        self, transform: Callable[[np.ndarray], np.ndarray], power: int
    ) -> float | None:
        first = transform(self.answers[0]) * self.batch(self.draws[0]) ** power
        truth = self.truths[0]
        norm = float(np.vdot(truth, truth))
        if first.shape != truth.shape or norm == 0.0:
            return None
        factor = float(np.vdot(first, truth)) / norm
        if factor == 0.0 or not self.agrees_scaled(lambda a: transform(a) / factor, power):
            return None
        return factor

    def rewritten_agrees(self, tree: Node, substitute: Mapping[str, str] | None = None) -> bool:
        """Does ``tree`` (names renamed by ``substitute``) equal the truth on every draw?"""
        substitute = substitute or {}
        if tree == self.tree and not substitute:
            return False
        try:
            infer_shape(tree, self.env)
        except FormulaError:
            return False
        values = [{**d, **{old: d[new] for old, new in substitute.items()}} for d in self.draws]
        return agrees([evaluate(tree, v) for v in values], self.truths)


Rule = Callable[[Evidence], dict[str, Any] | None]


def transposed(ev: Evidence) -> dict[str, Any] | None:
    """The answer, transposed, is the truth (up to a constant factor, which a later check
    will name once the transpose is fixed)."""
    if ev.answers[0].ndim == 2 and ev.answers[0].shape != ev.truths[0].shape:
        found = ev.factor_after(np.transpose) is not None
        return {"target": ev.target} if found else None
    return None


def keepdims(ev: Evidence) -> dict[str, Any] | None:
    pairs = list(zip(ev.answers, ev.truths, strict=True))
    if any(a.shape == t.shape or a.size != t.size for a, t in pairs):
        return None
    return {} if agrees([a.reshape(t.shape) for a, t in pairs], ev.truths) else None


def bias_not_summed(ev: Evidence) -> dict[str, Any] | None:
    answer, truth = ev.answers[0], ev.truths[0]
    for axis in range(answer.ndim):
        if answer.shape[axis] == 1 or np.sum(answer, axis=axis).size != truth.size:
            continue
        for power in (0, -1) if ev.batch_name else (0,):
            if ev.agrees_scaled(lambda a, k=axis: np.sum(a, axis=k).reshape(truth.shape), power):
                return {"axis": axis}
    return None


def missing_keepdims(ev: Evidence) -> dict[str, Any] | None:
    for node in _reductions(ev.tree):
        if not node.keepdims and ev.rewritten_agrees(
            _replace_reduction(ev.tree, node, node.axis, True)
        ):
            return {}
    return None


def summed_wrong_axis(ev: Evidence) -> dict[str, Any] | None:
    for node in _reductions(ev.tree):
        ndim = len(infer_shape(node.args[0], ev.env))
        for axis, keep in itertools.product(range(ndim), (node.keepdims, True)):
            if axis == node.axis:
                continue
            if ev.rewritten_agrees(_replace_reduction(ev.tree, node, axis, keep)):
                return {"fix": f"axis={axis}" + (", keepdims=True" if keep else "")}
    return None


def sign_flipped(ev: Evidence) -> dict[str, Any] | None:
    return {"target": ev.target} if ev.agrees_after(np.negative) else None


def missing_batch_mean(ev: Evidence) -> dict[str, Any] | None:
    if ev.batch_name and ev.agrees_scaled(lambda a: a, -1):
        return {"scale": ev.batch_name}
    return None


def extra_batch_mean(ev: Evidence) -> dict[str, Any] | None:
    if ev.batch_name and ev.agrees_scaled(lambda a: a, 1):
        return {"scale": ev.batch_name}
    return None


def hard_coded_batch_size(ev: Evidence) -> dict[str, Any] | None:
    """``(y - t) / 7`` for ``(y - t) / N``: right at the usual batch size only; the
    judging draw with another batch size shows it."""
    if not ev.batch_name:
        return None
    size = ev.batch(ev.draws[0])
    literals = [n for n in walk(ev.tree) if isinstance(n, Number) and n.value == size]
    name = ev.batch_name
    as_name = rewrite(ev.tree, lambda n: Name(name, n.span) if n in literals else None)
    if literals and ev.rewritten_agrees(as_name):
        return {"name": name, "number": int(size)}
    return None


def input_instead_of_output(ev: Evidence) -> dict[str, Any] | None:
    used = names_in(ev.tree)
    for pre, post, activation in ev.pairs:
        if pre in used and ev.rewritten_agrees(ev.tree, {pre: post}):
            return {"used": pre, "output": post, "activation": activation}
    return None


def forward_instead_of_gradient(ev: Evidence) -> dict[str, Any] | None:
    for name in sorted(names_in(ev.tree)):
        gradient = "d" + name
        if gradient in ev.draws[0] and ev.rewritten_agrees(ev.tree, {name: gradient}):
            return {"used": name, "gradient": gradient}
    return None


def tanh_without_square(ev: Evidence) -> dict[str, Any] | None:
    for _, post, activation in ev.pairs:
        if activation == "tanh" and ev.rewritten_agrees(rewrite(ev.tree, _squared(post))):
            return {"name": post}
    return None


def activation_derivative_skipped(ev: Evidence) -> dict[str, Any] | None:
    """``x.T @ dz1`` for ``x.T @ da1``: the gradient after the activation was used where
    the one before it belongs, i.e. the activation's derivative was left out."""
    used = names_in(ev.tree)
    for pre, post, activation in ev.pairs:
        after, before = "d" + post, "d" + pre
        swapped = after in used and before in ev.draws[0]
        if swapped and ev.rewritten_agrees(ev.tree, {after: before}):
            return {"used": after, "gradient": before, "activation": activation}
    return None


def constant_factor(ev: Evidence) -> dict[str, Any] | None:
    factor = ev.factor_after(lambda a: a)
    if factor is not None and abs(factor - 1.0) > 1e-6:
        return {"factor": factor}
    return None


RULES: dict[str, Rule] = {
    "hard_coded_batch_size": hard_coded_batch_size,
    "transposed": transposed,
    "keepdims": keepdims,
    "bias_not_summed": bias_not_summed,
    "missing_keepdims": missing_keepdims,
    "summed_wrong_axis": summed_wrong_axis,
    "sign_flipped": sign_flipped,
    "missing_batch_mean": missing_batch_mean,
    "extra_batch_mean": extra_batch_mean,
    "input_instead_of_output": input_instead_of_output,
    "forward_instead_of_gradient": forward_instead_of_gradient,
    "tanh_without_square": tanh_without_square,
    "activation_derivative_skipped": activation_derivative_skipped,
    "constant_factor": constant_factor,
}


def diagnose(ev: Evidence) -> tuple[str, dict[str, Any]] | None:
    """The first rule that explains the answer: ``(code, message parameters)``."""
    for code, rule in RULES.items():
        params = rule(ev)
        if params is not None:
            return code, params
    return None


def activation_pairs(values: Values) -> list[tuple[str, str, str]]:
    """``(input, output, activation)`` for every pair of names where output = f(input),
    found numerically on one draw (``a1 → z1`` sigmoid, ``Z1 → A1`` tanh, ...)."""
    arrays = {k: np.asarray(v) for k, v in values.items() if np.ndim(v) >= 1}
    pairs = []
    for pre, x in arrays.items():
        for post, y in arrays.items():
            if pre == post or x.shape != y.shape:
                continue
            for activation, function in ACTIVATIONS.items():
                with np.errstate(all="ignore"):
                    if np.allclose(function(x), y, rtol=1e-10, atol=1e-12):
                        pairs.append((pre, post, activation))
    return pairs


def _reductions(tree: Node) -> list[Call]:
    """Every ``sum``/``mean``/``max`` call of the formula."""
    return [n for n in walk(tree) if isinstance(n, Call) and FUNCTIONS[n.func].kind == "reduce"]


def _replace_reduction(tree: Node, old: Call, axis: Axis, keepdims: bool) -> Node:
    """``tree`` with the reduction ``old`` taken over ``axis`` with ``keepdims``."""
    new = Call(old.func, old.args, old.span, axis=axis, keepdims=keepdims)
    return rewrite(tree, lambda n: new if n == old else None)


def _squared(name: str) -> Callable[[Node], Node | None]:
    """A rewrite turning ``1 - name`` into ``1 - name**2``."""

    def change(node: Node) -> Node | None:
        if (
            isinstance(node, Binary)
            and node.op == "-"
            and node.left == Number(1.0, node.left.span)
            and isinstance(node.right, Name)
            and node.right.name == name
        ):
            squared = Binary("**", node.right, Number(2.0, node.right.span), node.right.span)
            return Binary("-", node.left, squared, node.span)
        return None

    return change
