"""Hints for a product or sum whose shapes do not fit: which single transpose (or, for
``@``, which swap of operands) would give the whole formula the target's shape."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from engine.formula.errors import FormulaError
from engine.formula.nodes import Binary, Call, Name, Node, Transpose, rewrite
from engine.formula.shapes import Shape, infer_shape


def shape_hint(
    tree: Node, error: FormulaError, env: Mapping[str, Shape], target_shape: Shape, text: str
) -> str | None:
    """Source text of a corrected sub-expression, e.g. ``W2.T`` or ``W2.T @ dZ2``."""
    for old, new in _candidates(error.node):
        fixed = rewrite(tree, lambda n, o=old, r=new: r if n == o else None)
        try:
            if infer_shape(fixed, env) == target_shape:
                return _source(new, text)
        except FormulaError:
            continue
    return None


def _candidates(node: Node | None) -> Iterator[tuple[Node, Node]]:
    """(operand, replacement) pairs: each operand transposed or un-transposed, then the
    operands of a matrix product swapped."""
    if isinstance(node, Binary):
        operands = (node.left, node.right)
    elif isinstance(node, Call):
        operands = node.args
    else:
        return
    for operand in operands:
        yield operand, _flip(operand)
    if isinstance(node, Binary) and node.op == "@":
        yield node, Binary("@", node.right, node.left, node.span)


def _flip(node: Node) -> Node:
    return node.operand if isinstance(node, Transpose) else Transpose(node, node.span)


def _source(node: Node, text: str) -> str:
    """How the learner would write ``node``, built from the source of its parts."""
    if isinstance(node, Transpose):
        return f"{_operand(node.operand, text)}.T"
    if isinstance(node, Binary) and node.op == "@":
        return f"{_operand(node.left, text)} @ {_operand(node.right, text)}"
    return text[node.span[0] : node.span[1]]


def _operand(node: Node, text: str) -> str:
    """Source of ``node``, parenthesised unless it is a name, a call or a ``.T``."""
    inner = text[node.span[0] : node.span[1]]
    return inner if isinstance(node, Name | Call | Transpose) else f"({inner})"
