"""The checked formula tree: the only structure the evaluator ever sees.

Every node keeps ``span``, the ``(start, end)`` character positions of its source text in
the learner's original answer, so messages can point at the exact construct.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

Span = tuple[int, int]
Axis = int | tuple[int, ...] | None


@dataclass(frozen=True)
class Name:
    """A preset name (``W1``, ``dZ2``, ``N``); its value comes from the sampled network."""

    name: str
    span: Span


@dataclass(frozen=True)
class Number:
    """A numeric literal, always computed as float64."""

    value: float
    span: Span


@dataclass(frozen=True)
class Dim:
    """``name.shape[axis]``: one dimension of a preset array, as a scalar (``x.shape[0]``
    is the batch size N of the draw)."""

    name: str
    axis: int
    span: Span


@dataclass(frozen=True)
class Negate:
    """Unary minus ``-operand``."""

    operand: Node
    span: Span


@dataclass(frozen=True)
class Binary:
    """``left op right`` with op in ``+ - * / ** @`` or a comparison ``> < >= <= == !=``."""

    op: str
    left: Node
    right: Node
    span: Span


@dataclass(frozen=True)
class Transpose:
    """``operand.T``: the shape reversed, as NumPy does."""

    operand: Node
    span: Span


@dataclass(frozen=True)
class Call:
    """A whitelisted function (``np.sum``, ``sigmoid``); methods ``a.sum(...)`` become
    ``np.sum(a, ...)``. ``axis``/``keepdims`` are the only options any function takes."""

    func: str
    args: tuple[Node, ...]
    span: Span
    axis: Axis = None
    keepdims: bool = False


Node = Name | Number | Dim | Negate | Binary | Transpose | Call


def children(node: Node) -> Iterator[Node]:
    """The direct sub-nodes of ``node``, left to right."""
    if isinstance(node, Negate | Transpose):
        yield node.operand
    elif isinstance(node, Binary):
        yield node.left
        yield node.right
    elif isinstance(node, Call):
        yield from node.args


def walk(node: Node) -> Iterator[Node]:
    """``node`` and all its descendants, parents first."""
    yield node
    for child in children(node):
        yield from walk(child)


def rewrite(node: Node, change: Callable[[Node], Node | None]) -> Node:
    """Rebuild ``node`` bottom-up; wherever ``change`` returns a node it replaces the original."""
    rebuilt = node
    if isinstance(node, Negate | Transpose):
        rebuilt = replace(node, operand=rewrite(node.operand, change))
    elif isinstance(node, Binary):
        rebuilt = replace(node, left=rewrite(node.left, change), right=rewrite(node.right, change))
    elif isinstance(node, Call):
        rebuilt = replace(node, args=tuple(rewrite(a, change) for a in node.args))
    replaced = change(rebuilt)
    return rebuilt if replaced is None else replaced


def names_in(node: Node) -> set[str]:
    """Every preset name the formula mentions."""
    return {n.name for n in walk(node) if isinstance(n, Name)}
