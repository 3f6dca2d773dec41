"""NumPy evaluation of a checked, shape-inferred formula tree, in float64.

Only ``nodes.py`` objects are evaluated: every operation is a lookup in
``functions.OPERATORS`` / ``functions.FUNCTIONS``. Overflow and invalid operations give
inf/nan (reported as such by ``check.py``), never warnings or exceptions.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from engine.formula.functions import FUNCTIONS, OPERATORS
from engine.formula.nodes import Binary, Call, Dim, Name, Negate, Node, Number, Transpose

Values = Mapping[str, np.ndarray | float]


def evaluate(node: Node, values: Values) -> np.ndarray:
    """The value of ``node`` with every name taken from ``values``."""
    with np.errstate(all="ignore"):
        return np.asarray(_evaluate(node, values), dtype=np.float64)


def _evaluate(node: Node, values: Values) -> np.ndarray:
    if isinstance(node, Name):
        return np.asarray(values[node.name], dtype=np.float64)
    if isinstance(node, Number):
        return np.float64(node.value)
    if isinstance(node, Dim):
        return np.float64(np.shape(values[node.name])[node.axis])
    if isinstance(node, Negate):
        return -_evaluate(node.operand, values)
    if isinstance(node, Transpose):
        return np.transpose(_evaluate(node.operand, values))
    if isinstance(node, Binary):
        return OPERATORS[node.op](_evaluate(node.left, values), _evaluate(node.right, values))
    return _call(node, [_evaluate(a, values) for a in node.args])


def _call(node: Call, args: list[np.ndarray]) -> np.ndarray:
    spec = FUNCTIONS[node.func]
    if spec.kind == "reduce":
        return spec.compute(args[0], axis=node.axis, keepdims=node.keepdims)
    if spec.kind == "softmax":
        return spec.compute(args[0], axis=-1 if node.axis is None else node.axis)
    if spec.kind == "where":
        return spec.compute(args[0] != 0, args[1], args[2])
    return spec.compute(*args)
