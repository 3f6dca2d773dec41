"""Shape inference on the checked tree, before any number is computed.

``infer_shape(W2.T @ dZ2)`` with ``W2 (1,4)``, ``dZ2 (1,5)`` gives ``(4, 5)``; a product
that cannot be formed raises ``FormulaError`` with both shapes and the node at fault, and
no intermediate array may exceed ``MAX_ELEMENTS`` (so ``np.ones(10**12)``-style blow-ups
by broadcasting are refused before NumPy allocates anything).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from engine.formula.errors import FormulaError
from engine.formula.functions import FUNCTIONS
from engine.formula.nodes import Binary, Call, Dim, Name, Negate, Node, Number, Transpose

Shape = tuple[int, ...]

MAX_ELEMENTS = 10**6
MAX_MATMUL_WORK = 10**8


def infer_shape(node: Node, env: Mapping[str, Shape]) -> Shape:
    """The NumPy shape ``node`` evaluates to, given the shape of every name in ``env``."""
    shape = _infer(node, env)
    size = math.prod(shape)
    if size > MAX_ELEMENTS:
        raise FormulaError("too_big", node.span, node, shape=shape, limit=MAX_ELEMENTS)
    return shape


def _infer(node: Node, env: Mapping[str, Shape]) -> Shape:
    if isinstance(node, Name):
        return tuple(env[node.name])
    if isinstance(node, Number):
        return ()
    if isinstance(node, Dim):
        ndim = len(env[node.name])
        if not -ndim <= node.axis < ndim:
            raise FormulaError(
                "shape_index_range", node.span, node, name=node.name, ndim=ndim, index=node.axis
            )
        return ()
    if isinstance(node, Negate):
        return infer_shape(node.operand, env)
    if isinstance(node, Transpose):
        return infer_shape(node.operand, env)[::-1]
    if isinstance(node, Binary):
        left, right = infer_shape(node.left, env), infer_shape(node.right, env)
        if node.op == "@":
            return matmul_shape(left, right, node, allow_scalars=False)
        return broadcast_shape((left, right), node)
    return _call_shape(node, [infer_shape(a, env) for a in node.args])


def _call_shape(node: Call, shapes: list[Shape]) -> Shape:
    kind = FUNCTIONS[node.func].kind
    if kind in ("broadcast", "where"):
        return broadcast_shape(tuple(shapes), node)
    if kind == "matmul":
        return matmul_shape(*shapes, node, allow_scalars=node.func == "np.dot")
    if kind == "reduce":
        return reduced_shape(shapes[0], node)
    if kind == "transpose":
        return shapes[0][::-1]
    if kind == "softmax":
        normalise_axes(node.axis if node.axis is not None else -1, len(shapes[0]), node)
    return shapes[0]


def broadcast_shape(shapes: tuple[Shape, ...], node: Node) -> Shape:
    """NumPy broadcasting of ``shapes`` or ``FormulaError("broadcast")``."""
    try:
        return tuple(np.broadcast_shapes(*shapes))
    except ValueError:
        raise FormulaError("broadcast", node.span, node, shapes=shapes) from None


def matmul_shape(left: Shape, right: Shape, node: Node, *, allow_scalars: bool) -> Shape:
    """Shape of ``left @ right`` (``np.dot`` also accepts scalars, but not >2-D arrays)."""
    if not left or not right:
        if allow_scalars:
            return broadcast_shape((left, right), node)
        raise FormulaError("matmul_scalar", node.span, node, shapes=(left, right))
    if allow_scalars and max(len(left), len(right)) > 2:
        raise FormulaError("dot_high_dim", node.span, node, shapes=(left, right))
    a = (1, *left) if len(left) == 1 else left
    b = (*right, 1) if len(right) == 1 else right
    mismatch = FormulaError(
        "matmul", node.span, node, left=left, right=right, inner_left=a[-1], inner_right=b[-2]
    )
    if a[-1] != b[-2]:
        raise mismatch
    try:
        batch = tuple(np.broadcast_shapes(a[:-2], b[:-2]))
    except ValueError:
        raise mismatch from None
    out = batch + left[-2:-1] * (len(left) > 1) + right[-1:] * (len(right) > 1)
    if math.prod(out) * a[-1] > MAX_MATMUL_WORK:
        raise FormulaError("too_big", node.span, node, shape=out, limit=MAX_MATMUL_WORK)
    return out


def normalise_axes(axis: int | tuple[int, ...] | None, ndim: int, node: Node) -> tuple[int, ...]:
    """``axis`` as non-negative, distinct axes of an ``ndim``-dimensional array."""
    if axis is None:
        return tuple(range(ndim))
    axes = axis if isinstance(axis, tuple) else (axis,)
    if any(not -ndim <= a < ndim for a in axes) or ndim == 0:
        raise FormulaError("axis_range", node.span, node, axis=axis, ndim=ndim)
    positive = tuple(a % ndim for a in axes)
    if len(set(positive)) != len(positive):
        raise FormulaError("bad_axis", node.span, node)
    return positive


def reduced_shape(shape: Shape, node: Call) -> Shape:
    """Shape after ``np.sum/mean/max(.., axis=node.axis, keepdims=node.keepdims)``."""
    if not shape and node.axis is None:
        return ()
    axes = normalise_axes(node.axis, len(shape), node)
    if node.keepdims:
        return tuple(1 if i in axes else n for i, n in enumerate(shape))
    return tuple(n for i, n in enumerate(shape) if i not in axes)
