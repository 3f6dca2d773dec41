"""The whitelist of functions a formula may call, and how each is computed.

Shape rules live in ``shapes.py`` keyed by ``kind``:

- ``elementwise``: one array in, same shape out (``np.exp``, ``sigmoid``);
- ``broadcast``: two arrays broadcast together (``np.multiply``, ``np.maximum``);
- ``where``: three arrays broadcast together (``np.where(cond, a, b)``);
- ``matmul``: matrix product (``np.dot``, ``np.matmul``, ``@``);
- ``reduce``: ``axis``/``keepdims`` reductions (``np.sum``, ``.mean``, ``.max``);
- ``softmax``: shape kept, normalised along ``axis`` (default -1);
- ``transpose``: the shape reversed (``np.transpose(x)`` is ``x.T``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.functions import sigmoid, softmax


@dataclass(frozen=True)
class FunctionSpec:
    """One callable of the formula dialect; ``arity`` counts positional array arguments."""

    kind: str
    arity: int
    compute: Callable[..., np.ndarray]


FUNCTIONS: dict[str, FunctionSpec] = {
    "np.exp": FunctionSpec("elementwise", 1, np.exp),
    "np.log": FunctionSpec("elementwise", 1, np.log),
    "np.tanh": FunctionSpec("elementwise", 1, np.tanh),
    "np.sqrt": FunctionSpec("elementwise", 1, np.sqrt),
    "np.abs": FunctionSpec("elementwise", 1, np.abs),
    "np.ones_like": FunctionSpec("elementwise", 1, np.ones_like),
    "np.zeros_like": FunctionSpec("elementwise", 1, np.zeros_like),
    "sigmoid": FunctionSpec("elementwise", 1, sigmoid),
    "softmax": FunctionSpec("softmax", 1, softmax),
    "np.multiply": FunctionSpec("broadcast", 2, np.multiply),
    "np.maximum": FunctionSpec("broadcast", 2, np.maximum),
    "np.power": FunctionSpec("broadcast", 2, np.power),
    "np.heaviside": FunctionSpec("broadcast", 2, np.heaviside),
    "np.where": FunctionSpec("where", 3, np.where),
    "np.dot": FunctionSpec("matmul", 2, np.dot),
    "np.matmul": FunctionSpec("matmul", 2, np.matmul),
    "np.sum": FunctionSpec("reduce", 1, np.sum),
    "np.mean": FunctionSpec("reduce", 1, np.mean),
    "np.max": FunctionSpec("reduce", 1, np.max),
    "np.transpose": FunctionSpec("transpose", 1, np.transpose),
}

# Other spellings of the same function, read as the canonical name.
ALIASES: dict[str, str] = {"np.amax": "np.max"}

# ``a.sum(...)`` is read as ``np.sum(a, ...)``; ``.T`` is handled by the parser itself.
METHODS: dict[str, str] = {
    "sum": "np.sum",
    "mean": "np.mean",
    "max": "np.max",
    "dot": "np.dot",
    "transpose": "np.transpose",
}

# ``a.astype(float)`` is ``a`` (every value is already float64); only these arguments.
FLOAT_TYPES = frozenset({"float", "np.float64", "float64"})

# Functions whose argument must be positive; ``check_array_expression`` draws the names
# inside them from a positive range.
NEEDS_POSITIVE = frozenset({"np.log", "np.sqrt"})


def _compare(ufunc: Callable[..., np.ndarray]) -> Callable[..., np.ndarray]:
    """A comparison whose mask is 1.0/0.0, so ``(a1 > 0) * dz1`` is plain arithmetic."""
    return lambda left, right: ufunc(left, right).astype(np.float64)


# Operators: ``@`` follows the matmul shape rule, every other operator broadcasts.
OPERATORS: dict[str, Callable[..., np.ndarray]] = {
    "+": np.add,
    "-": np.subtract,
    "*": np.multiply,
    "/": np.divide,
    "**": np.power,
    "@": np.matmul,
    ">": _compare(np.greater),
    "<": _compare(np.less),
    ">=": _compare(np.greater_equal),
    "<=": _compare(np.less_equal),
    "==": _compare(np.equal),
    "!=": _compare(np.not_equal),
}
